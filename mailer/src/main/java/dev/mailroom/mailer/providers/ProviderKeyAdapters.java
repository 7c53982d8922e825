package dev.mailroom.mailer.providers;

import dev.mailroom.mailer.providers.mailersend.MailerSendKeys;
import dev.mailroom.mailer.providers.sendgrid.SendGridKeys;
import dev.mailroom.model.providers.ProviderKeys;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.ConnectionKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Scoped keys at each API kind's provider. */
public final class ProviderKeyAdapters implements ProviderKeys {
    private final Map<ConnectionKind, ProviderKeys> byKind = new EnumMap<>(ConnectionKind.class);

    public ProviderKeyAdapters(RateLimitWaits http) {
        byKind.put(ConnectionKind.MAILERSEND_API, new MailerSendKeys(http));
        byKind.put(ConnectionKind.SENDGRID_API, new SendGridKeys(http));
    }

    @Override
    public Created create(ApiEndpoint endpoint, String name, List<String> scopes, Optional<String> domain)
            throws SyncFailure {
        return of(endpoint).create(endpoint, name, scopes, domain);
    }

    @Override
    public void revoke(ApiEndpoint endpoint, String keyId) throws SyncFailure {
        of(endpoint).revoke(endpoint, keyId);
    }

    private ProviderKeys of(ApiEndpoint endpoint) throws SyncFailure {
        ProviderKeys k = byKind.get(endpoint.kind());
        if (k == null) {
            throw new SyncFailure(
                    SyncFailure.Kind.NOT_AVAILABLE,
                    endpoint.describe() + " has no API keys Mailroom can make.",
                    Optional.empty());
        }
        return k;
    }
}
