package dev.mailroom.model.domains;

import dev.mailroom.model.common.TenantId;
import java.util.Optional;

/**
 * Port: the records the provider a domain sends through requires, when the domain is linked to a domain at
 * a provider (MailerSend, SendGrid). Read inside the caller's transaction, after its permission check.
 */
@FunctionalInterface
public interface ProvidedRecordsLookup {
    Optional<ProvidedRecords> of(TenantId tenant, DomainId domain);

    static ProvidedRecordsLookup none() {
        return (tenant, domain) -> Optional.empty();
    }
}
