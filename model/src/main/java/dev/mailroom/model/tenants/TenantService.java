package dev.mailroom.model.tenants;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.MembershipStore;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.UserStore;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases on tenants: create, edit, archive, restore, purge, and what an actor may see. */
public final class TenantService {
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM yyyy").withZone(ZoneOffset.UTC);

    private final TenantStore store;
    private final UserStore users;
    private final MembershipStore memberships;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public TenantService(
            TenantStore store,
            UserStore users,
            MembershipStore memberships,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.users = users;
        this.memberships = memberships;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Every tenant the actor holds a role in (all of them for the agency owner), active and archived. */
    public List<Tenant> list(Actor actor) {
        return tx.inTransaction(() -> store.list(access.scope(actor)));
    }

    public Tenant get(Actor actor, TenantId id) {
        return tx.inTransaction(() -> {
            access.require(actor, id, Permission.TENANT_VIEW);
            return load(id);
        });
    }

    /** Only the agency owner adds clients. */
    public Tenant create(Actor actor, TenantDraft draft) {
        TenantDraft clean = draft.validated();
        return tx.inTransaction(() -> {
            access.requireAgencyOwner(actor);
            requireUniqueName(clean.name(), Optional.empty());
            TenantId id = store.insert(clean, clock.instant());
            audit.record(actor, id, clean.name(), "tenant.created", clean.name(), describe(clean));
            return load(id);
        });
    }

    public Tenant update(Actor actor, TenantId id, TenantDraft draft) {
        TenantDraft clean = draft.validated();
        return tx.inTransaction(() -> {
            access.require(actor, id, Permission.TENANT_EDIT);
            Tenant before = requireActive(load(id));
            requireUniqueName(clean.name(), Optional.of(id));
            store.update(id, clean);
            audit.record(actor, id, clean.name(), "tenant.updated", clean.name(), changes(before.toDraft(), clean));
            return load(id);
        });
    }

    public Tenant archive(Actor actor, TenantId id) {
        return tx.inTransaction(() -> {
            access.require(actor, id, Permission.TENANT_ARCHIVE);
            Tenant t = requireActive(load(id));
            Instant now = clock.instant();
            store.setStatus(id, TenantStatus.ARCHIVED, Optional.of(now));
            audit.record(
                    actor,
                    id,
                    t.name(),
                    "tenant.archived",
                    t.name(),
                    Map.of("purgeable from", DAY.format(now.plus(Tenant.RETENTION))));
            return load(id);
        });
    }

    public Tenant restore(Actor actor, TenantId id) {
        return tx.inTransaction(() -> {
            access.require(actor, id, Permission.TENANT_ARCHIVE);
            Tenant t = load(id);
            if (!t.isArchived()) {
                throw new Conflict("\"" + t.name() + "\" is not archived.");
            }
            store.setStatus(id, TenantStatus.ACTIVE, Optional.empty());
            audit.record(actor, id, t.name(), "tenant.restored", t.name(), Map.of());
            return load(id);
        });
    }

    /**
     * Deletes an archived tenant and everything it owns, once it has been archived for
     * {@link Tenant#RETENTION}. The person must type the tenant's name to confirm.
     */
    public void purge(Actor actor, TenantId id, String typedName) {
        tx.run(() -> {
            access.require(actor, id, Permission.TENANT_ARCHIVE);
            Tenant t = load(id);
            if (!t.isArchived()) {
                throw new Conflict("Archive \"" + t.name() + "\" first; only archived clients can be purged.");
            }
            Instant from = t.purgeableFrom().orElseThrow();
            if (clock.instant().isBefore(from)) {
                throw new Conflict("\"" + t.name() + "\" can be purged from " + DAY.format(from)
                        + ", 90 days after it was archived.");
            }
            if (!Text.trimmed(typedName).equals(t.name())) {
                throw new InvalidInput("confirmName", "Type the client's name exactly to confirm.");
            }
            store.delete(id);
            audit.record(actor, id, t.name(), "tenant.purged", t.name(), Map.of());
        });
    }

    /** How the tenant's actual role holders differ from its declared partner-access pattern. */
    public List<DriftFinding> drift(Actor actor, TenantId id) {
        return tx.inTransaction(() -> {
            access.require(actor, id, Permission.TENANT_VIEW);
            return review(load(id));
        });
    }

    /** Drift for every active tenant the actor may see, for the overview. */
    public Map<TenantId, List<DriftFinding>> driftOfVisibleTenants(Actor actor) {
        return tx.inTransaction(() -> {
            Map<TenantId, List<DriftFinding>> result = new LinkedHashMap<>();
            for (Tenant t : store.list(access.scope(actor))) {
                if (!t.isArchived()) {
                    result.put(t.id(), review(t));
                }
            }
            return result;
        });
    }

    private List<DriftFinding> review(Tenant t) {
        Map<dev.mailroom.model.access.User, java.util.Set<dev.mailroom.model.access.Role>> holders =
                new LinkedHashMap<>();
        memberships
                .holders(t.id())
                .forEach((userId, roles) -> users.find(userId).ifPresent(u -> holders.put(u, roles)));
        return PartnerAccessReview.review(t.partnerAccess(), holders);
    }

    private Tenant load(TenantId id) {
        return store.find(id).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
    }

    private static Tenant requireActive(Tenant t) {
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to make changes.");
        }
        return t;
    }

    private void requireUniqueName(String name, Optional<TenantId> self) {
        store.findByNameKey(Text.key(name))
                .filter(existing -> self.map(s -> !s.equals(existing.id())).orElse(true))
                .ifPresent(existing -> {
                    throw new InvalidInput(
                            "name",
                            "A client named \"" + existing.name() + "\" already exists"
                                    + (existing.isArchived() ? " (archived)." : "."));
                });
    }

    private static Map<String, String> describe(TenantDraft d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("accent colour", d.accentColor());
        m.put("contact", d.contactName());
        m.put("contact email", d.contactEmail());
        m.put("ownership", d.ownership().label());
        m.put("partner access", d.partnerAccess().label());
        return m;
    }

    /** "field: before → after" for each changed field. */
    private static Map<String, String> changes(TenantDraft before, TenantDraft after) {
        Map<String, String> b = describe(before);
        Map<String, String> a = describe(after);
        Map<String, String> changed = new LinkedHashMap<>();
        a.forEach((k, v) -> {
            if (!v.equals(b.get(k))) {
                changed.put(k, b.get(k) + " → " + v);
            }
        });
        return changed;
    }
}
