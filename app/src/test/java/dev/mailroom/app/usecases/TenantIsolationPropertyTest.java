package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random agencies (tenants, users, memberships) and random sequences of use-case calls by random
 * actors, some of them the owner acting as someone: no call ever returns or changes data of a tenant
 * where the actor lacks the permission. The expected permissions come from the role table, kept here
 * independently of the code under test.
 */
class TenantIsolationPropertyTest {
    private static final int TRIES = 120;
    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static Path dir;
    private static Store store;
    private static Services s;
    private static Actor owner;
    static final AtomicInteger CALLS = new AtomicInteger();

    @BeforeContainer
    static void openStore() throws Exception {
        dir = Files.createTempDirectory("mailroom-isolation");
        store = Store.open(StoreConfig.h2(dir));
        s = Services.create(store, Clock.systemUTC());
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Agency", "Owner", "owner@agency.example", pw, pw))
                .actor();
    }

    @AfterContainer
    static void closeStore() {
        System.out.println(
                "TenantIsolationPropertyTest: " + TRIES + " agencies, " + CALLS.get() + " use-case calls checked");
        store.close();
    }

    /** The oracle: who holds which roles where, as this test granted them. */
    private static final class World {
        final List<Tenant> tenants = new ArrayList<>();
        final List<UserId> users = new ArrayList<>();
        final Map<UserId, Map<TenantId, Set<Role>>> roles = new HashMap<>();

        Set<Permission> permissions(UserId user, TenantId tenant) {
            EnumSet<Permission> p = EnumSet.noneOf(Permission.class);
            roles.getOrDefault(user, Map.of()).getOrDefault(tenant, Set.of()).forEach(r -> p.addAll(r.permissions()));
            return p;
        }

        Set<TenantId> tenantsWith(UserId user, Permission permission) {
            Set<TenantId> result = new HashSet<>();
            for (Tenant t : tenants) {
                if (permissions(user, t.id()).contains(permission)) {
                    result.add(t.id());
                }
            }
            return result;
        }
    }

    @Property(tries = TRIES)
    void noCallReachesATenantWithoutThePermission(@ForAll long seed) {
        Random random = new Random(seed);
        World world = build(random);
        for (int i = 0; i < 12 + random.nextInt(12); i++) {
            UserId who = world.users.get(random.nextInt(world.users.size()));
            Actor actor = random.nextInt(4) == 0 ? s.users().actAs(owner, who) : Actor.of(new Principal(who, "user"));
            Tenant target = world.tenants.get(random.nextInt(world.tenants.size()));
            call(random.nextInt(8), actor, who, target, world, random);
            CALLS.incrementAndGet();
        }
    }

    private static World build(Random random) {
        World w = new World();
        int run = UNIQUE.incrementAndGet();
        int tenantCount = 2 + random.nextInt(3);
        for (int t = 0; t < tenantCount; t++) {
            PartnerAccessPattern pattern = PartnerAccessPattern.values()[random.nextInt(3)];
            w.tenants.add(s.tenants()
                    .create(
                            owner,
                            new TenantDraft(
                                    "T" + run + "-" + t, "#336699", "", "", OwnershipModel.AGENCY_OWNED, pattern)));
        }
        var tx = store.transactions();
        JooqUserStore users = new JooqUserStore(tx);
        JooqMembershipStore memberships = new JooqMembershipStore(tx);
        int userCount = 2 + random.nextInt(4);
        for (int u = 0; u < userCount; u++) {
            StaffKind kind = random.nextBoolean() ? StaffKind.AGENCY : StaffKind.CLIENT;
            Optional<TenantId> home = kind == StaffKind.CLIENT
                    ? Optional.of(w.tenants.get(random.nextInt(tenantCount)).id())
                    : Optional.empty();
            UserId id = tx.inTransaction(() -> users.insert(new NewUser(
                    "u" + run + "-" + UNIQUE.incrementAndGet() + "@x.example",
                    "User " + run,
                    "$argon2id$none",
                    false,
                    kind,
                    home,
                    false)));
            w.users.add(id);
            for (Tenant t : w.tenants) {
                if (random.nextInt(3) == 0) {
                    Set<Role> roles = randomRoles(random);
                    roles.forEach(r -> tx.run(() -> memberships.grant(id, t.id(), r)));
                    w.roles.computeIfAbsent(id, k -> new HashMap<>()).put(t.id(), roles);
                }
            }
        }
        return w;
    }

    private static Set<Role> randomRoles(Random random) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            roles.add(Role.values()[random.nextInt(Role.values().length)]);
        }
        return roles;
    }

    private static void call(int op, Actor actor, UserId who, Tenant target, World w, Random random) {
        Set<Permission> mine = w.permissions(who, target.id());
        Tenant before = s.tenants().get(owner, target.id());
        switch (op) {
            case 0 -> {
                Set<TenantId> visible = new HashSet<>();
                s.tenants().list(actor).forEach(t -> visible.add(t.id()));
                Set<TenantId> expected = new HashSet<>();
                w.tenants.forEach(t -> {
                    if (!w.permissions(who, t.id()).isEmpty()) {
                        expected.add(t.id());
                    }
                });
                assertThat(visible).isEqualTo(expected);
            }
            case 1 ->
                expectAllowed(mine, Permission.TENANT_VIEW, () -> s.tenants().get(actor, target.id()));
            case 2 ->
                expectAllowed(
                        mine,
                        Permission.TENANT_EDIT,
                        () -> s.tenants()
                                .update(
                                        actor,
                                        target.id(),
                                        new TenantDraft(
                                                before.name() + "x",
                                                "#112233",
                                                "",
                                                "",
                                                OwnershipModel.CLIENT_OWNED,
                                                before.partnerAccess())));
            case 3 ->
                expectAllowed(mine, Permission.TENANT_ARCHIVE, () -> {
                    if (before.isArchived()) {
                        s.tenants().restore(actor, target.id());
                    } else {
                        s.tenants().archive(actor, target.id());
                    }
                });
            case 4 ->
                expectAllowed(mine, Permission.TENANT_VIEW, () -> s.tenants().drift(actor, target.id()));
            case 5 -> {
                Set<TenantId> auditable = w.tenantsWith(who, Permission.AUDIT_VIEW);
                if (auditable.isEmpty()) {
                    assertThatThrownBy(() -> s.auditLog().search(actor, AuditQuery.latest(100)))
                            .isInstanceOf(PermissionDenied.class);
                } else {
                    List<AuditEntry> entries = s.auditLog().search(actor, AuditQuery.latest(1000));
                    assertThat(entries)
                            .allSatisfy(e -> assertThat(e.tenant())
                                    .hasValueSatisfying(
                                            t -> assertThat(auditable).contains(t)));
                }
            }
            case 6 -> {
                Set<TenantId> managed = w.tenantsWith(who, Permission.USERS_MANAGE);
                if (managed.isEmpty()) {
                    assertThatThrownBy(() -> s.users().list(actor)).isInstanceOf(PermissionDenied.class);
                } else {
                    s.users()
                            .list(actor)
                            .forEach(a ->
                                    assertThat(managed).containsAll(a.roles().keySet()));
                }
            }
            default -> {
                UserId other = w.users.get(random.nextInt(w.users.size()));
                Set<Role> roles = randomRoles(random);
                Map<TenantId, Set<Role>> beforeRoles = Map.copyOf(w.roles.getOrDefault(other, Map.of()));
                try {
                    s.users().setRoles(actor, other, target.id(), roles);
                    assertThat(mine).contains(Permission.USERS_MANAGE);
                    w.roles.computeIfAbsent(other, k -> new HashMap<>()).put(target.id(), roles);
                } catch (NotFound | PermissionDenied | Conflict e) {
                    var stored = store.transactions()
                            .inTransaction(() -> new JooqMembershipStore(store.transactions()).rolesByTenant(other));
                    assertThat(stored.getOrDefault(target.id(), Set.of()))
                            .isEqualTo(beforeRoles.getOrDefault(target.id(), Set.of()));
                }
            }
        }
        if (!mine.contains(Permission.TENANT_EDIT) && !mine.contains(Permission.TENANT_ARCHIVE)) {
            assertThat(s.tenants().get(owner, target.id()))
                    .as("a tenant the actor may not change is unchanged")
                    .isEqualTo(before);
        }
    }

    private static void expectAllowed(Set<Permission> mine, Permission needed, Runnable call) {
        if (mine.isEmpty()) {
            assertThatThrownBy(call::run).isInstanceOf(NotFound.class);
        } else if (!mine.contains(needed)) {
            assertThatThrownBy(call::run).isInstanceOf(PermissionDenied.class);
        } else {
            try {
                call.run();
            } catch (MailroomException e) {
                // allowed to try; it may still fail for a business reason, never for permission
                assertThat(e).isNotInstanceOfAny(NotFound.class, PermissionDenied.class);
            }
        }
    }
}
