package dev.mailroom.mailer.providers;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** A provider's answer: status, headers and the body as text (bounded by {@link ApiCall}). */
public record ApiResponse(int status, HttpHeaders headers, String body) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /**
     * How long the provider asks us to wait: {@code Retry-After} (seconds or an HTTP date), else a
     * rate-limit reset header ({@code X-RateLimit-Reset}: SendGrid gives epoch seconds, MailerSend an ISO
     * time in {@code x-apiquota-reset} for the daily quota). Empty when it says nothing usable.
     */
    public Optional<Duration> retryAfter(Instant now) {
        Optional<String> ra = header("Retry-After");
        if (ra.isPresent()) {
            String v = ra.get().strip();
            if (!v.isEmpty() && v.length() < 12 && v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            }
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            } catch (DateTimeParseException e) {
                // fall through to the reset headers
            }
        }
        Optional<String> reset = header("X-RateLimit-Reset");
        if (reset.isPresent()) {
            String v = reset.get().strip();
            if (!v.isEmpty() && v.length() < 12 && v.chars().allMatch(Character::isDigit)) {
                Instant at = Instant.ofEpochSecond(Long.parseLong(v));
                return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
            }
        }
        return Optional.empty();
    }
}
