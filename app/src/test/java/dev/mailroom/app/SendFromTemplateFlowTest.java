package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.app.demo.DemoData;
import dev.mailroom.app.sending.SendResultRow;
import dev.mailroom.app.sending.SendViewModel;
import dev.mailroom.app.sending.TestImages;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.DialogPane;
import javafx.scene.web.WebView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's core flow through the screens, into GreenMail: a template picked in the send dialog, the
 * recipients' CSV read and one column mapped by hand (the other by its name), the preview checked for
 * two recipients and at mobile width, a test sent to oneself, then the send: every recipient's
 * message arrives with their own values in its HTML; the suppressed one is rejected with the reason.
 */
class SendFromTemplateFlowTest extends ConsoleRobot {
    private GreenMail greenMail;

    @AfterEach
    void stopServer() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void sendsATemplateToACsvWithEachRecipientsValues() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        startConsole(true);
        // Making the demo store takes a minute or more on a busy machine: more patience than for a step.
        org.testfx.util.WaitForAsyncUtils.waitFor(
                300, java.util.concurrent.TimeUnit.SECONDS, () -> showing("#main-window") && showing("#nav-outbox"));
        SendingFlowTest.signingDomainWithSuppressedReader(services());
        templateAndRelay(services(), greenMail.getSmtp().getPort());
        Path csv = dataDir.resolve("orders.csv");
        Files.writeString(
                csv,
                "email,first_name,order\n"
                        + "jordan@example.net,Jordan,A-1001\n"
                        + "priya@example.net,Priya,A-1002\n"
                        + "gone@example.net,Gone,A-1003\n");

        clickOn("#nav-outbox");
        waitUntil(() -> showing("#send-message"));
        clickOn("#send-message");
        waitUntil(() -> showing("#send-template")
                && lookup("#send-connection").queryComboBox().getValue() != null);
        clickOn("#send-template");
        clickOn("Order shipped");
        waitUntil(() -> showing("#send-var-column-order-number"));
        assertThat(text("#send-missing-variables")).contains("{{order.number}}", "{{customer.firstName}}");

        // The native file chooser cannot be driven headless: what it would return is handed to the view model.
        SendViewModel vm = (SendViewModel)
                lookup(".dialog-pane").queryAs(DialogPane.class).getProperties().get(SendViewModel.class);
        interact(() -> vm.loadCsv(csv));
        waitUntil(() -> text("#send-csv-summary").startsWith("orders.csv: 3 recipient(s)"));
        // The file is checked in full, not only its syntax: example.net is reserved for documentation, and the
        // tenant suppresses the reader who bounced. Flagged before sending; the person sends anyway here.
        waitUntil(() -> text("#send-recipient-check").startsWith("orders.csv, 3 recipients checked:"));
        assertThat(lookup("#send-recipient-problems").queryListView().getItems())
                .anySatisfy(l -> assertThat(l.toString())
                        .startsWith("gone@example.net — undeliverable:")
                        .contains("This tenant suppresses it"))
                .anySatisfy(l -> assertThat(l.toString())
                        .startsWith("jordan@example.net — undeliverable:")
                        .contains("reserved for examples"));
        saveSceneOf("#send-recipient-check", "target/screenshots/send-dialog-file-checked.png");
        assertThat(text("#send-missing-variables")).contains("{{order.number}}").doesNotContain("firstName");

        interact(() -> scrollIntoView(lookup("#send-var-column-order-number").query()));
        clickOn("#send-var-column-order-number");
        clickOn("order");
        waitUntil(() -> text("#send-missing-variables").isEmpty());

        waitUntil(() -> text("#send-preview-subject").equals("Order A-1001 is on its way"));
        assertThat(text("#send-preview-recipient")).contains("jordan@example.net");
        assertThat(previewHtml()).contains("Hello Jordan").contains("data:image/png;base64,");
        clickOn("#send-preview-next");
        waitUntil(() -> text("#send-preview-subject").equals("Order A-1002 is on its way"));
        assertThat(previewHtml()).contains("Hello Priya");
        clickOn("#send-preview-mobile");
        waitUntil(() -> lookup("#send-preview-web").queryAs(WebView.class).getWidth() <= 375.5);

        clickOn("#send-test");
        waitUntil(() -> text("#send-test-result").startsWith("Sent to " + DemoData.OWNER_EMAIL));
        assertThat(greenMail.waitForIncomingEmail(1)).isTrue();
        MimeMessage test = greenMail.getReceivedMessages()[0];
        assertThat(test.getSubject()).isEqualTo("Order A-1002 is on its way");

        clickOn("#send-submit");
        waitUntil(() -> this.<SendResultRow>rows("#send-results").stream()
                        .filter(r -> !r.state().equals("Queued") && !r.state().equals("Sending"))
                        .count()
                == 3);
        assertThat(this.<SendResultRow>rows("#send-results"))
                .extracting(r -> r.recipient() + "|" + r.state())
                .containsExactlyInAnyOrder(
                        "jordan@example.net|Sent", "priya@example.net|Sent", "gone@example.net|Rejected");

        assertThat(greenMail.waitForIncomingEmail(3)).isTrue();
        List<MimeMessage> received = Arrays.stream(greenMail.getReceivedMessages())
                .filter(m -> !recipient(m).equals(DemoData.OWNER_EMAIL))
                .toList();
        assertThat(received).hasSize(2);
        MimeMessage priya = received.stream()
                .filter(m -> recipient(m).equals("priya@example.net"))
                .findFirst()
                .orElseThrow();
        assertThat(priya.getSubject()).isEqualTo("Order A-1002 is on its way");
        String raw = GreenMailUtil.getWholeMessage(priya);
        assertThat(raw).contains("Hello Priya, order A-1002 has shipped.").doesNotContain("{{");
        // The brand kit's logo travels inside the message, referred to from the HTML by its Content-ID.
        assertThat(raw)
                .contains("src=\"cid:brand-logo")
                .containsIgnoringCase("Content-ID: <brand-logo")
                .contains("image/png");
    }

    /** What the preview's web view was given (it runs no scripts, so it cannot be asked back). */
    private String previewHtml() {
        return ((SendViewModel) lookup(".dialog-pane")
                        .queryAs(DialogPane.class)
                        .getProperties()
                        .get(SendViewModel.class))
                .previewHtml()
                .get();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the Connections and Templates screens would do: a relay to GreenMail, a template, a kit with a logo. */
    static void templateAndRelay(Services s, int port) {
        var tx = s.store().transactions();
        TenantId tenant = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                .orElseThrow()
                .id();
        var owner = tx.inTransaction(() -> new JooqUserStore(tx, java.time.Clock.systemUTC())
                        .findByEmailKey(Text.key(DemoData.OWNER_EMAIL)))
                .orElseThrow();
        Actor actor = Actor.of(new Principal(owner.id(), owner.name()));
        s.connections().list(actor, tenant).forEach(c -> s.connections().remove(actor, tenant, c.id()));
        s.connections()
                .create(
                        actor,
                        tenant,
                        new ConnectionDraft(
                                "Local relay",
                                SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                port,
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mail.brightwave.example",
                                2,
                                0));
        BrandKit kit = s.templates()
                .brandKit(actor, tenant)
                .orElse(BrandKit.neutral("Able Moose"))
                .withLogo(Optional.of(Logo.of(TestImages.png())));
        s.templates().saveBrandKit(actor, tenant, kit);
        s.templates()
                .create(
                        actor,
                        TemplateOwner.tenant(tenant),
                        new TemplateDraft(
                                "Order shipped",
                                TemplateKind.PASSWORD_RESET,
                                TemplateContent.of(
                                        "Order {{order.number}} is on its way",
                                        "<p>{{#if brand.logo}}<img src=\"{{brand.logo}}\" alt=\"logo\">{{/if}}</p>"
                                                + "<p>Hello {{customer.firstName}}, order {{order.number}} has shipped.</p>",
                                        "{\"customer\":{\"firstName\":\"Jordan\"},\"order\":{\"number\":\"A-1\"}}")));
    }
}
