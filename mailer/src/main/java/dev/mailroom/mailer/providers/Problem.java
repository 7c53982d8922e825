package dev.mailroom.mailer.providers;

import dev.mailroom.model.sending.Secret;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What a provider's refusal means, in words: the kind (for the caller's decision) and a sentence for a
 * person that names the provider, the status and the provider's own text.
 */
public record Problem(Kind kind, int status, String words) {
    public enum Kind {
        BAD_KEY,
        MISSING_SCOPE,
        SUSPENDED,
        RATE_LIMITED,
        SERVER,
        REJECTED
    }

    /**
     * @param said the provider's own message, already pulled out of its error body ("" when none)
     * @param scope the scope the request needed, named when the key lacks it
     */
    public static Problem of(String provider, ApiResponse r, String said, String scope, Optional<Duration> wait) {
        int s = r.status();
        String quote = said.isBlank() ? "" : ": \"" + clip(said) + "\"";
        String lower = said.toLowerCase(Locale.ROOT);
        if ((s == 401 || s == 403) && (lower.contains("suspend") || lower.contains("account is disabled"))) {
            return new Problem(
                    Kind.SUSPENDED,
                    s,
                    "The " + provider + " account is suspended (" + s + quote + "). Its owner must sort it out with "
                            + provider + " before anything can be sent.");
        }
        if (s == 401) {
            return new Problem(
                    Kind.BAD_KEY,
                    s,
                    provider + " refused the key (401" + quote + "). Check that it was pasted whole and has not "
                            + "been deleted or revoked.");
        }
        if (s == 403) {
            return new Problem(
                    Kind.MISSING_SCOPE,
                    s,
                    "The key lacks the scope " + scope + " (" + provider + " answered 403" + quote + "). Give the key "
                            + "that scope at " + provider + ", or use a key that has it.");
        }
        if (s == 429) {
            return new Problem(
                    Kind.RATE_LIMITED,
                    s,
                    provider + " is limiting requests (429" + quote + ")"
                            + wait.map(w -> "; it asks to wait " + seconds(w) + ".")
                                    .orElse("; try again shortly."));
        }
        if (s >= 500) {
            return new Problem(
                    Kind.SERVER, s, provider + " had a server error (" + s + quote + "). Mailroom will try again.");
        }
        return new Problem(Kind.REJECTED, s, provider + " refused the request (" + s + quote + ").");
    }

    public boolean retryable() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER;
    }

    /** The provider's text with the key masked, should a provider ever echo it back. */
    public static String redact(String said, Secret key) {
        String k = key.reveal();
        return k.length() < 4 ? said : said.replace(k, "••••••");
    }

    static String seconds(Duration d) {
        long s = Math.max(1, (d.toMillis() + 999) / 1000);
        return s == 1 ? "1 second" : s + " seconds";
    }

    static String clip(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
