package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.mailer.providers.ApiCallFailure;
import dev.mailroom.mailer.providers.ApiResponse;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.SyncFaults;
import dev.mailroom.model.providers.ProviderSuppression;
import dev.mailroom.model.providers.SuppressionPage;
import dev.mailroom.model.providers.SuppressionSource;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.suppressions.SuppressionReason;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MailerSend's suppression lists ({@code GET /v1/suppressions/<list>}): hard bounces, spam complaints,
 * unsubscribes and the blocklist's exact addresses (its patterns are left out). Cursor: "list index:page".
 */
public final class MailerSendSuppressions implements SuppressionSource {
    static final String PROVIDER = MailerSendAdapter.PROVIDER;

    private record Source(String path, SuppressionReason reason, String words) {}

    private static final List<Source> LISTS = List.of(
            new Source("hard-bounces", SuppressionReason.HARD_BOUNCE, "hard bounce"),
            new Source("spam-complaints", SuppressionReason.COMPLAINT, "spam complaint"),
            new Source("unsubscribes", SuppressionReason.UNSUBSCRIBE, "unsubscribed"),
            new Source("blocklist", SuppressionReason.MANUAL, "on the blocklist"));

    private final RateLimitWaits http;

    public MailerSendSuppressions(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public SuppressionPage page(ApiEndpoint e, String cursor) throws SyncFailure {
        int list = 0;
        int page = 1;
        int colon = cursor.indexOf(':');
        if (colon > 0) {
            try {
                list = Integer.parseInt(cursor.substring(0, colon));
                page = Integer.parseInt(cursor.substring(colon + 1));
            } catch (NumberFormatException ex) {
                list = 0;
                page = 1;
            }
        }
        if (list >= LISTS.size()) {
            return new SuppressionPage(List.of(), 0, "", false);
        }
        Source src = LISTS.get(list);
        String pathAndQuery =
                "/v1/suppressions/" + src.path() + "?page=" + page + "&limit=" + MailerSendActivity.PAGE_SIZE;
        ApiResponse r;
        try {
            r = http.exchange(
                    PROVIDER,
                    () -> http.call()
                            .request(URI.create(e.baseUrl() + pathAndQuery))
                            .header("Authorization", "Bearer " + e.key().reveal())
                            .header("Accept", "application/json")
                            .header("X-Requested-With", "XMLHttpRequest")
                            .GET()
                            .build());
        } catch (ApiCallFailure f) {
            throw SyncFaults.of(f);
        }
        if (!r.ok()) {
            throw SyncFaults.of(
                    PROVIDER, r, MailerSendAdapter.said(r), e.key(), "suppressions_read", "suppressions", http.clock());
        }
        JsonNode body = Json.parse(r.body())
                .filter(JsonNode::isObject)
                .orElseThrow(() -> SyncFaults.malformed(PROVIDER, "a page of suppressions", r.body()));
        JsonNode data = body.path("data");
        if (!data.isArray()) {
            throw SyncFaults.malformed(PROVIDER, "a page of suppressions", body.toString());
        }
        List<ProviderSuppression> out = new ArrayList<>();
        int skipped = 0;
        for (JsonNode entry : data) {
            Optional<ProviderSuppression> s = entry(src, entry);
            if (s.isPresent()) {
                out.add(s.get());
            } else {
                skipped++;
            }
        }
        JsonNode next = body.path("links").path("next");
        boolean morePages = next.isTextual() && !next.asText().isBlank() && !data.isEmpty();
        String nextCursor = morePages ? list + ":" + (page + 1) : (list + 1) + ":1";
        return new SuppressionPage(out, skipped, nextCursor, morePages || list + 1 < LISTS.size());
    }

    private static Optional<ProviderSuppression> entry(Source src, JsonNode entry) {
        String address;
        Optional<String> domain = Optional.empty();
        if (src.reason() == SuppressionReason.MANUAL) {
            if (!"exact".equals(entry.path("type").asText())) {
                return Optional.empty();
            }
            address = entry.path("pattern").asText("");
            String d = entry.path("domain").path("name").asText("");
            domain = d.isBlank() ? Optional.empty() : Optional.of(d);
        } else {
            JsonNode rcpt = entry.path("recipient");
            address = rcpt.path("email").asText("");
            String d = rcpt.path("domain").path("name").asText("");
            domain = d.isBlank() ? Optional.empty() : Optional.of(d);
        }
        if (address.isBlank() || address.indexOf('@') < 1 || address.length() > 320) {
            return Optional.empty();
        }
        Instant since;
        try {
            since = Instant.parse(entry.path("created_at").asText(""));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
        String said = entry.path("readable_reason").asText("");
        return Optional.of(new ProviderSuppression(
                address,
                domain,
                src.reason(),
                since,
                src.words() + (said.isBlank() || said.equals("null") ? "" : " (" + said + ")")));
    }
}
