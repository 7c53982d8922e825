package dev.mailroom.model.providers;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's sending domain linked to the same domain at a provider: which connection reaches it, the
 * provider's id of it, the records the provider requires (as last pulled) and what the provider last said
 * of its verification, in words.
 *
 * @param connection empty once that connection was removed
 * @param verified empty until the provider was asked
 */
public record ProviderDomainLink(
        TenantId tenant,
        DomainId domain,
        Optional<ConnectionId> connection,
        ConnectionKind provider,
        String providerDomainId,
        String providerDomainName,
        List<ProvidedRecords.Entry> records,
        Optional<Boolean> verified,
        Optional<String> status,
        Optional<Instant> checkedAt,
        Optional<Instant> recordsAt,
        Instant createdAt) {
    public ProviderDomainLink {
        records = List.copyOf(records);
    }

    /** "MailerSend", "SendGrid". */
    public String providerName() {
        return providerName(provider);
    }

    public static String providerName(ConnectionKind kind) {
        String l = kind.label();
        return l.endsWith(" API") ? l.substring(0, l.length() - 4) : l;
    }

    /** The provider's status in words for a screen. */
    public String statusWords() {
        return status.orElse(providerName() + " has not been asked yet.");
    }

    public ProvidedRecords provided() {
        return new ProvidedRecords(providerName(), records);
    }
}
