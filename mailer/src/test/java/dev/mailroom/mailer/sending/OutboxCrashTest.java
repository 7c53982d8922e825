package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A separate JVM sends a batch through the outbox and is killed (SIGKILL) part-way; a new outbox on
 * the same store recovers. Counted at the server by Message-ID: nothing is missing, and nothing
 * arrives twice unless a person re-sent a message marked in doubt.
 */
@Tag("slow")
class OutboxCrashTest {
    private static final int BATCH = 240;
    /** The relay's rate limit stretches the batch over about six seconds, so the kill lands mid-batch. */
    private static final int RATE = 40;

    @TempDir
    Path dir;

    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    @ParameterizedTest(name = "killed after {0} messages arrived")
    @ValueSource(ints = {1, 60, 120, 170})
    void aKilledSenderLosesNothingAndDuplicatesNothingSilently(int killAfter) throws Exception {
        List<OutboxMessage> queued;
        try (Store store = Backend.H2.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            f.acme,
                            new ConnectionDraft(
                                    "Local relay",
                                    SendingEnvironment.PRODUCTION,
                                    "127.0.0.1",
                                    greenMail.getSmtp().getPort(),
                                    SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                    "",
                                    Optional.empty(),
                                    "mailroom.agency.test",
                                    4,
                                    RATE));
            queued = CrashSender.outbox(store, dir, new SmtpMailTransport(SmtpSettings.system()), f.clock)
                    .enqueue(IntStream.range(0, BATCH)
                            .mapToObj(i -> OutboxDeliveryTest.message(f, c, "r" + i + "@example.net", true))
                            .toList());
        }

        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        CrashSender.class.getName(),
                        dir.toString(),
                        "4")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            greenMail.waitForIncomingEmail(60_000, killAfter);
            assertThat(child.isAlive())
                    .as("the sender was still mid-batch when killed")
                    .isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        int atKill = greenMail.getReceivedMessages().length;
        assertThat(atKill).isBetween(killAfter, BATCH - 1);

        try (Store store = Backend.H2.open(dir);
                SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system())) {
            SendingFixture f = reopened(store);
            var outbox = CrashSender.outbox(store, dir, transport, Clock.systemUTC());
            List<OutboxMessage> inDoubt = outbox.recoverAfterStop();
            // At most what was in flight: the drain's window for 4 sessions (claimed in batches; signed, sending, or
            // sent and not yet recorded).
            assertThat(inDoubt.size()).isBetween(0, Outbox.maxInFlight(4));
            outbox.drain(4);

            Map<String, Integer> arrived = countByMessageId();
            Map<String, OutboxState> states = new HashMap<>();
            for (OutboxMessage m : queued) {
                states.put(
                        m.messageId(),
                        f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id()))
                                .orElseThrow()
                                .state());
            }
            Map<String, OutboxState> twice = new HashMap<>();
            arrived.forEach((id, n) -> {
                if (n > 1) {
                    twice.put(id, states.get(id));
                }
            });
            assertThat(twice).as("arrived twice, with their states").isEmpty();
            assertThat(arrived.keySet()).isSubsetOf(states.keySet());
            states.forEach((id, state) -> {
                if (state == OutboxState.SENT) {
                    assertThat(arrived).as("sent means arrived: " + id).containsEntry(id, 1);
                } else {
                    assertThat(state).as(id).isEqualTo(OutboxState.IN_DOUBT);
                }
            });
            assertThat(states.values().stream()
                            .filter(s -> s == OutboxState.IN_DOUBT)
                            .count())
                    .isEqualTo(inDoubt.size());

            // A person resolves each doubt: re-send what did not arrive (same Message-ID), mark sent what did.
            OutboxService people = new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
            for (OutboxMessage m : inDoubt) {
                if (arrived.containsKey(m.messageId())) {
                    people.markInDoubtSent(f.owner, m.tenant(), m.id());
                } else {
                    people.resendInDoubt(f.owner, m.tenant(), m.id());
                }
            }
            outbox.drain(4);
            Map<String, Integer> finalCount = countByMessageId();
            assertThat(finalCount)
                    .hasSize(BATCH)
                    .allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
            assertThat(f.tx.inTransaction(() -> f.outbox.countByState(f.acme)))
                    .containsOnly(Map.entry(OutboxState.SENT, (long) BATCH));
            System.out.printf(
                    "crash test: killed after %d of %d had arrived; %d in doubt after restart%n",
                    atKill, BATCH, inDoubt.size());
        }
    }

    /** The fixture's stores over a reopened store; its tenant and users already exist. */
    private SendingFixture reopened(Store store) {
        return SendingFixture.reopen(store, dir);
    }

    private Map<String, Integer> countByMessageId() throws Exception {
        Map<String, Integer> count = new HashMap<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            count.merge(m.getHeader("Message-ID", null), 1, Integer::sum);
        }
        return count;
    }
}
