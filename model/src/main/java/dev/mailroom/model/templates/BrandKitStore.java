package dev.mailroom.model.templates;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Port: one brand kit per tenant. */
public interface BrandKitStore {
    Optional<BrandKit> find(TenantId tenant);

    /** Inserts or replaces the tenant's kit, logo and social links included. */
    void save(TenantId tenant, BrandKit kit, Instant at);
}
