package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.onboarding.EscalationService;
import dev.mailroom.model.onboarding.GovernanceGate;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SendingLimits;
import dev.mailroom.persistence.onboarding.JooqGovernanceStore;
import dev.mailroom.persistence.sending.JooqSendingLimitStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider API connection goes through the same claim as an SMTP relay: a suspended tenant's
 * messages make no request to the provider until lifted, a banned one's never do.
 */
class ApiOutboxEscalationTest {
    @TempDir
    Path dir;

    @Test
    void suspensionAndBanStopApiSendsBeforeAnyRequest() throws Exception {
        try (Store store = Backend.H2.open(dir);
                ApiStub stub = ApiStub.unchecked();
                SmtpMailTransport smtp = new SmtpMailTransport(SmtpSettings.system())) {
            SendingFixture f = new SendingFixture(store, dir);
            stub.on("POST", "/v3/mail/send", r -> Reply.of(202, Map.of("X-Message-Id", "sg-1"), ""));
            RateLimitWaits http = new RateLimitWaits(
                    new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                    f.clock,
                    d -> {},
                    3,
                    Duration.ofSeconds(30));
            ProviderAdapters adapters = new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
            Connection c = f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters))
                    .createApi(
                            f.owner,
                            f.acme,
                            new ApiConnectionDraft(
                                    "SendGrid",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.SENDGRID_API,
                                    Optional.of(Secret.of("SG.escalation-test-key.abcdefghijklmnopqrstuvwxyz")),
                                    Optional.empty(),
                                    Optional.of(stub.baseUrl()),
                                    2,
                                    0));
            JooqGovernanceStore governance = new JooqGovernanceStore(f.tx, f.outbox);
            Outbox outbox = new Outbox(
                    f.outbox,
                    f.endpoints,
                    ApiOutboxTest.unsignedDomain(),
                    new RoutingMailTransport(smtp, adapters),
                    f.suppressions,
                    f.events,
                    f.tx,
                    f.clock,
                    ApiOutboxTest.RETRY,
                    new SendingLimits(
                            new JooqSendingLimitStore(f.tx),
                            new GovernanceGate(governance, f.events, f.tenants, f.audit, f.clock, new Random(1)),
                            f.clock));
            EscalationService escalation =
                    new EscalationService(governance, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);

            escalation.suspend(f.owner, f.acme, "Waiting for the client's list audit");
            OutboxMessage held =
                    outbox.enqueue(List.of(message(f, c, "ann@example.net"))).get(0);
            outbox.drain(2);
            assertThat(stub.requests()).isEmpty();
            assertThat(reload(f, held).state()).isEqualTo(OutboxState.QUEUED);

            escalation.lift(f.owner, f.acme, "Audit done");
            outbox.drain(2);
            assertThat(reload(f, held).state()).isEqualTo(OutboxState.SENT);
            assertThat(stub.requests()).hasSize(1);

            f.clock.advance(Duration.ofMinutes(1));
            OutboxMessage banned =
                    outbox.enqueue(List.of(message(f, c, "bob@example.net"))).get(0);
            escalation.ban(f.owner, f.acme, "Phishing content");
            outbox.drain(2);
            assertThat(reload(f, banned).state()).isEqualTo(OutboxState.REJECTED);
            assertThat(stub.requests()).hasSize(1);
        }
    }

    private static NewMessage message(SendingFixture f, Connection c, String to) {
        return new NewMessage(
                f.acme,
                c.id(),
                "hello@" + ApiOutboxTest.DOMAIN,
                "Acme",
                to,
                "Your order",
                "Thanks.\r\n",
                Optional.empty(),
                true,
                Optional.empty());
    }

    private static OutboxMessage reload(SendingFixture f, OutboxMessage m) {
        return f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id())).orElseThrow();
    }
}
