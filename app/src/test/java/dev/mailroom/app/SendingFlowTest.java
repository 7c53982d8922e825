package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.app.demo.DemoData;
import dev.mailroom.app.sending.SendResultRow;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.domains.DkimKeyInfo;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.domains.AesGcmSecretVault;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5 through the screens: a plain connection to GreenMail on loopback, tested; a message to two
 * recipients, one of them suppressed: one sent, one rejected with the reason, one received.
 */
class SendingFlowTest extends ConsoleRobot {
    static final String DOMAIN = "ablemoose-mail.com";
    private GreenMail greenMail;

    @AfterEach
    void stopServer() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void configuresAConnectionAndSendsToTwoRecipientsOneSuppressed() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        startConsole(true);
        waitUntil(() -> showing("#main-window") && showing("#nav-connections"));
        signingDomainWithSuppressedReader(services());

        clickOn("#nav-connections");
        waitUntil(() -> showing("#add-connection"));
        clickOn("#add-connection");
        waitUntil(() -> showing("#connection-name"));
        type("#connection-name", "Local relay");
        type("#connection-host", "127.0.0.1");
        clickOn("#connection-security");
        clickOn("None (this computer only)");
        interact(() -> lookup("#connection-port")
                .queryAs(TextField.class)
                .setText(Integer.toString(greenMail.getSmtp().getPort())));
        type("#connection-helo", "mail.brightwave.example");
        clickOn("#connection-save");
        waitUntil(
                // Beside the demo's own connection to its relay on loopback.
                () -> !showing("#connection-name") && rows("#connections-table").size() == 2);

        clickOn(cell("#connections-table", "Local relay"));
        waitUntil(() -> showing("#connection-test"));
        clickOn("#connection-test");
        waitUntil(() -> showing("#connection-test-chip"));
        assertThat(lookup("#connection-test-chip").queryAs(Label.class).getText())
                .isEqualTo("Works");

        clickOn("#nav-outbox");
        waitUntil(() -> showing("#send-message"));
        clickOn("#send-message");
        waitUntil(() -> showing("#send-recipient")
                && !lookup("#send-from").queryAs(TextField.class).getText().isEmpty());
        // The demo's relay comes first; this message goes to GreenMail.
        interact(() -> {
            javafx.scene.control.ComboBox<dev.mailroom.model.sending.Connection> connection =
                    lookup("#send-connection").queryComboBox();
            connection.getItems().stream()
                    .filter(c -> c.name().equals("Local relay"))
                    .findFirst()
                    .ifPresent(connection::setValue);
        });
        clickOn("#send-by-hand");
        type("#send-recipient", "reader@example.net, gone@example.net");
        type("#send-subject", "Your order");
        type("#send-text", "Thanks for your order.");
        // The file chooser is the system's; the file it returns goes into the list the dialog shows.
        interact(() -> lookup("#send-attachments")
                .queryListView()
                .getItems()
                .add(Attachment.named("Receipt A-1001.pdf", "%PDF-1.4 receipt".getBytes(StandardCharsets.US_ASCII))));
        waitUntil(() -> showing("#send-attachments"));
        assertThat(lookup("#send-attachments-summary").queryAs(Label.class).getText())
                .startsWith("1 file, 16 bytes");
        snapshotDialog("send-dialog-attachment.png");
        clickOn("#send-submit");
        waitUntil(() -> this.<SendResultRow>rows("#send-results").stream()
                        .filter(r -> !r.state().equals("Queued") && !r.state().equals("Sending"))
                        .count()
                == 2);
        List<SendResultRow> results = rows("#send-results");
        assertThat(results)
                .extracting(r -> r.recipient() + "|" + r.state())
                .containsExactlyInAnyOrder("reader@example.net|Sent", "gone@example.net|Rejected");
        assertThat(results)
                .filteredOn(r -> r.recipient().equals("gone@example.net"))
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).containsIgnoringCase("suppress"));
        assertThat(greenMail.waitForIncomingEmail(1)).isTrue();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getAllRecipients()[0].toString())
                .isEqualTo("reader@example.net");
        MimeMultipart mixed = (MimeMultipart) greenMail.getReceivedMessages()[0].getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("Receipt A-1001.pdf");
        assertThat(mixed.getBodyPart(1).getInputStream().readAllBytes())
                .isEqualTo("%PDF-1.4 receipt".getBytes(StandardCharsets.US_ASCII));
    }

    /** The send dialog as it looks, kept in target/screenshots to look at. */
    private void snapshotDialog(String name) throws Exception {
        saveSceneOf("#send-attachments", "target/screenshots/" + name);
    }

    /** What the domains screens would do: a domain whose RSA key signs (DNS is not reached), and a suppressed reader. */
    static void signingDomainWithSuppressedReader(Services s) {
        JooqTransactions tx = s.store().transactions();
        TenantId tenant = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                .orElseThrow()
                .id();
        var owner = tx.inTransaction(() -> new JooqUserStore(tx, java.time.Clock.systemUTC())
                        .findByEmailKey(Text.key(DemoData.OWNER_EMAIL)))
                .orElseThrow();
        Actor actor = Actor.of(new Principal(owner.id(), owner.name()));
        JooqDomainStore domains = new JooqDomainStore(tx);
        DomainService service = new DomainService(
                domains,
                new JooqTenantStore(tx),
                s.access(),
                s.audit(),
                tx,
                s.clock(),
                AesGcmSecretVault.open(s.store().config().dataDir()),
                new DkimKeyGenerator(s.clock(), new SecureRandom()),
                (name, type) -> {
                    throw new AssertionError("no DNS in this test");
                });
        DomainService.DomainView view = service.add(
                actor,
                tenant,
                DOMAIN,
                RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                Set.of());
        DkimKeyInfo key = view.keys().get(0);
        tx.run(() -> domains.setKeyState(
                tenant, view.domain().id(), key.selector(), DkimKeyState.SIGNING, Optional.empty()));
        s.suppressions().addManual(actor, tenant, DOMAIN, "gone@example.net", "asked not to be mailed");
    }
}
