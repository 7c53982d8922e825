package dev.mailroom.model.providers;

import java.time.Duration;
import java.util.Optional;

/** A page the provider did not give: why, in words for a person, and how long it asks us to wait. */
public final class SyncFailure extends Exception {
    public enum Kind {
        /** 401: the key is wrong, deleted or revoked. */
        BAD_KEY,
        /** 403: the key lacks the scope the message names. */
        MISSING_SCOPE,
        /** The feature is not part of the provider plan (SendGrid's Email Activity add-on). */
        NOT_AVAILABLE,
        RATE_LIMITED,
        SERVER,
        /** The answer was not what the provider documents (not JSON, wrong shape). */
        MALFORMED,
        /** No answer: network down, refused, timed out, broken mid-answer. */
        NETWORK,
        /** Another 4xx. */
        REJECTED
    }

    private final Kind kind;
    private final transient Optional<Duration> retryAfter;

    public SyncFailure(Kind kind, String words, Optional<Duration> retryAfter) {
        super(words);
        this.kind = kind;
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** What the provider asked (Retry-After, rate-limit reset), when it did. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** Whether waiting and asking again can help; a bad key or a missing scope needs a person first. */
    public boolean transientFault() {
        return kind == Kind.RATE_LIMITED || kind == Kind.SERVER || kind == Kind.NETWORK || kind == Kind.MALFORMED;
    }
}
