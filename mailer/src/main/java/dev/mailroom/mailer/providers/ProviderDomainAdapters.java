package dev.mailroom.mailer.providers;

import dev.mailroom.mailer.providers.mailersend.MailerSendDomains;
import dev.mailroom.mailer.providers.sendgrid.SendGridDomains;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.providers.ProviderDomains;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.ConnectionKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Sending domains at each API kind's provider. */
public final class ProviderDomainAdapters implements ProviderDomains {
    private final Map<ConnectionKind, ProviderDomains> byKind = new EnumMap<>(ConnectionKind.class);

    public ProviderDomainAdapters(RateLimitWaits http) {
        byKind.put(ConnectionKind.MAILERSEND_API, new MailerSendDomains(http));
        byKind.put(ConnectionKind.SENDGRID_API, new SendGridDomains(http));
    }

    @Override
    public List<Domain> list(ApiEndpoint e) throws SyncFailure {
        return of(e).list(e);
    }

    @Override
    public Domain create(ApiEndpoint e, String name) throws SyncFailure {
        return of(e).create(e, name);
    }

    @Override
    public List<ProvidedRecords.Entry> records(ApiEndpoint e, String domainId) throws SyncFailure {
        return of(e).records(e, domainId);
    }

    @Override
    public Verification verify(ApiEndpoint e, String domainId) throws SyncFailure {
        return of(e).verify(e, domainId);
    }

    @Override
    public Verification status(ApiEndpoint e, String domainId) throws SyncFailure {
        return of(e).status(e, domainId);
    }

    private ProviderDomains of(ApiEndpoint e) throws SyncFailure {
        ProviderDomains d = byKind.get(e.kind());
        if (d == null) {
            throw new SyncFailure(
                    SyncFailure.Kind.NOT_AVAILABLE,
                    e.describe() + " has no sending domains Mailroom can manage.",
                    Optional.empty());
        }
        return d;
    }
}
