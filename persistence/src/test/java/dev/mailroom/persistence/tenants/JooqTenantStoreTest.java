package dev.mailroom.persistence.tenants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.tenants.TenantStatus;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqTenantStoreTest {
    @TempDir
    Path dir;

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name,
                "#3366CC",
                "Jo Smith",
                "jo@example.com",
                OwnershipModel.CLIENT_OWNED,
                PartnerAccessPattern.AGENCY_MANAGED);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void storesListsUpdatesAndArchivesTenants(Backend backend) {
        try (Store store = backend.open(dir)) {
            JooqTenantStore tenants = new JooqTenantStore(store.transactions());
            Instant created = Instant.parse("2026-11-01T10:15:30.123456Z");
            TenantId acme = tenants.insert(draft("Acme Corp"), created);
            TenantId bolt = tenants.insert(draft("Bolt Bikes"), created);

            Tenant read = tenants.find(acme).orElseThrow();
            assertThat(read.name()).isEqualTo("Acme Corp");
            assertThat(read.createdAt()).isEqualTo(created);
            assertThat(read.status()).isEqualTo(TenantStatus.ACTIVE);
            assertThat(tenants.findByNameKey("acme corp")).map(Tenant::id).contains(acme);

            assertThat(tenants.list(TenantScope.everything()))
                    .extracting(Tenant::name)
                    .containsExactly("Acme Corp", "Bolt Bikes");
            assertThat(tenants.list(TenantScope.only(Set.of(bolt))))
                    .extracting(Tenant::name)
                    .containsExactly("Bolt Bikes");
            assertThat(tenants.list(TenantScope.only(Set.of()))).isEmpty();

            tenants.update(acme, draft("ACME Corporation"));
            assertThat(tenants.find(acme).orElseThrow().name()).isEqualTo("ACME Corporation");
            assertThat(tenants.findByNameKey("acme corporation")).isPresent();

            Instant archived = created.plus(3, ChronoUnit.DAYS);
            tenants.setStatus(acme, TenantStatus.ARCHIVED, Optional.of(archived));
            Tenant a = tenants.find(acme).orElseThrow();
            assertThat(a.isArchived()).isTrue();
            assertThat(a.archivedAt()).contains(archived);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void namesAreUniqueCaseInsensitivelyEvenIfAUseCaseForgetsToCheck(Backend backend) {
        try (Store store = backend.open(dir)) {
            JooqTenantStore tenants = new JooqTenantStore(store.transactions());
            tenants.insert(draft("Acme"), Instant.now());
            assertThatThrownBy(() ->
                            store.transactions().inTransaction(() -> tenants.insert(draft("ACME"), Instant.now())))
                    .isInstanceOf(ExternalFailure.class);
            assertThat(tenants.list(TenantScope.everything())).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deletingATenantRemovesItsMembershipsAndKeepsItsUsers(Backend backend) {
        try (Store store = backend.open(dir)) {
            var tx = store.transactions();
            JooqTenantStore tenants = new JooqTenantStore(tx);
            JooqUserStore users = new JooqUserStore(tx, java.time.Clock.systemUTC());
            JooqMembershipStore memberships = new JooqMembershipStore(tx);
            TenantId acme = tenants.insert(draft("Acme"), Instant.now());
            TenantId bolt = tenants.insert(draft("Bolt"), Instant.now());
            UserId bea = users.insert(new NewUser(
                    "bea@acme.com", "Bea", "$argon2id$x", false, StaffKind.CLIENT, Optional.of(acme), true));
            memberships.grant(bea, acme, Role.DESIGNER);
            memberships.grant(bea, acme, Role.ANALYTICS);
            memberships.grant(bea, bolt, Role.EDITOR);
            memberships.grant(bea, acme, Role.DESIGNER); // granting twice is harmless

            assertThat(memberships.roles(bea, acme)).containsExactlyInAnyOrder(Role.DESIGNER, Role.ANALYTICS);
            tenants.delete(acme);

            assertThat(tenants.find(acme)).isEmpty();
            assertThat(memberships.rolesByTenant(bea)).containsOnlyKeys(bolt);
            assertThat(users.find(bea).orElseThrow().homeTenant()).isEmpty();
        }
    }
}
