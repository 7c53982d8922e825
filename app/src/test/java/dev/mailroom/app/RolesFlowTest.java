package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.tenants.Tenant;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

/**
 * Issue 3 end to end: the owner creates a Designer in one tenant and acts as them (banner, only the
 * Designer's screens and tenant, both names in the audit log); the Designer signs in, must replace
 * the first password, and sees that tenant only.
 */
class RolesFlowTest extends ConsoleRobot {
    @Test
    void theOwnerCreatesADesignerActsAsThemAndTheDesignerSeesOneTenant() throws Exception {
        startConsole(true); // the demo store signs the owner in, with Able Moose Group current
        waitUntil(() -> showing("#main-window") && showing("#nav-users"));
        clickOn("#nav-users");
        waitUntil(() -> rows("#users-table").size() >= 6);

        clickOn("#add-user");
        waitUntil(() -> showing("#user-name"));
        type("#user-name", "Dora Designer");
        type("#user-email", "dora@ablemoose.example");
        clickOn("#user-kind");
        clickOn("Client staff");
        waitUntil(() -> showing("#user-home-tenant"));
        // The current tenant is preselected as the client the new person works for.
        assertThat(((javafx.scene.control.ComboBox<?>)
                                lookup("#user-home-tenant").query())
                        .getValue())
                .isInstanceOfSatisfying(Tenant.class, t -> assertThat(t.name()).isEqualTo("Able Moose Group"));
        type("#user-first-password", "first-password");
        clickOn("#user-save");
        waitUntil(() -> !showing("#user-name") && rows("#users-table").size() == 7);

        clickOn(cell("#users-table", "Dora Designer"));
        waitUntil(() -> showing("#role-grid"));
        clickOn("#role-1-DESIGNER");
        clickOn("#roles-save-1");
        waitUntil(() -> this.<UserAccount>rows("#users-table").stream()
                .anyMatch(a ->
                        a.user().name().equals("Dora Designer") && !a.roles().isEmpty()));

        // Act as Dora: the banner shows, and only what a Designer may open is listed.
        clickOn(cell("#users-table", "Dora Designer"));
        waitUntil(() -> showing("#user-act-as"));
        clickOn("#user-act-as");
        waitUntil(() -> showing("#acting-banner"));
        waitUntil(() -> lookup("#acting-banner-text")
                .queryAs(Label.class)
                .getText()
                .startsWith("Acting as Dora Designer in Able Moose Group"));
        assertThat(showing("#nav-users")).isFalse();
        assertThat(showing("#nav-audit")).isFalse();
        waitUntil(() -> rows("#overview-table").size() == 1);
        assertThat(this.<Tenant>rows("#overview-table").get(0).name()).isEqualTo("Able Moose Group");

        clickOn("#stop-acting");
        waitUntil(() -> showing("#nav-users") && !showing("#acting-banner"));

        // The audit log names both identities.
        clickOn("#nav-audit");
        waitUntil(() -> rows("#audit-table").size() > 0);
        type("#audit-action", "actas.\n");
        waitUntil(() -> rows("#audit-table").size() == 2);
        List<AuditEntry> acting = rows("#audit-table");
        assertThat(acting).allSatisfy(e -> {
            assertThat(e.actorName()).isEqualTo("Dora Designer");
            assertThat(e.impersonatorName()).contains("Ana Ortiz");
        });
        assertThat(cell("#audit-table", "Ana Ortiz as Dora Designer")).isNotNull();

        // Dora signs in herself: first the password, then one tenant and a Designer's screens.
        clickOn("#user-menu");
        clickOn("#sign-out");
        waitUntil(() -> showing("#signin-email"));
        interactNoWait(() -> lookup("#signin-email")
                .queryAs(javafx.scene.control.TextField.class)
                .clear());
        type("#signin-email", "dora@ablemoose.example");
        type("#signin-password", "first-password");
        clickOn("#signin-button");
        waitUntil(() -> showing("#new-password"));
        type("#current-password", "first-password");
        type("#new-password", "doras-own-password");
        type("#new-password-again", "doras-own-password");
        clickOn("#change-password-save");
        waitUntil(() -> showing("#main-window"));
        waitUntil(() -> rows("#overview-table").size() == 1);
        assertThat(showing("#nav-users")).isFalse();
        assertThat(showing("#nav-audit")).isFalse();
        assertThat(showing("#nav-tenant-profile")).isTrue();
        assertThat(this.<Tenant>rows("#overview-table"))
                .extracting(Tenant::name)
                .containsExactly("Able Moose Group");
    }
}
