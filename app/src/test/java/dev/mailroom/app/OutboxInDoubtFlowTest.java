package dev.mailroom.app;

import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.demo.DemoData;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.time.OffsetDateTime;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * After a crash a tenant can have a drain's window of messages in doubt: the Outbox says how many and
 * lets the person decide for all of them at once, after a confirmation.
 */
class OutboxInDoubtFlowTest extends ConsoleRobot {

    @Test
    void messagesLeftInDoubtByACrashAreMarkedSentTogether() throws Exception {
        startConsole(true);
        waitUntil(() -> showing("#main-window") && showing("#nav-outbox"));
        JooqTransactions tx = services().store().transactions();
        TenantId able = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                .orElseThrow()
                .id();
        var owner = tx.inTransaction(() -> new JooqUserStore(tx, java.time.Clock.systemUTC())
                        .findByEmailKey(Text.key(DemoData.OWNER_EMAIL)))
                .orElseThrow();
        Actor actor = Actor.of(new Principal(owner.id(), owner.name()));
        // As a crash leaves them: three of the tenant's messages were being handed to the relay.
        List<Long> ids = tx.inTransaction(() -> tx.dsl()
                .select(OUTBOX_MESSAGE.ID)
                .from(OUTBOX_MESSAGE)
                .where(OUTBOX_MESSAGE.TENANT_ID.eq(able.value()))
                .orderBy(OUTBOX_MESSAGE.ID.desc())
                .limit(3)
                .fetch(OUTBOX_MESSAGE.ID));
        tx.run(() -> tx.dsl()
                .update(OUTBOX_MESSAGE)
                .set(OUTBOX_MESSAGE.STATE, OutboxState.IN_DOUBT.name())
                .set(OUTBOX_MESSAGE.SENT_AT, (OffsetDateTime) null)
                .where(OUTBOX_MESSAGE.ID.in(ids))
                .execute());

        clickOn("#nav-outbox");
        waitUntil(() -> showing("#outbox-in-doubt"));
        assertThat(lookup("#outbox-in-doubt-summary").queryAs(Label.class).getText())
                .startsWith("3 messages are in doubt");

        // Asking the provider: the demo's messages went to a relay, which cannot be asked; each says where to look.
        clickOn("#outbox-ask-provider");
        waitUntil(() -> showing("#outbox-provider-check"));
        assertThat(lookup("#outbox-provider-check").queryAs(Label.class).getText())
                .isEqualTo("3 could not be settled (the reason is on each message).");
        assertThat(services().outboxes().counts(actor, able)).containsEntry(OutboxState.IN_DOUBT, 3L);
        saveScreen("target/screenshots/outbox-in-doubt.png");

        // Sending them again first says how many, and that any already accepted will arrive twice.
        clickOn("#outbox-resend-all");
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane confirm = lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertThat(confirm.getHeaderText()).isEqualTo("Send all 3 messages in doubt again?");
        assertThat(confirm.getContentText()).contains("arrive a second time");
        clickDialogButton("Cancel");
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isEmpty());
        assertThat(services().outboxes().counts(actor, able)).containsEntry(OutboxState.IN_DOUBT, 3L);

        clickOn("#outbox-mark-all-sent");
        waitUntil(() -> lookup(".dialog-pane").tryQuery().isPresent());
        clickDialogButton("Mark sent");
        waitUntil(() -> !showing("#outbox-in-doubt"));

        assertThat(services().outboxes().counts(actor, able)).doesNotContainKey(OutboxState.IN_DOUBT);
        assertThat(tx.inTransaction(() -> new JooqAuditStore(tx).all()))
                .extracting(AuditEntry::action)
                .filteredOn("outbox.marked-sent"::equals)
                .hasSize(3);
    }
}
