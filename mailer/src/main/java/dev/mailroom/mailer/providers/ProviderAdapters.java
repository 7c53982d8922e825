package dev.mailroom.mailer.providers;

import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.ConnectionKind;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/** The adapter for each API kind. */
public final class ProviderAdapters {
    private final Map<ConnectionKind, ProviderAdapter> byKind = new EnumMap<>(ConnectionKind.class);

    public ProviderAdapters(ProviderAdapter... adapters) {
        for (ProviderAdapter a : adapters) {
            byKind.put(a.kind(), a);
        }
    }

    /** MailerSend and SendGrid over one HTTP client. */
    public static ProviderAdapters standard(ApiCall call, Clock clock) {
        RateLimitWaits http = RateLimitWaits.of(call, clock);
        return new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
    }

    public ProviderAdapter forEndpoint(ApiEndpoint e) {
        ProviderAdapter a = byKind.get(e.kind());
        if (a == null) {
            throw new IllegalStateException("no adapter for " + e.kind());
        }
        return a;
    }
}
