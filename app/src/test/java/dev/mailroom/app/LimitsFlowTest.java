package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.demo.DemoData;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.sending.OverLimitPolicy;
import dev.mailroom.model.sending.TenantLimits;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.util.List;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

/** Issue 5's limits through the screens: the owner puts a client on probation; the overview shows the cap. */
class LimitsFlowTest extends ConsoleRobot {

    @Test
    @SuppressWarnings("unchecked")
    void theOwnerPutsAClientOnProbationAndTheOverviewShowsTheCap() throws Exception {
        startConsole(true);
        // Making the demo store takes a minute or more on a busy machine: more patience than for a step.
        org.testfx.util.WaitForAsyncUtils.waitFor(
                300,
                java.util.concurrent.TimeUnit.SECONDS,
                () -> showing("#main-window") && showing("#nav-tenant-profile"));
        clickOn("#nav-tenant-profile");
        // The demo's current client, Able Moose, is warming up but not on probation.
        waitUntil(() -> showing("#limits-probation")
                && !lookup("#limits-probation").queryAs(CheckBox.class).isDisabled());
        assertThat(lookup("#limits-probation").queryAs(CheckBox.class).isSelected())
                .isFalse();
        waitUntil(() -> lookup((javafx.scene.Node n) -> n instanceof Label l
                        && l.getText().startsWith("hello@tryablemoose.com — Day 2 of plan: 75/day, ")
                        && l.getText().endsWith(" sent today"))
                .tryQuery()
                .isPresent());

        clickOn("#limits-probation");
        // Out of range is refused next to the field with the range, and nothing is saved (it was clamped to 1).
        interact(() -> lookup("#limits-probation-cap").queryAs(TextField.class).setText("-999999"));
        clickOn("#limits-save");
        waitUntil(() -> showing("#error-probation"));
        assertThat(text("#error-probation")).isEqualTo("The daily cap is a whole number from 1 to 1,000,000.");
        assertThat(text("#limits-probation-note")).doesNotStartWith("Put on probation");
        interact(() -> {
            lookup("#limits-probation-cap").queryAs(TextField.class).setText("30");
            ((ComboBox<OverLimitPolicy>) lookup("#limits-over-limit").queryAs(ComboBox.class))
                    .setValue(OverLimitPolicy.REJECT);
        });
        clickOn("#limits-save");
        waitUntil(() -> text("#limits-probation-note").startsWith("Put on probation by Ana Ortiz"));

        JooqTransactions tx = services().store().transactions();
        TenantId able = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                .orElseThrow()
                .id();
        var owner = tx.inTransaction(() -> new JooqUserStore(tx, java.time.Clock.systemUTC())
                        .findByEmailKey(Text.key(DemoData.OWNER_EMAIL)))
                .orElseThrow();
        TenantLimits stored = services()
                .limits()
                .limits(Actor.of(new Principal(owner.id(), owner.name())), able)
                .settings();
        assertThat(stored.probationCap()).hasValue(30);
        assertThat(stored.overLimit()).isEqualTo(OverLimitPolicy.REJECT);
        assertThat(stored.probationBy()).contains("Ana Ortiz");
        List<AuditEntry> trail = tx.inTransaction(new JooqAuditStore(tx)::all);
        assertThat(trail)
                .filteredOn(e -> e.tenant().equals(java.util.Optional.of(able)))
                .extracting(AuditEntry::action)
                .contains("limits.probation.set", "limits.overlimit.set");

        clickOn("#nav-overview");
        // At 1280 wide the defaults keep DNS and Access in view and leave Probation to the Columns menu.
        waitUntil(() -> showing("#overview-table") && column("dns").isVisible());
        assertThat(column("access").isVisible()).isTrue();
        assertThat(column("probation").isVisible()).isFalse();
        javafx.scene.control.TableView<?> overview =
                lookup("#overview-table").queryAs(javafx.scene.control.TableView.class);
        assertThat(overview.getColumns().stream()
                        .filter(javafx.scene.control.TableColumn::isVisible)
                        .mapToDouble(javafx.scene.control.TableColumn::getWidth)
                        .sum())
                .as("the columns shown fit without a scroll bar")
                .isLessThanOrEqualTo(overview.getWidth());
        clickOn("#overview-table-columns");
        clickOn(lookup(".context-menu")
                .lookup((javafx.scene.Node n) -> n instanceof Label l && "Probation".equals(l.getText()))
                .<javafx.scene.Node>query());
        waitUntil(() -> column("probation").isVisible());
        // The choice is kept for this person: in the settings file under their id.
        waitUntil(() ->
                java.nio.file.Files.readString(dataDir.resolve("ui.properties")).contains("columns.overview.user."));
        // Able Moose now shows its cap; Riverbend (on probation in the demo) still shows its own.
        waitUntil(() -> lookup("#overview-table")
                .lookup((javafx.scene.Node n) -> n instanceof Label l && "30/day".equals(l.getText()))
                .tryQuery()
                .isPresent());
        assertThat(lookup("#overview-table")
                        .lookup((javafx.scene.Node n) -> n instanceof Label l && "200/day".equals(l.getText()))
                        .tryQuery())
                .isPresent();
        assertThat(lookup("#overview-table")
                        .lookup((javafx.scene.Node n) -> n instanceof Label l && "Day 2: 75/day".equals(l.getText()))
                        .tryQuery())
                .isPresent();
    }

    private javafx.scene.control.TableColumn<?, ?> column(String id) {
        javafx.scene.control.TableView<?> table =
                lookup("#overview-table").queryAs(javafx.scene.control.TableView.class);
        for (javafx.scene.control.TableColumn<?, ?> c : table.getColumns()) {
            if (id.equals(c.getId())) {
                return c;
            }
        }
        throw new AssertionError("No column " + id);
    }
}
