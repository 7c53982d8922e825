package dev.mailroom.mailer.providers.sendgrid;

import dev.mailroom.mailer.providers.ApiCallFailure;
import dev.mailroom.mailer.providers.ApiResponse;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.SyncFaults;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/** SendGrid requests that write (suppressions, API keys): its headers, on-behalf-of, faults in words. */
final class SendGridCalls {
    private SendGridCalls() {}

    /** Any method, with a JSON body or none; no answer at all is a {@link SyncFailure} in words. */
    static ApiResponse call(RateLimitWaits http, ApiEndpoint e, String method, String path, String json)
            throws SyncFailure {
        try {
            return http.exchange(SendGridAdapter.PROVIDER, () -> {
                HttpRequest.Builder b = http.call()
                        .request(URI.create(e.baseUrl() + path))
                        .header("Authorization", "Bearer " + e.key().reveal())
                        .header("Accept", "application/json");
                e.onBehalfOf().ifPresent(s -> b.header("on-behalf-of", s));
                if (json != null) {
                    b.header("Content-Type", "application/json");
                }
                return b.method(
                                method,
                                json == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                        .build();
            });
        } catch (ApiCallFailure f) {
            throw SyncFaults.of(f);
        }
    }

    /** SendGrid's refusal in words, naming the scope the request needs. */
    static SyncFailure fault(RateLimitWaits http, ApiEndpoint e, ApiResponse r, String scope, String what) {
        return SyncFaults.of(
                SendGridAdapter.PROVIDER, r, SendGridAdapter.errorText(r), e.key(), scope, what, http.clock());
    }
}
