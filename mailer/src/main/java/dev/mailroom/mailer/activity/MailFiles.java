package dev.mailroom.mailer.activity;

import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.suppressions.MailboxReader;
import dev.mailroom.model.suppressions.ReportFiles;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Report messages in files: an .eml file is one message, an mbox file (it starts with a "From " line)
 * holds many, split at each "From " line with ">From " unescaped (mboxrd). Files are streamed, never
 * read whole; of each message at most {@code maxBytes + 1} bytes are kept (the parser knows the rest
 * was cut), so a huge attachment costs reading time, not memory. A report message (a big zip of DMARC
 * reports) cut there is read again whole from its place in the file, as the mailbox reader fetches it. A file that cannot be read is one
 * failure; the other files go on.
 */
public final class MailFiles implements ReportFiles {
    private final List<Path> files;
    private final BounceParser parser;
    private final MessageRouting routing;
    private final int maxBytes;

    public MailFiles(List<Path> files) {
        this(files, BounceParser.DEFAULT_MAX_BYTES);
    }

    MailFiles(List<Path> files, int maxBytes) {
        this.files = List.copyOf(files);
        this.maxBytes = maxBytes;
        this.parser = new BounceParser(maxBytes);
        this.routing = new MessageRouting(parser, maxBytes);
    }

    @Override
    public String describe() {
        String names = String.join(
                        ", ",
                        files.stream()
                                .limit(3)
                                .map(f -> String.valueOf(f.getFileName()))
                                .toList())
                + (files.size() > 3 ? ", …" : "");
        return files.size() + (files.size() == 1 ? " file (" : " files (") + names + ")";
    }

    @Override
    public void read(MailboxReader.Handler handler, MailboxReader.Progress progress, Cancellation cancel) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // counted as a failure when it is read
            }
        }
        long[] done = {0};
        long all = Math.max(1, total);
        for (Path f : files) {
            if (cancel.isCancelled()) {
                return;
            }
            try (InputStream in = new BufferedInputStream(Files.newInputStream(f), 64 * 1024)) {
                readFile(
                        f,
                        in,
                        handler,
                        read -> {
                            done[0] += read;
                            progress.update((int) (1000 * Math.min(done[0], all) / all), 1000);
                        },
                        cancel);
            } catch (IOException e) {
                handler.failed(String.valueOf(f.getFileName()), "could not be read (" + e.getMessage() + ")");
            }
        }
        progress.update(1000, 1000);
    }

    private void readFile(
            Path file,
            InputStream in,
            MailboxReader.Handler handler,
            java.util.function.LongConsumer read,
            Cancellation cancel)
            throws IOException {
        String name = String.valueOf(file.getFileName());
        byte[] line = readLine(in);
        if (line == null) {
            handler.failed(name, "is empty");
            return;
        }
        boolean mbox = startsWith(line, "From ");
        Message current = new Message(maxBytes);
        int number = 0;
        long offset = line.length;
        // Where the current message's bytes begin in the file (after its "From " line in an mbox).
        long start = mbox ? offset : 0;
        if (!mbox) {
            current.add(line, false);
        }
        read.accept(line.length);
        while ((line = readLine(in)) != null) {
            read.accept(line.length);
            if (mbox && startsWith(line, "From ")) {
                if (current.length() > 0) {
                    number++;
                    hand(name + (mbox ? " #" + number : ""), current, handler, new Range(file, true, start, offset));
                    if (cancel.isCancelled()) {
                        return;
                    }
                }
                current = new Message(maxBytes);
                offset += line.length;
                start = offset;
                continue;
            }
            offset += line.length;
            current.add(line, mbox);
        }
        if (current.length() > 0) {
            number++;
            hand(mbox ? name + " #" + number : name, current, handler, new Range(file, mbox, start, offset));
        }
    }

    private void hand(String description, Message m, MailboxReader.Handler handler, Range where) {
        byte[] raw = m.bytes();
        try {
            // Files are streamed and only each message's beginning kept; a report message cut there is read
            // again whole from its place in the file, up to the DMARC file import's limit.
            routing.hand(handler, ImapReportReader.keyOf(raw), m.size, raw, where::whole);
        } catch (RuntimeException e) {
            handler.failed(description, "could not be handled (" + e.getMessage() + ")");
        }
    }

    /** Where one message lies in its file: bytes [start, end), mbox-escaped or not. */
    private record Range(Path file, boolean mbox, long start, long end) {
        /** The whole message, or null when it is larger than a report file may be or cannot be read again. */
        byte[] whole() {
            if (end - start > DmarcService.MAX_FILE_BYTES) {
                return null;
            }
            Message all = new Message((int) DmarcService.MAX_FILE_BYTES);
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024)) {
                in.skipNBytes(start);
                long left = end - start;
                byte[] line;
                while (left > 0 && (line = readLine(in)) != null) {
                    left -= line.length;
                    all.add(line, mbox);
                }
            } catch (IOException e) {
                return null;
            }
            return all.bytes();
        }
    }

    /** One message's first bytes, and how long it really was. */
    private static final class Message {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final int keep;
        private long size;

        Message(int maxBytes) {
            this.keep = maxBytes + 1;
        }

        void add(byte[] line, boolean mbox) {
            int from = 0;
            // mboxrd: ">From " (any number of '>') in a body lost one '>' when it was written
            if (mbox && line.length > 5 && line[0] == '>') {
                int i = 0;
                while (i < line.length && line[i] == '>') {
                    i++;
                }
                if (startsWith(line, i, "From ")) {
                    from = 1;
                }
            }
            size += line.length - from;
            int room = keep - out.size();
            if (room > 0) {
                out.write(line, from, Math.min(room, line.length - from));
            }
        }

        long length() {
            return size;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }

    /** A line with its ending, or null at the end; long lines come back in pieces of 64 KB. */
    private static byte[] readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            line.write(b);
            if (b == '\n' || line.size() >= 64 * 1024) {
                break;
            }
        }
        return line.size() == 0 && b == -1 ? null : line.toByteArray();
    }

    private static boolean startsWith(byte[] line, String prefix) {
        return startsWith(line, 0, prefix);
    }

    private static boolean startsWith(byte[] line, int at, String prefix) {
        if (line.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
