package dev.mailroom.mailer.providers;

import dev.mailroom.mailer.providers.mailersend.MailerSendActivity;
import dev.mailroom.mailer.providers.sendgrid.SendGridActivity;
import dev.mailroom.model.providers.ActivityPage;
import dev.mailroom.model.providers.ActivitySource;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.ConnectionKind;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/** The activity source for each API kind. */
public final class ProviderActivity implements ActivitySource {
    private final Map<ConnectionKind, ActivitySource> byKind = new EnumMap<>(ConnectionKind.class);

    public ProviderActivity(RateLimitWaits http) {
        byKind.put(ConnectionKind.MAILERSEND_API, new MailerSendActivity(http));
        byKind.put(ConnectionKind.SENDGRID_API, new SendGridActivity(http));
    }

    @Override
    public ActivityPage page(ApiEndpoint endpoint, String cursor, Instant now) throws SyncFailure {
        ActivitySource s = byKind.get(endpoint.kind());
        if (s == null) {
            throw new SyncFailure(
                    SyncFailure.Kind.NOT_AVAILABLE,
                    endpoint.describe() + " has no activity Mailroom can read.",
                    java.util.Optional.empty());
        }
        return s.page(endpoint, cursor, now);
    }
}
