package dev.mailroom.model.templates;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.MembershipStore;
import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.access.User;
import dev.mailroom.model.access.UserStore;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.audit.AuditStore;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.tenants.TenantStatus;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A small agency for template use-case tests: an owner, two tenants (Acme, Bolt) and people with
 * different roles in Acme. The stores are in memory unless the caller passes real ones (the
 * persistence tests do), so the same scenarios run against H2 and PostgreSQL.
 */
public final class TemplatesWorld {
    public final UserStore users;
    public final MembershipStore memberships;
    public final TenantStore tenants;
    public final AuditStore auditStore;
    public final TemplateStore templates;
    public final BrandKitStore brandKits;
    public final Transactions tx;
    public final TemplateService service;
    public final Clock clock = Clock.fixed(Instant.parse("2026-11-20T10:00:00Z"), ZoneOffset.UTC);

    public final TenantId acme;
    public final TenantId bolt;
    public final Actor owner;
    public final Actor designer;
    public final Actor editor;
    public final Actor analyst;
    public final Actor boltDesigner;

    /** Everything in memory. */
    public TemplatesWorld(StarterLibrary starters, TemplateService.Tools tools) {
        this(
                new Users(),
                new Memberships(),
                new Tenants(),
                new Audit(),
                new InMemoryTemplateStore(),
                new InMemoryBrandKitStore(),
                new Direct(),
                starters,
                tools);
    }

    public TemplatesWorld(
            UserStore users,
            MembershipStore memberships,
            TenantStore tenants,
            AuditStore auditStore,
            TemplateStore templates,
            BrandKitStore brandKits,
            Transactions tx,
            StarterLibrary starters,
            TemplateService.Tools tools) {
        this.users = users;
        this.memberships = memberships;
        this.tenants = tenants;
        this.auditStore = auditStore;
        this.templates = templates;
        this.brandKits = brandKits;
        this.tx = tx;
        AccessPolicy access = new AccessPolicy(users, memberships);
        this.service = new TemplateService(
                templates, brandKits, tenants, starters, tools, access, new AuditLog(auditStore, clock), tx, clock);
        record Setup(
                TenantId acme,
                TenantId bolt,
                Actor owner,
                Actor designer,
                Actor editor,
                Actor analyst,
                Actor boltDesigner) {}
        Setup s = tx.inTransaction(() -> {
            TenantId a = tenants.insert(tenant("Acme"), clock.instant());
            TenantId b = tenants.insert(tenant("Bolt"), clock.instant());
            return new Setup(
                    a,
                    b,
                    person("Olga Owner", true, Map.of()),
                    person("Dee Designer", false, Map.of(a, Role.DESIGNER)),
                    person("Eli Editor", false, Map.of(a, Role.EDITOR)),
                    person("Ann Analyst", false, Map.of(a, Role.ANALYTICS)),
                    person("Ben Bolt", false, Map.of(b, Role.DESIGNER)));
        });
        this.acme = s.acme();
        this.bolt = s.bolt();
        this.owner = s.owner();
        this.designer = s.designer();
        this.editor = s.editor();
        this.analyst = s.analyst();
        this.boltDesigner = s.boltDesigner();
    }

    private Actor person(String name, boolean agencyOwner, Map<TenantId, Role> roles) {
        String email = name.toLowerCase().replace(' ', '.') + "@agency.example";
        UserId id = users.insert(new NewUser(
                email,
                name,
                "$argon2id$test",
                agencyOwner,
                agencyOwner ? StaffKind.AGENCY : StaffKind.CLIENT,
                Optional.empty(),
                false));
        roles.forEach((tenant, role) -> memberships.grant(id, tenant, role));
        return Actor.of(users.find(id).orElseThrow().principal());
    }

    private static TenantDraft tenant(String name) {
        return new TenantDraft(
                name,
                "#3366CC",
                "Jo",
                "jo@example.com",
                OwnershipModel.CLIENT_OWNED,
                PartnerAccessPattern.AGENCY_MANAGED);
    }

    public TemplateOwner acmeTemplates() {
        return TemplateOwner.tenant(acme);
    }

    public TemplateOwner boltTemplates() {
        return TemplateOwner.tenant(bolt);
    }

    public List<AuditEntry> audit() {
        return tx.inTransaction(auditStore::all);
    }

    // --- in-memory stores ---------------------------------------------------------------------

    static final class Direct implements Transactions {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    }

    static final class Users implements UserStore {
        private final Map<UserId, User> users = new LinkedHashMap<>();

        @Override
        public UserId insert(NewUser u) {
            UserId id = new UserId(users.size() + 1L);
            users.put(
                    id,
                    new User(
                            id,
                            u.email(),
                            u.name(),
                            u.agencyOwner(),
                            u.staffKind(),
                            u.homeTenant(),
                            true,
                            u.mustChangePassword(),
                            0,
                            Optional.empty(),
                            Instant.EPOCH));
            return id;
        }

        @Override
        public Optional<User> find(UserId id) {
            return Optional.ofNullable(users.get(id));
        }

        @Override
        public Optional<User> findByEmailKey(String emailKey) {
            return users.values().stream()
                    .filter(u -> Text.key(u.email()).equals(emailKey))
                    .findFirst();
        }

        @Override
        public Optional<String> passwordHash(UserId id) {
            return Optional.empty();
        }

        @Override
        public void updatePassword(UserId id, String passwordHash, boolean mustChange) {}

        @Override
        public void updateSignInState(UserId id, int failedSignIns, Optional<Instant> lockedUntil) {}

        @Override
        public List<User> list() {
            return List.copyOf(users.values());
        }

        @Override
        public void setActive(UserId id, boolean active) {
            throw new UnsupportedOperationException("not used by the template tests");
        }

        @Override
        public void delete(UserId id) {
            users.remove(id);
        }

        @Override
        public long count() {
            return users.size();
        }
    }

    static final class Memberships implements MembershipStore {
        private final Map<UserId, Map<TenantId, Set<Role>>> roles = new HashMap<>();

        @Override
        public Set<Role> roles(UserId user, TenantId tenant) {
            return Set.copyOf(roles.getOrDefault(user, Map.of()).getOrDefault(tenant, Set.of()));
        }

        @Override
        public Map<TenantId, Set<Role>> rolesByTenant(UserId user) {
            return Map.copyOf(roles.getOrDefault(user, Map.of()));
        }

        @Override
        public void grant(UserId user, TenantId tenant, Role role) {
            roles.computeIfAbsent(user, u -> new HashMap<>())
                    .computeIfAbsent(tenant, t -> EnumSet.noneOf(Role.class))
                    .add(role);
        }

        @Override
        public Map<UserId, Set<Role>> holders(TenantId tenant) {
            Map<UserId, Set<Role>> result = new HashMap<>();
            roles.forEach((user, byTenant) -> {
                if (byTenant.containsKey(tenant)) {
                    result.put(user, byTenant.get(tenant));
                }
            });
            return result;
        }

        @Override
        public void revokeAll(UserId user) {
            roles.remove(user);
        }

        @Override
        public void revoke(UserId user, TenantId tenant, Role role) {
            roles.getOrDefault(user, Map.of())
                    .getOrDefault(tenant, EnumSet.noneOf(Role.class))
                    .remove(role);
        }
    }

    static final class Tenants implements TenantStore {
        private final Map<TenantId, Tenant> tenants = new LinkedHashMap<>();

        @Override
        public TenantId insert(TenantDraft d, Instant createdAt) {
            TenantId id = new TenantId(tenants.size() + 1L);
            tenants.put(
                    id,
                    new Tenant(
                            id,
                            d.name(),
                            d.accentColor(),
                            d.contactName(),
                            d.contactEmail(),
                            d.ownership(),
                            d.partnerAccess(),
                            TenantStatus.ACTIVE,
                            createdAt,
                            Optional.empty()));
            return id;
        }

        @Override
        public Optional<Tenant> find(TenantId id) {
            return Optional.ofNullable(tenants.get(id));
        }

        @Override
        public Optional<Tenant> findByNameKey(String nameKey) {
            return tenants.values().stream()
                    .filter(t -> Text.key(t.name()).equals(nameKey))
                    .findFirst();
        }

        @Override
        public List<Tenant> list(TenantScope scope) {
            return tenants.values().stream().filter(t -> scope.includes(t.id())).toList();
        }

        @Override
        public void update(TenantId id, TenantDraft d) {}

        @Override
        public void setStatus(TenantId id, TenantStatus status, Optional<Instant> archivedAt) {
            Tenant t = tenants.get(id);
            tenants.put(
                    id,
                    new Tenant(
                            id,
                            t.name(),
                            t.accentColor(),
                            t.contactName(),
                            t.contactEmail(),
                            t.ownership(),
                            t.partnerAccess(),
                            status,
                            t.createdAt(),
                            archivedAt));
        }

        @Override
        public void delete(TenantId id) {
            tenants.remove(id);
        }
    }

    static final class Audit implements AuditStore {
        private final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public Optional<String> lockHead() {
            return entries.isEmpty()
                    ? Optional.empty()
                    : Optional.of(entries.get(entries.size() - 1).hash());
        }

        @Override
        public void append(AuditEntry entry) {
            entries.add(entry);
        }

        @Override
        public List<AuditEntry> search(dev.mailroom.model.audit.AuditQuery query, TenantScope scope) {
            throw new UnsupportedOperationException("not used by the template tests");
        }

        @Override
        public List<AuditEntry> all() {
            return List.copyOf(entries);
        }
    }
}
