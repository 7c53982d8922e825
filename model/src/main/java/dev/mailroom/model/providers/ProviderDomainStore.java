package dev.mailroom.model.providers;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: sending domains linked to a domain at a provider (one link per sending domain). Every method takes the tenant. */
public interface ProviderDomainStore {
    void link(
            TenantId tenant,
            DomainId domain,
            ConnectionId connection,
            ConnectionKind provider,
            String providerDomainId,
            String providerDomainName,
            Instant at);

    Optional<ProviderDomainLink> byDomain(TenantId tenant, DomainId domain);

    /** The tenant's link to this domain of this provider, whichever connection made it. */
    Optional<ProviderDomainLink> byProviderId(TenantId tenant, ConnectionKind provider, String providerDomainId);

    List<ProviderDomainLink> list(TenantId tenant);

    /** Replaces the records kept for the linked domain. */
    void saveRecords(TenantId tenant, DomainId domain, List<ProvidedRecords.Entry> records, Instant at);

    void saveStatus(TenantId tenant, DomainId domain, boolean verified, String words, Instant at);

    /** Removes the domain's link and the records kept with it; false when it had none. */
    boolean unlink(TenantId tenant, DomainId domain);
}
