package dev.mailroom.bench.sending;

import dev.mailroom.mailer.sending.PlainJakartaMail;
import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.domains.AesGcmSecretVault;
import dev.mailroom.persistence.sending.JooqConnectionStore;
import dev.mailroom.persistence.sending.JooqOutboxStore;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import dev.mailroom.persistence.suppressions.JooqSuppressionStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Sends 10,000 DKIM-signed (RSA-2048, relaxed/relaxed) messages of about 4 KB through 8 SMTP sessions
 * into a loopback sink ({@link SmtpSink}), through the real outbox on an H2 store: each message is
 * stored (with its QUEUED event), claimed, signed, sent and recorded (SENT, its event, the roll-ups).
 * In the same run, in alternating rounds so both see the same load: plain Jakarta Mail (8 threads
 * each reusing one connection, the same signing, no outbox). Prints both rates and the ratio
 * (target >= 1.0). Then without DKIM: the outbox against Postfix's {@code smtp-source} with the same
 * count, size and concurrency to the same sink (target >= 0.5), or a line saying it was skipped.
 *
 * <p>Properties: {@code -Dmessages=10000 -Dwarmup=30000 -Dsessions=8 -Dsize=4096 -Drounds=2 -Ddir=/path}.
 */
public final class SendBench {
    private static final String DOMAIN = "bench-acme.test";

    private SendBench() {}

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("messages", 10_000);
        int sessions = Integer.getInteger("sessions", 8);
        int size = Integer.getInteger("size", 4096);
        int rounds = Integer.getInteger("rounds", 2);
        Path dir = System.getProperty("dir") != null
                ? Path.of(System.getProperty("dir"))
                : Files.createTempDirectory("mailroom-sendbench");
        String body = body(size);
        DkimSigningKey key = rsa2048(DOMAIN, "mr2026");
        System.out.printf(
                Locale.ROOT,
                "%,d messages of %,d body bytes, %d SMTP sessions, DKIM RSA-2048 relaxed/relaxed, "
                        + "%d rounds, %d processors, H2 in %s%n",
                n,
                size,
                sessions,
                rounds,
                Runtime.getRuntime().availableProcessors(),
                dir);

        try (SmtpSink sink = SmtpSink.start();
                Store store = Store.open(StoreConfig.h2(dir));
                SmtpMailTransport smtp = new SmtpMailTransport(SmtpSettings.system())) {
            var tx = store.transactions();
            JooqConnectionStore connections = new JooqConnectionStore(tx);
            Instant now = Instant.now();
            TenantId tenant = tx.inTransaction(() -> new JooqTenantStore(tx)
                    .insert(
                            new TenantDraft(
                                    "Bench Acme",
                                    "#3366CC",
                                    "",
                                    "",
                                    OwnershipModel.CLIENT_OWNED,
                                    PartnerAccessPattern.AGENCY_MANAGED),
                            now));
            ConnectionId connection = tx.inTransaction(() -> connections.insert(
                    tenant,
                    new ConnectionDraft(
                                    "Sink",
                                    SendingEnvironment.PRODUCTION,
                                    "127.0.0.1",
                                    sink.port(),
                                    SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                    "",
                                    Optional.empty(),
                                    "mailroom.bench.test",
                                    sessions,
                                    0)
                            .validated(),
                    Optional.empty(),
                    now));
            SendingDomains domains = new SendingDomains() {
                @Override
                public boolean isVerified(TenantId t, String domain) {
                    return domain.equals(DOMAIN);
                }

                @Override
                public Optional<DkimSigningKey> activeDkimKey(TenantId t, String domain) {
                    return domain.equals(DOMAIN) ? Optional.of(key) : Optional.empty();
                }
            };
            EndpointResolver endpoints = new EndpointResolver(connections, AesGcmSecretVault.open(dir));
            Outbox signed = new Outbox(
                    new JooqOutboxStore(tx),
                    endpoints,
                    domains,
                    smtp,
                    new JooqSuppressionStore(tx),
                    new JooqEventStore(tx),
                    tx,
                    Clock.systemUTC(),
                    RetryPolicy.DEFAULT);
            Outbox unsigned = new Outbox(
                    new JooqOutboxStore(tx),
                    endpoints,
                    domains,
                    withoutDkim(smtp),
                    new JooqSuppressionStore(tx),
                    new JooqEventStore(tx),
                    tx,
                    Clock.systemUTC(),
                    RetryPolicy.DEFAULT);
            Batches batches = new Batches(tenant, connection, body, key);

            // Warm-up: class loading and the JIT, for both sides, before any timing. The outbox runs far more
            // code (H2, jOOQ) than plain Jakarta Mail; with a short warm-up the compiler threads' work is measured too
            // (on two cores, after 10,000 the JIT still compiled for 10 of the 12 seconds of the timed outbox rounds;
            // after 30,000, 1-3 s).
            int warm = Integer.getInteger("warmup", 30_000);
            PlainJakartaMail.send(sink.port(), sessions, batches.plain(warm));
            throughOutbox(signed, batches.queued(warm), sessions, sink);

            double plainSeconds = 0;
            double outboxSeconds = 0;
            double plainCpu = 0;
            double outboxCpu = 0;
            double booksCpu = 0;
            double plainJit = 0;
            double outboxJit = 0;
            for (int round = 1; round <= rounds; round++) {
                // Alternate which goes first, so that a change in the machine's load falls on both.
                Timing p = null;
                Timing o = null;
                if (round % 2 == 1) {
                    p = plain(batches.plain(n), sessions, sink);
                    o = throughOutbox(signed, batches.queued(n), sessions, sink);
                } else {
                    o = throughOutbox(signed, batches.queued(n), sessions, sink);
                    p = plain(batches.plain(n), sessions, sink);
                }
                plainSeconds += p.total();
                outboxSeconds += o.total();
                plainCpu += p.cpu();
                outboxCpu += o.cpu();
                booksCpu += o.books();
                plainJit += p.jit();
                outboxJit += o.jit();
                System.out.printf(
                        Locale.ROOT,
                        "round %d: outbox %,.0f msg/s (store %.2f s + drain %.2f s), "
                                + "plain Jakarta Mail %,.0f msg/s: ratio %.2f%n",
                        round,
                        n / o.total(),
                        o.enqueue(),
                        o.drain(),
                        n / p.total(),
                        p.total() / o.total());
            }
            double outboxRate = rounds * n / outboxSeconds;
            double plainRate = rounds * n / plainSeconds;
            System.out.printf(
                    Locale.ROOT,
                    "DKIM-signed: outbox %,.0f msg/s, plain Jakarta Mail %,.0f msg/s: ratio %.2f (target >= 1.0)%n",
                    outboxRate,
                    plainRate,
                    outboxRate / plainRate);
            // CPU of this process (sink included) per message: what each costs, whatever share of the machine it got.
            System.out.printf(
                    Locale.ROOT,
                    "CPU per message (this process, sink included): outbox %.2f ms (of which the "
                            + "bookkeeping thread %.2f ms), plain %.2f ms; JIT compiling while timed: outbox %.1f s, plain %.1f s%n",
                    outboxCpu * 1000 / (rounds * n),
                    booksCpu * 1000 / (rounds * n),
                    plainCpu * 1000 / (rounds * n),
                    outboxJit,
                    plainJit);

            Timing u = throughOutbox(unsigned, batches.queued(n), sessions, sink);
            double unsignedRate = n / u.total();
            // Jakarta Mail itself without a signature: what any sender built on it can reach at most.
            Timing pu = plain(batches.plain(n, false), sessions, sink);
            System.out.printf(
                    Locale.ROOT,
                    "Without DKIM: outbox %,.0f msg/s, plain Jakarta Mail %,.0f msg/s (ratio %.2f)%n",
                    unsignedRate,
                    n / pu.total(),
                    pu.total() / u.total());
            Optional<Path> smtpSource = smtpSource();
            if (smtpSource.isEmpty()) {
                System.out.printf(
                        Locale.ROOT, "smtp-source skipped: smtp-source not installed (Debian package postfix)%n");
            } else {
                double s = runSmtpSource(smtpSource.get(), n, sessions, size, sink);
                System.out.printf(
                        Locale.ROOT,
                        "Without DKIM: smtp-source %,.0f msg/s (-s %d -m %d -l %d -d): outbox/smtp-source "
                                + "ratio %.2f (target >= 0.5), plain Jakarta Mail/smtp-source %.2f%n",
                        n / s,
                        sessions,
                        n,
                        size,
                        unsignedRate / (n / s),
                        s / pu.total());
            }
            System.out.printf(Locale.ROOT, "The sink accepted %,d messages in all.%n", sink.messages());
        }
    }

    /**
     * {@code cpu}: the whole process's CPU seconds; {@code books}: those of the calling thread, which
     * stores the messages and keeps the outbox's books (claims, outcomes, events) during the drain;
     * {@code jit}: seconds the JIT compilers spent meanwhile (a sign of too short a warm-up).
     */
    private record Timing(double enqueue, double drain, double cpu, double books, double jit) {
        double total() {
            return enqueue + drain;
        }
    }

    /** Stores the batch (as the Send dialog does, one transaction), then drains it; checks that all went out. */
    private static Timing throughOutbox(Outbox outbox, List<NewMessage> batch, int sessions, SmtpSink sink) {
        long before = sink.messages();
        double c0 = cpuSeconds();
        double j0 = jitSeconds();
        long b0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        outbox.enqueue(batch);
        long t1 = System.nanoTime();
        Outbox.DrainReport report = outbox.drain(sessions);
        long t2 = System.nanoTime();
        if (report.count(OutboxState.SENT) != batch.size() || sink.messages() - before != batch.size()) {
            throw new IllegalStateException("The outbox sent " + report.byState() + ", the sink took "
                    + (sink.messages() - before) + " of " + batch.size());
        }
        return new Timing(
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9,
                cpuSeconds() - c0,
                (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - b0) / 1e9,
                jitSeconds() - j0);
    }

    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
    }

    private static Timing plain(List<OutgoingMail> mails, int sessions, SmtpSink sink) throws Exception {
        long before = sink.messages();
        double c0 = cpuSeconds();
        double j0 = jitSeconds();
        double seconds = PlainJakartaMail.send(sink.port(), sessions, mails);
        if (sink.messages() - before != mails.size()) {
            throw new IllegalStateException(
                    "Plain Jakarta Mail: the sink took " + (sink.messages() - before) + " of " + mails.size());
        }
        return new Timing(0, seconds, cpuSeconds() - c0, 0, jitSeconds() - j0);
    }

    private static double jitSeconds() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime() / 1e3;
    }

    /** New messages for each run: their own Message-IDs and recipients, the same body. */
    private static final class Batches {
        private final TenantId tenant;
        private final ConnectionId connection;
        private final String body;
        private final DkimSigningKey key;
        private int serial;

        Batches(TenantId tenant, ConnectionId connection, String body, DkimSigningKey key) {
            this.tenant = tenant;
            this.connection = connection;
            this.body = body;
            this.key = key;
        }

        List<NewMessage> queued(int n) {
            List<NewMessage> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int s = ++serial;
                out.add(new NewMessage(
                        tenant,
                        connection,
                        "news@" + DOMAIN,
                        "Bench Acme",
                        "r" + s + "@example.net",
                        "Your order " + s,
                        body,
                        Optional.empty(),
                        true,
                        Optional.empty()));
            }
            return out;
        }

        List<OutgoingMail> plain(int n) {
            return plain(n, true);
        }

        List<OutgoingMail> plain(int n, boolean signed) {
            List<OutgoingMail> out = new ArrayList<>(n);
            Instant now = Instant.now();
            for (int i = 0; i < n; i++) {
                int s = ++serial;
                out.add(new OutgoingMail(
                        "<plain" + s + "@" + DOMAIN + ">",
                        now,
                        "news@" + DOMAIN,
                        "Bench Acme",
                        "r" + s + "@example.net",
                        "Your order " + s,
                        body,
                        Optional.empty(),
                        Optional.empty(),
                        signed ? Optional.of(key) : Optional.empty()));
            }
            return out;
        }
    }

    /** About {@code size} bytes of text in 72-character lines. */
    private static String body(int size) {
        String words =
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ";
        StringBuilder b = new StringBuilder(size + 80);
        int line = 0;
        for (int i = 0; b.length() < size; i++) {
            char c = words.charAt(i % words.length());
            if (line >= 70 && c == ' ') {
                b.append("\r\n");
                line = 0;
            } else {
                b.append(c);
                line++;
            }
        }
        return b.toString();
    }

    private static DkimSigningKey rsa2048(String domain, String selector) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        return new DkimSigningKey(domain, selector, Secret.of(pem));
    }

    /**
     * The real transport with the DKIM key taken off each message: the outbox itself insists on a key
     * (it sends only signed mail), so the unsigned figure keeps all of its work but the signature.
     */
    private static MailTransport withoutDkim(MailTransport t) {
        return new MailTransport() {
            @Override
            public DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail) {
                return t.send(endpoint, strip(mail));
            }

            @Override
            public Ready prepare(SmtpEndpoint endpoint, OutgoingMail mail) {
                return t.prepare(endpoint, strip(mail));
            }

            @Override
            public DeliveryOutcome send(Ready ready) {
                return t.send(ready);
            }

            @Override
            public void close() {
                // the wrapped transport is closed by its owner
            }

            private OutgoingMail strip(OutgoingMail m) {
                return new OutgoingMail(
                        m.messageId(),
                        m.date(),
                        m.fromAddress(),
                        m.fromName(),
                        m.to(),
                        m.subject(),
                        m.textBody(),
                        m.htmlBody(),
                        m.listUnsubscribe(),
                        Optional.empty());
            }
        };
    }

    private static Optional<Path> smtpSource() {
        List<String> places = new ArrayList<>(List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin"));
        places.addAll(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        return places.stream()
                .filter(p -> !p.isEmpty())
                .map(p -> Path.of(p, "smtp-source"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Postfix's smtp-source: {@code sessions} parallel sessions, each reusing its connection (-d); returns the seconds taken. */
    private static double runSmtpSource(Path smtpSource, int n, int sessions, int size, SmtpSink sink)
            throws Exception {
        long before = sink.messages();
        ProcessBuilder pb = new ProcessBuilder(
                        smtpSource.toString(),
                        "-s",
                        Integer.toString(sessions),
                        "-m",
                        Integer.toString(n),
                        "-l",
                        Integer.toString(size),
                        "-d",
                        "-f",
                        "news@" + DOMAIN,
                        "-t",
                        "r@example.net",
                        "-M",
                        "bench.test",
                        "127.0.0.1:" + sink.port())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("smtp-source did not finish in 10 minutes");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0 || sink.messages() - before != n) {
            throw new IllegalStateException("smtp-source exited with " + p.exitValue() + "; the sink took "
                    + (sink.messages() - before) + " of " + n);
        }
        return seconds;
    }
}
