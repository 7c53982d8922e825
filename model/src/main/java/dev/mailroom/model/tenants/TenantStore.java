package dev.mailroom.model.tenants;

import dev.mailroom.model.access.TenantLookup;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: tenants. */
public interface TenantStore extends TenantLookup {
    TenantId insert(TenantDraft draft, Instant createdAt);

    Optional<Tenant> find(TenantId id);

    @Override
    default Optional<TenantLookup.TenantRef> tenantRef(TenantId id) {
        return find(id).map(t -> new TenantLookup.TenantRef(t.id(), t.name(), t.isArchived()));
    }

    /** The tenant whose name has this key (see {@link dev.mailroom.model.common.Text#key}). */
    Optional<Tenant> findByNameKey(String nameKey);

    /** Tenants in the scope, active and archived, ordered by name. */
    List<Tenant> list(TenantScope scope);

    void update(TenantId id, TenantDraft draft);

    void setStatus(TenantId id, TenantStatus status, Optional<Instant> archivedAt);

    /** Deletes the tenant and everything it owns. */
    void delete(TenantId id);
}
