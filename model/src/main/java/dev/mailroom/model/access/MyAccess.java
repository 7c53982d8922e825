package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import java.util.Map;
import java.util.Set;

/**
 * What the signed-in person may do, per tenant: read once after sign-in so the UI lists only what
 * they may open. The use cases check again on every call.
 */
public record MyAccess(boolean agencyOwner, Map<TenantId, Set<Permission>> byTenant) {
    public MyAccess {
        byTenant = Map.copyOf(byTenant);
    }

    public boolean may(TenantId tenant, Permission permission) {
        return agencyOwner || byTenant.getOrDefault(tenant, Set.of()).contains(permission);
    }

    public boolean mayAnywhere(Permission permission) {
        return agencyOwner || byTenant.values().stream().anyMatch(p -> p.contains(permission));
    }
}
