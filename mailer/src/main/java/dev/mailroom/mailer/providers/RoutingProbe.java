package dev.mailroom.mailer.providers;

import dev.mailroom.model.sending.ConnectionProbe;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.SmtpEndpoint;

/** "Test connection" for every kind: an API connection asks its provider, a relay gets the SMTP probe. */
public final class RoutingProbe implements ConnectionProbe {
    private final ConnectionProbe smtp;
    private final ProviderAdapters adapters;

    public RoutingProbe(ConnectionProbe smtp, ProviderAdapters adapters) {
        this.smtp = smtp;
        this.adapters = adapters;
    }

    @Override
    public ProbeReport probe(SmtpEndpoint endpoint) {
        if (endpoint.api().isPresent()) {
            return adapters.forEndpoint(endpoint.api().get())
                    .check(endpoint.api().get());
        }
        return smtp.probe(endpoint);
    }
}
