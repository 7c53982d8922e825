package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Not a test: a throughput harness until the bench module exists. Sends N DKIM-signed ~4 KB messages
 * through the outbox (H2, 8 sessions) into a local sink, then the same messages with plain Jakarta
 * Mail (8 threads each reusing one connection, the same signing, no outbox), and prints both and the
 * ratio. Run: java -cp <test classpath> dev.mailroom.mailer.sending.OutboxThroughput 2000
 */
public final class OutboxThroughput {
    private OutboxThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int threads = 8;
        AtomicInteger delivered = new AtomicInteger();
        SMTPServer sink = SMTPServer.port(0).bindAddress(InetAddress.getLoopbackAddress()).maxConnections(64)
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) throws java.io.IOException {
                        data.transferTo(java.io.OutputStream.nullOutputStream());
                        delivered.incrementAndGet();
                    }
                }).build();
        sink.start();
        String body = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(70); // about 4 KB
        Dkim.privatePem(); // the key pair is made before any timing
        plain(Math.min(n, 300), threads, body, 0, sink); // warm-up, so neither side pays for the JIT alone
        Path dir = Files.createTempDirectory("mailroom-bench");
        try (Store store = Backend.H2.open(dir); SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system())) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.connectionService(e -> null).create(f.owner, f.acme, new ConnectionDraft("Sink",
                    SendingEnvironment.PRODUCTION, "127.0.0.1", sink.getPortAllocated(), SmtpSecurity.PLAIN_LOCALHOST_ONLY, "",
                    Optional.empty(), "mailroom.agency.test", threads, 0));
            Outbox outbox = CrashSender.outbox(store, dir, transport, Clock.systemUTC());
            List<NewMessage> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(new NewMessage(f.acme, c.id(), "hello@" + OutboxDeliveryTest.DOMAIN, "Acme", "r" + i + "@example.net",
                        "Bench " + i, body, Optional.empty(), true, Optional.empty()));
            }
            long t0 = System.nanoTime();
            outbox.enqueue(batch);
            long t1 = System.nanoTime();
            Outbox.DrainReport report = outbox.drain(threads);
            long t2 = System.nanoTime();
            double outboxRate = n / ((t2 - t0) / 1e9);
            System.out.printf("outbox: %d sent (%s) in %.2f s (queue %.2f s + drain %.2f s): %.0f msg/s%n",
                    report.count(OutboxState.SENT), report.byState(), (t2 - t0) / 1e9, (t1 - t0) / 1e9, (t2 - t1) / 1e9, outboxRate);

            // The outbox's own cost: the same queue-claim-record cycle with a transport that accepts at once.
            dev.mailroom.model.sending.MailTransport accepting = new dev.mailroom.model.sending.MailTransport() {
                @Override
                public dev.mailroom.model.sending.DeliveryOutcome send(SmtpEndpoint e, OutgoingMail m) {
                    return dev.mailroom.model.sending.DeliveryOutcome.accepted(250, "ok");
                }

                @Override
                public void close() {
                }
            };
            Outbox bookkeeping = new Outbox(f.outbox, f.endpoints, OutboxDeliveryTest.signedDomain(), accepting, f.suppressions,
                    f.events, f.tx, Clock.systemUTC(), dev.mailroom.model.sending.RetryPolicy.DEFAULT);
            long b0 = System.nanoTime();
            bookkeeping.enqueue(batch);
            bookkeeping.drain(threads);
            System.out.printf("outbox bookkeeping alone (no SMTP, no signing): %.0f msg/s%n", n / ((System.nanoTime() - b0) / 1e9));

            double plainRate = plain(n, threads, body, sink.getPortAllocated(), sink);
            System.out.printf("plain Jakarta Mail, %d threads, same DKIM: %.0f msg/s%n", threads, plainRate);
            System.out.printf("ratio outbox/plain: %.2f; drain alone/plain: %.2f (sink saw %d)%n", outboxRate / plainRate,
                    n / ((t2 - t1) / 1e9) / plainRate, delivered.get());
        } finally {
            sink.stop();
        }
    }

    private static double plain(int n, int threads, String body, int givenPort, SMTPServer sink) throws Exception {
        int port = givenPort == 0 ? sink.getPortAllocated() : givenPort;
        SmtpEndpoint e = new SmtpEndpoint(new ConnectionId(99), "127.0.0.1", port, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "",
                Optional.empty(), "mailroom.agency.test", threads, 0);
        var session = SmtpSettings.system().session(e);
        MessageRenderer renderer = new MessageRenderer();
        DkimSigningKey key = new DkimSigningKey(OutboxDeliveryTest.DOMAIN, "mr2026", Secret.of(Dkim.privatePem()));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            all.add(pool.submit(() -> {
                SMTPTransport tr = (SMTPTransport) session.getTransport("smtp");
                tr.connect("127.0.0.1", port, null, null);
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    MimeMessage m = renderer.render(session, new OutgoingMail("<p" + i + "@tryacme.test>", Instant.now(),
                            "hello@tryacme.test", "Acme", "p" + i + "@example.net", "Bench " + i, body, Optional.empty(),
                            Optional.empty(), Optional.of(key)));
                    tr.sendMessage(m, m.getAllRecipients());
                }
                tr.close();
                return null;
            }));
        }
        for (Future<?> fu : all) {
            fu.get();
        }
        long t1 = System.nanoTime();
        pool.shutdown();
        return n / ((t1 - t0) / 1e9);
    }

}
