package dev.mailroom.mailer.providers.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.providers.ProviderEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SendGrid's event webhook: a JSON array of events, signed (when the signed event webhook is on) with ECDSA
 * P-256 over the timestamp header followed by the raw body; the verification key is the base64 public key
 * SendGrid shows in its settings. Delivered, bounced and dropped, first open and first click are keyed as the
 * Email Activity sync keys them ({@code sendgrid:<message id>:<what>}), so the two paths never count one
 * event twice; the rest by SendGrid's event id.
 */
public final class SendGridWebhook {
    static final String SIGNATURE = "x-twilio-email-event-webhook-signature";
    static final String TIMESTAMP = "x-twilio-email-event-webhook-timestamp";

    private SendGridWebhook() {}

    /** The events of one delivery's body: one per entry we record. */
    public static List<ProviderEvent> events(JsonNode payload) {
        List<ProviderEvent> out = new ArrayList<>();
        if (payload.isArray()) {
            for (JsonNode e : payload) {
                event(e).ifPresent(out::add);
            }
        }
        return out;
    }

    static Optional<ProviderEvent> event(JsonNode e) {
        String kind = e.path("event").asText("");
        String to = e.path("email").asText("");
        String messageId = e.path(SendGridAdapter.MESSAGE_ID_ARG).asText("");
        String sgMessage = e.path("sg_message_id").asText("");
        String sgEvent = e.path("sg_event_id").asText("");
        long ts = e.path("timestamp").asLong(-1);
        // The sender's domain counts the event; SendGrid's events do not carry From, our Message-ID does.
        String idSource = messageId.isBlank() ? e.path("smtp-id").asText("") : messageId;
        String domain = idSource.contains("@")
                ? idSource.substring(idSource.lastIndexOf('@') + 1).replace(">", "")
                : "";
        if (to.isBlank() || domain.isBlank() || ts < 0 || sgEvent.isBlank() || sgEvent.length() > 100) {
            return Optional.empty();
        }
        String message = sgMessage.isBlank() || sgMessage.length() > 150 ? "" : sgMessage;
        String reason = e.path("reason").asText(e.path("response").asText(""));
        EventType type;
        String key;
        switch (kind) {
            case "delivered" -> {
                type = EventType.DELIVERED;
                key = message.isEmpty() ? "sendgrid:event:" + sgEvent : "sendgrid:" + message + ":delivered";
            }
            case "bounce", "dropped" -> {
                boolean blocked = e.path("type").asText("").equals("blocked");
                type = kind.equals("dropped")
                        ? EventType.REJECTED
                        : blocked ? EventType.SOFT_BOUNCE : EventType.HARD_BOUNCE;
                key = message.isEmpty() || blocked
                        ? "sendgrid:event:" + sgEvent
                        : "sendgrid:" + message + ":not_delivered";
            }
            case "deferred" -> {
                type = EventType.DEFERRED;
                key = "sendgrid:event:" + sgEvent;
            }
            case "open" -> {
                type = EventType.OPENED;
                key = message.isEmpty() ? "sendgrid:event:" + sgEvent : "sendgrid:" + message + ":opened";
            }
            case "click" -> {
                type = EventType.CLICKED;
                key = message.isEmpty() ? "sendgrid:event:" + sgEvent : "sendgrid:" + message + ":clicked";
            }
            case "spamreport" -> {
                type = EventType.COMPLAINED;
                key = "sendgrid:event:" + sgEvent;
            }
            case "unsubscribe", "group_unsubscribe" -> {
                type = EventType.UNSUBSCRIBED;
                key = "sendgrid:event:" + sgEvent;
            }
            default -> {
                return Optional.empty(); // processed, group_resubscribe: nothing we count
            }
        }
        return Optional.of(new ProviderEvent(
                key,
                Instant.ofEpochSecond(ts),
                to,
                domain,
                type,
                messageId.isBlank() ? Optional.empty() : Optional.of(messageId),
                "SendGrid: " + kind.replace('_', ' ') + (reason.isBlank() ? "" : ": " + reason)));
    }

    /** Null when the signature holds; else what is wrong, in words. */
    public static String signatureProblem(Map<String, String> headers, String body, String verificationKey) {
        String signature = headers.get(SIGNATURE);
        String timestamp = headers.get(TIMESTAMP);
        if (signature == null || timestamp == null || signature.isBlank() || timestamp.isBlank()) {
            return "it has no X-Twilio-Email-Event-Webhook-Signature and -Timestamp headers; turn on the signed "
                    + "event webhook in SendGrid, or import without a key.";
        }
        PublicKey key;
        try {
            key = KeyFactory.getInstance("EC")
                    .generatePublic(
                            new X509EncodedKeySpec(Base64.getMimeDecoder().decode(verificationKey.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return "the verification key is not SendGrid's public key (a base64 EC key, as its settings show it).";
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.strip().getBytes(StandardCharsets.UTF_8));
            ecdsa.update(body.getBytes(StandardCharsets.UTF_8));
            return ecdsa.verify(Base64.getDecoder().decode(signature.strip()))
                    ? null
                    : "its signature does not match the verification key: the body or timestamp was changed, or "
                            + "the key is another account's.";
        } catch (IllegalArgumentException | java.security.SignatureException e) {
            return "its signature header is not a base64 ECDSA signature.";
        } catch (GeneralSecurityException e) {
            return "the verification key cannot check ECDSA signatures.";
        }
    }
}
