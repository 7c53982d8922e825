package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.InDoubtCheckService;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outbox's SIGKILL test against a SendGrid API connection: a separate JVM sends a batch to the loopback
 * stub (which counts requests by Mailroom's id and answers each after a short delay) and is killed part-way.
 * After recovery nothing is lost and nothing went twice; what is left in doubt is settled by asking the
 * provider ("Ask the provider": the stub's activity search knows what it accepted), the rest is sent again,
 * and in the end every message went exactly once.
 */
@Tag("slow")
class ApiOutboxCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 200;
    private static final int IN_FLIGHT = 4;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed after {0} requests")
    @ValueSource(ints = {1, 80})
    void aKilledSenderLosesNothingAndWhatIsInDoubtIsSettledByAskingTheProvider(int killAfter) throws Exception {
        Map<String, AtomicInteger> requestsById = new ConcurrentHashMap<>();
        AtomicInteger requests = new AtomicInteger();
        java.util.concurrent.CountDownLatch reached = new java.util.concurrent.CountDownLatch(killAfter);
        try (ApiStub stub = new ApiStub(
                r -> r.path().startsWith("/v3/") ? OpenApiSpec.sendGrid().violations(r) : List.of())) {
            stub.on("POST", "/v3/mail/send", r -> {
                String id;
                try {
                    id = JSON.readTree(r.body())
                            .at("/personalizations/0/custom_args/" + SendGridAdapter.MESSAGE_ID_ARG)
                            .asText();
                } catch (Exception e) {
                    return Reply.json(400, "{\"errors\":[{\"message\":\"unreadable\",\"field\":null}]}");
                }
                requestsById.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                requests.incrementAndGet();
                reached.countDown();
                // accepted at once, answered a little later: a kill in between leaves the message in doubt
                return Reply.of(202, Map.of("X-Message-Id", "sg-" + id.hashCode()), "")
                        .after(Duration.ofMillis(30));
            });
            stub.on("GET", "/v3/messages", r -> {
                String q = r.query().getOrDefault("query", "");
                boolean has = requestsById.keySet().stream().anyMatch(id -> q.contains("\"" + id + "\""));
                return Reply.json(
                        200,
                        has ? "{\"messages\":[{\"msg_id\":\"sg-1\",\"status\":\"delivered\"}]}" : "{\"messages\":[]}");
            });

            List<OutboxMessage> queued;
            try (Store store = Backend.H2.open(dir);
                    SmtpMailTransport smtp = new SmtpMailTransport(SmtpSettings.system())) {
                SendingFixture f = new SendingFixture(store, dir);
                Connection c = f.connectionService(e -> null)
                        .createApi(
                                f.owner,
                                f.acme,
                                new ApiConnectionDraft(
                                        "SendGrid",
                                        SendingEnvironment.PRODUCTION,
                                        ConnectionKind.SENDGRID_API,
                                        Optional.of(Secret.of("SG.crash-test-key.abcdefghijklmnopqrstuvwxyz")),
                                        Optional.empty(),
                                        Optional.of(stub.baseUrl()),
                                        IN_FLIGHT,
                                        0));
                queued = ApiCrashSender.outbox(store, dir, smtp, f.clock)
                        .enqueue(IntStream.range(0, BATCH)
                                .mapToObj(i -> new NewMessage(
                                        f.acme,
                                        c.id(),
                                        "hello@" + ApiOutboxTest.DOMAIN,
                                        "Acme",
                                        "r" + i + "@example.net",
                                        "Your code",
                                        "Your code is " + i + ".\r\n",
                                        Optional.empty(),
                                        true,
                                        Optional.empty()))
                                .toList());
            }

            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            ApiCrashSender.class.getName(),
                            dir.toString(),
                            String.valueOf(IN_FLIGHT))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("child.log").toFile())
                    .start();
            try {
                assertThat(reached.await(60, TimeUnit.SECONDS))
                        .as("the sender reached request " + killAfter)
                        .isTrue();
                assertThat(child.isAlive())
                        .as("the sender was still mid-batch when killed")
                        .isTrue();
            } finally {
                child.destroyForcibly();
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            int atKill = requests.get();
            assertThat(atKill).isBetween(killAfter, BATCH - 1);

            try (Store store = Backend.H2.open(dir);
                    SmtpMailTransport smtp = new SmtpMailTransport(SmtpSettings.system())) {
                SendingFixture f = SendingFixture.reopen(store, dir);
                Outbox outbox = ApiCrashSender.outbox(store, dir, smtp, Clock.systemUTC());
                Outbox.Recovery recovered = outbox.recoverAfterStop();
                assertThat(recovered.inDoubt().size())
                        .as("in doubt after one kill, at most one per request in flight")
                        .isLessThanOrEqualTo(IN_FLIGHT);
                outbox.drain(IN_FLIGHT);
                assertThat(requestsById.values())
                        .as("no message requested twice before a decision")
                        .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));

                InDoubtCheckService ask = new InDoubtCheckService(
                        f.outbox,
                        f.endpoints,
                        new ProviderAcceptanceLookup(ProviderAdapters.standard(ApiCall.defaults(), f.clock)),
                        f.tenants,
                        f.events,
                        f.access,
                        f.audit,
                        f.tx,
                        f.clock);
                InDoubtCheckService.Report report = ask.askProviders(f.editor, f.acme, s -> {}, new Cancellation());
                long wereRequested = recovered.inDoubt().stream()
                        .filter(m -> requestsById.containsKey(m.messageId()))
                        .count();
                System.out.printf(
                        "API crash test: killed after %d of %d requests; %d queued again, %d in doubt (%d had reached"
                                + " the provider); asked: %s%n",
                        atKill,
                        BATCH,
                        recovered.requeued(),
                        recovered.inDoubt().size(),
                        wereRequested,
                        report.summary());
                assertThat(report.accepted()).isEqualTo((int) wereRequested);
                assertThat(report.notFound()).isEqualTo(recovered.inDoubt().size() - (int) wereRequested);

                // What the provider did not have is sent again by a person; then every message went exactly once.
                OutboxService people =
                        new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
                assertThat(people.resendAllInDoubt(f.owner, f.acme)).isEqualTo(report.notFound());
                outbox.drain(IN_FLIGHT);
                assertThat(requestsById).hasSize(BATCH);
                assertThat(requestsById.values())
                        .allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
                assertThat(f.tx.inTransaction(() -> f.outbox.countByState(f.acme)))
                        .containsOnly(Map.entry(OutboxState.SENT, (long) BATCH));
                assertThat(queued).hasSize(BATCH);
            }
            assertThat(stub.violations())
                    .as("requests outside SendGrid's OpenAPI specs")
                    .isEmpty();
        }
    }
}
