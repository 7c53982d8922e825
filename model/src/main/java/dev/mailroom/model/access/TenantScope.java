package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import java.util.Set;

/** The tenants an actor may know exist: all of them (the agency owner) or a set. */
public record TenantScope(boolean all, Set<TenantId> tenants) {
    public static TenantScope everything() {
        return new TenantScope(true, Set.of());
    }

    public static TenantScope only(Set<TenantId> tenants) {
        return new TenantScope(false, Set.copyOf(tenants));
    }

    public boolean includes(TenantId tenant) {
        return all || tenants.contains(tenant);
    }
}
