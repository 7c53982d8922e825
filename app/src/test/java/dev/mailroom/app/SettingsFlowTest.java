package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.access.JooqUserStore;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 20: one Settings window (Ctrl+, and the user menu), the page kept on a tenant switch, and a
 * 75-character tenant name that fits the header.
 */
class SettingsFlowTest extends ConsoleRobot {
    private static final String OWNER = "ana@brightwave.example";
    private static final String LONG_NAME =
            "Able Moose Group International Holdings and Subsidiaries of the North Coast"; // 75 characters

    @Test
    void settingsInOnePlaceThePageStaysOnSwitchAndALongNameFits() throws Exception {
        assertThat(LONG_NAME).hasSize(75);
        startConsole(false);
        waitUntil(() -> showing("#agency-name"));
        type("#agency-name", "Brightwave Digital");
        type("#owner-name", "Ana Ortiz");
        type("#owner-email", OWNER);
        type("#password", "a-good-password");
        type("#password-again", "a-good-password");
        clickOn("#create-agency");
        waitUntil(() -> showing("#main-window"));
        var s = services();
        var tx = s.store().transactions();
        var owner = tx.inTransaction(
                        () -> new JooqUserStore(tx, java.time.Clock.systemUTC()).findByEmailKey(Text.key(OWNER)))
                .orElseThrow();
        Actor ana = Actor.of(new Principal(owner.id(), owner.name()));
        for (String name : new String[] {"Riverbend Legal", LONG_NAME}) {
            s.tenants()
                    .create(
                            ana,
                            new TenantDraft(
                                    name,
                                    "#16A34A",
                                    "",
                                    "",
                                    OwnershipModel.AGENCY_OWNED,
                                    PartnerAccessPattern.AGENCY_MANAGED));
        }
        // The tenant list is read again on the Tenants page.
        clickOn("#nav-tenants");
        waitUntil(() -> rows("#tenants-table").size() == 2);

        // Settings: Ctrl+, opens the one window; the store's place and size are in it.
        press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitUntil(() -> showing("#settings-tabs"));
        assertThat(lookup("#settings-tabs").queryAs(TabPane.class).getTabs())
                .extracting(t -> t.getText())
                .containsExactly("Appearance", "DNS", "Event retention", "Store", "Access");
        interact(() -> lookup("#settings-tabs")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .select(3));
        waitUntil(() -> text("#settings-store-size").startsWith("Size on disk: "));
        assertThat(text("#settings-store-location")).contains(dataDir.toString());
        saveSceneOf("#settings-tabs", "target/screenshots/settings-store.png");
        // Access: the token table whole in the window (it was capped at 600 px wide, cutting three columns).
        interact(() -> lookup("#settings-tabs")
                .queryAs(TabPane.class)
                .getSelectionModel()
                .select(4));
        waitUntil(() -> showing("#api-tokens"));
        WaitForAsyncUtils.waitForFxEvents();
        saveSceneOf("#settings-tabs", "target/screenshots/settings-access.png");
        interact(() -> assertTokensTableWhole(lookup("#api-tokens").queryAs(javafx.scene.control.TableView.class)));
        clickDialogButton("Close");
        waitUntil(() -> !showing("#settings-tabs"));
        // And from the user menu.
        clickOn("#user-menu");
        clickOn("#open-settings");
        waitUntil(() -> showing("#settings-tabs"));
        clickDialogButton("Close");
        waitUntil(() -> !showing("#settings-tabs"));

        // On a tenant page, switching tenant keeps the page.
        waitUntil(() -> showing("#nav-domains"));
        clickOn("#nav-domains");
        waitUntil(() -> lookup("#nav-domains").queryAs(ToggleButton.class).isSelected());
        press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitUntil(() -> showing("#switcher-search"));
        clickOn("#switcher-search");
        write("north coast");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        Button switcher = lookup("#tenant-switcher").queryAs(Button.class);
        waitUntil(() -> switcher.getText().equals(LONG_NAME));
        assertThat(lookup("#nav-domains").queryAs(ToggleButton.class).isSelected())
                .as("still on Domains")
                .isTrue();
        assertThat(lookup("#nav-tenant-profile").queryAs(ToggleButton.class).isSelected())
                .isFalse();

        // The long name is cut inside a button of bounded width, whole in its tooltip; the header keeps its words.
        assertThat(switcher.getWidth()).isLessThanOrEqualTo(340);
        assertThat(switcher.getTooltip().getText()).startsWith(LONG_NAME);
        Label brand = lookup(".brand").queryAs(Label.class);
        assertThat(brand.getWidth()).isGreaterThanOrEqualTo(brand.prefWidth(-1) - 0.5);
        Label hint = lookup(".shortcut-hint").queryAs(Label.class);
        assertThat(hint.getWidth()).isGreaterThanOrEqualTo(hint.prefWidth(-1) - 0.5);
        var user = lookup("#user-menu").query();
        assertThat(user.getLayoutBounds().getWidth()).isGreaterThanOrEqualTo(user.prefWidth(-1) - 0.5);
    }
}
