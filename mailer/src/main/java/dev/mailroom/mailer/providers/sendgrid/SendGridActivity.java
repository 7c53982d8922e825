package dev.mailroom.mailer.providers.sendgrid;

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
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SendGrid's Email Activity ({@code GET /v3/messages}, a paid add-on): messages whose last event falls in a
 * time window. The API has no pages, only a limit, so a window that comes back full is split in two and each
 * half asked for again; the cursor is JSON holding the windows still to read (a stack) and where the next
 * window starts. Each message gives its status (processed, delivered, not delivered) and whether it was
 * opened or clicked; each is recorded once per message. "processed" is not recorded: SendGrid's list does
 * not say whether Mailroom sent the message, and the outbox has already counted those it sent.
 */
public final class SendGridActivity implements ActivitySource {
    static final String PROVIDER = SendGridAdapter.PROVIDER;
    /** SendGrid's largest answer. */
    public static final int LIMIT = 1000;

    static final Duration OVERLAP = Duration.ofMinutes(5);
    /** A window this short is read whole even when full. */
    static final long SHORTEST_WINDOW_SECONDS = 1;

    private final RateLimitWaits http;

    public SendGridActivity(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public ActivityPage page(ApiEndpoint e, String cursor, Instant now) throws SyncFailure {
        JsonNode parsed = cursor.isBlank() ? Json.object() : Json.parseOrMissing(cursor);
        ObjectNode c = parsed.isObject() ? (ObjectNode) parsed : Json.object();
        ArrayNode windows = c.has("windows") ? (ArrayNode) c.get("windows") : c.putArray("windows");
        if (windows.isEmpty()) {
            long from = c.has("next")
                    ? c.path("next").asLong()
                    : now.minus(Duration.ofDays(FIRST_SYNC_DAYS)).getEpochSecond();
            windows.addArray().add(from).add(Math.max(from, now.getEpochSecond()));
        }
        JsonNode top = windows.remove(windows.size() - 1);
        long from = top.path(0).asLong();
        long to = top.path(1).asLong();
        JsonNode body = list(e, from, to);
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw SyncFaults.malformed(PROVIDER, "a page of email activity", body.toString());
        }
        if (messages.size() >= LIMIT && to - from > SHORTEST_WINDOW_SECONDS) {
            long mid = from + (to - from) / 2;
            windows.addArray().add(mid).add(to);
            windows.addArray().add(from).add(mid);
            return new ActivityPage(List.of(), 0, Json.write(c), true);
        }
        List<ProviderEvent> events = new ArrayList<>();
        int skipped = 0;
        for (JsonNode m : messages) {
            List<ProviderEvent> some = events(m);
            if (some.isEmpty() && !"processed".equals(m.path("status").asText())) {
                skipped++;
            }
            events.addAll(some);
        }
        if (windows.isEmpty()) {
            c.put("next", Math.max(from, to - OVERLAP.toSeconds()));
        }
        return new ActivityPage(events, skipped, Json.write(c), !windows.isEmpty());
    }

    private JsonNode list(ApiEndpoint e, long from, long to) throws SyncFailure {
        String query = "last_event_time BETWEEN TIMESTAMP \"" + Instant.ofEpochSecond(from) + "\" AND TIMESTAMP \""
                + Instant.ofEpochSecond(to) + "\"";
        String pathAndQuery =
                "/v3/messages?query=" + SendGridAdapter.enc(query).replace("+", "%20") + "&limit=" + LIMIT;
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
            SyncFailure f = SyncFaults.of(
                    PROVIDER,
                    r,
                    SendGridAdapter.errorText(r),
                    e.key(),
                    "email_activity.read",
                    "email activity",
                    http.clock());
            if (f.kind() == SyncFailure.Kind.MISSING_SCOPE) {
                return fail(new SyncFailure(
                        SyncFailure.Kind.MISSING_SCOPE,
                        f.getMessage() + " Email Activity is also a paid SendGrid add-on: without it SendGrid "
                                + "answers 403 to every key, and only its statistics (stats.read) can fill the charts.",
                        Optional.empty()));
            }
            return fail(f);
        }
        return Json.parse(r.body())
                .filter(JsonNode::isObject)
                .orElseThrow(() -> SyncFaults.malformed(PROVIDER, "a page of email activity", r.body()));
    }

    private static JsonNode fail(SyncFailure f) throws SyncFailure {
        throw f;
    }

    /** A message's status, and its first open and click, each keyed by the message id. */
    static List<ProviderEvent> events(JsonNode m) {
        String id = m.path("msg_id").asText("");
        String to = m.path("to_email").asText("");
        String from = m.path("from_email").asText("");
        int at = from.lastIndexOf('@');
        if (id.isBlank() || id.length() > 150 || to.isBlank() || at < 1 || at == from.length() - 1) {
            return List.of();
        }
        Instant when;
        try {
            when = Instant.parse(m.path("last_event_time").asText(""));
        } catch (DateTimeParseException ex) {
            return List.of();
        }
        String domain = from.substring(at + 1);
        List<ProviderEvent> out = new ArrayList<>();
        String status = m.path("status").asText("");
        if (status.equals("delivered")) {
            out.add(new ProviderEvent(
                    "sendgrid:" + id + ":delivered",
                    when,
                    to,
                    domain,
                    EventType.DELIVERED,
                    Optional.empty(),
                    "SendGrid: delivered"));
        } else if (status.equals("not_delivered")) {
            out.add(new ProviderEvent(
                    "sendgrid:" + id + ":not_delivered",
                    when,
                    to,
                    domain,
                    EventType.HARD_BOUNCE,
                    Optional.empty(),
                    "SendGrid: not delivered (bounced, blocked or dropped)"));
        }
        if (m.path("opens_count").asInt(0) > 0) {
            out.add(new ProviderEvent(
                    "sendgrid:" + id + ":opened",
                    when,
                    to,
                    domain,
                    EventType.OPENED,
                    Optional.empty(),
                    "SendGrid: opened"));
        }
        if (m.path("clicks_count").asInt(0) > 0) {
            out.add(new ProviderEvent(
                    "sendgrid:" + id + ":clicked",
                    when,
                    to,
                    domain,
                    EventType.CLICKED,
                    Optional.empty(),
                    "SendGrid: clicked"));
        }
        return out;
    }
}
