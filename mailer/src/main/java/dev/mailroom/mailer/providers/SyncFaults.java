package dev.mailroom.mailer.providers;

import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.Secret;
import java.time.Clock;

/** Turns what a provider answered to a sync request into a {@link SyncFailure} in words. */
public final class SyncFaults {
    private SyncFaults() {}

    /**
     * @param said the provider's own message from its error body
     * @param scope the scope the request needs, named when the key lacks it
     * @param what what was being read ("activity", "suppressions") for the sentence
     */
    public static SyncFailure of(
            String provider, ApiResponse r, String said, Secret key, String scope, String what, Clock clock) {
        Problem p = Problem.of(provider, r, Problem.redact(said, key), scope, r.retryAfter(clock.instant()));
        SyncFailure.Kind kind;
        switch (p.kind()) {
            case BAD_KEY:
            case SUSPENDED:
                kind = SyncFailure.Kind.BAD_KEY;
                break;
            case MISSING_SCOPE:
                kind = SyncFailure.Kind.MISSING_SCOPE;
                break;
            case RATE_LIMITED:
                kind = SyncFailure.Kind.RATE_LIMITED;
                break;
            case SERVER:
                kind = SyncFailure.Kind.SERVER;
                break;
            default:
                kind = SyncFailure.Kind.REJECTED;
        }
        String words = p.words();
        if (kind == SyncFailure.Kind.SERVER) {
            words = provider + " had a server error (" + r.status() + ") while Mailroom read its " + what + ".";
        }
        return new SyncFailure(kind, words, r.retryAfter(clock.instant()));
    }

    /** No answer at all: the network, a timeout, a connection broken mid-answer. Reading twice is harmless. */
    public static SyncFailure of(ApiCallFailure f) {
        return new SyncFailure(SyncFailure.Kind.NETWORK, f.getMessage(), java.util.Optional.empty());
    }

    /** An answer that is not what the provider documents; nothing of it is recorded. */
    public static SyncFailure malformed(String provider, String what, String body) {
        String start = body == null ? "" : body.strip();
        start = start.length() > 40 ? start.substring(0, 40) + "…" : start;
        start = start.replaceAll("[\\p{Cntrl}]", " ");
        return new SyncFailure(
                SyncFailure.Kind.MALFORMED,
                provider + " sent " + what + " Mailroom cannot read"
                        + (start.isEmpty() ? " (an empty answer)" : " (it begins \"" + start + "\")")
                        + "; nothing of it was recorded and the next sync asks for the same page again.",
                java.util.Optional.empty());
    }
}
