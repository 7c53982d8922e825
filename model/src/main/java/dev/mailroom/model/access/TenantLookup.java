package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import java.util.Optional;

/**
 * Port: what the account use cases need to know of a tenant ({@code model.tenants.TenantStore}
 * provides it). Owned by access so that access does not depend on tenants, which depends on access
 * (see docs/decisions/0014).
 */
public interface TenantLookup {
    /** A tenant's name and whether it is archived (read-only). */
    record TenantRef(TenantId id, String name, boolean archived) {}

    Optional<TenantRef> tenantRef(TenantId id);
}
