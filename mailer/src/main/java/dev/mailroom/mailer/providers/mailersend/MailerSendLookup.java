package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.AcceptanceLookup.Acceptance;
import dev.mailroom.model.sending.AcceptanceLookup.Verdict;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.OutboxMessage;
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

    private final MailerSendCalls calls;

    MailerSendLookup(MailerSendCalls calls) {
        this.calls = calls;
    }

    Acceptance find(ApiEndpoint e, OutboxMessage m) {
        try {
            Optional<String> domainId = calls.domainId(e, m.domain());
            if (domainId.isEmpty()) {
                return new Acceptance(
                        Verdict.CANNOT_TELL,
                        "MailerSend has no domain " + m.domain() + " in this account, so its activity cannot be "
                                + "searched for the message.");
            }
            Instant from = m.createdAt().minus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS);
            Instant now = calls.http().clock().instant();
            Instant to = from.plus(SPAN).isBefore(now) ? from.plus(SPAN) : now;
            Set<String> matches = new HashSet<>();
            String firstWhen = "";
            for (int page = 1; page <= MailerSendCalls.MOST_PAGES; page++) {
                String path = "/v1/activity/" + MailerSendCalls.enc(domainId.get()) + "?page=" + page + "&limit="
                        + MailerSendActivity.PAGE_SIZE + "&date_from=" + from.getEpochSecond() + "&date_to="
                        + Math.max(from.getEpochSecond(), to.getEpochSecond());
                JsonNode body = calls.get(e, path, "activity_read", "activity");
                JsonNode data = body.path("data");
                if (!data.isArray()) {
                    return new Acceptance(
                            Verdict.CANNOT_TELL, "MailerSend's answer to the activity search was not readable.");
                }
                for (JsonNode a : data) {
                    JsonNode email = a.path("email");
                    if (sameMessage(email, m) && notBefore(email, from)) {
                        if (matches.add(email.path("id").asText("")) && firstWhen.isEmpty()) {
                            firstWhen = email.path("created_at").asText("");
                        }
                    }
                }
                if (!MailerSendCalls.hasNext(body, data)) {
                    return verdict(m, matches, firstWhen, from);
                }
            }
            if (!matches.isEmpty()) {
                return verdict(m, matches, firstWhen, from);
            }
            return new Acceptance(
                    Verdict.CANNOT_TELL,
                    "MailerSend's activity for " + m.domain() + " since " + from + " is longer than Mailroom reads ("
                            + MailerSendCalls.MOST_PAGES * MailerSendActivity.PAGE_SIZE
                            + " entries) and the message was not in it.");
        } catch (SyncFailure f) {
            return new Acceptance(Verdict.CANNOT_TELL, f.getMessage());
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

    private static String clip(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "…" : s;
    }
}
