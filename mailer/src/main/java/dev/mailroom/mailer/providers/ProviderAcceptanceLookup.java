package dev.mailroom.mailer.providers;

import dev.mailroom.model.sending.AcceptanceLookup;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.SmtpEndpoint;

/** Asks each API connection's provider; an SMTP relay has no API to ask, and that is said. */
public final class ProviderAcceptanceLookup implements AcceptanceLookup {
    private final ProviderAdapters adapters;

    public ProviderAcceptanceLookup(ProviderAdapters adapters) {
        this.adapters = adapters;
    }

    @Override
    public Acceptance find(SmtpEndpoint endpoint, OutboxMessage message) {
        if (endpoint.api().isEmpty()) {
            return new Acceptance(
                    Verdict.CANNOT_TELL,
                    "it went to the SMTP relay " + endpoint.host() + ", which cannot be asked; look for Message-ID "
                            + message.messageId() + " in the relay's log.");
        }
        return adapters.forEndpoint(endpoint.api().get()).lookup(endpoint.api().get(), message);
    }
}
