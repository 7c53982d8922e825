package dev.mailroom.model.suppressions;

import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Optional;

/** Port: suppression lists per tenant and sending domain name. */
public interface SuppressionStore {
    Optional<Suppression> find(TenantId tenant, String domain, String address);

    /** Inserts or replaces the entry for the tenant, domain and address. */
    void put(Suppression suppression);

    boolean remove(TenantId tenant, String domain, String address);

    List<Suppression> list(TenantId tenant, String domain);

    /** Keeps a removed entry with who removed it and why. */
    void recordRemoval(SuppressionRemoval removal);

    /** Newest first. */
    List<SuppressionRemoval> removals(TenantId tenant, String domain);
}
