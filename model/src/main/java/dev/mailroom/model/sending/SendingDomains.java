package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.util.List;
import java.util.Optional;

/**
 * Port: what sending needs to know of a tenant's sending domains. The domains feature owns them
 * (DNS verification, DKIM keys); the composition root adapts it to this.
 */
public interface SendingDomains {
    /** Whether the tenant may send from this domain (it is one of its verified sending domains). */
    boolean isVerified(TenantId tenant, String domain);

    /** The domain's active DKIM key. */
    Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain);

    /**
     * The tenant's verified sending domains, by name (what a From address may use). The default suits
     * adapters that only answer per domain: none listed.
     */
    default List<String> verified(TenantId tenant) {
        return List.of();
    }
}
