package dev.mailroom.app.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback SMTP relay for the demo. {@link #startForDemo()} is the relay every demo client's connection
 * points at (127.0.0.1:{@value #DEMO_PORT}, started by {@code --demo} only): it accepts every message and keeps
 * none, so the demo can send and test its connections without a network. {@link #start(int)} is the one for
 * the screenshots of a send in progress: it accepts the first
 * {@code accept} messages (refusing {@code nobody@…} with 550, as a real server refuses an unknown
 * user), then holds every later DATA without answering, so the send stays visibly part-way. Listens on
 * 127.0.0.1 only; daemon threads; never used outside {@code --demo}.
 */
public final class DemoRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int accept;
    private final AtomicInteger answered = new AtomicInteger();
    /** Released by {@link #close()}: a held DATA is answered then, never held past the relay's life. */
    private final java.util.concurrent.CountDownLatch closing = new java.util.concurrent.CountDownLatch(1);

    /** The longest a DATA is held for the screenshot, even if no one closes the relay. */
    private static final long HOLD_MINUTES = 5;

    /** The port of the demo clients' relay: fixed, so the connections made with the demo store find it again. */
    public static final int DEMO_PORT = 25_252;

    private static DemoRelay forDemo;

    private DemoRelay(int port, int accept) throws IOException {
        this.server = new ServerSocket(port, 10, InetAddress.getLoopbackAddress());
        this.accept = accept;
        Thread t = new Thread(this::serve, "demo-relay");
        t.setDaemon(true);
        t.start();
    }

    static DemoRelay start(int accept) throws IOException {
        return new DemoRelay(0, accept);
    }

    /**
     * Starts the demo clients' relay on 127.0.0.1:{@value #DEMO_PORT} for the life of this process, once; when
     * the port is taken (another demo console runs), that one answers instead.
     */
    public static synchronized void startForDemo() {
        if (forDemo != null) {
            return;
        }
        try {
            forDemo = new DemoRelay(DEMO_PORT, Integer.MAX_VALUE);
            org.slf4j.LoggerFactory.getLogger(DemoRelay.class)
                    .info("Demo relay listening on 127.0.0.1:{} (accepts every message, keeps none)", DEMO_PORT);
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(DemoRelay.class)
                    .warn("Demo relay not started on 127.0.0.1:{}: {}", DEMO_PORT, e.getMessage());
        }
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> talk(s), "demo-relay-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void talk(Socket s) {
        try (s;
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream()) {
            say(out, "220 relay.demo.example ESMTP demo");
            boolean refuseRecipient = false;
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> say(out, "250-relay.demo.example\r\n250 8BITMIME");
                    case "HELO", "MAIL", "RSET", "NOOP" -> {
                        refuseRecipient = false;
                        say(out, "250 2.0.0 OK");
                    }
                    case "RCPT" -> {
                        refuseRecipient =
                                line.toLowerCase(java.util.Locale.ROOT).contains("<nobody@");
                        say(
                                out,
                                refuseRecipient
                                        ? "550 5.1.1 <nobody>: Recipient address rejected: User unknown"
                                        : "250 2.1.5 OK");
                    }
                    case "DATA" -> {
                        say(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message itself is not kept
                        }
                        if (answered.incrementAndGet() > accept) {
                            // Hold it so the send stays in progress for the screenshot; then a temporary failure,
                            // which the outbox retries later, instead of holding a thread forever.
                            closing.await(HOLD_MINUTES, java.util.concurrent.TimeUnit.MINUTES);
                            say(out, "451 4.3.0 demo relay: try again later");
                            continue;
                        }
                        say(out, "250 2.0.0 Ok: queued as DEMO" + answered.get());
                    }
                    case "QUIT" -> {
                        say(out, "221 2.0.0 Bye");
                        return;
                    }
                    default -> say(out, "502 5.5.2 Command not recognised");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the console is closing
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        closing.countDown();
        server.close();
    }
}
