package dev.mailroom.model.providers;

import dev.mailroom.model.suppressions.SuppressionReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One address on a provider's suppression list.
 *
 * @param domain the sending domain it is for, when the provider says (MailerSend); empty for the whole
 *     account (SendGrid), which Mailroom applies to each of the tenant's sending domains
 * @param providerReason the provider's words ("550 5.1.1 …", "MailerSend: spam complaint")
 */
public record ProviderSuppression(
        String address, Optional<String> domain, SuppressionReason reason, Instant since, String providerReason) {
    public ProviderSuppression {
        Objects.requireNonNull(address, "address");
        domain = domain == null ? Optional.empty() : domain;
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        providerReason = providerReason == null ? "" : providerReason;
        if (!reason.isPermanent()) {
            throw new IllegalArgumentException("provider lists are permanent entries");
        }
    }
}
