package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.suppressions.SuppressionReason;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

/** The outbox on a real store sending through real SMTP servers on loopback. */
class OutboxDeliveryTest {
    static final String DOMAIN = "tryacme.test";
    static final RetryPolicy RETRY =
            new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(6), 0.5);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    static SendingDomains signedDomain() {
        return new SendingDomains() {
            @Override
            public boolean isVerified(TenantId tenant, String domain) {
                return domain.equals(DOMAIN);
            }

            @Override
            public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
                return domain.equals(DOMAIN)
                        ? Optional.of(new DkimSigningKey(DOMAIN, "mr2026", Secret.of(Dkim.privatePem())))
                        : Optional.empty();
            }
        };
    }

    private SendingFixture fixture(Backend backend) {
        Store store = backend.open(dir);
        toClose.add(store);
        return new SendingFixture(store, dir);
    }

    private Connection relay(SendingFixture f, int port, String user, String password, int sessions) {
        ConnectionDraft d = new ConnectionDraft(
                "Local relay",
                SendingEnvironment.PRODUCTION,
                "127.0.0.1",
                port,
                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                user,
                Optional.ofNullable(password).map(Secret::of),
                "mailroom.agency.test",
                sessions,
                0);
        return f.connectionService(e -> null).create(f.owner, f.acme, d);
    }

    private Outbox outbox(SendingFixture f, SmtpMailTransport transport) {
        return new Outbox(
                f.outbox, f.endpoints, signedDomain(), transport, f.suppressions, f.events, f.tx, f.clock, RETRY);
    }

    private SmtpMailTransport transport(SmtpSettings settings) {
        SmtpMailTransport t = new SmtpMailTransport(settings);
        toClose.add(t);
        return t;
    }

    static NewMessage message(SendingFixture f, Connection c, String to, boolean transactional) {
        return new NewMessage(
                f.acme,
                c.id(),
                "hello@" + DOMAIN,
                "Acme",
                to,
                "Your order ✓",
                "Thanks for your order.\r\n",
                Optional.of("<p>Thanks for your <b>order</b>.</p>"),
                transactional,
                transactional ? Optional.empty() : Optional.of("https://" + DOMAIN + "/u/abc123"));
    }

    private OutboxMessage reload(SendingFixture f, OutboxMessage m) {
        return f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id())).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deliversSignedMessagesReusingSessionsAndRecordsEvents(Backend backend) throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        toClose.add(greenMail::stop);
        greenMail.setUser("relay@agency.test", "acme", "right-password");
        SendingFixture f = fixture(backend);
        Connection c = relay(f, greenMail.getSmtp().getPort(), "acme", "right-password", 2);
        SmtpMailTransport transport = transport(SmtpProbeTest.TEST_TLS);
        Outbox outbox = outbox(f, transport);

        List<OutboxMessage> queued = outbox.enqueue(IntStream.range(0, 12)
                .mapToObj(i -> message(f, c, "reader" + i + "@example.net", i % 2 == 0))
                .toList());
        assertThat(queued).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.QUEUED);
            assertThat(m.messageId()).matches("<[0-9a-z]{26}@" + DOMAIN + ">");
        });
        assertThat(greenMail.getReceivedMessages()).isEmpty(); // stored first, nothing sent yet

        Outbox.DrainReport report = outbox.drain(4);
        assertThat(report.count(OutboxState.SENT)).isEqualTo(12);
        assertThat(greenMail.waitForIncomingEmail(12)).isTrue();
        // Two sessions allowed, four threads asking: the transport opened at most two and reused them.
        assertThat(transport.sessionsOpened(f.tx.inTransaction(() -> f.endpoints.resolve(f.acme, c.id()))))
                .isBetween(1, 2);

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received)
                .extracting(m -> m.getHeader("Message-ID", null))
                .containsExactlyInAnyOrderElementsOf(
                        queued.stream().map(OutboxMessage::messageId).toList());
        for (MimeMessage m : received) {
            boolean transactional = m.getHeader("List-Unsubscribe") == null;
            if (!transactional) {
                assertThat(m.getHeader("List-Unsubscribe", null)).isEqualTo("<https://" + DOMAIN + "/u/abc123>");
                assertThat(m.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
            }
            byte[] raw = rawBytes(m);
            Map<String, String> tags = Dkim.verify(raw, Dkim.txtRecord());
            assertThat(tags).containsEntry("d", DOMAIN).containsEntry("s", "mr2026");
            List<String> signed = List.of(tags.get("h").toLowerCase().split(":"));
            assertThat(signed).contains("from", "to", "subject", "date", "message-id", "mime-version", "content-type");
            if (!transactional) {
                assertThat(signed).contains("list-unsubscribe", "list-unsubscribe-post");
            }
        }
        assertThat(queued).allSatisfy(m -> {
            OutboxMessage now = reload(f, m);
            assertThat(now.state()).isEqualTo(OutboxState.SENT);
            assertThat(now.sentAt()).isPresent();
        });
        Map<RollupKey, Long> counts = f.tx.inTransaction(() ->
                f.events.dailyCounts(f.acme, Optional.of(DOMAIN), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 4)));
        assertThat(counts).containsValues(12L).hasSize(2);
        assertThat(counts.keySet())
                .extracting(RollupKey::type)
                .containsExactlyInAnyOrder(EventType.QUEUED, EventType.SENT);
        // The report ingester can now match a bounce to what was sent.
        assertThat(f.tx.inTransaction(() -> f.outbox.byMessageId(queued.get(3).messageId())))
                .isPresent();
    }

    private static byte[] rawBytes(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void theSignatureAsReceivedVerifiesWithDkimpy() throws Exception {
        assumeThat(Dkim.dkimpyAvailable())
                .as("/usr/bin/python3 with python3-dkim")
                .isTrue();
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        toClose.add(greenMail::stop);
        SendingFixture f = fixture(Backend.H2);
        Connection c = relay(f, greenMail.getSmtp().getPort(), "", null, 1);
        Outbox outbox = outbox(f, transport(SmtpProbeTest.TEST_TLS));
        outbox.enqueue(List.of(message(f, c, "ann@example.net", false), message(f, c, "bob@example.net", true)));
        outbox.drain(2);
        assertThat(greenMail.waitForIncomingEmail(2)).isTrue();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            byte[] raw = rawBytes(m);
            assertThat(Dkim.dkimpy(raw, Dkim.txtRecord(), dir)).isEqualTo("PASS");
            // And a tampered copy fails, so the check is a real one.
            byte[] tampered = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replace("Thanks for your order.", "Thanks for your money.")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(Dkim.dkimpy(tampered, Dkim.txtRecord(), dir)).isEqualTo("FAIL");
        }
    }

    @Test
    void aWrongPasswordDefersWithAMessageAPersonUnderstands() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        toClose.add(greenMail::stop);
        greenMail.setUser("relay@agency.test", "acme", "right-password");
        SendingFixture f = fixture(Backend.H2);
        Connection c = relay(f, greenMail.getSmtp().getPort(), "acme", "wrong-password", 1);
        Outbox outbox = outbox(f, transport(SmtpProbeTest.TEST_TLS));
        OutboxMessage m =
                outbox.enqueue(List.of(message(f, c, "ann@example.net", true))).get(0);
        assertThat(outbox.drain(1).count(OutboxState.DEFERRED)).isEqualTo(1);
        OutboxMessage after = reload(f, m);
        assertThat(after.state()).isEqualTo(OutboxState.DEFERRED);
        assertThat(after.note())
                .contains("refused the user name or password for \"acme\"")
                .doesNotContain("wrong-password");
        assertThat(after.nextAttemptAt()).isAfter(SendingFixture.T0);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    /** A server scripted per recipient: the handler decides each reply. */
    static final class Scripted implements AutoCloseable {
        final SMTPServer server;
        final AtomicInteger sessions = new AtomicInteger();
        final List<String> accepted = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);
        volatile java.util.function.Function<String, RejectException> onRecipient = to -> null;
        volatile boolean hangInData;

        Scripted() {
            server = SMTPServer.port(0)
                    .bindAddress(java.net.InetAddress.getLoopbackAddress())
                    .messageHandlerFactory(this::handler)
                    .build();
            server.start();
        }

        int port() {
            return server.getPortAllocated();
        }

        private MessageHandler handler(MessageContext ctx) {
            sessions.incrementAndGet();
            return new MessageHandler() {
                String to;

                @Override
                public void from(String from) {}

                @Override
                public void recipient(String recipient) throws RejectException {
                    RejectException reject = onRecipient.apply(recipient);
                    if (reject != null) {
                        throw reject;
                    }
                    to = recipient;
                }

                @Override
                public String data(InputStream data) throws IOException {
                    if (hangInData) {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return null;
                    }
                    data.readAllBytes();
                    accepted.add(to);
                    return null;
                }

                @Override
                public void done() {}
            };
        }

        @Override
        public void close() {
            release.countDown();
            server.stop();
        }
    }

    @Test
    void aTemporaryRefusalIsRetriedAfterItsBackOffAndThenSent() {
        Scripted server = new Scripted();
        toClose.add(server);
        AtomicInteger tries = new AtomicInteger();
        server.onRecipient = to ->
                tries.incrementAndGet() == 1 ? new RejectException(451, "4.7.1 Greylisted, try again later") : null;
        SendingFixture f = fixture(Backend.H2);
        Connection c = relay(f, server.port(), "", null, 1);
        Outbox outbox = outbox(f, transport(SmtpProbeTest.TEST_TLS));
        OutboxMessage m =
                outbox.enqueue(List.of(message(f, c, "ann@example.net", true))).get(0);

        assertThat(outbox.drain(1).count(OutboxState.DEFERRED)).isEqualTo(1);
        OutboxMessage deferred = reload(f, m);
        assertThat(deferred.note()).contains("451", "Greylisted");
        assertThat(deferred.lastReply()).hasValue(451);
        // Back-off: 1 minute with jitter 0.5, so due between 30 and 60 seconds on.
        assertThat(Duration.between(SendingFixture.T0, deferred.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(60));
        assertThat(outbox.drain(1).byState()).isEmpty(); // not due yet: nothing happens

        f.clock.advance(Duration.ofSeconds(61));
        assertThat(outbox.drain(1).count(OutboxState.SENT)).isEqualTo(1);
        OutboxMessage sent = reload(f, m);
        assertThat(sent.state()).isEqualTo(OutboxState.SENT);
        assertThat(sent.attempts()).isEqualTo(2);
        assertThat(sent.messageId()).isEqualTo(m.messageId());
        assertThat(server.accepted).containsExactly("ann@example.net");
    }

    @Test
    void aPermanentRefusalFailsAtOnceSuppressesAndTheNextMessageNeverReachesTheNetwork() {
        Scripted server = new Scripted();
        toClose.add(server);
        server.onRecipient = to ->
                to.startsWith("gone@") ? new RejectException(550, "5.1.1 <gone@example.net>: user unknown") : null;
        SendingFixture f = fixture(Backend.H2);
        Connection c = relay(f, server.port(), "", null, 1);
        Outbox outbox = outbox(f, transport(SmtpProbeTest.TEST_TLS));
        OutboxMessage m =
                outbox.enqueue(List.of(message(f, c, "gone@example.net", true))).get(0);

        assertThat(outbox.drain(1).count(OutboxState.FAILED)).isEqualTo(1);
        OutboxMessage failed = reload(f, m);
        assertThat(failed.state()).isEqualTo(OutboxState.FAILED);
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.note()).contains("refused the recipient", "550", "user unknown");
        assertThat(f.tx.inTransaction(() -> f.suppressions.find(f.acme, DOMAIN, "gone@example.net")))
                .hasValueSatisfying(s -> assertThat(s.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE));
        assertThat(f.tx.inTransaction(() -> f.events.dailyCounts(
                        f.acme, Optional.of(DOMAIN), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 4))))
                .containsEntry(new RollupKey(f.acme, DOMAIN, LocalDate.of(2026, 5, 4), EventType.HARD_BOUNCE), 1L);

        int sessionsBefore = server.sessions.get();
        f.clock.advance(Duration.ofMinutes(5));
        OutboxMessage again =
                outbox.enqueue(List.of(message(f, c, "Gone@Example.net", true))).get(0);
        assertThat(outbox.drain(1).count(OutboxState.REJECTED)).isEqualTo(1);
        OutboxMessage rejected = reload(f, again);
        assertThat(rejected.state()).isEqualTo(OutboxState.REJECTED);
        assertThat(rejected.note()).contains("suppression list", "hard bounce");
        assertThat(server.sessions.get()).isEqualTo(sessionsBefore);
    }

    @Test
    void aServerThatHangsMidDataTimesOutAndTheMessageIsDeferred() {
        Scripted server = new Scripted();
        toClose.add(server);
        server.hangInData = true;
        SendingFixture f = fixture(Backend.H2);
        Connection c = relay(f, server.port(), "", null, 1);
        Outbox outbox = outbox(f, transport(SmtpProbeTest.TEST_TLS.withReadTimeout(Duration.ofSeconds(1))));
        OutboxMessage m =
                outbox.enqueue(List.of(message(f, c, "ann@example.net", true))).get(0);

        assertThat(outbox.drain(1).count(OutboxState.DEFERRED)).isEqualTo(1);
        OutboxMessage deferred = reload(f, m);
        assertThat(deferred.note()).contains("stopped answering (timed out)", "127.0.0.1:" + server.port());
        assertThat(server.accepted).isEmpty();
    }
}
