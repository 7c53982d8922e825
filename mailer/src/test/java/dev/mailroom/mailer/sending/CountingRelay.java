package dev.mailroom.mailer.sending;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A relay for the crash tests that tells "transmitted" from "arrived", by recipient (one message per
 * recipient in those tests). A message is <em>transmitted</em> once the relay has answered its DATA with
 * 354 (its content may follow; its end may not): subethasmtp calls {@code data} right after sending the
 * 354, so the record is made even when the sender dies at once. It has <em>arrived</em> once the final
 * "." came in and the relay answered 250.
 */
final class CountingRelay implements AutoCloseable {
    private final SMTPServer server;
    private final Set<String> transmitted = new HashSet<>();
    private final Map<String, Integer> arrived = new HashMap<>();
    private int arrivals;

    CountingRelay() {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .messageHandlerFactory(this::handler)
                .build();
        server.start();
    }

    int port() {
        return server.getPortAllocated();
    }

    private MessageHandler handler(MessageContext ctx) {
        return new MessageHandler() {
            final List<String> to = new ArrayList<>();

            @Override
            public void from(String from) {}

            @Override
            public void recipient(String recipient) {
                to.add(recipient.toLowerCase(Locale.ROOT));
            }

            @Override
            public String data(InputStream data) throws IOException {
                synchronized (CountingRelay.this) {
                    transmitted.addAll(to);
                }
                data.readAllBytes(); // throws when the sender goes away before the final "."
                synchronized (CountingRelay.this) {
                    to.forEach(r -> arrived.merge(r, 1, Integer::sum));
                    arrivals++;
                    CountingRelay.this.notifyAll();
                }
                return null;
            }

            @Override
            public void done() {}
        };
    }

    synchronized int arrivals() {
        return arrivals;
    }

    /** Waits until at least {@code n} messages have arrived, or the time is up; returns how many have. */
    synchronized int awaitArrivals(int n, Duration atMost) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (arrivals < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return arrivals;
    }

    synchronized Map<String, Integer> arrived() {
        return Map.copyOf(arrived);
    }

    synchronized Set<String> transmitted() {
        return Set.copyOf(transmitted);
    }

    @Override
    public void close() {
        server.stop();
    }
}
