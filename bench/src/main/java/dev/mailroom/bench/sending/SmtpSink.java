package dev.mailroom.bench.sending;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback SMTP server that accepts every message and throws it away, counting what it took: the
 * far end for every sender in {@link SendBench}. One thread per session, replies flushed only when
 * the client has sent nothing more (so a pipelining client is answered in one write). It speaks just
 * enough SMTP for Jakarta Mail and Postfix's smtp-source: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT.
 */
final class SmtpSink implements AutoCloseable {
    private static final byte[] GREETING = ascii("220 sink.bench.test ESMTP\r\n");
    private static final byte[] EHLO = ascii("250-sink.bench.test\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n");
    private static final byte[] OK = ascii("250 2.0.0 Ok\r\n");
    private static final byte[] QUEUED = ascii("250 2.0.0 Ok: queued\r\n");
    private static final byte[] GO_AHEAD = ascii("354 End data with <CR><LF>.<CR><LF>\r\n");
    private static final byte[] BYE = ascii("221 2.0.0 Bye\r\n");
    private static final byte[] UNKNOWN = ascii("502 5.5.2 Command not recognized\r\n");

    private final ServerSocket server;
    private final AtomicLong messages = new AtomicLong();
    private final Thread acceptor;

    private SmtpSink(ServerSocket server) {
        this.server = server;
        this.acceptor = new Thread(this::acceptLoop, "sink-accept");
        acceptor.setDaemon(true);
    }

    static SmtpSink start() throws IOException {
        ServerSocket s = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        SmtpSink sink = new SmtpSink(s);
        sink.acceptor.start();
        return sink;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Messages accepted so far (DATA completed). */
    long messages() {
        return messages.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread t = new Thread(() -> session(s), "sink-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void session(Socket socket) {
        try (socket;
                OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096)) {
            LineReader in = new LineReader(socket.getInputStream());
            out.write(GREETING);
            out.flush();
            byte[] line = new byte[8192];
            while (true) {
                int n = readLine(in, line);
                if (n < 0) {
                    return;
                }
                String verb = n >= 4 ? new String(line, 0, 4, StandardCharsets.US_ASCII).toUpperCase() : "";
                switch (verb) {
                    case "EHLO" -> out.write(EHLO);
                    case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> out.write(OK);
                    case "DATA" -> {
                        out.write(GO_AHEAD);
                        out.flush();
                        int m;
                        while ((m = readLine(in, line)) >= 0 && !(m == 1 && line[0] == '.')) {
                            // discarded
                        }
                        if (m < 0) {
                            return;
                        }
                        messages.incrementAndGet();
                        out.write(QUEUED);
                    }
                    case "QUIT" -> {
                        out.write(BYE);
                        out.flush();
                        return;
                    }
                    default -> out.write(UNKNOWN);
                }
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // the client went away; nothing to keep
        }
    }

    /** Lines from a socket through its own buffer: no per-byte call into a synchronized stream. */
    private static final class LineReader {
        private final InputStream in;
        private final byte[] buf = new byte[64 * 1024];
        private int pos;
        private int end;

        LineReader(InputStream in) {
            this.in = in;
        }

        /** Whether more input is already here (a pipelining client), so a reply can wait for the next. */
        int available() throws IOException {
            return end - pos + in.available();
        }
    }

    /** Reads one line without its CRLF (or LF) into {@code line}, truncating long lines; -1 at the end of the stream. */
    private static int readLine(LineReader r, byte[] line) throws IOException {
        int n = 0;
        while (true) {
            if (r.pos == r.end) {
                r.pos = 0;
                r.end = r.in.read(r.buf);
                if (r.end <= 0) {
                    r.end = 0;
                    return n == 0 ? -1 : n;
                }
            }
            while (r.pos < r.end) {
                byte b = r.buf[r.pos++];
                if (b == '\n') {
                    return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                }
                if (n < line.length) {
                    line[n++] = b;
                }
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
