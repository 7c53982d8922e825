package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * the same store recovers. Counted at the relay by recipient (one message each): nothing is missing,
 * nothing arrives twice unless a person re-sent a message marked in doubt, at most one message per SMTP
 * session is left in doubt, and never one whose DATA the relay had not begun to receive. Each kill says
 * how many ended in doubt and how many of those had in fact arrived.
 */
@Tag("slow")
class OutboxCrashTest {
    private static final int BATCH = 240;
    /** The relay's rate limit stretches the batch over about six seconds, so the kill lands mid-batch. */
    private static final int RATE = 40;

    private static final int SESSIONS = 4;

    @TempDir
    Path dir;

    private CountingRelay relay;

    @BeforeEach
    void start() {
        relay = new CountingRelay();
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @ParameterizedTest(name = "killed after {0} messages arrived")
    @ValueSource(ints = {1, 60, 120, 170})
    void aKilledSenderLosesNothingDuplicatesNothingSilentlyAndLeavesAtMostOneInDoubtPerSession(int killAfter)
            throws Exception {
        List<OutboxMessage> queued;
        try (Store store = Backend.H2.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.localRelay("Local relay", relay.port(), SESSIONS, RATE);
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
                        String.valueOf(SESSIONS))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        try {
            relay.awaitArrivals(killAfter, Duration.ofSeconds(60));
            assertThat(child.isAlive())
                    .as("the sender was still mid-batch when killed")
                    .isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        int atKill = relay.arrivals();
        assertThat(atKill).isBetween(killAfter, BATCH - 1);
        Set<String> transmittedAtKill = relay.transmitted();

        try (Store store = Backend.H2.open(dir);
                SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system())) {
            SendingFixture f = SendingFixture.reopen(store, dir);
            var outbox = CrashSender.outbox(store, dir, transport, Clock.systemUTC());
            Outbox.Recovery recovered = outbox.recoverAfterStop();
            List<OutboxMessage> inDoubt = recovered.inDoubt();
            long inDoubtArrived = inDoubt.stream()
                    .filter(m -> relay.arrived().containsKey(m.to()))
                    .count();
            System.out.printf(
                    "crash test: killed after %d of %d had arrived; %d queued again, %d in doubt, %d of them had"
                            + " arrived%n",
                    atKill, BATCH, recovered.requeued(), inDoubt.size(), inDoubtArrived);
            assertThat(inDoubt.size())
                    .as("in doubt after one kill, at most one per SMTP session")
                    .isLessThanOrEqualTo(SESSIONS);
            assertThat(inDoubt)
                    .as("in doubt only when the relay had begun to receive its DATA")
                    .allSatisfy(m -> assertThat(transmittedAtKill).contains(m.to()));
            outbox.drain(SESSIONS);

            Map<String, Integer> arrived = relay.arrived();
            Map<String, OutboxState> states = new HashMap<>();
            for (OutboxMessage m : queued) {
                states.put(
                        m.to(),
                        f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id()))
                                .orElseThrow()
                                .state());
            }
            Map<String, OutboxState> twice = new HashMap<>();
            arrived.forEach((to, n) -> {
                if (n > 1) {
                    twice.put(to, states.get(to));
                }
            });
            assertThat(twice).as("arrived twice, with their states").isEmpty();
            assertThat(arrived.keySet()).isSubsetOf(states.keySet());
            states.forEach((to, state) -> {
                if (state == OutboxState.SENT) {
                    assertThat(arrived).as("sent means arrived: " + to).containsEntry(to, 1);
                } else {
                    assertThat(state).as(to).isEqualTo(OutboxState.IN_DOUBT);
                }
            });
            assertThat(states.values().stream()
                            .filter(s -> s == OutboxState.IN_DOUBT)
                            .count())
                    .isEqualTo(inDoubt.size());

            // A person resolves each doubt: re-send what did not arrive (same Message-ID), mark sent what did.
            OutboxService people = new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
            for (OutboxMessage m : inDoubt) {
                if (arrived.containsKey(m.to())) {
                    people.markInDoubtSent(f.owner, m.tenant(), m.id());
                } else {
                    people.resendInDoubt(f.owner, m.tenant(), m.id());
                }
            }
            outbox.drain(SESSIONS);
            assertThat(relay.arrived())
                    .hasSize(BATCH)
                    .allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1));
            assertThat(f.tx.inTransaction(() -> f.outbox.countByState(f.acme)))
                    .containsOnly(Map.entry(OutboxState.SENT, (long) BATCH));
        }
    }
}
