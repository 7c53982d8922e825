package dev.mailroom.mailer.activity;

import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.suppressions.ImapSecurity;
import dev.mailroom.model.suppressions.MailboxPassword;
import dev.mailroom.model.suppressions.MailboxReader;
import dev.mailroom.model.suppressions.ReportMailbox;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.NotTerm;
import jakarta.mail.search.SearchTerm;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.MessageSet;

/**
 * Reads a report mailbox over IMAP (Jakarta Mail / Angus): bounces and complaints, and messages
 * carrying DMARC aggregate or SMTP TLS reports (handed over as such, see {@link MessageRouting}). Messages already handled carry a keyword
 * on the server ({@value #PROCESSED}, {@value #SKIPPED}, {@value #UNREADABLE}) and are left out by the
 * server's own search, so a mailbox of thousands is read once, in chunks, and a cancelled read
 * resumes where it stopped. The store remembers each report too (by Message-ID), which covers
 * servers that keep no keywords: reading twice records nothing twice either way.
 *
 * <p>Each message is read with BODY.PEEK (a person's unread mail stays unread) and at most
 * {@code maxBytes}: a bounce quoting a huge attachment costs only its first part.
 */
public final class ImapReportReader implements MailboxReader {
    public static final String PROCESSED = "$MailroomProcessed";
    public static final String SKIPPED = "$MailroomSkipped";
    public static final String UNREADABLE = "$MailroomUnreadable";
    static final int CHUNK = 200;
    static final long BATCH_BYTES = 8L * 1024 * 1024;

    private final BounceParser parser;
    private final MessageRouting routing;
    private final int maxBytes;
    private final int timeoutMillis;

    public ImapReportReader() {
        this(BounceParser.DEFAULT_MAX_BYTES, 30_000);
    }

    public ImapReportReader(int maxBytes, int timeoutMillis) {
        this.parser = new BounceParser(maxBytes);
        this.maxBytes = maxBytes;
        this.routing = new MessageRouting(parser, maxBytes);
        this.timeoutMillis = timeoutMillis;
    }

    @Override
    public int test(ReportMailbox mailbox, MailboxPassword password) {
        Store store = connect(mailbox, password);
        try {
            Folder folder = open(store, mailbox, Folder.READ_ONLY);
            int n = folder.getMessageCount();
            folder.close(false);
            return n;
        } catch (MessagingException e) {
            throw failure(mailbox, e);
        } finally {
            closeQuietly(store);
        }
    }

    @Override
    public void read(
            ReportMailbox mailbox, MailboxPassword password, Handler handler, Progress progress, Cancellation cancel) {
        Store store = connect(mailbox, password);
        try {
            Folder folder = open(store, mailbox, Folder.READ_WRITE);
            boolean keywords = folder.getPermanentFlags().contains(Flags.Flag.USER);
            Message[] waiting = keywords ? folder.search(notHandled()) : folder.getMessages();
            int total = waiting.length;
            progress.update(0, total);
            FetchProfile profile = new FetchProfile();
            profile.add(UIDFolder.FetchProfileItem.UID);
            profile.add(FetchProfile.Item.SIZE);
            int done = 0;
            for (int from = 0; from < total && !cancel.isCancelled(); from += CHUNK) {
                Message[] chunk = Arrays.copyOfRange(waiting, from, Math.min(total, from + CHUNK));
                folder.fetch(chunk, profile);
                java.util.Map<Disposition, java.util.List<Message>> outcomes =
                        new java.util.EnumMap<>(Disposition.class);
                // Bodies in batches of at most BATCH_BYTES, one FETCH each: few round trips, bounded memory.
                int at = 0;
                while (at < chunk.length && !cancel.isCancelled()) {
                    int end = at;
                    long bytes = 0;
                    while (end < chunk.length && (end == at || bytes + bounded(chunk[end]) <= BATCH_BYTES)) {
                        bytes += bounded(chunk[end++]);
                    }
                    Message[] batch = Arrays.copyOfRange(chunk, at, end);
                    Map<Integer, byte[]> heads = heads(folder, batch);
                    for (Message m : batch) {
                        if (cancel.isCancelled()) {
                            break;
                        }
                        one(folder, m, heads.get(m.getMessageNumber()), handler)
                                .ifPresent(d -> outcomes.computeIfAbsent(d, x -> new java.util.ArrayList<>())
                                        .add(m));
                        progress.update(++done, total);
                    }
                    at = end;
                }
                // One STORE per outcome and chunk, not one per message: a round trip each is slow on large mailboxes.
                flag(folder, outcomes, handler, keywords);
            }
            folder.close(false);
        } catch (MessagingException e) {
            throw failure(mailbox, e);
        } finally {
            closeQuietly(store);
        }
    }

    /** Hands over one message; its disposition, or empty when it could not be read (then left as it is). */
    private java.util.Optional<Disposition> one(Folder folder, Message m, byte[] raw, Handler handler) {
        if (raw == null) {
            handler.failed(describe(folder, m), "could not be fetched; it stays in the mailbox for the next read");
            return java.util.Optional.empty();
        }
        try {
            String key = keyOf(raw);
            return java.util.Optional.of(
                    routing.hand(handler, key, Math.max(size(m), raw.length), raw, () -> whole(m)));
        } catch (RuntimeException e) {
            handler.failed(
                    describe(folder, m),
                    "could not be handled (" + reason(e) + "); it stays in the mailbox for the next read");
            return java.util.Optional.empty();
        }
    }

    /** The first {@code maxBytes + 1} bytes of each message (one more tells the parser it was cut), by message number. */
    private Map<Integer, byte[]> heads(Folder folder, Message[] batch) throws MessagingException {
        int[] numbers = Arrays.stream(batch).mapToInt(Message::getMessageNumber).toArray();
        Map<Integer, byte[]> out = new HashMap<>();
        ((IMAPFolder) folder).doCommand(p -> {
            Response[] rs = p.fetch(MessageSet.createMessageSets(numbers), "BODY.PEEK[]<0." + (maxBytes + 1) + ">");
            for (Response r : rs) {
                if (r instanceof FetchResponse fr) {
                    BODY body = fr.getItem(BODY.class);
                    if (body != null && body.getByteArray() != null) {
                        out.put(fr.getNumber(), body.getByteArray().getNewBytes());
                    }
                }
            }
            p.handleResult(rs[rs.length - 1]);
            return null;
        });
        return out;
    }

    /**
     * The whole message (BODY.PEEK, so it stays unread), for a report message larger than
     * {@code maxBytes}; null when it is larger than a report file may be or cannot be fetched.
     */
    private static byte[] whole(Message m) {
        if (size(m) > dev.mailroom.model.dmarc.DmarcService.MAX_FILE_BYTES) {
            return null;
        }
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(Math.max(1024, (int) size(m)));
            m.writeTo(out);
            return out.toByteArray();
        } catch (java.io.IOException | MessagingException | RuntimeException e) {
            return null;
        }
    }

    private long bounded(Message m) {
        return Math.min(size(m), maxBytes + 1L);
    }

    private static long size(Message m) {
        try {
            return Math.max(0, m.getSize());
        } catch (MessagingException e) {
            return 0;
        }
    }

    private static void flag(
            Folder folder,
            java.util.Map<Disposition, java.util.List<Message>> outcomes,
            Handler handler,
            boolean keywords) {
        for (var e : outcomes.entrySet()) {
            Message[] ms = e.getValue().toArray(new Message[0]);
            Flags flags = switch (e.getKey()) {
                case PROCESSED -> keywords ? seenAnd(PROCESSED) : new Flags(Flags.Flag.SEEN);
                case SKIPPED -> keywords ? new Flags(SKIPPED) : null;
                case UNREADABLE -> keywords ? new Flags(UNREADABLE) : null;
                case RETRY -> null; // left as it is: the next read offers it again
            };
            if (flags == null) {
                continue;
            }
            try {
                folder.setFlags(ms, flags, true);
            } catch (MessagingException ex) {
                for (Message m : ms) {
                    handler.failed(
                            describe(folder, m),
                            "was read but could not be flagged (" + reason(ex)
                                    + "); the next read finds it again and records nothing twice");
                }
            }
        }
    }

    private static Flags seenAnd(String keyword) {
        Flags f = new Flags(Flags.Flag.SEEN);
        f.add(keyword);
        return f;
    }

    private static SearchTerm notHandled() {
        return new AndTerm(new SearchTerm[] {
            new NotTerm(new FlagTerm(new Flags(PROCESSED), true)),
            new NotTerm(new FlagTerm(new Flags(SKIPPED), true)),
            new NotTerm(new FlagTerm(new Flags(UNREADABLE), true))
        });
    }

    /** What the ingest remembers a report by: its own Message-ID, or a digest of its bytes when it has none. */
    static String keyOf(byte[] raw) {
        return messageId(raw).orElseGet(() -> "sha256:" + sha256(raw));
    }

    private static java.util.Optional<String> messageId(byte[] raw) {
        try {
            String[] ids = new InternetHeaders(new ByteArrayInputStream(raw)).getHeader("Message-ID");
            if (ids == null
                    || ids.length == 0
                    || ids[0].isBlank()
                    || ids[0].strip().length() > 900) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(ids[0].strip());
        } catch (MessagingException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String describe(Folder folder, Message m) {
        try {
            long uid = folder instanceof UIDFolder u ? u.getUID(m) : -1;
            return "Message " + (uid > 0 ? "UID " + uid : "#" + m.getMessageNumber());
        } catch (MessagingException | RuntimeException e) {
            return "Message #" + m.getMessageNumber();
        }
    }

    private Store connect(ReportMailbox mailbox, MailboxPassword password) {
        Properties p = new Properties();
        String protocol = mailbox.security() == ImapSecurity.IMPLICIT_TLS ? "imaps" : "imap";
        String prefix = "mail." + protocol + ".";
        p.put("mail.store.protocol", protocol);
        p.put(prefix + "connectiontimeout", Integer.toString(timeoutMillis));
        p.put(prefix + "timeout", Integer.toString(timeoutMillis));
        p.put(prefix + "writetimeout", Integer.toString(timeoutMillis));
        p.put(prefix + "peek", "true");
        p.put(prefix + "partialfetch", "true");
        p.put(prefix + "fetchsize", "65536");
        switch (mailbox.security()) {
            case IMPLICIT_TLS -> {
                p.put(prefix + "ssl.checkserveridentity", "true");
                p.put(prefix + "ssl.protocols", "TLSv1.3 TLSv1.2");
            }
            case STARTTLS_REQUIRED -> {
                p.put(prefix + "starttls.enable", "true");
                p.put(prefix + "starttls.required", "true");
                p.put(prefix + "ssl.checkserveridentity", "true");
            }
            case PLAIN_LOCALHOST_ONLY -> p.put(prefix + "starttls.enable", "false");
        }
        try {
            Store store = Session.getInstance(p).getStore(protocol);
            store.connect(mailbox.host(), mailbox.port(), mailbox.username(), password.reveal());
            return store;
        } catch (MessagingException e) {
            throw failure(mailbox, e);
        }
    }

    private static Folder open(Store store, ReportMailbox mailbox, int mode) throws MessagingException {
        Folder folder = store.getFolder(mailbox.folder());
        if (!folder.exists()) {
            throw new FolderNotFoundException(folder, "no folder " + mailbox.folder());
        }
        folder.open(mode);
        return folder;
    }

    /** A message a person can act on; never the password. */
    private static ExternalFailure failure(ReportMailbox mailbox, MessagingException e) {
        if (e instanceof AuthenticationFailedException) {
            return new ExternalFailure(
                    mailbox.host() + " refused the user name or password for " + mailbox.username() + ".");
        }
        if (e instanceof FolderNotFoundException) {
            return new ExternalFailure("The mailbox has no folder \"" + mailbox.folder() + "\".");
        }
        return new ExternalFailure("Could not read " + mailbox.host() + ":" + mailbox.port() + " (" + reason(e) + ").");
    }

    private static String reason(Exception e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.strip();
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (MessagingException e) {
            // the connection is going away anyway
        }
    }
}
