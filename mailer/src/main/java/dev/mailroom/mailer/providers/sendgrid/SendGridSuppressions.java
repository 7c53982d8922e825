package dev.mailroom.mailer.providers.sendgrid;

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
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SendGrid's suppression lists ({@code GET /v3/suppression/<list>?limit&offset}): bounces, blocks, spam
 * reports and global unsubscribes, for the whole account (the subuser's with on-behalf-of). Blocks are
 * usually temporary at SendGrid; they come in as manual entries so that a person decides. Cursor:
 * "list index:offset".
 */
public final class SendGridSuppressions implements SuppressionSource {
    static final String PROVIDER = SendGridAdapter.PROVIDER;
    /** SendGrid's largest page for these lists. */
    public static final int LIMIT = 500;

    private record Source(String path, SuppressionReason reason, String words) {}

    private static final List<Source> LISTS = List.of(
            new Source("bounces", SuppressionReason.HARD_BOUNCE, "bounce"),
            new Source("spam_reports", SuppressionReason.COMPLAINT, "spam report"),
            new Source("unsubscribes", SuppressionReason.UNSUBSCRIBE, "global unsubscribe"),
            new Source("blocks", SuppressionReason.MANUAL, "block"));

    private final RateLimitWaits http;

    public SendGridSuppressions(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public SuppressionPage page(ApiEndpoint e, String cursor) throws SyncFailure {
        int list = 0;
        long offset = 0;
        int colon = cursor.indexOf(':');
        if (colon > 0) {
            try {
                list = Integer.parseInt(cursor.substring(0, colon));
                offset = Long.parseLong(cursor.substring(colon + 1));
            } catch (NumberFormatException ex) {
                list = 0;
                offset = 0;
            }
        }
        if (list >= LISTS.size()) {
            return new SuppressionPage(List.of(), 0, "", false);
        }
        Source src = LISTS.get(list);
        String pathAndQuery = "/v3/suppression/" + src.path() + "?limit=" + LIMIT + "&offset=" + offset;
        ApiResponse r;
        try {
            r = http.exchange(PROVIDER, () -> {
                HttpRequest.Builder b = http.call()
                        .request(URI.create(e.baseUrl() + pathAndQuery))
                        .header("Authorization", "Bearer " + e.key().reveal())
                        .header("Accept", "application/json");
                e.onBehalfOf().ifPresent(s -> b.header("on-behalf-of", s));
                return b.GET().build();
            });
        } catch (ApiCallFailure f) {
            throw SyncFaults.of(f);
        }
        if (!r.ok()) {
            throw SyncFaults.of(
                    PROVIDER,
                    r,
                    SendGridAdapter.errorText(r),
                    e.key(),
                    "suppression.read",
                    "suppressions",
                    http.clock());
        }
        JsonNode data = Json.parse(r.body())
                .filter(JsonNode::isArray)
                .orElseThrow(() -> SyncFaults.malformed(PROVIDER, "a page of suppressions", r.body()));
        List<ProviderSuppression> out = new ArrayList<>();
        int skipped = 0;
        for (JsonNode entry : data) {
            String address = entry.path("email").asText("");
            long created = entry.path("created").asLong(-1);
            if (address.isBlank() || address.indexOf('@') < 1 || address.length() > 320 || created < 0) {
                skipped++;
                continue;
            }
            String said = entry.path("reason").asText("");
            out.add(new ProviderSuppression(
                    address,
                    Optional.empty(),
                    src.reason(),
                    Instant.ofEpochSecond(created),
                    src.words() + (said.isBlank() ? "" : " (" + said.strip() + ")")));
        }
        boolean morePages = data.size() >= LIMIT;
        String next = morePages ? list + ":" + (offset + LIMIT) : (list + 1) + ":0";
        return new SuppressionPage(out, skipped, next, morePages || list + 1 < LISTS.size());
    }
}
