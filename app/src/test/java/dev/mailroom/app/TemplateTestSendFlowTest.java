package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.app.demo.DemoData;
import dev.mailroom.app.templates.TemplateEditorViewModel;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "Test send to myself" in the window: off with the reason while the client has no domain that signs (the
 * demo's clients have a connection, to the demo relay); once it has one (and a staging connection to
 * GreenMail), the editor's template reaches the owner's own mailbox in GreenMail and the editor says where
 * it went.
 */
class TemplateTestSendFlowTest extends ConsoleRobot {
    private GreenMail greenMail;

    @AfterEach
    void stopServer() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    private TemplateEditorViewModel vm() {
        return (TemplateEditorViewModel)
                lookup("#template-editor").query().getProperties().get(TemplateEditorViewModel.class);
    }

    private void openWelcome() throws Exception {
        clickOn("#nav-templates");
        waitUntil(() -> rows("#templates-table").size() == 3);
        doubleClickOn(cell("#templates-table", "Welcome"));
        waitUntil(() -> showing("#template-editor") && vm().renders().get() > 0);
    }

    @Test
    void offWithTheReasonUntilTheClientCanSendThenTheTemplateReachesTheOwner() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        startConsole(true);
        waitUntil(() -> showing("#nav-templates"));

        openWelcome();
        waitUntil(() -> !vm().testSendHint().get().startsWith("Checking"));
        assertThat(vm().testSendHint().get()).contains("no verified sending domain");
        assertThat(lookup("#template-test-send").queryAs(Button.class).isDisabled())
                .isTrue();

        SendingFlowTest.signingDomainWithSuppressedReader(services());
        JooqTransactions tx = services().store().transactions();
        TenantId tenant = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                .orElseThrow()
                .id();
        var owner = tx.inTransaction(() -> new JooqUserStore(tx, java.time.Clock.systemUTC())
                        .findByEmailKey(Text.key(DemoData.OWNER_EMAIL)))
                .orElseThrow();
        services()
                .connections()
                .create(
                        Actor.of(new Principal(owner.id(), owner.name())),
                        tenant,
                        new ConnectionDraft(
                                "Local staging",
                                SendingEnvironment.STAGING,
                                "127.0.0.1",
                                greenMail.getSmtp().getPort(),
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mail.brightwave.example",
                                1,
                                0));

        clickOn("#template-back");
        openWelcome();
        waitUntil(() -> vm().testSendReady().get());
        assertThat(vm().testSendHint().get())
                .contains(DemoData.OWNER_EMAIL)
                .contains("via Local staging (Staging)")
                .contains("from test@" + SendingFlowTest.DOMAIN);

        clickOn("#template-test-send");
        waitUntil(() -> lookup("#template-test-send-result")
                .queryAs(Label.class)
                .getText()
                .startsWith("Sent to"));
        assertThat(lookup("#template-test-send-result").queryAs(Label.class).getText())
                .isEqualTo("Sent to " + DemoData.OWNER_EMAIL + " via Local staging (Staging), from test@"
                        + SendingFlowTest.DOMAIN + ".");
        assertThat(greenMail.waitForIncomingEmail(1)).isTrue();
        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo(DemoData.OWNER_EMAIL);
        assertThat(m.getSubject()).isEqualTo(vm().renderedSubject().get()).doesNotContain("{{");
    }
}
