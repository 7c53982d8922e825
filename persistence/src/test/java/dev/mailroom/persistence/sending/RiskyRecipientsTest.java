package dev.mailroom.persistence.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.validation.AddressChecker;
import dev.mailroom.model.validation.AddressPolicyService;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.validation.JooqAddressPolicyStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The send use case applies the tenant's risky-address setting (issue 14, decision 0048) on the real stores:
 * held by default until a person releases or drops each, dropped with the reasons, or sent.
 */
class RiskyRecipientsTest {
    @TempDir
    Path dir;

    private final List<String> handedOver = Collections.synchronizedList(new ArrayList<>());

    private final MailTransport recorder = new MailTransport() {
        @Override
        public DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail) {
            handedOver.add(mail.to());
            return DeliveryOutcome.accepted(250, "2.0.0 Ok: queued");
        }

        @Override
        public void close() {}
    };

    private static final SendingDomains DOMAINS = new SendingDomains() {
        @Override
        public boolean isVerified(TenantId tenant, String domain) {
            return domain.equals("tryacme.test");
        }

        @Override
        public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
            return Optional.of(new DkimSigningKey(domain, "s1", Secret.of("unused by the recorder")));
        }
    };

    private static final List<String> LIST = List.of("ann@realco.com", "info@realco.com", "dee@gmial.com");

    private static Map<String, OutboxMessage> byAddress(List<OutboxMessage> ms) {
        return ms.stream().collect(Collectors.toMap(OutboxMessage::to, Function.identity()));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void riskyRecipientsAreHeldDroppedOrSentAsTheTenantSays(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            f.acme,
                            SendingFixture.draft(
                                    "Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
            dev.mailroom.model.sending.Outbox outbox = new dev.mailroom.model.sending.Outbox(
                    f.outbox,
                    f.endpoints,
                    DOMAINS,
                    recorder,
                    f.suppressions,
                    f.events,
                    f.tx,
                    f.clock,
                    RetryPolicy.DEFAULT);
            JooqAddressPolicyStore policyStore = new JooqAddressPolicyStore(f.tx);
            SendService send = new SendService(outbox, f.connections, DOMAINS, f.tenants, f.access, f.audit, f.tx)
                    .applyingRiskyAddressPolicy(AddressChecker.withBundledLists(), policyStore);
            AddressPolicyService policies =
                    new AddressPolicyService(policyStore, f.tenants, f.access, f.audit, f.tx, f.clock);
            OutboxService people = new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
            SendRequest request = new SendRequest(
                    f.acme,
                    c.id(),
                    "hello@tryacme.test",
                    "Acme",
                    LIST,
                    "Hello",
                    "Hi",
                    Optional.empty(),
                    true,
                    Optional.empty());

            // Nobody set it: the role address and the likely typo are held with their reasons; the rest is queued.
            SendService.Result held = send.send(f.editor, request);
            Map<String, OutboxMessage> h = byAddress(held.queued());
            assertThat(h.get("ann@realco.com").state()).isEqualTo(OutboxState.QUEUED);
            assertThat(h.get("info@realco.com").state()).isEqualTo(OutboxState.HELD);
            assertThat(h.get("info@realco.com").note()).startsWith("Held:").contains("role address");
            assertThat(h.get("dee@gmial.com").note()).contains("did you mean dee@gmail.com?");
            assertThat(held.held()).hasSize(2);
            outbox.drain(2);
            assertThat(handedOver).containsExactly("ann@realco.com");

            // A person releases one (it goes) and drops the other (it never goes); each decision is audited.
            people.releaseHeld(f.editor, f.acme, h.get("info@realco.com").id());
            people.dropHeld(f.editor, f.acme, h.get("dee@gmial.com").id());
            assertThatThrownBy(() -> people.releaseHeld(
                            f.editor, f.acme, h.get("dee@gmial.com").id()))
                    .isInstanceOf(Conflict.class);
            outbox.drain(2);
            assertThat(handedOver).containsExactly("ann@realco.com", "info@realco.com");
            assertThat(people.list(f.editor, f.acme, Optional.of(OutboxState.CANCELLED)))
                    .singleElement()
                    .satisfies(m -> assertThat(m.note()).contains("Dropped by"));

            // Drop: recorded as rejected with the reasons, never handed over.
            policies.setRiskyPolicy(f.owner, f.acme, RiskyAddressPolicy.DROP);
            handedOver.clear();
            SendService.Result dropped = send.send(f.editor, request);
            assertThat(dropped.dropped())
                    .extracting(OutboxMessage::to)
                    .containsExactlyInAnyOrder("info@realco.com", "dee@gmial.com");
            assertThat(dropped.dropped()).allSatisfy(m -> assertThat(m.note()).startsWith("Dropped:"));
            outbox.drain(2);
            assertThat(handedOver).containsExactly("ann@realco.com");

            // Send: they go like any other.
            policies.setRiskyPolicy(f.owner, f.acme, RiskyAddressPolicy.SEND);
            handedOver.clear();
            SendService.Result sentAnyway = send.send(f.editor, request);
            assertThat(sentAnyway.held()).isEmpty();
            assertThat(sentAnyway.dropped()).isEmpty();
            outbox.drain(2);
            assertThat(handedOver).containsExactlyInAnyOrderElementsOf(LIST);

            List<AuditEntry> trail = f.tx.inTransaction(f.auditStore::all);
            assertThat(trail)
                    .extracting(AuditEntry::action)
                    .contains("outbox.released", "outbox.dropped", "validation.risky-policy.set");
            assertThat(trail.stream()
                            .filter(e -> e.action().equals("sending.queued"))
                            .findFirst()
                            .orElseThrow()
                            .details())
                    .contains("held: 2");
        }
    }
}
