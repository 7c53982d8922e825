package dev.mailroom.mailer.providers;

import dev.mailroom.model.sending.AcceptanceLookup.Acceptance;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.ProbeReport;

/**
 * One provider's HTTP API. Adding Postmark, Mailgun or SES is one more implementation of this and one
 * more {@link ConnectionKind}. Never throws for what a provider answers; never puts the key in a message.
 */
public interface ProviderAdapter {
    ConnectionKind kind();

    /** "Test connection": whether the key works and which of the scopes Mailroom uses it has, in words. */
    ProbeReport check(ApiEndpoint endpoint);

    /** Sends one message to its one recipient. */
    DeliveryOutcome send(ApiEndpoint endpoint, OutgoingMail mail);

    /** Whether the provider has a message Mailroom sent and is in doubt about, by the best key it can be searched by. */
    Acceptance lookup(ApiEndpoint endpoint, OutboxMessage message);
}
