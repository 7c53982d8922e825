package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.audit.AuditChain;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton end to end, headless: first run → add tenants through the UI → switch with
 * Ctrl+K → archive → start again on the same folder → sign in → the tenant is still there, archived.
 */
class ConsoleFlowTest extends ConsoleRobot {
    private String switcherText() {
        return lookup("#tenant-switcher").queryAs(Button.class).getText();
    }

    @Test
    void firstRunTenantsSwitchArchiveAndRestart() throws Exception {
        startConsole(false);
        waitUntil(() -> showing("#agency-name"));
        type("#agency-name", "Brightwave Digital");
        type("#owner-name", "Ana Ortiz");
        type("#owner-email", "ana@brightwave.example");
        type("#password", "short");
        type("#password-again", "short");
        clickOn("#create-agency");
        waitUntil(() -> showing("#error-password"));
        assertThat(lookup("#error-password").queryAs(Label.class).getText()).contains("at least 8 characters");

        interact(() -> {
            lookup("#password").queryAs(TextField.class).clear();
            lookup("#password-again").queryAs(TextField.class).clear();
        });
        type("#password", "a-good-password");
        type("#password-again", "a-good-password");
        clickOn("#create-agency");
        waitUntil(() -> showing("#main-window"));
        assertThat(switcherText()).isEqualTo("Choose a tenant");

        // Add two tenants; a duplicate name is refused next to the field.
        clickOn("#nav-tenants");
        addTenant("Able Moose Group");
        waitUntil(() -> rows("#tenants-table").size() == 1);
        addTenant("Riverbend Legal");
        waitUntil(() -> rows("#tenants-table").size() == 2);
        clickOn("#add-tenant");
        waitUntil(() -> showing("#tenant-name"));
        type("#tenant-name", "riverbend legal");
        clickOn("#tenant-save");
        waitUntil(() -> showing("#error-name"));
        assertThat(lookup("#error-name").queryAs(Label.class).getText()).contains("already exists");
        press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitUntil(() -> !showing("#tenant-name"));

        // The first tenant became current; Ctrl+K switches to the other.
        waitUntil(() -> switcherText().equals("Able Moose Group"));
        press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitUntil(() -> showing("#switcher-search"));
        // Monocle's headless window manager does not give new windows keyboard focus; a click does.
        clickOn("#switcher-search");
        write("river");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> switcherText().equals("Riverbend Legal"));
        assertThat(lookup("#nav-tenant-heading").queryAs(Label.class).getText()).isEqualTo("RIVERBEND LEGAL");

        // Archive it, confirming by typing its name.
        clickOn("#nav-tenants");
        clickOn(cell("#tenants-table", "Riverbend Legal"));
        waitUntil(() -> showing("#tenant-archive"));
        clickOn("#tenant-archive");
        waitUntil(() -> showing("#confirm-name"));
        clickOn("#confirm-name");
        assertThat(lookup("#confirm-action").queryAs(Button.class).isDisabled()).isTrue();
        write("Riverbend Legal");
        clickOn("#confirm-action");
        waitUntil(() -> rows("#tenants-table").size() == 1);
        clickOn("#show-archived");
        waitUntil(() -> rows("#tenants-table").size() == 1
                && this.<Tenant>rows("#tenants-table").get(0).name().equals("Riverbend Legal"));
        waitUntil(() -> switcherText().equals("Riverbend Legal  (archived)"));

        // Start again on the same folder: sign in, and the tenant is still there, archived.
        stopConsole();
        startConsole(false);
        waitUntil(() -> showing("#signin-email"));
        type("#signin-email", "ana@brightwave.example");
        type("#signin-password", "wrong-password");
        clickOn("#signin-button");
        waitUntil(() -> showing("#error-password"));
        type("#signin-password", "a-good-password");
        clickOn("#signin-button");
        waitUntil(() -> showing("#main-window"));
        waitUntil(() -> switcherText().startsWith("Riverbend Legal"));
        clickOn("#nav-tenants");
        clickOn("#show-archived");
        waitUntil(() -> rows("#tenants-table").size() == 1);
        Tenant riverbend = this.<Tenant>rows("#tenants-table").get(0);
        assertThat(riverbend.name()).isEqualTo("Riverbend Legal");
        assertThat(riverbend.isArchived()).isTrue();
        stopConsole();

        // Every change and sign-in was audited, and the chain is intact.
        try (Store store = Store.open(StoreConfig.h2(dataDir))) {
            List<AuditEntry> audit =
                    store.transactions().inTransaction(() -> new JooqAuditStore(store.transactions()).all());
            assertThat(audit)
                    .extracting(AuditEntry::action)
                    .containsSubsequence(
                            "agency.created",
                            "tenant.created",
                            "tenant.created",
                            "tenant.archived",
                            "signin.failed",
                            "signin.succeeded");
            assertThat(AuditChain.firstBroken(audit)).isEmpty();
        }
    }

    private void addTenant(String name) throws Exception {
        clickOn("#add-tenant");
        waitUntil(() -> showing("#tenant-name"));
        type("#tenant-name", name);
        type("#tenant-contact-name", "Morgan Lee");
        clickOn("#tenant-save");
        waitUntil(() -> !showing("#tenant-name"));
    }
}
