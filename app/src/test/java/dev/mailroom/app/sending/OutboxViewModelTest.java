package dev.mailroom.app.sending;

import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Outbox page's view model on a real H2 store, without a window and without a sender running. */
class OutboxViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private boolean closed;
    private Services services;
    private Actor owner;
    private TenantId tenant;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private final AtomicInteger wakes = new AtomicInteger();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir, Instant.parse("2026-11-20T09:00:00Z"));
        store = world.store;
        services = world.services;
        owner = world.owner;
        tenant = services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Able Moose Group",
                                "#2563EB",
                                "",
                                "",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED))
                .id();
        Connection c = services.connections()
                .create(
                        owner,
                        tenant,
                        new ConnectionDraft(
                                "Local relay",
                                SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                2525,
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mail.brightwave.example",
                                1,
                                0));
        SendViewModelTest.signingDomain(services, owner, tenant);
        services.send()
                .send(
                        owner,
                        new SendRequest(
                                tenant,
                                c.id(),
                                "hello@" + SendViewModelTest.DOMAIN,
                                "Able Moose",
                                List.of("ann@example.net", "bob@example.net", "cat@example.net"),
                                "Hello",
                                "Hi there",
                                Optional.empty(),
                                true,
                                Optional.empty()));
    }

    @AfterEach
    void close() {
        if (!closed) {
            store.close();
        }
    }

    private OutboxViewModel vm(boolean maySend) {
        OutboxViewModel vm = new OutboxViewModel(
                services.outboxes(), owner, runner, services.clock(), (t, p) -> maySend, wakes::incrementAndGet);
        vm.tenant().set(tenant);
        vm.refresh();
        return vm;
    }

    private void leaveInDoubt(int n) {
        var tx = services.store().transactions();
        List<Long> ids = tx.inTransaction(() -> tx.dsl()
                .select(OUTBOX_MESSAGE.ID)
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.TENANT_ID.eq(tenant.value()))
                .orderBy(OUTBOX_MESSAGE.ID.desc())
                .limit(n)
                .fetch(OUTBOX_MESSAGE.ID));
        tx.run(() -> tx.dsl()
                .update(OUTBOX_MESSAGE)
                .set(OUTBOX_MESSAGE.STATE, OutboxState.IN_DOUBT.name())
                .set(OUTBOX_MESSAGE.SENT_AT, (OffsetDateTime) null)
                .where(OUTBOX_MESSAGE.ID.in(ids))
                .execute());
    }

    @Test
    void searchNarrowsByRecipientSubjectOrMessageIdAndTimesReadAsPeopleSayThem() {
        OutboxViewModel vm = vm(true);
        assertThat(vm.shown()).hasSize(3);
        vm.search().set("  BOB@ ");
        assertThat(vm.shown()).extracting(OutboxMessage::to).containsExactly("bob@example.net");
        OutboxMessage bob = vm.shown().get(0);
        vm.search().set(bob.messageId().toUpperCase(java.util.Locale.ROOT));
        assertThat(vm.shown()).extracting(OutboxMessage::to).containsExactly("bob@example.net");
        vm.search().set("hello");
        assertThat(vm.shown()).as("the subject matches all three").hasSize(3);
        vm.search().set("nobody");
        assertThat(vm.shown()).isEmpty();
        vm.search().set("");
        assertThat(vm.shown()).hasSize(3);

        assertThat(vm.when(bob)).isEqualTo("queued just now");
        world.clock.advance(java.time.Duration.ofMinutes(3));
        vm.refresh();
        OutboxMessage later = vm.shown().stream()
                .filter(m -> m.to().equals("bob@example.net"))
                .findFirst()
                .orElseThrow();
        assertThat(vm.when(later)).isEqualTo("queued 3 min ago");
        assertThat(vm.exactTime(later)).startsWith("Queued ");
    }

    @Test
    void listsFiltersAndDecidesOnOneMessageOrAllInDoubt() {
        leaveInDoubt(2);
        OutboxViewModel vm = vm(true);
        assertThat(vm.maySend().get()).isTrue();
        assertThat(vm.messages()).hasSize(3);
        assertThat(vm.inDoubt().get()).isEqualTo(2);
        assertThat(vm.inDoubtText().get()).startsWith("2 messages are in doubt");
        OutboxMessage queued = vm.messages().stream()
                .filter(m -> m.state() == OutboxState.QUEUED)
                .findFirst()
                .orElseThrow();
        assertThat(vm.nextAttempt(queued)).isEqualTo("now");

        vm.state().set(OutboxState.IN_DOUBT);
        vm.refresh();
        assertThat(vm.messages()).extracting(OutboxMessage::state).containsOnly(OutboxState.IN_DOUBT);
        assertThat(vm.nextAttempt(vm.messages().get(0))).isEqualTo("—");

        vm.resendInDoubt(vm.messages().get(0));
        assertThat(vm.inDoubt().get()).isEqualTo(1);
        assertThat(vm.inDoubtText().get()).startsWith("1 message is in doubt");
        vm.markAllInDoubtSent();
        assertThat(vm.inDoubt().get()).isZero();
        assertThat(vm.inDoubtText().get()).isEmpty();
        assertThat(vm.messages()).isEmpty(); // the filter still shows only those in doubt

        vm.state().set(null);
        vm.cancel(queued);
        assertThat(vm.messages())
                .filteredOn(m -> m.id().equals(queued.id()))
                .extracting(OutboxMessage::state)
                .containsExactly(OutboxState.CANCELLED);
        assertThat(wakes.get()).isEqualTo(3);
        assertThat(vm.busy().get()).isFalse();
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aDecisionThatIsRefusedAndAStoreErrorGoToTheDefaultPath() {
        OutboxViewModel vm = vm(false);
        assertThat(vm.maySend().get()).isFalse();
        OutboxMessage queued = vm.messages().get(0);
        vm.resendInDoubt(queued); // not in doubt: refused by the use case
        assertThat(runner.reported()).singleElement().asString().startsWith("Sending again failed: ");
        assertThat(vm.busy().get()).isFalse();
        assertThat(wakes.get()).isZero();
        store.close();
        closed = true;
        vm.refresh();
        assertThat(runner.reported()).hasSize(2).last().asString().startsWith("Could not load the outbox: ");
        assertThat(vm.messages()).hasSize(3);
    }
}
