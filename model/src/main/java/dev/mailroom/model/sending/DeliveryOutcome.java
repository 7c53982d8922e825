package dev.mailroom.model.sending;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What the relay did with one message.
 *
 * @param reply the SMTP reply code, when the server gave one
 * @param description what happened, in words a person understands, with the server's own text
 */
public record DeliveryOutcome(Kind kind, OptionalInt reply, String description) {
    public enum Kind {
        /** Accepted (250 after DATA). */
        ACCEPTED,
        /** Try again later: a 4xx, no connection, a timeout, a refused sign-in. */
        TEMPORARY,
        /** The recipient was refused for good (5xx to RCPT TO or after DATA): a hard bounce. */
        RECIPIENT_REFUSED,
        /** Refused for good for a reason that is not the recipient's (the sender, the message size). */
        PERMANENT,
        /**
         * The request went out and its answer was lost (a connection reset or silence after it was written):
         * the provider may have accepted it, so it is not sent again by itself; a person, or the provider's
         * own activity (see {@link InDoubtCheckService}), decides.
         */
        IN_DOUBT
    }

    public DeliveryOutcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reply, "reply");
        description = description == null ? "" : description;
    }

    public static DeliveryOutcome accepted(int reply, String text) {
        return new DeliveryOutcome(Kind.ACCEPTED, OptionalInt.of(reply), text);
    }

    public static DeliveryOutcome temporary(OptionalInt reply, String text) {
        return new DeliveryOutcome(Kind.TEMPORARY, reply, text);
    }
}
