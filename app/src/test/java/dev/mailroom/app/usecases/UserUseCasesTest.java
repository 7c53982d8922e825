package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Users, roles, acting-as and the audit log's visibility, on H2 and PostgreSQL. */
class UserUseCasesTest {
    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private Tenant bolt;

    private void open(Backend backend) {
        store = backend.open(dir);
        s = Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")));
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = s.tenants().create(owner, draft("Acme", PartnerAccessPattern.AGENCY_MANAGED));
        bolt = s.tenants().create(owner, draft("Bolt", PartnerAccessPattern.CLIENT_MANAGED_WITH_AGENCY_FALLBACK));
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static TenantDraft draft(String name, PartnerAccessPattern pattern) {
        return new TenantDraft(name, "#2563EB", "", "", OwnershipModel.AGENCY_OWNED, pattern);
    }

    private UserAccount client(Actor by, Tenant home, String name, Role... roles) {
        UserAccount u = s.users()
                .create(
                        by,
                        new UserDraft(
                                name,
                                name.toLowerCase() + "@client.example",
                                StaffKind.CLIENT,
                                Optional.of(home.id()),
                                "first-password".toCharArray()));
        return roles.length == 0 ? u : s.users().setRoles(by, u.user().id(), home.id(), Set.of(roles));
    }

    private Actor signIn(String email, String password) {
        return s.signIn().signIn(email, password.toCharArray()).actor();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aNewUserMustChangeTheFirstPasswordAndSeesOnlyTheirTenant(Backend backend) {
        open(backend);
        client(owner, acme, "Bea", Role.DESIGNER);
        var signedIn = s.signIn().signIn("bea@client.example", "first-password".toCharArray());
        assertThat(signedIn.mustChangePassword()).isTrue();
        Actor bea = signedIn.actor();
        s.signIn()
                .changePassword(
                        bea,
                        "first-password".toCharArray(),
                        "beas-own-password".toCharArray(),
                        "beas-own-password".toCharArray());
        assertThat(s.signIn()
                        .signIn("bea@client.example", "beas-own-password".toCharArray())
                        .mustChangePassword())
                .isFalse();

        assertThat(s.tenants().list(bea)).extracting(Tenant::name).containsExactly("Acme");
        assertThatThrownBy(() -> s.users().list(bea)).isInstanceOf(PermissionDenied.class);
        assertThat(s.access().myAccess(bea).mayAnywhere(dev.mailroom.model.access.Permission.TEMPLATES_EDIT))
                .isTrue();
        assertThat(s.access().myAccess(bea).mayAnywhere(dev.mailroom.model.access.Permission.DOMAINS_VIEW))
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aUserManagerManagesTheirTenantOnlyAndCanNeverGrantOwner(Backend backend) {
        open(backend);
        client(owner, acme, "Max", Role.USER_MANAGER);
        Actor max = signIn("max@client.example", "first-password");
        UserAccount carl = client(max, acme, "Carl", Role.ANALYTICS);
        assertThat(carl.roles()).containsOnlyKeys(acme.id());

        assertThatThrownBy(() -> s.users().setRoles(max, carl.user().id(), acme.id(), Set.of(Role.OWNER)))
                .isInstanceOf(PermissionDenied.class)
                .hasMessageContaining("Only an Owner");
        assertThatThrownBy(() -> client(max, bolt, "Eve")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> s.users()
                        .create(
                                max,
                                new UserDraft(
                                        "Agent",
                                        "agent@brightwave.example",
                                        StaffKind.AGENCY,
                                        Optional.empty(),
                                        "first-password".toCharArray())))
                .isInstanceOf(PermissionDenied.class);
        UserAccount boltUser = client(owner, bolt, "Olga", Role.OWNER);
        assertThatThrownBy(() -> s.users().setRoles(max, boltUser.user().id(), acme.id(), Set.of(Role.DESIGNER)))
                .isInstanceOf(NotFound.class);
        assertThat(s.users().list(max)).extracting(a -> a.user().name()).containsExactlyInAnyOrder("Carl", "Max");

        // An Owner of the tenant may grant Owner.
        s.users().setRoles(owner, carl.user().id(), acme.id(), Set.of(Role.OWNER));
        assertThat(s.tenants().drift(owner, acme.id()))
                .extracting(d -> d.message())
                .anyMatch(m -> m.startsWith("Carl (client staff) holds Owner"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deactivatedUsersCannotSignInAndOnlyOwnersDelete(Backend backend) {
        open(backend);
        client(owner, acme, "Ada", Role.ADMIN);
        Actor ada = signIn("ada@client.example", "first-password");
        UserAccount carl = client(ada, acme, "Carl", Role.EDITOR);

        s.users().setActive(ada, carl.user().id(), false);
        assertThatThrownBy(() -> signIn("carl@client.example", "first-password"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("deactivated");
        assertThatThrownBy(() -> s.users().delete(ada, carl.user().id())).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> s.users().setActive(ada, ada.userId(), false)).isInstanceOf(Conflict.class);

        s.users().delete(owner, carl.user().id());
        assertThat(s.users().list(owner)).extracting(a -> a.user().name()).doesNotContain("Carl");
        assertThat(s.auditLog().search(owner, AuditQuery.latest(50)))
                .extracting(AuditEntry::action)
                .contains("user.deleted", "user.deactivated");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theOwnerActsAsAUserSeesWhatTheySeeAndTheAuditNamesBoth(Backend backend) {
        open(backend);
        UserAccount admin = client(owner, acme, "Ada", Role.ADMIN);
        Actor asAda = s.users().actAs(owner, admin.user().id());

        assertThat(s.tenants().list(asAda)).extracting(Tenant::name).containsExactly("Acme");
        assertThatThrownBy(() -> s.tenants().get(asAda, bolt.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> s.users().actAs(asAda, admin.user().id())).isInstanceOf(Conflict.class);
        s.tenants().update(asAda, acme.id(), draft("Acme Group", PartnerAccessPattern.AGENCY_MANAGED));
        Actor back = s.users().stopActing(asAda);
        assertThat(back).isEqualTo(owner);

        AuditEntry update = s.auditLog()
                .search(
                        owner,
                        new AuditQuery(
                                Optional.of(acme.id()),
                                Optional.empty(),
                                Optional.of("tenant.updated"),
                                Optional.empty(),
                                Optional.empty(),
                                10))
                .get(0);
        assertThat(update.actorName()).isEqualTo("Ada");
        assertThat(update.impersonatorName()).contains("Ana Owner");
        assertThat(s.auditLog()
                        .search(
                                owner,
                                new AuditQuery(
                                        Optional.empty(),
                                        Optional.of("ana owner"),
                                        Optional.of("actas."),
                                        Optional.empty(),
                                        Optional.empty(),
                                        10)))
                .extracting(AuditEntry::action)
                .containsExactly("actas.stopped", "actas.started");
        Actor ada = signIn("ada@client.example", "first-password");
        assertThatThrownBy(() -> s.users().actAs(ada, owner.userId())).isInstanceOf(PermissionDenied.class);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void auditorsSeeTheirTenantsEntriesOnlyAndOnlyTheOwnerVerifiesTheChain(Backend backend) {
        open(backend);
        client(owner, acme, "Aud", Role.AUDITOR);
        client(owner, bolt, "Olga", Role.OWNER);
        Actor aud = signIn("aud@client.example", "first-password");

        var seen = s.auditLog().search(aud, AuditQuery.latest(100));
        assertThat(seen).isNotEmpty().allSatisfy(e -> assertThat(e.tenant()).contains(acme.id()));
        assertThatThrownBy(() -> s.auditLog()
                        .search(
                                aud,
                                new AuditQuery(
                                        Optional.of(bolt.id()),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty(),
                                        10)))
                .isInstanceOf(NotFound.class);
        assertThat(s.auditLog().search(owner, AuditQuery.latest(500)))
                .extracting(AuditEntry::action)
                .contains("agency.created", "signin.succeeded");
        assertThatThrownBy(() -> s.auditLog().verify(aud)).isInstanceOf(PermissionDenied.class);
        assertThat(s.auditLog().verify(owner).intact()).isTrue();
    }
}
