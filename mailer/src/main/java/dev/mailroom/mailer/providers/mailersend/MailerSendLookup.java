package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.mailer.providers.ApiCallFailure;
import dev.mailroom.mailer.providers.ApiResponse;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.Problem;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.model.sending.AcceptanceLookup.Acceptance;
import dev.mailroom.model.sending.AcceptanceLookup.Verdict;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.OutboxMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Looks for a message in doubt in MailerSend's activity. MailerSend cannot be searched by anything Mailroom
 * puts in a message (its API takes no custom arguments, and a tag per message would flood its tag reports),
 * so the match is the domain's activity since the message was queued, by recipient, sender, subject and
 * Mailroom's tag; two such messages cannot be told apart, and that is said rather than guessed.
 */
final class MailerSendLookup {
    /** How far after queueing the message is looked for: in doubt means it was handed over soon after. */
    static final Duration SPAN = Duration.ofDays(2);
    /** Pages of activity read at most (100 entries each). */
    static final int MOST_PAGES = 20;

    private final RateLimitWaits http;

    MailerSendLookup(RateLimitWaits http) {
        this.http = http;
    }

    Acceptance find(ApiEndpoint e, OutboxMessage m) {
        try {
            Optional<String> domainId = domainId(e, m.domain());
            if (domainId.isEmpty()) {
                return new Acceptance(
                        Verdict.CANNOT_TELL,
                        "MailerSend has no domain " + m.domain() + " in this account, so its activity cannot be "
                                + "searched for the message.");
            }
            Instant from = m.createdAt().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
            Instant now = http.clock().instant();
            Instant to = from.plus(SPAN).isBefore(now) ? from.plus(SPAN) : now;
            Set<String> matches = new HashSet<>();
            String firstWhen = "";
            for (int page = 1; page <= MOST_PAGES; page++) {
                String path = "/v1/activity/" + enc(domainId.get()) + "?page=" + page + "&limit="
                        + MailerSendActivity.PAGE_SIZE + "&date_from=" + from.getEpochSecond() + "&date_to="
                        + Math.max(from.getEpochSecond(), to.getEpochSecond());
                JsonNode body = get(e, path);
                JsonNode data = body.path("data");
                if (!data.isArray()) {
                    return unreadable();
                }
                for (JsonNode a : data) {
                    JsonNode email = a.path("email");
                    if (sameMessage(email, m) && notBefore(email, m.createdAt().minus(Duration.ofMinutes(1)))) {
                        if (matches.add(email.path("id").asText("")) && firstWhen.isEmpty()) {
                            firstWhen = email.path("created_at").asText("");
                        }
                    }
                }
                JsonNode next = body.path("links").path("next");
                if (data.isEmpty() || !next.isTextual() || next.asText().isBlank()) {
                    return verdict(m, matches, firstWhen, from);
                }
            }
            if (!matches.isEmpty()) {
                return verdict(m, matches, firstWhen, from);
            }
            return new Acceptance(
                    Verdict.CANNOT_TELL,
                    "MailerSend's activity for " + m.domain() + " since " + from + " is longer than Mailroom reads ("
                            + MOST_PAGES * MailerSendActivity.PAGE_SIZE + " entries) and the message was not in it.");
        } catch (Unanswered u) {
            return u.acceptance;
        }
    }

    private static Acceptance verdict(OutboxMessage m, Set<String> matches, String when, Instant from) {
        if (matches.isEmpty()) {
            return new Acceptance(
                    Verdict.NOT_FOUND,
                    "MailerSend's activity has no message to " + m.to() + " from " + m.fromAddress()
                            + " with this subject since " + from + " (MailerSend cannot be searched by Mailroom's id;"
                            + " it lists a message moments after accepting it).");
        }
        if (matches.size() > 1) {
            return new Acceptance(
                    Verdict.CANNOT_TELL,
                    "MailerSend has " + matches.size() + " messages to " + m.to() + " with this subject since " + from
                            + "; MailerSend cannot be searched by Mailroom's id, so which one is this cannot be told.");
        }
        return new Acceptance(
                Verdict.ACCEPTED,
                "MailerSend has it (email " + clip(matches.iterator().next()) + ", to " + m.to() + " with this subject"
                        + (when.isBlank() ? "" : ", at " + clip(when)) + "; matched by recipient, sender, subject and "
                        + "time, as MailerSend cannot be searched by Mailroom's id).");
    }

    private static boolean sameMessage(JsonNode email, OutboxMessage m) {
        if (!m.to().equalsIgnoreCase(email.path("recipient").path("email").asText(""))
                || !m.fromAddress().equalsIgnoreCase(email.path("from").asText(""))
                || !m.subject().equals(email.path("subject").asText(null))
                || email.path("id").asText("").isBlank()) {
            return false;
        }
        for (JsonNode tag : email.path("tags")) {
            if ("mailroom".equals(tag.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean notBefore(JsonNode email, Instant earliest) {
        try {
            return !Instant.parse(email.path("created_at").asText("")).isBefore(earliest);
        } catch (DateTimeParseException ex) {
            return true; // the window already bounds it
        }
    }

    private Optional<String> domainId(ApiEndpoint e, String domain) throws Unanswered {
        for (int page = 1; page <= 10; page++) {
            JsonNode body = get(e, "/v1/domains?page=" + page + "&limit=" + MailerSendActivity.PAGE_SIZE);
            JsonNode data = body.path("data");
            if (!data.isArray()) {
                throw new Unanswered(unreadable());
            }
            for (JsonNode d : data) {
                if (domain.equalsIgnoreCase(d.path("name").asText(""))
                        && !d.path("id").asText("").isBlank()) {
                    return Optional.of(d.path("id").asText());
                }
            }
            JsonNode next = body.path("links").path("next");
            if (data.isEmpty() || !next.isTextual() || next.asText().isBlank()) {
                break;
            }
        }
        return Optional.empty();
    }

    private JsonNode get(ApiEndpoint e, String pathAndQuery) throws Unanswered {
        ApiResponse r;
        try {
            r = http.exchange(
                    MailerSendAdapter.PROVIDER,
                    () -> http.call()
                            .request(URI.create(e.baseUrl() + pathAndQuery))
                            .header("Authorization", "Bearer " + e.key().reveal())
                            .header("Accept", "application/json")
                            .header("X-Requested-With", "XMLHttpRequest")
                            .GET()
                            .build());
        } catch (ApiCallFailure f) {
            throw new Unanswered(
                    new Acceptance(Verdict.CANNOT_TELL, "MailerSend could not be asked: " + f.getMessage()));
        }
        if (!r.ok()) {
            Problem p = Problem.of(
                    MailerSendAdapter.PROVIDER,
                    r,
                    Problem.redact(MailerSendAdapter.said(r), e.key()),
                    pathAndQuery.startsWith("/v1/domains") ? "domains_read" : "activity_read",
                    r.retryAfter(http.clock().instant()));
            throw new Unanswered(new Acceptance(Verdict.CANNOT_TELL, p.words()));
        }
        return Json.parse(r.body()).filter(JsonNode::isObject).orElseThrow(() -> new Unanswered(unreadable()));
    }

    private static Acceptance unreadable() {
        return new Acceptance(Verdict.CANNOT_TELL, "MailerSend's answer to the activity search was not readable.");
    }

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The provider gave no usable answer; carries what to tell the person. */
    private static final class Unanswered extends Exception {
        final Acceptance acceptance;

        Unanswered(Acceptance acceptance) {
            super(acceptance.words(), null, false, false);
            this.acceptance = acceptance;
        }
    }
}
