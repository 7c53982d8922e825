package dev.mailroom.mailer.sending;

import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.testing.Poll;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Team mode: two consoles (separate JVMs) send from one PostgreSQL store. The second starts while the
 * first is sending and must leave the first one's claims alone; then the first is killed (SIGKILL), and
 * the second takes over its claims once its lease has run out. Counted at the relay by recipient: nothing
 * lost, nothing doubled, and in doubt only messages the killed console had handed to the relay.
 */
@Tag("slow")
class OutboxTeamTest {
    private static final int BATCH = 300;
    /**
     * Per console, a slow relay: a console alone needs over a minute for the batch, so it is still sending
     * when the second console has started (a JVM start takes 10–20 s on a busy machine) and is killed.
     */
    private static final int RATE = 4;

    private static final int SESSIONS = 2;
    private static final int LEASE_SECONDS = 6;

    @TempDir
    Path dir;

    @Test
    void aSecondConsoleLeavesALiveConsolesClaimsAloneAndTakesOverAKilledOnesOnceItsLeaseEnds() throws Exception {
        try (CountingRelay relay = new CountingRelay()) {
            StoreConfig shared = Backend.POSTGRES.newStore(dir.resolve("test"));
            try (Store store = Store.open(shared)) {
                SendingFixture f = new SendingFixture(store, dir.resolve("test"));
                Connection c = f.localRelay("Local relay", relay.port(), SESSIONS, RATE);
                List<OutboxMessage> queued = CrashSender.outbox(
                                store, dir.resolve("test"), new SmtpMailTransport(SmtpSettings.system()), f.clock)
                        .enqueue(IntStream.range(0, BATCH)
                                .mapToObj(i -> OutboxDeliveryTest.message(f, c, "r" + i + "@example.net", true))
                                .toList());

                Process a = console(shared, "a", f);
                Process b = null;
                try {
                    String aId = awaitLine(dir.resolve("a.log"), "instance ", a).substring("instance ".length());
                    relay.awaitArrivals(10, Duration.ofSeconds(120));
                    assertThat(a.isAlive()).as("a is sending").isTrue();
                    assertThat(claimsOf(store, aId))
                            .as("a holds claims when b starts")
                            .isPositive();

                    b = console(shared, "b", f);
                    String bRecovered = awaitLine(dir.resolve("b.log"), "recovered ", b);
                    assertThat(bRecovered)
                            .as("b's start leaves a's live claims alone")
                            .isEqualTo("recovered 0 0");
                    int bothSending = relay.arrivals();
                    relay.awaitArrivals(bothSending + 8, Duration.ofSeconds(120));
                    assertThat(a.isAlive())
                            .as("a was still mid-batch when killed")
                            .isTrue();
                    assertThat(relay.arrivals()).isLessThan(BATCH);
                } finally {
                    a.destroyForcibly();
                    assertThat(a.waitFor(60, TimeUnit.SECONDS)).isTrue();
                }
                String aId = awaitLine(dir.resolve("a.log"), "instance ", a).substring("instance ".length());
                int atKill = relay.arrivals();
                var transmittedAtKill = relay.transmitted();
                assertThat(b.waitFor(180, TimeUnit.SECONDS))
                        .as("b finished the batch, a's claims included")
                        .isTrue();
                assertThat(Files.readAllLines(dir.resolve("b.log"))).contains("done");

                Map<String, Integer> arrived = relay.arrived();
                assertThat(arrived)
                        .as("nothing arrived twice")
                        .allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1));
                List<OutboxMessage> inDoubt =
                        f.tx.inTransaction(() -> f.outbox.list(f.acme, Optional.of(OutboxState.IN_DOUBT), BATCH));
                System.out.printf(
                        "team test: a killed after %d of %d had arrived; b finished the rest; %d in doubt (a's), %d of"
                                + " them had arrived%n",
                        atKill,
                        BATCH,
                        inDoubt.size(),
                        inDoubt.stream()
                                .filter(m -> arrived.containsKey(m.to()))
                                .count());
                assertThat(inDoubt.size())
                        .as("at most one in doubt per session of the killed console")
                        .isLessThanOrEqualTo(SESSIONS);
                for (OutboxMessage m : inDoubt) {
                    assertThat(ownerOf(store, m)).as("in doubt: only a's").isEqualTo(aId);
                    assertThat(transmittedAtKill)
                            .as("in doubt: only what a had handed to the relay")
                            .contains(m.to());
                }
                for (OutboxMessage m : queued) {
                    OutboxState state = f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id()))
                            .orElseThrow()
                            .state();
                    if (state == OutboxState.SENT) {
                        assertThat(arrived).as("sent means arrived: " + m.to()).containsEntry(m.to(), 1);
                    } else {
                        assertThat(state).as(m.to()).isEqualTo(OutboxState.IN_DOUBT);
                    }
                }

                // A person resolves the doubts; then every message has arrived exactly once.
                OutboxService people =
                        new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
                for (OutboxMessage m : inDoubt) {
                    if (arrived.containsKey(m.to())) {
                        people.markInDoubtSent(f.owner, m.tenant(), m.id());
                    } else {
                        people.resendInDoubt(f.owner, m.tenant(), m.id());
                    }
                }
                try (SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system())) {
                    Outbox last = CrashSender.outbox(store, dir.resolve("test"), transport, Clock.systemUTC());
                    last.drain(SESSIONS);
                }
                assertThat(relay.arrived())
                        .hasSize(BATCH)
                        .allSatisfy((to, n) -> assertThat(n).as(to).isEqualTo(1));
                assertThat(f.tx.inTransaction(() -> f.outbox.countByState(f.acme)))
                        .containsOnly(Map.entry(OutboxState.SENT, (long) BATCH));
            }
        }
    }

    private Process console(StoreConfig shared, String name, SendingFixture f) throws IOException {
        Path data = dir.resolve(name);
        Files.createDirectories(data);
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        TeamSender.class.getName(),
                        shared.jdbcUrl().orElseThrow(),
                        data.toString(),
                        String.valueOf(LEASE_SECONDS),
                        String.valueOf(SESSIONS),
                        String.valueOf(f.acme.value()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
    }

    /** The console's first line starting with {@code prefix}, waited for; fails if the console ends first. */
    private static String awaitLine(Path log, String prefix, Process p) throws Exception {
        return Poll.forThe("a line \"" + prefix + "…\" in " + log)
                .unless(() -> !p.isAlive())
                .showing(() -> logText(log))
                .until(() -> firstLine(log, prefix));
    }

    private static Optional<String> firstLine(Path log, String prefix) throws Exception {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        return Files.readAllLines(log).stream()
                .filter(l -> l.startsWith(prefix))
                .findFirst();
    }

    private static String logText(Path log) {
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (java.io.IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int claimsOf(Store store, String owner) {
        return store.dsl()
                .fetchCount(
                        OUTBOX_MESSAGE,
                        OUTBOX_MESSAGE.CLAIM_OWNER.eq(owner),
                        OUTBOX_MESSAGE.STATE.in(OutboxState.SENDING.name(), OutboxState.TRANSMITTING.name()));
    }

    private static String ownerOf(Store store, OutboxMessage m) {
        return store.dsl()
                .select(OUTBOX_MESSAGE.CLAIM_OWNER)
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.ID.eq(m.id().value()))
                .fetchOne(OUTBOX_MESSAGE.CLAIM_OWNER);
    }
}
