package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.audit.AuditChain;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The tenant use cases against a real store, on H2 and on PostgreSQL. */
class TenantUseCasesTest {
    @TempDir
    Path dir;

    private Store store;
    private Services services;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private Actor owner;

    private void open(Backend backend) {
        store = backend.open(dir);
        services = Services.create(store, clock);
        char[] pw = "owner-password".toCharArray();
        owner = services.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name,
                "#2563eb",
                "Morgan Lee",
                "morgan@acme.example",
                OwnershipModel.AGENCY_OWNED,
                PartnerAccessPattern.AGENCY_MANAGED);
    }

    private Actor userWithRoleIn(Tenant tenant, Role role, String email) {
        var tx = store.transactions();
        UserId id = tx.inTransaction(() -> new JooqUserStore(tx, clock)
                .insert(new NewUser(
                        email,
                        "Bea " + role.label(),
                        "$argon2id$none",
                        false,
                        StaffKind.CLIENT,
                        Optional.of(tenant.id()),
                        false)));
        if (role != null) {
            tx.run(() -> new JooqMembershipStore(tx).grant(id, tenant.id(), role));
        }
        return Actor.of(new Principal(id, "Bea " + role.label()));
    }

    private List<AuditEntry> audit() {
        return store.transactions().inTransaction(() -> new JooqAuditStore(store.transactions()).all());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOwnerCreatesTenantsWithCleanedValuesAndTheChangeIsAudited(Backend backend) {
        open(backend);
        Tenant acme = services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "  Acme   Corp ",
                                "#2563eb",
                                " Jo ",
                                "",
                                OwnershipModel.CLIENT_OWNED,
                                PartnerAccessPattern.CO_MANAGED));

        assertThat(acme.name()).isEqualTo("Acme Corp");
        assertThat(acme.accentColor()).isEqualTo("#2563EB");
        assertThat(services.tenants().list(owner)).extracting(Tenant::name).containsExactly("Acme Corp");
        AuditEntry last = audit().get(audit().size() - 1);
        assertThat(last.action()).isEqualTo("tenant.created");
        assertThat(last.tenant()).contains(acme.id());
        assertThat(last.actorName()).isEqualTo("Ana Owner");
        assertThat(last.details()).contains("name: Acme Corp");
        assertThat(AuditChain.firstBroken(audit())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void namesAreUniqueCaseInsensitivelyAndARefusedChangeLeavesNoAuditEntry(Backend backend) {
        open(backend);
        services.tenants().create(owner, draft("Acme"));
        int entries = audit().size();

        assertThatThrownBy(() -> services.tenants().create(owner, draft("ACME ")))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsKey("name"));
        assertThatThrownBy(() ->
                        services.tenants().create(owner, new TenantDraft("", "blue", "", "not-an-email", null, null)))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems())
                                .containsOnlyKeys("name", "accentColor", "contactEmail", "ownership", "partnerAccess"));
        assertThat(audit()).hasSize(entries);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aUserWithoutARoleCannotTellATenantExists(Backend backend) {
        open(backend);
        Tenant acme = services.tenants().create(owner, draft("Acme"));
        Tenant bolt = services.tenants().create(owner, draft("Bolt"));
        Actor designer = userWithRoleIn(acme, Role.DESIGNER, "bea@acme.example");

        assertThat(services.tenants().list(designer)).extracting(Tenant::name).containsExactly("Acme");
        assertThat(services.tenants().get(designer, acme.id()).name()).isEqualTo("Acme");
        assertThatThrownBy(() -> services.tenants().get(designer, bolt.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> services.tenants().update(designer, bolt.id(), draft("Mine now")))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> services.tenants().update(designer, acme.id(), draft("Renamed")))
                .isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> services.tenants().create(designer, draft("New")))
                .isInstanceOf(PermissionDenied.class);
        assertThat(services.tenants().get(owner, bolt.id()).name()).isEqualTo("Bolt");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anArchivedTenantIsReadOnlyCanBeRestoredAndIsPurgedOnlyAfterNinetyDays(Backend backend) {
        open(backend);
        Tenant acme = services.tenants().create(owner, draft("Acme"));
        Actor admin = userWithRoleIn(acme, Role.ADMIN, "admin@acme.example");
        assertThatThrownBy(() -> services.tenants().archive(admin, acme.id())).isInstanceOf(PermissionDenied.class);

        Tenant archived = services.tenants().archive(owner, acme.id());
        assertThat(archived.isArchived()).isTrue();
        assertThat(archived.daysUntilPurgeable(clock.instant())).contains(90L);
        assertThatThrownBy(() -> services.tenants().update(owner, acme.id(), draft("Acme 2")))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> services.tenants().purge(owner, acme.id(), "Acme"))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("can be purged from");

        assertThat(services.tenants().restore(owner, acme.id()).isArchived()).isFalse();
        services.tenants().archive(owner, acme.id());
        clock.advance(Duration.ofDays(90));
        assertThatThrownBy(() -> services.tenants().purge(owner, acme.id(), "acme"))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsKey("confirmName"));
        services.tenants().purge(owner, acme.id(), "Acme");

        assertThat(services.tenants().list(owner)).isEmpty();
        assertThat(audit())
                .extracting(AuditEntry::action)
                .containsSubsequence(
                        "tenant.created", "tenant.archived", "tenant.restored", "tenant.archived", "tenant.purged");
        assertThat(AuditChain.firstBroken(audit())).isEmpty();
    }
}
