package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12 through the screens: a SendGrid subuser connection added with the provider form (kind
 * selector, key, subuser), shown with its kind, its key masked until revealed.
 */
class ApiConnectionFlowTest extends ConsoleRobot {
    private static final String KEY = "SG.flowtestkey0123456789.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN";

    @Test
    void addsASendGridSubuserConnectionAndShowsItsKind() throws Exception {
        startConsole(true);
        // Seeding the demo store takes a while on a loaded machine; the screens after it are quick.
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> showing("#main-window") && showing("#nav-connections"));
        clickOn("#nav-connections");
        waitUntil(() -> showing("#add-api-connection"));
        clickOn("#add-api-connection");
        waitUntil(() -> showing("#api-connection-name"));
        assertThat(showing("#api-connection-subuser")).isTrue(); // SendGrid is the first kind offered

        type("#api-connection-name", "SendGrid parent");
        type("#api-connection-key", "not-a-sendgrid-key");
        clickOn("#api-connection-subuser");
        type("#api-connection-subuser-name", "acme-sub");
        clickOn("#api-connection-save");
        waitUntil(() -> lookup(n -> n instanceof javafx.scene.control.Label l
                        && l.getText() != null
                        && l.getText().contains("begin with \"SG.\""))
                .tryQuery()
                .isPresent());

        interact(() -> lookup("#api-connection-key")
                .queryAs(javafx.scene.control.PasswordField.class)
                .setText(KEY));
        saveSceneOf("#api-connection-name", "target/screenshots/connection-form-sendgrid.png");
        clickOn("#api-connection-save");
        waitUntil(() -> !showing("#api-connection-name"));
        waitUntil(() -> this.<Connection>rows("#connections-table").stream()
                .anyMatch(c -> c.kind() == ConnectionKind.SENDGRID_API));
        clickOn(cell("#connections-table", "SendGrid parent"));
        waitUntil(() -> showing("#connection-facts"));
        assertThat(text("#connection-facts"))
                .startsWith("SendGrid API (subuser acme-sub)")
                .contains("API key stored");
        assertThat(lookup(n -> n instanceof javafx.scene.control.Labeled l && KEY.equals(l.getText()))
                        .tryQuery())
                .isEmpty();
        clickOn("#connection-reveal");
        waitUntil(() -> KEY.equals(text("#connection-password")));
        saveSceneOf("#connections-table", "target/screenshots/connections-with-provider.png");
    }
}
