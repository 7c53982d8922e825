package dev.mailroom.mailer.providers.mailersend;

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
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.ProbeReport;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * MailerSend's v1 API over {@code java.net.http}: e-mail send and the read-only calls "Test connection"
 * uses. MailerSend publishes no OpenAPI file; the tests serve its real recorded answers (its SDK's
 * fixtures), including its 401 and 422 bodies.
 */
public final class MailerSendAdapter implements ProviderAdapter {
    static final String PROVIDER = "MailerSend";

    private final RateLimitWaits http;
    private final MailerSendLookup lookup;

    public MailerSendAdapter(RateLimitWaits http) {
        this.http = http;
        this.lookup = new MailerSendLookup(new MailerSendCalls(http));
    }

    @Override
    public ConnectionKind kind() {
        return ConnectionKind.MAILERSEND_API;
    }

    @Override
    public ProbeReport check(ApiEndpoint e) {
        List<String> works = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        try {
            for (String[] probe : new String[][] {
                {"/v1/domains?page=1&limit=10", "domains_read"},
                {"/v1/suppressions/hard-bounces?page=1&limit=10", "suppressions_read"}
            }) {
                ApiResponse r = http.exchange(PROVIDER, () -> get(e, probe[0]));
                if (r.ok()) {
                    works.add(probe[1]);
                } else if (r.status() == 403
                        && !said(r).toLowerCase(java.util.Locale.ROOT).contains("suspend")) {
                    missing.add(probe[1]);
                } else {
                    Problem p = Problem.of(
                            PROVIDER,
                            r,
                            Problem.redact(said(r), e.key()),
                            probe[1],
                            r.retryAfter(http.clock().instant()));
                    return new ProbeReport(false, p.words(), List.of());
                }
            }
        } catch (ApiCallFailure f) {
            return new ProbeReport(false, f.getMessage(), List.of());
        }
        String s = missing.isEmpty()
                ? "The token works."
                : "The token works but lacks " + String.join(" and ", missing) + "."
                        + (missing.contains("suppressions_read")
                                ? " Suppressions cannot be synchronised without it."
                                : "");
        return new ProbeReport(
                true,
                s + " MailerSend cannot be asked whether a token may send (email_full) without sending; the first"
                        + " message will tell.",
                works);
    }

    @Override
    public DeliveryOutcome send(ApiEndpoint e, OutgoingMail mail) {
        ApiResponse r;
        try {
            r = http.exchange(PROVIDER, () -> post(e, "/v1/email", message(mail)));
        } catch (ApiCallFailure f) {
            return f.outcome();
        }
        if (r.ok()) {
            JsonNode warnings = Json.parseOrMissing(r.body()).path("warnings");
            for (JsonNode w : warnings) {
                if ("ALL_SUPPRESSED".equals(w.path("type").asText())) {
                    return new DeliveryOutcome(
                            DeliveryOutcome.Kind.RECIPIENT_REFUSED,
                            OptionalInt.of(r.status()),
                            "Not sent: MailerSend has " + mail.to() + " on its suppression list" + reasons(w, mail.to())
                                    + ".");
                }
            }
            return DeliveryOutcome.accepted(
                    r.status(),
                    "Accepted by MailerSend"
                            + r.header("x-message-id")
                                    .map(id -> " (message " + id + ")")
                                    .orElse("") + ".");
        }
        Problem p = Problem.of(
                PROVIDER,
                r,
                Problem.redact(said(r), e.key()),
                "email_full",
                r.retryAfter(http.clock().instant()));
        if (p.retryable()) {
            return DeliveryOutcome.temporary(OptionalInt.of(r.status()), p.words());
        }
        boolean recipient =
                r.status() == 422 && fields(r).stream().anyMatch(f -> f.equals("to") || f.startsWith("to."));
        return new DeliveryOutcome(
                recipient ? DeliveryOutcome.Kind.RECIPIENT_REFUSED : DeliveryOutcome.Kind.PERMANENT,
                OptionalInt.of(r.status()),
                "Not sent: " + p.words());
    }

    @Override
    public Acceptance lookup(ApiEndpoint e, OutboxMessage m) {
        return lookup.find(e, m);
    }

    static ObjectNode message(OutgoingMail mail) {
        ObjectNode body = Json.object();
        ObjectNode from = body.putObject("from").put("email", mail.fromAddress());
        if (!mail.fromName().isBlank()) {
            from.put("name", mail.fromName());
        }
        body.putArray("to").addObject().put("email", mail.to());
        body.put("subject", mail.subject());
        body.put("text", mail.textBody());
        mail.htmlBody().ifPresent(h -> body.put("html", h));
        if (!mail.inlineParts().isEmpty() || !mail.attachments().isEmpty()) {
            ArrayNode attachments = body.putArray("attachments");
            for (InlineImage i : mail.inlineParts()) {
                attachments
                        .addObject()
                        .put("content", Base64.getEncoder().encodeToString(i.bytes()))
                        .put("filename", i.contentId())
                        .put("disposition", "inline")
                        .put("id", i.contentId());
            }
            for (Attachment file : mail.attachments()) {
                attachments
                        .addObject()
                        .put("content", Base64.getEncoder().encodeToString(file.bytes()))
                        .put("filename", file.filename())
                        .put("disposition", "attachment");
            }
        }
        body.putArray("tags").add("mailroom");
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
        return http.call()
                .request(URI.create(e.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + e.key().reveal())
                .header("Accept", "application/json")
                .header("X-Requested-With", "XMLHttpRequest");
    }

    /** MailerSend's error body: {@code {"message":…,"errors":{field:[…]}}}; the per-field texts when given. */
    static String said(ApiResponse r) {
        JsonNode body = Json.parseOrMissing(r.body());
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.path("errors").fields(); it.hasNext(); ) {
            for (JsonNode m : it.next().getValue()) {
                out.add(m.asText());
            }
        }
        if (out.isEmpty()) {
            return body.path("message").asText("");
        }
        return String.join(" ", out);
    }

    private static List<String> fields(ApiResponse r) {
        List<String> out = new ArrayList<>();
        Json.parseOrMissing(r.body()).path("errors").fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static String reasons(JsonNode warning, String to) {
        for (JsonNode rcpt : warning.path("recipients")) {
            if (to.equalsIgnoreCase(rcpt.path("email").asText())) {
                List<String> rs = new ArrayList<>();
                rcpt.path("reasons").forEach(x -> rs.add(x.asText().replace('_', ' ')));
                return rs.isEmpty() ? "" : " (" + String.join(", ", rs) + ")";
            }
        }
        return "";
    }
}
