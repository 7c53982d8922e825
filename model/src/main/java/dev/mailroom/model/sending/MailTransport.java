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
     * A message made ready by {@link #prepare}.
     *
     * @param rendered the transport's own form of it (for SMTP the signed bytes), opaque to the outbox; null when none
     */
    record Ready(SmtpEndpoint endpoint, OutgoingMail mail, Object rendered) {}

    /** Closes the open sessions. */
    @Override
    void close();
}
