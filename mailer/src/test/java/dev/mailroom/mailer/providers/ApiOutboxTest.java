package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox on a real store sending through provider API connections on a loopback stub: stored first,
 * claimed, at most once per message, back-off on 429/5xx, no retry on 4xx, in doubt when an answer is lost.
 * The outbox and "Test connection" reach the providers only through the routing transport and probe.
 */
class ApiOutboxTest {
    static final String DOMAIN = "tryacme.test";
    static final RetryPolicy RETRY =
            new RetryPolicy(Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(6), 0.5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private SmtpMailTransport smtp;
    private ProviderAdapters adapters;

    @BeforeEach
    void start() throws Exception {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = new ApiStub(r -> r.path().startsWith("/v3/") ? SPEC.violations(r) : List.of());
        smtp = new SmtpMailTransport(SmtpSettings.system());
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)), f.clock, d -> {}, 3, Duration.ofSeconds(30));
        adapters = new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
    }

    @AfterEach
    void stop() {
        smtp.close();
        stub.close();
        store.close();
        assertThat(stub.violations())
                .as("requests outside SendGrid's OpenAPI specs")
                .isEmpty();
    }

    /** The provider signs: an API connection needs no Mailroom DKIM key. */
    static SendingDomains unsignedDomain() {
        return new SendingDomains() {
            @Override
            public boolean isVerified(TenantId tenant, String domain) {
                return domain.equals(DOMAIN);
            }

            @Override
            public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
                return Optional.empty();
            }
        };
    }

    private ConnectionService connections() {
        return f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters));
    }

    private Connection connection(ConnectionKind kind, String key) {
        return connections()
                .createApi(
                        f.owner,
                        f.acme,
                        new ApiConnectionDraft(
                                kind.label(),
                                SendingEnvironment.PRODUCTION,
                                kind,
                                Optional.of(Secret.of(key)),
                                Optional.empty(),
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    private Outbox outbox() {
        return new Outbox(
                f.outbox,
                f.endpoints,
                unsignedDomain(),
                new RoutingMailTransport(smtp, adapters),
                f.suppressions,
                f.events,
                f.tx,
                f.clock,
                RETRY);
    }

    private NewMessage message(Connection c, String to) {
        return new NewMessage(
                f.acme,
                c.id(),
                "hello@" + DOMAIN,
                "Acme",
                to,
                "Your order",
                "Thanks for your order.\r\n",
                Optional.of("<p>Thanks for your <b>order</b>.</p>"),
                true,
                Optional.empty());
    }

    private OutboxMessage reload(OutboxMessage m) {
        return f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id())).orElseThrow();
    }

    @Test
    void sendGridMessagesGoOnceEachWithBackOffOnRateLimitsNoRetryOnRefusalsAndDoubtWhenAnAnswerIsLost() {
        Connection c = connection(ConnectionKind.SENDGRID_API, "SG.outbox-test-key.abcdefghijklmnopqrstuvwxyz");
        Map<String, AtomicInteger> requestsById = new ConcurrentHashMap<>();
        AtomicBoolean limited = new AtomicBoolean(true);
        stub.on("POST", "/v3/mail/send", r -> {
            var body = read(r.body());
            String to = body.at("/personalizations/0/to/0/email").asText();
            requestsById
                    .computeIfAbsent(
                            body.at("/personalizations/0/custom_args/" + SendGridAdapter.MESSAGE_ID_ARG)
                                    .asText(),
                            k -> new AtomicInteger())
                    .incrementAndGet();
            if (to.startsWith("limited") && limited.get()) {
                return Reply.json(429, "{\"errors\":[{\"message\":\"too many requests\",\"field\":null}]}")
                        .withHeader("Retry-After", "600");
            }
            if (to.startsWith("bad")) {
                return Reply.json(
                        400,
                        "{\"errors\":[{\"message\":\"Does not contain a valid address.\","
                                + "\"field\":\"personalizations.0.to.0.email\"}]}");
            }
            if (to.startsWith("cut")) {
                return Reply.json(202, "{\"pad\":\"" + "x".repeat(2000) + "\"}").brokenMidBody();
            }
            return Reply.of(202, Map.of("X-Message-Id", "sg-" + to), "");
        });
        Outbox outbox = outbox();
        List<OutboxMessage> queued = outbox.enqueue(List.of(
                message(c, "ann@example.net"),
                message(c, "bob@example.net"),
                message(c, "limited@example.net"),
                message(c, "bad@example.net"),
                message(c, "cut@example.net")));
        assertThat(stub.requests()).isEmpty(); // stored first

        outbox.drain(2);
        assertThat(reload(queued.get(0)).state()).isEqualTo(OutboxState.SENT);
        assertThat(reload(queued.get(1)).state()).isEqualTo(OutboxState.SENT);
        OutboxMessage deferred = reload(queued.get(2));
        assertThat(deferred.state()).isEqualTo(OutboxState.DEFERRED);
        assertThat(deferred.note()).contains("limiting requests");
        OutboxMessage refused = reload(queued.get(3));
        assertThat(refused.state()).isEqualTo(OutboxState.FAILED);
        assertThat(refused.note()).contains("Does not contain a valid address");
        OutboxMessage doubt = reload(queued.get(4));
        assertThat(doubt.state()).isEqualTo(OutboxState.IN_DOUBT);
        assertThat(doubt.note()).startsWith("In doubt: ");
        // 429 asked for 10 minutes: not waited on a sender thread, one request, back-off instead.
        assertThat(requestsById.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));

        // Later the limit has passed: only the deferred message goes again, and only once.
        limited.set(false);
        f.clock.advance(Duration.ofHours(1));
        outbox.drain(2);
        assertThat(reload(queued.get(2)).state()).isEqualTo(OutboxState.SENT);
        assertThat(requestsById.get(queued.get(2).messageId()).get()).isEqualTo(2);
        for (int i : new int[] {0, 1, 3, 4}) {
            assertThat(requestsById.get(queued.get(i).messageId()).get())
                    .as("message " + i)
                    .isEqualTo(1);
        }
        assertThat(stub.requests()).hasSize(6);

        var counts = f.tx.inTransaction(() ->
                f.events.dailyCounts(f.acme, Optional.of(DOMAIN), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 4)));
        Map<EventType, Long> byType = new java.util.EnumMap<>(EventType.class);
        counts.forEach((k, v) -> byType.merge(k.type(), v, Long::sum));
        assertThat(byType).containsEntry(EventType.SENT, 3L).containsEntry(EventType.HARD_BOUNCE, 1L);
    }

    @Test
    void mailerSendMessagesGoThroughTheSameOutbox() {
        Connection c = connection(ConnectionKind.MAILERSEND_API, "mlsn.outbox-test-token-0123456789abcdef");
        // drain(2) sends on two threads: the stub's handler runs on both at once.
        List<String> recipients = new CopyOnWriteArrayList<>();
        stub.on("POST", "/v1/email", r -> {
            recipients.add(read(r.body()).at("/to/0/email").asText());
            return Recorded.mailerSend("EmailSendTest_TestSimpleSend()", 202);
        });
        Outbox outbox = outbox();
        List<OutboxMessage> queued =
                outbox.enqueue(List.of(message(c, "ann@example.net"), message(c, "bob@example.net")));
        outbox.drain(2);
        assertThat(queued).allSatisfy(m -> assertThat(reload(m).state()).isEqualTo(OutboxState.SENT));
        assertThat(recipients).containsExactlyInAnyOrder("ann@example.net", "bob@example.net");
    }

    @Test
    void testConnectionGoesThroughTheServiceToTheProviderAndSaysWhatIsWrong() {
        Connection sg = connection(ConnectionKind.SENDGRID_API, "SG.revoked-key.abcdefghijklmnopqrstuvwxyz");
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> Reply.json(
                        401,
                        "{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\","
                                + "\"field\":null}]}"));
        ProbeReport report = connections().test(f.editor, f.acme, sg.id());
        assertThat(report.ok()).isFalse();
        assertThat(report.summary()).startsWith("SendGrid refused the key (401").contains("revoked");
        assertThat(stub.requests())
                .singleElement()
                .satisfies(r -> assertThat(r.header("Authorization"))
                        .isEqualTo("Bearer SG.revoked-key.abcdefghijklmnopqrstuvwxyz"));
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
