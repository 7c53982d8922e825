package dev.mailroom.model.sending;

/**
 * Port: sends one message through a relay. Thread-safe: the outbox calls it from several threads;
 * the transport reuses SMTP sessions, keeps at most {@link SmtpEndpoint#maxSessions()} per relay and
 * its rate limit. Never throws for what a server says; every result is a {@link DeliveryOutcome}.
 *
 * <p>Sending has a CPU half (rendering, DKIM signing) and a network half. The outbox calls
 * {@link #prepare} on threads sized to the processors and {@link #send(Ready)} on the session threads,
 * so that a session never waits for a signature and each message is signed once.
 */
public interface MailTransport extends AutoCloseable {
    DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail);

    /**
     * Does the CPU work of sending ahead of the session, with no network traffic; never throws for a
     * message it cannot build (its {@link #send(Ready)} then answers the failure). The default keeps
     * everything for {@link #send(SmtpEndpoint, OutgoingMail)}.
     */
    default Ready prepare(SmtpEndpoint endpoint, OutgoingMail mail) {
        return new Ready(endpoint, mail, null);
    }

    /** Sends what {@link #prepare} made, without rendering or signing it again. */
    default DeliveryOutcome send(Ready ready) {
        return send(ready.endpoint(), ready.mail());
    }

    /**
     * Sends what {@link #prepare} made and calls {@code beforeEnd} just before the end of the message's
     * data goes to the relay (for SMTP, the final "." of DATA): before that point the relay cannot accept
     * it, after it the relay may have. When {@code beforeEnd} throws, the transport must not send the end
     * (it drops the session) and answers a temporary failure. The default, without a finer hook, calls it
     * before any traffic, which is safe but counts the whole conversation as "may have been accepted".
     */
    default DeliveryOutcome send(Ready ready, EndOfData beforeEnd) {
        beforeEnd.reached();
        return send(ready);
    }

    /** See {@link #send(Ready, EndOfData)}. */
    @FunctionalInterface
    interface EndOfData {
        /** Runs on the session's thread, with the data so far written out; throws to stop the message. */
        void reached();
    }

    /**
     * A message made ready by {@link #prepare}.
     *
     * @param rendered the transport's own form of it (for SMTP the signed bytes), opaque to the outbox; null when none
     */
    record Ready(SmtpEndpoint endpoint, OutgoingMail mail, Object rendered) {}

    /** Closes the open sessions. */
    @Override
    void close();
}
