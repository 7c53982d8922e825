package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.ApiCallFailure;
import dev.mailroom.mailer.providers.ApiResponse;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.SyncFaults;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.providers.ActivityPage;
import dev.mailroom.model.providers.ActivitySource;
import dev.mailroom.model.providers.ProviderEvent;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MailerSend's activity ({@code GET /v1/activity/{domain_id}}), one domain and one page at a time, over a
 * time window of at most {@link #LONGEST_WINDOW}. The cursor is JSON: the window, the account's domain ids
 * (read once per window), which domain, which page. A finished window leaves the next one starting
 * {@link #OVERLAP} before its end; events read twice are recorded once by the sync.
 */
public final class MailerSendActivity implements ActivitySource {
    static final String PROVIDER = MailerSendAdapter.PROVIDER;
    /** MailerSend's largest page. */
    public static final int PAGE_SIZE = 100;
    /** MailerSend answers at most this span per request. */
    static final Duration LONGEST_WINDOW = Duration.ofDays(7);
    /** Events may show up a little late; each window starts this far back into the last. */
    static final Duration OVERLAP = Duration.ofMinutes(5);

    private final RateLimitWaits http;

    public MailerSendActivity(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public ActivityPage page(ApiEndpoint e, String cursor, Instant now) throws SyncFailure {
        ObjectNode c = cursor.isBlank() ? Json.object() : readCursor(cursor);
        if (!c.has("to")) {
            long from = c.has("from")
                    ? c.path("from").asLong()
                    : now.minus(Duration.ofDays(FIRST_SYNC_DAYS)).getEpochSecond();
            long to = Math.min(now.getEpochSecond(), from + LONGEST_WINDOW.toSeconds());
            c = Json.object();
            c.put("from", from).put("to", Math.max(to, from));
            ArrayNode ids = c.putArray("domains");
            domainIds(e).forEach(ids::add);
            c.put("i", 0).put("page", 1);
            if (ids.isEmpty()) {
                return finished(c, now, 0, List.of());
            }
        }
        ArrayNode domains = (ArrayNode) c.path("domains");
        int i = c.path("i").asInt();
        int page = c.path("page").asInt(1);
        if (i >= domains.size()) {
            return finished(c, now, 0, List.of());
        }
        String domain = domains.path(i).asText();
        String path = "/v1/activity/" + enc(domain) + "?page=" + page + "&limit=" + PAGE_SIZE + "&date_from="
                + c.path("from").asLong() + "&date_to=" + c.path("to").asLong();
        JsonNode body = get(e, path, "activity");
        JsonNode data = body.path("data");
        if (!data.isArray()) {
            throw SyncFaults.malformed(PROVIDER, "a page of activity", body.toString());
        }
        List<ProviderEvent> events = new ArrayList<>();
        int skipped = 0;
        for (JsonNode a : data) {
            Optional<ProviderEvent> pe = event(a);
            if (pe.isPresent()) {
                events.add(pe.get());
            } else if (!ignored(a.path("type").asText())) {
                skipped++;
            }
        }
        JsonNode next = body.path("links").path("next");
        if (next.isTextual() && !next.asText().isBlank() && !data.isEmpty()) {
            int nextPage = pageOf(next.asText()).orElse(page + 1);
            if (nextPage <= page) {
                throw new SyncFailure(
                        SyncFailure.Kind.MALFORMED,
                        PROVIDER + "'s next page of activity goes backwards (page " + nextPage + " after page " + page
                                + "); Mailroom stopped rather than read the same pages in a loop. What was read is"
                                + " recorded.",
                        Optional.empty());
            }
            c.put("page", nextPage);
            return new ActivityPage(events, skipped, Json.write(c), true);
        }
        c.put("i", i + 1).put("page", 1);
        if (i + 1 < domains.size()) {
            return new ActivityPage(events, skipped, Json.write(c), true);
        }
        return finished(c, now, skipped, events);
    }

    /** The window is read for every domain: the next starts where it ended, less the overlap. */
    private static ActivityPage finished(ObjectNode c, Instant now, int skipped, List<ProviderEvent> events) {
        long to = c.path("to").asLong();
        ObjectNode next = Json.object().put("from", Math.max(c.path("from").asLong(), to - OVERLAP.toSeconds()));
        boolean more = now.getEpochSecond() - to > OVERLAP.toSeconds();
        return new ActivityPage(events, skipped, Json.write(next), more);
    }

    private List<String> domainIds(ApiEndpoint e) throws SyncFailure {
        JsonNode body = get(e, "/v1/domains?page=1&limit=" + PAGE_SIZE, "domains");
        if (!body.path("data").isArray()) {
            throw SyncFaults.malformed(PROVIDER, "its list of domains", body.toString());
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode d : body.path("data")) {
            String id = d.path("id").asText("");
            if (!id.isBlank() && id.length() <= 64) {
                ids.add(id);
            }
        }
        return ids;
    }

    private JsonNode get(ApiEndpoint e, String pathAndQuery, String what) throws SyncFailure {
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
            String scope = what.equals("domains") ? "domains_read" : "activity_read";
            throw SyncFaults.of(PROVIDER, r, MailerSendAdapter.said(r), e.key(), scope, what, http.clock());
        }
        return Json.parse(r.body())
                .filter(JsonNode::isObject)
                .orElseThrow(() -> SyncFaults.malformed(PROVIDER, "a page of " + what, r.body()));
    }

    /** One activity entry in our terms; empty for what we do not record or cannot read. */
    static Optional<ProviderEvent> event(JsonNode a) {
        String id = a.path("id").asText("");
        String type = a.path("type").asText("").toLowerCase(Locale.ROOT);
        JsonNode email = a.path("email");
        String to = email.path("recipient").path("email").asText("");
        String from = email.path("from").asText("");
        int at = from.lastIndexOf('@');
        Optional<EventType> ours = type(type);
        if (id.isBlank() || id.length() > 100 || to.isBlank() || at < 1 || at == from.length() - 1 || ours.isEmpty()) {
            return Optional.empty();
        }
        if (ours.get() == EventType.SENT) {
            for (JsonNode tag : email.path("tags")) {
                if ("mailroom".equals(tag.asText())) {
                    // Mailroom's outbox recorded this one as sent already.
                    return Optional.empty();
                }
            }
        }
        Instant when;
        try {
            when = Instant.parse(a.path("created_at").asText(""));
        } catch (DateTimeParseException ex) {
            return Optional.empty();
        }
        return Optional.of(new ProviderEvent(
                "mailersend:" + id,
                when,
                to,
                from.substring(at + 1),
                ours.get(),
                Optional.empty(),
                "MailerSend: " + type.replace('_', ' ')));
    }

    private static boolean ignored(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return t.equals("processed") || t.equals("queued") || t.equals("sent");
    }

    static Optional<EventType> type(String t) {
        switch (t) {
            case "sent":
                return Optional.of(EventType.SENT);
            case "delivered":
                return Optional.of(EventType.DELIVERED);
            case "soft_bounced":
                return Optional.of(EventType.SOFT_BOUNCE);
            case "hard_bounced":
                return Optional.of(EventType.HARD_BOUNCE);
            case "opened":
            case "opened_unique":
                return Optional.of(EventType.OPENED);
            case "clicked":
            case "clicked_unique":
                return Optional.of(EventType.CLICKED);
            case "unsubscribed":
                return Optional.of(EventType.UNSUBSCRIBED);
            case "spam_complaint":
                return Optional.of(EventType.COMPLAINED);
            case "deferred":
                return Optional.of(EventType.DEFERRED);
            default:
                return Optional.empty();
        }
    }

    private static Optional<Integer> pageOf(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.startsWith("page=")) {
                String v = pair.substring(5);
                if (!v.isEmpty() && v.length() < 9 && v.chars().allMatch(Character::isDigit)) {
                    return Optional.of(Integer.parseInt(v));
                }
            }
        }
        return Optional.empty();
    }

    private static ObjectNode readCursor(String cursor) throws SyncFailure {
        JsonNode n = Json.parseOrMissing(cursor);
        if (!n.isObject()) {
            // Our own text; unreadable means an older format: start again from the first-sync window.
            return Json.object();
        }
        return (ObjectNode) n;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
