package dev.mailroom.mailer.providers;

import dev.mailroom.model.sending.DeliveryOutcome;
import java.util.OptionalInt;

/**
 * A request that got no complete answer. Its message is for people and never holds the key (the JDK's
 * own exception texts do not carry request headers, and we add none).
 *
 * @see #maybeDelivered()
 */
public final class ApiCallFailure extends Exception {
    private final boolean maybeDelivered;

    ApiCallFailure(String message, boolean maybeDelivered, Throwable cause) {
        super(message, cause);
        this.maybeDelivered = maybeDelivered;
    }

    /**
     * Whether the request may have reached the provider and been acted on: the connection broke or went
     * quiet after the request was written. False when nothing could have arrived (no DNS, refused, no
     * connection in time).
     */
    public boolean maybeDelivered() {
        return maybeDelivered;
    }

    /**
     * What this means for a message: tried again later only when nothing can have arrived; otherwise it
     * is in doubt and left to a person, so that it is never delivered twice.
     */
    public DeliveryOutcome outcome() {
        if (maybeDelivered) {
            return new DeliveryOutcome(
                    DeliveryOutcome.Kind.IN_DOUBT,
                    OptionalInt.empty(),
                    "In doubt: " + getMessage() + " The provider may have accepted it, so Mailroom does not send it "
                            + "again by itself; \"Ask the provider\" in the outbox looks for it in the provider's "
                            + "activity.");
        }
        return DeliveryOutcome.temporary(OptionalInt.empty(), getMessage() + " Will try again.");
    }
}
