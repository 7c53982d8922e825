package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.model.providers.ProviderEvent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * MailerSend's webhooks: {@code {"type": "activity.delivered", "data": <an activity entry>}}, signed with
 * the webhook's signing secret as a hex HMAC-SHA256 of the raw body in the {@code Signature} header. The
 * activity entry is the one the activity API returns, so an event is keyed as the sync keys it.
 */
public final class MailerSendWebhook {
    private MailerSendWebhook() {}

    /** The events of one delivery's body (one, or none for what we do not record). */
    public static List<ProviderEvent> events(JsonNode payload) {
        List<ProviderEvent> out = new ArrayList<>();
        if (payload.isObject() && payload.path("type").asText("").startsWith("activity.")) {
            MailerSendActivity.event(payload.path("data")).ifPresent(out::add);
        }
        return out;
    }

    /** Null when the signature holds; else what is wrong, in words. */
    public static String signatureProblem(Map<String, String> headers, String body, String secret) {
        String given = headers.get("signature");
        if (given == null || given.isBlank()) {
            return "it has no Signature header; MailerSend signs every webhook it sends.";
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            expected = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
        byte[] actual;
        try {
            actual = HexFormat.of().parseHex(given.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return "its Signature header is not a hex HMAC-SHA256.";
        }
        return MessageDigest.isEqual(expected, actual)
                ? null
                : "its signature does not match the signing secret: the body was changed, or the secret is another "
                        + "webhook's.";
    }
}
