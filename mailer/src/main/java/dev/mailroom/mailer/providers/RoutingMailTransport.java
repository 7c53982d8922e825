package dev.mailroom.mailer.providers;

import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.SmtpEndpoint;

/**
 * The outbox's one transport: a message for an API connection goes to its provider's adapter over HTTP,
 * one for a relay to the SMTP transport. The outbox keeps its guarantees (stored first, claimed, at most
 * once, back-off) without knowing which.
 */
public final class RoutingMailTransport implements MailTransport {
    private final MailTransport smtp;
    private final ProviderAdapters adapters;

    public RoutingMailTransport(MailTransport smtp, ProviderAdapters adapters) {
        this.smtp = smtp;
        this.adapters = adapters;
    }

    @Override
    public DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail) {
        if (endpoint.api().isPresent()) {
            return adapters.forEndpoint(endpoint.api().get())
                    .send(endpoint.api().get(), mail);
        }
        return smtp.send(endpoint, mail);
    }

    @Override
    public Ready prepare(SmtpEndpoint endpoint, OutgoingMail mail) {
        if (endpoint.api().isPresent()) {
            return new Ready(endpoint, mail, null); // the provider renders and signs
        }
        return smtp.prepare(endpoint, mail);
    }

    @Override
    public DeliveryOutcome send(Ready ready) {
        if (ready.endpoint().api().isPresent()) {
            return send(ready.endpoint(), ready.mail());
        }
        return smtp.send(ready);
    }

    @Override
    public void close() {
        smtp.close();
    }
}
