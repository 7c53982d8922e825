package dev.mailroom.persistence.suppressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionReason;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqSuppressionStoreTest {
    @TempDir
    Path dir;

    /** The outbox checks a claimed batch in one look-up: it must answer as find does for each address. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void findAllAnswersAsFindDoesForEachAddress(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            JooqSuppressionStore s = new JooqSuppressionStore(f.tx);
            f.tx.run(() -> {
                s.put(new Suppression(
                        f.acme,
                        "tryacme.test",
                        "gone@example.net",
                        SuppressionReason.HARD_BOUNCE,
                        SendingFixture.T0,
                        Optional.empty(),
                        "550 5.1.1"));
                s.put(new Suppression(
                        f.acme,
                        "tryacme.test",
                        "held@example.net",
                        SuppressionReason.SOFT_BOUNCE_HOLD,
                        SendingFixture.T0,
                        Optional.of(SendingFixture.T0.plusSeconds(3600)),
                        "5 soft bounces"));
                // Same address, another domain and another tenant: not this domain's entry.
                s.put(new Suppression(
                        f.acme,
                        "other.test",
                        "fine@example.net",
                        SuppressionReason.MANUAL,
                        SendingFixture.T0,
                        Optional.empty(),
                        ""));
                s.put(new Suppression(
                        other,
                        "tryacme.test",
                        "fine@example.net",
                        SuppressionReason.MANUAL,
                        SendingFixture.T0,
                        Optional.empty(),
                        ""));
            });
            List<String> asked =
                    List.of(" Gone@Example.net", "held@example.net", "fine@example.net", "new@example.net");

            Map<String, Suppression> found = f.tx.inTransaction(() -> s.findAll(f.acme, "TryAcme.test", asked));

            assertThat(found).containsOnlyKeys(" Gone@Example.net", "held@example.net");
            for (String a : asked) {
                assertThat(Optional.ofNullable(found.get(a)))
                        .as(a)
                        .isEqualTo(f.tx.inTransaction(() -> s.find(f.acme, "TryAcme.test", a)));
            }
            assertThat(found.get("held@example.net").reason()).isEqualTo(SuppressionReason.SOFT_BOUNCE_HOLD);
            assertThat(f.tx.inTransaction(() -> s.findAll(f.acme, "tryacme.test", List.of())))
                    .isEmpty();
        }
    }

    /**
     * Lists bigger than one look-up query, written by the batch an import uses: every entry is found, in its own
     * tenant and domain only, and an entry that is there after all is refused on its key, not doubled.
     */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void manyEntriesAddedTogetherAreFoundAcrossLookupChunks(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            JooqSuppressionStore s = new JooqSuppressionStore(f.tx);
            List<Suppression> entries = IntStream.range(0, 2500)
                    .mapToObj(i -> new Suppression(
                            f.acme,
                            "tryacme.test",
                            "p" + i + "@example.net",
                            SuppressionReason.MANUAL,
                            SendingFixture.T0,
                            Optional.empty(),
                            "imported from list.csv"))
                    .toList();
            f.tx.run(() -> s.addAll(entries));
            f.tx.run(() -> s.addAll(List.of(new Suppression(
                    other,
                    "tryacme.test",
                    "p1@example.net",
                    SuppressionReason.MANUAL,
                    SendingFixture.T0,
                    Optional.empty(),
                    ""))));
            List<String> asked = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                asked.add((i % 2 == 0 ? "P" : "p") + i + "@Example.net");
            }

            Map<String, Suppression> found = f.tx.inTransaction(() -> s.findAll(f.acme, "tryacme.test", asked));

            assertThat(found).hasSize(2500);
            assertThat(found.get("P2498@Example.net").note()).isEqualTo("imported from list.csv");
            assertThat(found).doesNotContainKey("p2501@Example.net");
            assertThat(f.tx.inTransaction(() -> s.findAll(other, "tryacme.test", asked)))
                    .containsOnlyKeys("p1@Example.net");
            assertThatThrownBy(() -> f.tx.run(() -> s.addAll(List.of(entries.get(7)))))
                    .isInstanceOf(RuntimeException.class);
            assertThat(f.tx.inTransaction(() -> s.list(f.acme, "tryacme.test"))).hasSize(2500);
        }
    }
}
