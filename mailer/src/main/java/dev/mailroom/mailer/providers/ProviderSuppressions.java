package dev.mailroom.mailer.providers;

import dev.mailroom.mailer.providers.mailersend.MailerSendSuppressions;
import dev.mailroom.mailer.providers.sendgrid.SendGridSuppressions;
import dev.mailroom.model.providers.SuppressionPage;
import dev.mailroom.model.providers.SuppressionSource;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.ConnectionKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** The suppression lists of each API kind. */
public final class ProviderSuppressions implements SuppressionSource {
    private final Map<ConnectionKind, SuppressionSource> byKind = new EnumMap<>(ConnectionKind.class);

    public ProviderSuppressions(RateLimitWaits http) {
        byKind.put(ConnectionKind.MAILERSEND_API, new MailerSendSuppressions(http));
        byKind.put(ConnectionKind.SENDGRID_API, new SendGridSuppressions(http));
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
