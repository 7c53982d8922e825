package dev.mailroom.model.suppressions;

import dev.mailroom.model.common.TenantId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: suppression lists per tenant and sending domain name. */
public interface SuppressionStore {
    Optional<Suppression> find(TenantId tenant, String domain, String address);

    /**
     * {@link #find} for many addresses at once (the outbox checks a claimed batch in one look-up).
     * Keyed by the address as given; addresses with no entry are absent.
     */
    default Map<String, Suppression> findAll(TenantId tenant, String domain, Collection<String> addresses) {
        Map<String, Suppression> found = new HashMap<>();
        for (String a : addresses) {
            find(tenant, domain, a).ifPresent(s -> found.put(a, s));
        }
        return found;
    }

    /** Inserts or replaces the entry for the tenant, domain and address. */
    void put(Suppression suppression);

    /**
     * Inserts entries the caller has just found absent ({@link #findAll}, same transaction): one batch, where
     * {@link #put} would look for each. An entry that is there after all fails the transaction on its key.
     */
    default void addAll(Collection<Suppression> entries) {
        entries.forEach(this::put);
    }

    boolean remove(TenantId tenant, String domain, String address);

    List<Suppression> list(TenantId tenant, String domain);

    /** Keeps a removed entry with who removed it and why. */
    void recordRemoval(SuppressionRemoval removal);

    /** Newest first. */
    List<SuppressionRemoval> removals(TenantId tenant, String domain);
}
