package dev.mailroom.model.sending;

import java.util.Objects;

/**
 * Asks where a message went whether it was accepted there: a provider's activity API can tell for a
 * message Mailroom is in doubt about (the request went out, the answer was lost); an SMTP relay cannot be
 * asked. Never throws for what the provider answers, and never puts the key in its words.
 */
public interface AcceptanceLookup {

    Acceptance find(SmtpEndpoint endpoint, OutboxMessage message);

    /** What the provider said, in words a person can act on (what was searched, what was found). */
    record Acceptance(Verdict verdict, String words) {
        public Acceptance {
            Objects.requireNonNull(verdict, "verdict");
            words = words == null ? "" : words;
        }
    }

    enum Verdict {
        /** The provider has the message: it was accepted. */
        ACCEPTED,
        /** The provider was asked and has no such message. */
        NOT_FOUND,
        /** The provider could not be asked, or its answer does not settle it. */
        CANNOT_TELL
    }
}
