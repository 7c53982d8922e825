package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.domains.AesGcmSecretVault;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.security.SecureRandom;
import java.util.Set;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: every form dialog keeps its buttons in view and usable when its problems appear, and the
 * problems follow what is typed after the first attempt. One console, the four dialogs in turn.
 */
class DialogsFlowTest extends ConsoleRobot {
    private static final String OWNER = "ana@brightwave.example";

    @Test
    void invalidInputKeepsEveryDialogsButtonsAndTheForm() throws Exception {
        firstRun();

        // Add tenant: a name too long and a contact email that is not one.
        clickOn("#nav-tenants");
        clickOn("#add-tenant");
        waitUntil(() -> showing("#tenant-name"));
        interact(() -> lookup("#tenant-name").queryAs(TextField.class).setText("A".repeat(81)));
        type("#tenant-contact-email", "it at client");
        clickOn("#tenant-save");
        waitUntil(() -> showing("#error-name") && showing("#error-contactEmail"));
        assertButtonsInView("Cancel", "Add tenant");
        assertThat(lookup("#tenant-color").query().getLayoutBounds().getWidth())
                .as("the colour picker keeps its width")
                .isGreaterThan(100);
        // Fixing a field clears its message as the person types.
        interact(() -> lookup("#tenant-name").queryAs(TextField.class).setText("Able Moose Group"));
        waitUntil(() -> !showing("#error-name"));
        assertThat(showing("#error-contactEmail")).isTrue();
        interact(() -> lookup("#tenant-contact-email").queryAs(TextField.class).setText("it@ablemoose.example"));
        waitUntil(() -> !showing("#error-contactEmail"));
        clickDialogButton("Add tenant");
        waitUntil(() -> !showing("#tenant-name") && rows("#tenants-table").size() == 1);

        // Add user: nothing filled in.
        clickOn("#nav-users");
        clickOn("#add-user");
        waitUntil(() -> showing("#user-name"));
        clickOn("#user-save");
        waitUntil(() -> showing("#error-name") && showing("#error-email") && showing("#error-firstPassword"));
        assertButtonsInView("Cancel", "Add user");
        type("#user-name", "Bea Designer");
        waitUntil(() -> !showing("#error-name"));
        clickDialogButton("Cancel");
        waitUntil(() -> !showing("#user-name"));

        // Add connection: no host, a port that is not a number. Cancel still closes it (not only Esc).
        clickOn("#nav-connections");
        waitUntil(() -> showing("#add-connection"));
        clickOn("#add-connection");
        waitUntil(() -> showing("#connection-name"));
        interact(() -> lookup("#connection-port").queryAs(TextField.class).setText("fivehundred"));
        clickOn("#connection-save");
        waitUntil(() -> showing("#error-port"));
        assertButtonsInView("Cancel", "Add connection");
        // With the port fixed, the form's next problems show as the person goes (no host, no name).
        interact(() -> lookup("#connection-port").queryAs(TextField.class).setText("587"));
        waitUntil(() -> !showing("#error-port") && showing("#error-host"));
        assertButtonsInView("Cancel", "Add connection");
        clickDialogButton("Cancel");
        waitUntil(() -> !showing("#connection-name"));

        // Suppressions: a bad address is shown under the field and the form stays with what was typed.
        addDomain("tryablemoose.com");
        clickOn("#nav-suppressions");
        waitUntil(() -> showing("#suppression-add"));
        waitUntil(() -> !lookup("#suppression-add").queryAs(Button.class).isDisabled());
        clickOn("#suppression-add");
        waitUntil(() -> showing("#suppression-address"));
        type("#suppression-address", "not an email");
        clickDialogButton("Add");
        waitUntil(() -> showing("#error-address"));
        assertThat(text("#error-address")).isEqualTo("“not an email” is not an e-mail address.");
        assertThat(lookup("#suppression-address").queryAs(TextField.class).getText())
                .isEqualTo("not an email");
        assertButtonsInView("Cancel", "Add");
        interact(() -> lookup("#suppression-address").queryAs(TextField.class).setText("dan@example.org"));
        waitUntil(() -> !showing("#error-address"));
        clickDialogButton("Add");
        waitUntil(() ->
                !showing("#suppression-address") && rows("#suppressions-table").size() == 1);
    }

    /** Each button is shown, enabled, and wholly inside its dialog's window. */
    private void assertButtonsInView(String... texts) {
        for (String text : texts) {
            Button b = lookup(".dialog-pane")
                    .lookup((Node n) -> n instanceof Button x && text.equals(x.getText()))
                    .queryAs(Button.class);
            assertThat(b.isVisible()).as(text + " visible").isTrue();
            assertThat(b.isDisabled()).as(text + " enabled").isFalse();
            Window w = b.getScene().getWindow();
            Bounds on = b.localToScreen(b.getLayoutBounds());
            assertThat(on.getMinY()).as(text + " top inside the window").isGreaterThanOrEqualTo(w.getY());
            assertThat(on.getMaxY())
                    .as(text + " bottom inside the window")
                    .isLessThanOrEqualTo(w.getY() + w.getHeight());
            assertThat(on.getMinX()).as(text + " inside the window").isGreaterThanOrEqualTo(w.getX());
            assertThat(on.getMaxX()).as(text + " inside the window").isLessThanOrEqualTo(w.getX() + w.getWidth());
            assertThat(on.getHeight()).as(text + " has its height").isGreaterThan(10);
        }
    }

    private void firstRun() throws Exception {
        startConsole(false);
        waitUntil(() -> showing("#agency-name"));
        type("#agency-name", "Brightwave Digital");
        type("#owner-name", "Ana Ortiz");
        type("#owner-email", OWNER);
        type("#password", "a-good-password");
        type("#password-again", "a-good-password");
        clickOn("#create-agency");
        waitUntil(() -> showing("#main-window"));
    }

    /** A sending domain for the first tenant, added through the use case (the wizard has its own test). */
    private void addDomain(String domain) {
        var s = services();
        var tx = s.store().transactions();
        TenantId tenant = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                .orElseThrow()
                .id();
        var owner = tx.inTransaction(() -> new JooqUserStore(tx).findByEmailKey(Text.key(OWNER)))
                .orElseThrow();
        new DomainService(
                        new JooqDomainStore(tx),
                        new JooqTenantStore(tx),
                        s.access(),
                        s.audit(),
                        tx,
                        s.clock(),
                        AesGcmSecretVault.open(s.store().config().dataDir()),
                        new DkimKeyGenerator(s.clock(), new SecureRandom()),
                        (name, type) -> {
                            throw new AssertionError("no DNS in this test");
                        })
                .add(
                        Actor.of(new Principal(owner.id(), owner.name())),
                        tenant,
                        domain,
                        RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                        Set.of());
    }
}
