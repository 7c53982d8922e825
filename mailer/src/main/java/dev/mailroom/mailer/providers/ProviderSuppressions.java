package dev.mailroom.mailer.providers;

import dev.mailroom.mailer.providers.mailersend.MailerSendSuppressionWriter;
import dev.mailroom.mailer.providers.mailersend.MailerSendSuppressions;
import dev.mailroom.mailer.providers.sendgrid.SendGridSuppressionWriter;
import dev.mailroom.mailer.providers.sendgrid.SendGridSuppressions;
import dev.mailroom.model.providers.SuppressionPage;
import dev.mailroom.model.providers.SuppressionSource;
import dev.mailroom.model.providers.SuppressionTarget;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.ConnectionKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The suppression lists of each API kind, read and written. */
public final class ProviderSuppressions implements SuppressionSource, SuppressionTarget {
    private final Map<ConnectionKind, SuppressionSource> byKind = new EnumMap<>(ConnectionKind.class);
    private final Map<ConnectionKind, SuppressionTarget> writers = new EnumMap<>(ConnectionKind.class);

    public ProviderSuppressions(RateLimitWaits http) {
        byKind.put(ConnectionKind.MAILERSEND_API, new MailerSendSuppressions(http));
        byKind.put(ConnectionKind.SENDGRID_API, new SendGridSuppressions(http));
        writers.put(ConnectionKind.MAILERSEND_API, new MailerSendSuppressionWriter(http));
        writers.put(ConnectionKind.SENDGRID_API, new SendGridSuppressionWriter(http));
    }

    @Override
    public String add(ApiEndpoint endpoint, String domain, String address) throws SyncFailure {
        return writer(endpoint).add(endpoint, domain, address);
    }

    @Override
    public String remove(ApiEndpoint endpoint, String domain, String address) throws SyncFailure {
        return writer(endpoint).remove(endpoint, domain, address);
    }

    private SuppressionTarget writer(ApiEndpoint endpoint) throws SyncFailure {
        SuppressionTarget w = writers.get(endpoint.kind());
        if (w == null) {
            throw new SyncFailure(
                    SyncFailure.Kind.NOT_AVAILABLE,
                    endpoint.describe() + " has no suppression lists Mailroom can write.",
                    Optional.empty());
        }
        return w;
    }

    @Override
    public SuppressionPage page(ApiEndpoint endpoint, String cursor) throws SyncFailure {
        SuppressionSource s = byKind.get(endpoint.kind());
        if (s == null) {
            throw new SyncFailure(
                    SyncFailure.Kind.NOT_AVAILABLE,
                    endpoint.describe() + " has no suppression lists Mailroom can read.",
                    Optional.empty());
        }
        return s.page(endpoint, cursor);
    }
}
