package dev.mailroom.persistence.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.ProviderKey;
import dev.mailroom.model.providers.ProviderKeyId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The provider key list on H2 and PostgreSQL: per tenant, its life, and a removed connection's keys kept. */
class JooqProviderKeyStoreTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void keysAreListedPerTenantLiveThroughRotationAndOutliveTheirConnection(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            Connection c = f.localRelay("Relay", 2525, 1, 0);
            JooqProviderKeyStore s = new JooqProviderKeyStore(f.tx);
            ProviderKeyId first = f.tx.inTransaction(() -> s.insert(
                    f.acme,
                    c.id(),
                    ConnectionKind.SENDGRID_API,
                    "keyid-1",
                    "Shop",
                    Optional.empty(),
                    List.of("mail.send", "stats.read"),
                    SendingFixture.T0,
                    Optional.empty()));
            ProviderKeyId second = f.tx.inTransaction(() -> s.insert(
                    f.acme,
                    c.id(),
                    ConnectionKind.MAILERSEND_API,
                    "tok-2",
                    "App",
                    Optional.of("tryacme.test"),
                    List.of("email_full"),
                    SendingFixture.T0.plusSeconds(60),
                    Optional.of(SendingFixture.T0.plusSeconds(60))));

            assertThat(f.tx.inTransaction(() -> s.list(f.acme)))
                    .extracting(ProviderKey::id)
                    .containsExactly(second, first);
            assertThat(f.tx.inTransaction(() -> s.list(other))).isEmpty();
            assertThat(f.tx.inTransaction(() -> s.find(other, first))).isEmpty();

            f.tx.run(() -> s.markRotating(other, first, SendingFixture.T0)); // another tenant's: nothing
            f.tx.run(() -> s.markRotating(f.acme, first, SendingFixture.T0.plus(Duration.ofDays(7))));
            ProviderKey rotating =
                    f.tx.inTransaction(() -> s.find(f.acme, first)).orElseThrow();
            assertThat(rotating.state()).isEqualTo(ProviderKey.State.ROTATING);
            assertThat(rotating.graceEndsAt()).contains(SendingFixture.T0.plus(Duration.ofDays(7)));
            assertThat(rotating.scopes()).containsExactly("mail.send", "stats.read");

            f.tx.run(() -> s.markRevoked(f.acme, first, SendingFixture.T0.plusSeconds(5)));
            ProviderKey gone = f.tx.inTransaction(() -> s.find(f.acme, first)).orElseThrow();
            assertThat(gone.state()).isEqualTo(ProviderKey.State.REVOKED);
            assertThat(gone.revokedAt()).contains(SendingFixture.T0.plusSeconds(5));

            f.tx.run(() -> f.connections.delete(f.acme, c.id()));
            ProviderKey kept = f.tx.inTransaction(() -> s.find(f.acme, second)).orElseThrow();
            assertThat(kept.connection()).isEmpty();
            assertThat(kept.domain()).contains("tryacme.test");
            assertThat(kept.rotatedAt()).contains(SendingFixture.T0.plusSeconds(60));
        }
    }
}
