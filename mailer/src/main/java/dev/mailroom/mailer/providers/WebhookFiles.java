package dev.mailroom.mailer.providers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mailroom.mailer.providers.mailersend.MailerSendWebhook;
import dev.mailroom.mailer.providers.sendgrid.SendGridWebhook;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.providers.ProviderEvent;
import dev.mailroom.model.providers.WebhookReader;
import dev.mailroom.model.sending.ConnectionKind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Files of saved webhook deliveries. Each delivery is {@code {"headers": {...}, "body": "<the raw body>"}}
 * (the shape request inspectors export), in a JSON array or one per line (JSON Lines); the raw body is kept
 * as a string because a signature covers its exact bytes. A file of bare bodies (a MailerSend payload per
 * line, or SendGrid's event arrays) is read too, but cannot be verified.
 */
public final class WebhookFiles implements WebhookReader {
    /** Deliveries in one file, at most: one import is one transaction. */
    static final int MAX_DELIVERIES = 50_000;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxStringLength(4 * 1024 * 1024)
                            .build())
                    .build())
            .build();

    /** One saved request: its headers by lower-case name, and its body as it came. */
    record Delivery(Map<String, String> headers, String body, boolean raw) {}

    @Override
    public Batch read(ConnectionKind kind, byte[] file, Optional<String> key) {
        if (!kind.isApi()) {
            throw new InvalidInput("connection", "Only API connections receive provider webhooks.");
        }
        List<Delivery> deliveries = deliveries(new String(file, StandardCharsets.UTF_8));
        List<ProviderEvent> events = new ArrayList<>();
        int skipped = 0;
        int n = 0;
        for (Delivery d : deliveries) {
            n++;
            if (key.isPresent()) {
                if (!d.raw()) {
                    throw new InvalidInput(
                            "file",
                            "Delivery " + n + " has no headers, so its signature cannot be checked. Import the file "
                                    + "without a key, or save the deliveries with their headers.");
                }
                String problem = kind == ConnectionKind.MAILERSEND_API
                        ? MailerSendWebhook.signatureProblem(d.headers(), d.body(), key.get())
                        : SendGridWebhook.signatureProblem(d.headers(), d.body(), key.get());
                if (problem != null) {
                    throw new InvalidInput("file", "Delivery " + n + ": " + problem + " Nothing was imported.");
                }
            }
            JsonNode payload;
            try {
                payload = JSON.readTree(d.body());
            } catch (JsonProcessingException e) {
                skipped++;
                continue;
            }
            List<ProviderEvent> read = kind == ConnectionKind.MAILERSEND_API
                    ? MailerSendWebhook.events(payload)
                    : SendGridWebhook.events(payload);
            int entries = payload.isArray() ? payload.size() : 1;
            skipped += Math.max(0, entries - read.size());
            events.addAll(read);
        }
        return new Batch(events, deliveries.size(), skipped, key.isPresent());
    }

    private static List<Delivery> deliveries(String text) {
        String t = text.strip();
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1).strip();
        }
        List<JsonNode> nodes = new ArrayList<>();
        try {
            if (t.startsWith("[")) {
                JsonNode all = JSON.readTree(t);
                if (looksLikeSendGridEvents(all)) {
                    nodes.add(all); // one bare SendGrid body: an array of events
                } else {
                    all.forEach(nodes::add);
                }
            } else {
                // One delivery per line, or pretty-printed ones one after another: a sequence of root values.
                try (com.fasterxml.jackson.databind.MappingIterator<JsonNode> it =
                        JSON.readerFor(JsonNode.class).readValues(t)) {
                    while (it.hasNextValue()) {
                        nodes.add(it.nextValue());
                        if (nodes.size() > MAX_DELIVERIES) {
                            break;
                        }
                    }
                } catch (java.io.IOException e) {
                    if (e instanceof JsonProcessingException j) {
                        throw j;
                    }
                    throw new InvalidInput("file", "The file could not be read.");
                }
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInput(
                    "file",
                    "The file is not a webhook file, or it is damaged"
                            + (e.getLocation() == null
                                    ? "."
                                    : " (line " + e.getLocation().getLineNr() + ").")
                            + (e.getMessage() != null && e.getMessage().contains("nesting depth")
                                    ? " It nests deeper than any webhook does."
                                    : ""));
        }
        if (nodes.size() > MAX_DELIVERIES) {
            throw new InvalidInput(
                    "file",
                    String.format(
                            Locale.ROOT,
                            "The file holds more than %,d deliveries; at most %,d are imported at once. Split it.",
                            MAX_DELIVERIES,
                            MAX_DELIVERIES));
        }
        List<Delivery> out = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.isObject() && node.has("body")) {
                Map<String, String> headers = new TreeMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = node.path("headers").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> h = it.next();
                    JsonNode v = h.getValue().isArray() ? h.getValue().path(0) : h.getValue();
                    headers.put(h.getKey().toLowerCase(Locale.ROOT), v.asText(""));
                }
                JsonNode body = node.get("body");
                out.add(
                        body.isTextual()
                                ? new Delivery(headers, body.asText(), true)
                                : new Delivery(headers, body.toString(), false));
            } else {
                out.add(new Delivery(Map.of(), node.toString(), false));
            }
        }
        return out;
    }

    private static boolean looksLikeSendGridEvents(JsonNode all) {
        return all.size() > 0
                && all.path(0).isObject()
                && all.path(0).has("event")
                && !all.path(0).has("body");
    }
}
