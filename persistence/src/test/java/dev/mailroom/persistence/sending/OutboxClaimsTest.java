package dev.mailroom.persistence.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OutboxStore;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Claims with an owner and a lease, on both stores: what a console that starts takes over, and what it
 * leaves to a console still sending.
 */
class OutboxClaimsTest {
    private static final String NOTE_QUEUED = "queued again";
    private static final String NOTE_DOUBT = "in doubt";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aStoppedConsolesClaimsAreQueuedAgainUnlessHandedToTheRelay(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            List<OutboxId> ids = queue(f, 4);
            Instant now = f.clock.instant();
            List<OutboxMessage> claimed = f.tx.inTransaction(() -> f.outbox.claimDue(now, 3, "a"));
            assertThat(claimed)
                    .hasSize(3)
                    .allSatisfy(m -> assertThat(m.attempts()).isEqualTo(1));
            assertThat(f.tx.inTransaction(
                            () -> f.outbox.markTransmitting(claimed.get(0).id(), "a")))
                    .isTrue();
            // Only the owner hands a message over, and only once.
            assertThat(f.tx.inTransaction(
                            () -> f.outbox.markTransmitting(claimed.get(1).id(), "b")))
                    .isFalse();
            assertThat(f.tx.inTransaction(
                            () -> f.outbox.markTransmitting(claimed.get(0).id(), "a")))
                    .isFalse();

            // Console "a" never renewed a lease: it is gone, on either store.
            OutboxStore.Recovery r =
                    f.tx.inTransaction(() -> f.outbox.recoverClaims(now, "b", false, NOTE_QUEUED, NOTE_DOUBT));
            assertThat(r.requeued()).isEqualTo(2);
            assertThat(r.inDoubt()).singleElement().satisfies(m -> {
                assertThat(m.id()).isEqualTo(claimed.get(0).id());
                assertThat(m.state()).isEqualTo(OutboxState.IN_DOUBT);
                assertThat(m.note()).isEqualTo(NOTE_DOUBT);
            });
            OutboxMessage again = find(f, claimed.get(1).id());
            assertThat(again.state()).isEqualTo(OutboxState.QUEUED);
            assertThat(again.attempts())
                    .as("the claim that never reached the relay is not an attempt")
                    .isZero();
            assertThat(again.note()).isEqualTo(NOTE_QUEUED);
            assertThat(find(f, ids.get(3)).state()).isEqualTo(OutboxState.QUEUED);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aLiveLeaseKeepsAnotherConsolesClaimsUntilItRunsOut(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            queue(f, 2);
            Instant now = f.clock.instant();
            f.tx.inTransaction(() -> {
                f.outbox.renewLease("a", now.plus(Duration.ofSeconds(60)));
                return null;
            });
            List<OutboxMessage> claimed = f.tx.inTransaction(() -> f.outbox.claimDue(now, 2, "a"));
            f.tx.inTransaction(() -> f.outbox.markTransmitting(claimed.get(0).id(), "a"));

            OutboxStore.Recovery early = f.tx.inTransaction(
                    () -> f.outbox.recoverClaims(now.plusSeconds(59), "b", false, NOTE_QUEUED, NOTE_DOUBT));
            assertThat(early.requeued()).isZero();
            assertThat(early.inDoubt()).isEmpty();
            assertThat(find(f, claimed.get(0).id()).state()).isEqualTo(OutboxState.TRANSMITTING);
            assertThat(find(f, claimed.get(1).id()).state()).isEqualTo(OutboxState.SENDING);

            // "a" records its outcome; "b" cannot record for "a".
            f.tx.inTransaction(() -> {
                f.outbox.recordOutcomes(
                        List.of(new OutboxStore.Outcome(
                                claimed.get(0).id(),
                                OutboxState.SENT,
                                Optional.empty(),
                                Optional.of(now),
                                OptionalInt.of(250),
                                "ok")),
                        "b");
                return null;
            });
            assertThat(find(f, claimed.get(0).id()).state()).isEqualTo(OutboxState.TRANSMITTING);
            f.tx.inTransaction(() -> {
                f.outbox.recordOutcomes(
                        List.of(new OutboxStore.Outcome(
                                claimed.get(0).id(),
                                OutboxState.SENT,
                                Optional.empty(),
                                Optional.of(now),
                                OptionalInt.of(250),
                                "ok")),
                        "a");
                return null;
            });
            assertThat(find(f, claimed.get(0).id()).state()).isEqualTo(OutboxState.SENT);

            // Once the lease has run out, "b" takes over what "a" still holds.
            OutboxStore.Recovery late = f.tx.inTransaction(
                    () -> f.outbox.recoverClaims(now.plusSeconds(61), "b", false, NOTE_QUEUED, NOTE_DOUBT));
            assertThat(late.requeued()).isEqualTo(1);
            assertThat(late.inDoubt()).isEmpty();
            assertThat(find(f, claimed.get(1).id()).state()).isEqualTo(OutboxState.QUEUED);
            // The expired lease is forgotten; claiming again needs a claim of b's own.
            assertThat(f.tx.inTransaction(
                            () -> f.outbox.markTransmitting(claimed.get(1).id(), "a")))
                    .isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void onAStoreOnlyThisProcessCanOpenEveryOtherOwnerIsGone(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            assertThat(f.outbox.exclusiveToThisProcess()).isEqualTo(backend == Backend.H2);
            queue(f, 2);
            Instant now = f.clock.instant();
            f.tx.inTransaction(() -> {
                f.outbox.renewLease("a", now.plus(Duration.ofSeconds(60)));
                return null;
            });
            List<OutboxMessage> claimed = f.tx.inTransaction(() -> f.outbox.claimDue(now, 1, "a"));
            List<OutboxMessage> mine = f.tx.inTransaction(() -> f.outbox.claimDue(now, 1, "b"));
            OutboxStore.Recovery r =
                    f.tx.inTransaction(() -> f.outbox.recoverClaims(now, "b", true, NOTE_QUEUED, NOTE_DOUBT));
            assertThat(r.requeued()).as("a's claim, its lease notwithstanding").isEqualTo(1);
            assertThat(find(f, claimed.get(0).id()).state()).isEqualTo(OutboxState.QUEUED);
            assertThat(find(f, mine.get(0).id()).state())
                    .as("never one's own claims")
                    .isEqualTo(OutboxState.SENDING);
        }
    }

    private static List<OutboxId> queue(SendingFixture f, int n) {
        Connection c = f.connectionService(e -> null)
                .create(
                        f.owner,
                        f.acme,
                        SendingFixture.draft("Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
        List<OutboxMessage> rows = IntStream.range(0, n)
                .mapToObj(i -> new OutboxMessage(
                        new OutboxId(0),
                        f.acme,
                        Optional.of(c.id()),
                        "tryacme.test",
                        "<" + i + ".claims@tryacme.test>",
                        "hello@tryacme.test",
                        "Acme",
                        "r" + i + "@example.net",
                        "Receipt",
                        "Thanks",
                        Optional.empty(),
                        true,
                        Optional.empty(),
                        OutboxState.QUEUED,
                        0,
                        f.clock.instant(),
                        f.clock.instant(),
                        Optional.empty(),
                        OptionalInt.empty(),
                        ""))
                .toList();
        return f.tx.inTransaction(() -> f.outbox.insert(rows));
    }

    private static OutboxMessage find(SendingFixture f, OutboxId id) {
        return f.tx.inTransaction(() -> f.outbox.find(f.acme, id)).orElseThrow();
    }
}
