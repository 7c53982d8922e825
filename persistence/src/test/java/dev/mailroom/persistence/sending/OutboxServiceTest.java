package dev.mailroom.persistence.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Queueing, recovery after a stop, and people's decisions on the real stores; the transport is a recorder. */
class OutboxServiceTest {
    @TempDir
    Path dir;

    private final List<OutgoingMail> handedOver = Collections.synchronizedList(new ArrayList<>());

    private final MailTransport recorder = new MailTransport() {
        @Override
        public DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail) {
            handedOver.add(mail);
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

    private static SendRequest request(SendingFixture f, Connection c, String from, List<String> to) {
        return new SendRequest(
                f.acme, c.id(), from, "Acme", to, "Hello", "Hi there", Optional.empty(), true, Optional.empty());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void sendQueuesGoodRowsAndAStopLeavesInDoubtOnlyWhatWasInFlight(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            f.acme,
                            SendingFixture.draft(
                                    "Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
            Outbox outbox = new Outbox(
                    f.outbox,
                    f.endpoints,
                    DOMAINS,
                    recorder,
                    f.suppressions,
                    f.events,
                    f.tx,
                    f.clock,
                    RetryPolicy.DEFAULT);
            SendService send = new SendService(outbox, f.connections, DOMAINS, f.tenants, f.access, f.audit, f.tx);
            OutboxService people = new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
            Actor designer = f.user("des@agency.test", "Dee Designer", false, Optional.of(Role.DESIGNER));

            assertThatThrownBy(() ->
                            send.send(f.editor, request(f, c, "hello@elsewhere.test", List.of("ann@example.net"))))
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.problems().get("from"))
                                    .contains("elsewhere.test is not a verified sending domain of Acme"));
            assertThatThrownBy(
                            () -> send.send(designer, request(f, c, "hello@tryacme.test", List.of("ann@example.net"))))
                    .isInstanceOf(PermissionDenied.class);

            RecipientCsv.Parsed csv = RecipientCsv.parse(dev.mailroom.model.common.Sheet.ofLines(
                    List.of("email", "ann@example.net", "broken", "bob@example.net", "cat@example.net")));
            List<String> rows = new ArrayList<>(csv.recipients().stream()
                    .map(RecipientCsv.Recipient::address)
                    .toList());
            rows.add("ANN@example.net");
            SendService.Result result = send.send(f.editor, request(f, c, "hello@tryacme.test", rows));
            assertThat(csv.errors())
                    .singleElement()
                    .satisfies(e -> assertThat(e.line()).isEqualTo(3));
            assertThat(result.queued())
                    .extracting(OutboxMessage::to)
                    .containsExactly("ann@example.net", "bob@example.net", "cat@example.net");
            assertThat(result.refused())
                    .singleElement()
                    .satisfies(r -> assertThat(r.problem()).contains("more than once"));
            assertThat(handedOver).isEmpty();

            // Two are claimed (SENDING, committed) and handed to the relay (TRANSMITTING, committed), and then the
            // process "stops" before their outcome is recorded.
            List<OutboxMessage> claimed =
                    f.tx.inTransaction(() -> f.outbox.claimDue(f.clock.instant(), 2, "stopped-console"));
            assertThat(claimed).hasSize(2).allSatisfy(m -> assertThat(m.state()).isEqualTo(OutboxState.SENDING));
            for (OutboxMessage m : claimed) {
                assertThat(f.tx.inTransaction(() -> f.outbox.markTransmitting(m.id(), "stopped-console")))
                        .isTrue();
            }

            Outbox restarted = new Outbox(
                    f.outbox,
                    f.endpoints,
                    DOMAINS,
                    recorder,
                    f.suppressions,
                    f.events,
                    f.tx,
                    f.clock,
                    RetryPolicy.DEFAULT);
            List<OutboxMessage> inDoubt = restarted.recoverAfterStop().inDoubt();
            assertThat(inDoubt)
                    .extracting(OutboxMessage::id)
                    .containsExactlyElementsOf(
                            claimed.stream().map(OutboxMessage::id).toList());
            assertThat(inDoubt).allSatisfy(m -> assertThat(m.note()).contains("server may have accepted it"));
            assertThat(restarted.drain(2).count(OutboxState.SENT)).isEqualTo(1); // only the one never claimed
            assertThat(handedOver)
                    .extracting(OutgoingMail::to)
                    .containsExactly(result.queued().get(2).to());

            OutboxMessage first = inDoubt.get(0);
            OutboxMessage second = inDoubt.get(1);
            people.resendInDoubt(f.editor, f.acme, first.id());
            people.markInDoubtSent(f.editor, f.acme, second.id());
            assertThatThrownBy(() -> people.resendInDoubt(f.editor, f.acme, second.id()))
                    .isInstanceOf(Conflict.class)
                    .hasMessageContaining("This one is sent");
            restarted.drain(2);
            assertThat(handedOver).hasSize(2);
            assertThat(handedOver.get(1).messageId()).isEqualTo(first.messageId()); // the same Message-ID on re-send

            assertThat(people.counts(f.editor, f.acme))
                    .containsEntry(OutboxState.SENT, 3L)
                    .hasSize(1);
            assertThat(f.tx.inTransaction(f.auditStore::all))
                    .extracting(AuditEntry::action)
                    .containsSubsequence("sending.queued", "outbox.resent", "outbox.marked-sent");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void allOfATenantsMessagesInDoubtAreDecidedAtOnceAndNoOtherTenantsAreTouched(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId globex = f.tenantNamed("Globex");
            Connection acmeRelay = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            f.acme,
                            SendingFixture.draft(
                                    "Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
            Connection globexRelay = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            globex,
                            SendingFixture.draft(
                                    "Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
            Outbox outbox = new Outbox(
                    f.outbox,
                    f.endpoints,
                    DOMAINS,
                    recorder,
                    f.suppressions,
                    f.events,
                    f.tx,
                    f.clock,
                    RetryPolicy.DEFAULT);
            OutboxService people = new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
            List<NewMessage> batch = new ArrayList<>();
            for (String to : List.of("ann@example.net", "bob@example.net", "cat@example.net")) {
                batch.add(new NewMessage(
                        f.acme,
                        acmeRelay.id(),
                        "hello@tryacme.test",
                        "Acme",
                        to,
                        "Receipt",
                        "Thanks",
                        Optional.empty(),
                        true,
                        Optional.empty()));
            }
            for (String to : List.of("dan@example.net", "eve@example.net")) {
                batch.add(new NewMessage(
                        globex,
                        globexRelay.id(),
                        "hello@tryacme.test",
                        "Globex",
                        to,
                        "Receipt",
                        "Thanks",
                        Optional.empty(),
                        true,
                        Optional.empty()));
            }
            outbox.enqueue(batch);
            // All five are claimed, then the process stops before any outcome is recorded.
            for (OutboxMessage m : f.tx.inTransaction(() -> f.outbox.claimDue(f.clock.instant(), 10, "stopped"))) {
                f.tx.inTransaction(() -> f.outbox.markTransmitting(m.id(), "stopped"));
            }
            assertThat(outbox.recoverAfterStop().inDoubt()).hasSize(5);

            Actor designer = f.user("des@agency.test", "Dee Designer", false, Optional.of(Role.DESIGNER));
            assertThatThrownBy(() -> people.markAllInDoubtSent(designer, f.acme))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> people.resendAllInDoubt(f.editor, globex))
                    .isInstanceOf(NotFound.class); // no role there

            assertThat(people.markAllInDoubtSent(f.editor, f.acme)).isEqualTo(3);
            assertThat(people.counts(f.editor, f.acme))
                    .containsEntry(OutboxState.SENT, 3L)
                    .hasSize(1);
            assertThat(people.counts(f.owner, globex))
                    .containsEntry(OutboxState.IN_DOUBT, 2L)
                    .hasSize(1);
            assertThat(f.tx.inTransaction(f.auditStore::all))
                    .filteredOn(e -> e.action().equals("outbox.marked-sent"))
                    .hasSize(3);

            List<String> globexIds = people.list(f.owner, globex, Optional.empty()).stream()
                    .map(OutboxMessage::messageId)
                    .toList();
            assertThat(people.resendAllInDoubt(f.owner, globex)).isEqualTo(2);
            assertThat(people.resendAllInDoubt(f.owner, globex)).isZero();
            outbox.drain(2);
            assertThat(handedOver).extracting(OutgoingMail::messageId).containsExactlyInAnyOrderElementsOf(globexIds);
            assertThat(people.counts(f.owner, globex))
                    .containsEntry(OutboxState.SENT, 2L)
                    .hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void deferredMessagesCanBeRetriedNowOrCancelled(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            f.acme,
                            SendingFixture.draft(
                                    "Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
            MailTransport busy = new MailTransport() {
                @Override
                public DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail) {
                    return DeliveryOutcome.temporary(OptionalInt.of(421), "4.3.2 Service not available");
                }

                @Override
                public void close() {}
            };
            Outbox outbox = new Outbox(
                    f.outbox, f.endpoints, DOMAINS, busy, f.suppressions, f.events, f.tx, f.clock, RetryPolicy.DEFAULT);
            OutboxService people = new OutboxService(f.outbox, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
            SendService send = new SendService(outbox, f.connections, DOMAINS, f.tenants, f.access, f.audit, f.tx);
            List<OutboxMessage> q = send.send(
                            f.editor,
                            request(f, c, "hello@tryacme.test", List.of("ann@example.net", "bob@example.net")))
                    .queued();
            assertThat(outbox.drain(2).count(OutboxState.DEFERRED)).isEqualTo(2);
            assertThat(outbox.drain(2).byState()).isEmpty();

            OutboxMessage retried = people.retryNow(f.editor, f.acme, q.get(0).id());
            assertThat(retried.state()).isEqualTo(OutboxState.QUEUED);
            assertThat(retried.nextAttemptAt()).isEqualTo(f.clock.instant());
            assertThat(people.cancel(f.editor, f.acme, q.get(1).id()).state()).isEqualTo(OutboxState.CANCELLED);
            assertThat(outbox.drain(2).count(OutboxState.DEFERRED)).isEqualTo(1);
            assertThat(people.list(f.editor, f.acme, Optional.of(OutboxState.DEFERRED)))
                    .singleElement()
                    .satisfies(m -> assertThat(m.attempts()).isEqualTo(2));
        }
    }
}
