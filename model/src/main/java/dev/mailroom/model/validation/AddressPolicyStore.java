package dev.mailroom.model.validation;

import dev.mailroom.model.common.TenantId;
import java.util.Optional;

/** Port: a tenant's address settings (one row per tenant someone set them for). */
public interface AddressPolicyStore {
    /** The tenant's setting, when someone set it. */
    Optional<AddressPolicy> find(TenantId tenant);

    /** Stores the tenant's setting, replacing what was there. */
    void put(AddressPolicy policy);
}
