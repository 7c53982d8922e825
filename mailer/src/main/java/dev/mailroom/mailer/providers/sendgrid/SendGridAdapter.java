package dev.mailroom.mailer.providers.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.ApiCallFailure;
import dev.mailroom.mailer.providers.ApiResponse;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.Problem;
import dev.mailroom.mailer.providers.ProviderAdapter;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.sending.AcceptanceLookup.Acceptance;
import dev.mailroom.model.sending.AcceptanceLookup.Verdict;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.ProbeReport;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;

/**
 * SendGrid's v3 API over {@code java.net.http}: mail send, and the read-only calls "Test connection"
 * uses. Every request is the shape of the published OpenAPI specs (the tests check each one against them).
 * A parent account's key acts for a subuser with the {@code on-behalf-of} header where the spec allows it;
 * mail send does not declare that header, so a subuser connection sends only with the subuser's own key.
 */
public final class SendGridAdapter implements ProviderAdapter {
    static final String PROVIDER = "SendGrid";
    /** The custom argument carrying our Message-ID, so activity can be matched to the outbox. */
    public static final String MESSAGE_ID_ARG = "mailroom_message_id";

    private final RateLimitWaits http;

    public SendGridAdapter(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public ConnectionKind kind() {
        return ConnectionKind.SENDGRID_API;
    }

    @Override
    public ProbeReport check(ApiEndpoint e) {
        List<String> works = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try {
            if (e.onBehalfOf().isEmpty()) {
                ApiResponse r = http.exchange(PROVIDER, () -> post(e, "/v3/mail/send", sandboxMessage()));
                if (r.ok() || (r.status() == 403 && errorField(r).equals("from"))) {
                    works.add("mail.send");
                } else if (r.status() == 403 && !suspended(r)) {
                    missing.add("mail.send");
                } else {
                    return stop(e, r, "mail.send");
                }
            } else {
                notes.add("Sending as subuser " + e.onBehalfOf().get() + " needs a key made in that subuser: "
                        + "SendGrid's mail send does not take on-behalf-of.");
            }
            for (String[] probe : new String[][] {
                {"/v3/suppression/bounces?limit=1&offset=0", "suppression.read"},
                {"/v3/stats?limit=1&start_date=" + LocalDate.now(http.clock().withZone(ZoneOffset.UTC)), "stats.read"}
            }) {
                ApiResponse r = http.exchange(PROVIDER, () -> get(e, probe[0]));
                if (r.ok()) {
                    works.add(probe[1]);
                } else if (r.status() == 403 && !suspended(r)) {
                    missing.add(probe[1]);
                } else {
                    return stop(e, r, probe[1]);
                }
            }
        } catch (ApiCallFailure f) {
            return new ProbeReport(false, f.getMessage(), List.of());
        }
        boolean canSend = works.contains("mail.send");
        StringBuilder s = new StringBuilder();
        if (missing.isEmpty()) {
            s.append("The key works").append(canSend ? " and can send" : "").append('.');
        } else {
            s.append(canSend ? "The key can send, but lacks " : "The key works but lacks ")
                    .append(String.join(" and ", missing))
                    .append(missing.contains("mail.send") ? ": it cannot send." : ".");
            if (missing.contains("suppression.read")) {
                s.append(" Suppressions cannot be synchronised without suppression.read.");
            }
            if (missing.contains("stats.read")) {
                s.append(" Charts from SendGrid's statistics need stats.read.");
            }
        }
        notes.forEach(n -> s.append(' ').append(n));
        return new ProbeReport(canSend || e.onBehalfOf().isPresent(), s.toString(), works);
    }

    @Override
    public DeliveryOutcome send(ApiEndpoint e, OutgoingMail mail) {
        if (e.onBehalfOf().isPresent()) {
            return new DeliveryOutcome(
                    DeliveryOutcome.Kind.PERMANENT,
                    OptionalInt.empty(),
                    "Not sent: SendGrid's mail send does not act on behalf of a subuser. Give this connection a key "
                            + "made in subuser " + e.onBehalfOf().get() + ".");
        }
        ApiResponse r;
        try {
            r = http.exchange(PROVIDER, () -> post(e, "/v3/mail/send", message(mail)));
        } catch (ApiCallFailure f) {
            return f.outcome();
        }
        if (r.ok()) {
            return DeliveryOutcome.accepted(
                    r.status(),
                    "Accepted by SendGrid"
                            + r.header("X-Message-Id")
                                    .map(id -> " (message " + id + ")")
                                    .orElse("") + ".");
        }
        Problem p = Problem.of(
                PROVIDER,
                r,
                Problem.redact(errorText(r), e.key()),
                "mail.send",
                r.retryAfter(http.clock().instant()));
        if (p.retryable()) {
            return DeliveryOutcome.temporary(OptionalInt.of(r.status()), p.words());
        }
        boolean recipient = r.status() == 400 && errorField(r).startsWith("personalizations.0.to");
        return new DeliveryOutcome(
                recipient ? DeliveryOutcome.Kind.RECIPIENT_REFUSED : DeliveryOutcome.Kind.PERMANENT,
                OptionalInt.of(r.status()),
                "Not sent: " + p.words());
    }

    /**
     * Email Activity searched by the custom argument every message carries ({@link #MESSAGE_ID_ARG}): exact,
     * but a paid add-on, and SendGrid lists a message only a few minutes after accepting it.
     */
    @Override
    public Acceptance lookup(ApiEndpoint e, OutboxMessage m) {
        String id = m.messageId();
        if (id.isEmpty() || id.length() > 250 || id.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
            return new Acceptance(
                    Verdict.CANNOT_TELL,
                    "its Message-ID cannot be put in a SendGrid activity search; look for the message to " + m.to()
                            + " in SendGrid's Activity Feed.");
        }
        String query = "unique_args['" + MESSAGE_ID_ARG + "']=\"" + id + "\"";
        ApiResponse r;
        try {
            r = http.exchange(
                    PROVIDER, () -> get(e, "/v3/messages?query=" + enc(query).replace("+", "%20") + "&limit=10"));
        } catch (ApiCallFailure f) {
            return new Acceptance(Verdict.CANNOT_TELL, "SendGrid could not be asked: " + f.getMessage());
        }
        if (r.status() == 403) {
            return new Acceptance(
                    Verdict.CANNOT_TELL,
                    "SendGrid refused to search its Email Activity (403). It is a paid add-on and the key needs "
                            + "email_activity.read; without it, look for the message to " + m.to()
                            + " in SendGrid's Activity Feed.");
        }
        if (!r.ok()) {
            Problem p = Problem.of(
                    PROVIDER,
                    r,
                    Problem.redact(errorText(r), e.key()),
                    "email_activity.read",
                    r.retryAfter(http.clock().instant()));
            return new Acceptance(Verdict.CANNOT_TELL, p.words());
        }
        JsonNode messages = Json.parseOrMissing(r.body()).path("messages");
        if (!messages.isArray()) {
            return new Acceptance(Verdict.CANNOT_TELL, "SendGrid's answer to the activity search was not readable.");
        }
        if (messages.isEmpty()) {
            return new Acceptance(
                    Verdict.NOT_FOUND,
                    "SendGrid's Email Activity has no message with Mailroom's id " + id + " (asked at "
                            + http.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES)
                            + "; SendGrid lists a message a few minutes after accepting it, so ask again if it was "
                            + "sent just now).");
        }
        JsonNode first = messages.path(0);
        String status = first.path("status").asText("").replace('_', ' ');
        return new Acceptance(
                Verdict.ACCEPTED,
                "SendGrid has it (message " + clip(first.path("msg_id").asText("?")) + ", "
                        + (status.isBlank() ? "accepted" : clip(status)) + ").");
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }

    static ObjectNode message(OutgoingMail mail) {
        ObjectNode body = Json.object();
        ObjectNode personalization = body.putArray("personalizations").addObject();
        personalization.putArray("to").addObject().put("email", mail.to());
        personalization.putObject("custom_args").put(MESSAGE_ID_ARG, mail.messageId());
        ObjectNode from = body.putObject("from").put("email", mail.fromAddress());
        if (!mail.fromName().isBlank()) {
            from.put("name", mail.fromName());
        }
        body.put("subject", mail.subject());
        ArrayNode content = body.putArray("content");
        content.addObject().put("type", "text/plain").put("value", mail.textBody());
        mail.htmlBody()
                .ifPresent(h -> content.addObject().put("type", "text/html").put("value", h));
        if (!mail.inlineParts().isEmpty() || !mail.attachments().isEmpty()) {
            ArrayNode attachments = body.putArray("attachments");
            for (InlineImage image : mail.inlineParts()) {
                attachments
                        .addObject()
                        .put("content", Base64.getEncoder().encodeToString(image.bytes()))
                        .put("type", image.mediaType())
                        .put("filename", image.contentId())
                        .put("disposition", "inline")
                        .put("content_id", image.contentId());
            }
            for (Attachment file : mail.attachments()) {
                attachments
                        .addObject()
                        .put("content", Base64.getEncoder().encodeToString(file.bytes()))
                        .put("type", file.mediaType())
                        .put("filename", file.filename())
                        .put("disposition", "attachment");
            }
        }
        mail.listUnsubscribe()
                .ifPresent(u -> body.putObject("headers")
                        .put("List-Unsubscribe", "<" + u + ">")
                        .put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
        return body;
    }

    private static ObjectNode sandboxMessage() {
        ObjectNode body = Json.object();
        body.putArray("personalizations").addObject().putArray("to").addObject().put("email", "check@example.com");
        body.putObject("from").put("email", "check@example.com");
        body.put("subject", "Mailroom connection check (sandbox: never delivered)");
        body.putArray("content").addObject().put("type", "text/plain").put("value", "Connection check.");
        body.putObject("mail_settings").putObject("sandbox_mode").put("enable", true);
        return body;
    }

    private HttpRequest get(ApiEndpoint e, String pathAndQuery) {
        return base(e, pathAndQuery).GET().build();
    }

    private HttpRequest post(ApiEndpoint e, String path, JsonNode body) {
        return base(e, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8))
                .build();
    }

    private HttpRequest.Builder base(ApiEndpoint e, String pathAndQuery) {
        HttpRequest.Builder b = http.call()
                .request(URI.create(e.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + e.key().reveal())
                .header("Accept", "application/json");
        e.onBehalfOf().ifPresent(s -> b.header("on-behalf-of", s));
        return b;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private ProbeReport stop(ApiEndpoint e, ApiResponse r, String scope) {
        Problem p = Problem.of(
                PROVIDER,
                r,
                Problem.redact(errorText(r), e.key()),
                scope,
                r.retryAfter(http.clock().instant()));
        return new ProbeReport(false, p.words(), List.of());
    }

    private static boolean suspended(ApiResponse r) {
        return errorText(r).toLowerCase(java.util.Locale.ROOT).contains("suspend");
    }

    /** SendGrid's error body: {@code {"errors":[{"message":…,"field":…}]}}; the messages joined. */
    static String errorText(ApiResponse r) {
        JsonNode errors = Json.parseOrMissing(r.body()).path("errors");
        List<String> out = new ArrayList<>();
        for (JsonNode err : errors) {
            String m = err.path("message").asText("");
            if (!m.isBlank()) {
                out.add(m);
            }
        }
        return String.join("; ", out);
    }

    private static String errorField(ApiResponse r) {
        JsonNode first = Json.parseOrMissing(r.body()).path("errors").path(0);
        return first.path("field").isTextual() ? first.path("field").asText() : "";
    }
}
