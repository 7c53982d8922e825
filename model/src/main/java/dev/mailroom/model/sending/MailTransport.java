package dev.mailroom.model.sending;

/**
 * Port: sends one message through a relay. Thread-safe: the outbox calls it from several threads;
 * the transport reuses SMTP sessions, keeps at most {@link SmtpEndpoint#maxSessions()} per relay and
 * its rate limit. Never throws for what a server says; every result is a {@link DeliveryOutcome}.
 */
public interface MailTransport extends AutoCloseable {
    DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail);

    /** Closes the open sessions. */
    @Override
    void close();
}
