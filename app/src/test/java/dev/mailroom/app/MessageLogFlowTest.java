package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.app.demo.DemoData;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageLogQuery;
import dev.mailroom.model.activity.MessageSummary;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.testing.Fixtures;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The message log and the bounce mailbox on the {@code --demo} store: what the screens show is what
 * the use cases read, a timeline opens, and a real IMAP server's bounces are read in.
 */
class MessageLogFlowTest extends ConsoleRobot {
    private static final Path SHOTS = Path.of("target", "screenshots");
    private GreenMail imap;

    @AfterEach
    void stopImap() {
        if (imap != null) {
            imap.stop();
        }
    }

    private void screenshot(String name) throws Exception {
        AtomicReference<BufferedImage> image = new AtomicReference<>();
        interact(() -> image.set(SwingFXUtils.fromFXImage(
                lookup("#main-window").query().getScene().snapshot(null), null)));
        Files.createDirectories(SHOTS);
        ImageIO.write(image.get(), "png", SHOTS.resolve(name).toFile());
    }

    private static TenantId tenant(Services s, String name) {
        JooqTransactions tx = s.store().transactions();
        return tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key(name)))
                .orElseThrow()
                .id();
    }

    private static Actor actor(Services s, String email) {
        JooqTransactions tx = s.store().transactions();
        var u = tx.inTransaction(
                        () -> new JooqUserStore(tx, java.time.Clock.systemUTC()).findByEmailKey(Text.key(email)))
                .orElseThrow();
        return Actor.of(new Principal(u.id(), u.name()));
    }

    @Test
    void searchesHardBouncesAndOpensATimeline() throws Exception {
        startConsole(true);
        startUp("#nav-message-log");
        waitUntil(() -> lookup("#tenant-switcher").queryButton().getText().equals("Able Moose Group"));
        clickOn("#nav-message-log");
        waitUntil(() -> !rows("#log-table").isEmpty());
        List<MessageSummary> first = rows("#log-table");
        assertThat(first).hasSize(100);
        assertThat(text("#log-shown")).isEqualTo("100 messages shown; more match.");
        assertThat(first).allSatisfy(m -> assertThat(m.domain()).endsWith("ablemoose.com"));
        // Recent mail was sent by Mailroom's outbox: it has its subject.
        assertThat(first).allSatisfy(m -> assertThat(m.subject()).isPresent());

        interact(() -> lookup("#log-status")
                .queryAs(ComboBox.class)
                .getSelectionModel()
                .select(Optional.of(EventType.HARD_BOUNCE)));
        clickOn("#log-search");
        waitUntil(() -> !rows("#log-table").isEmpty()
                && this.<MessageSummary>rows("#log-table").stream().allMatch(m -> m.status() == EventType.HARD_BOUNCE));
        List<MessageSummary> shown = rows("#log-table");

        // The same search through the use case, as the owner: the screen shows exactly that.
        Services s = services();
        TenantId able = tenant(s, "Able Moose Group");
        Actor owner = actor(s, DemoData.OWNER_EMAIL);
        // The days the screen searched, as its date pickers show them, in the person's zone.
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        java.time.LocalDate fromDay = lookup("#log-from")
                .queryAs(javafx.scene.control.DatePicker.class)
                .getValue();
        java.time.LocalDate toDay =
                lookup("#log-to").queryAs(javafx.scene.control.DatePicker.class).getValue();
        List<MessageSummary> expected = s.messageLog()
                .search(
                        owner,
                        able,
                        new MessageLogQuery(
                                "",
                                "",
                                "",
                                Optional.of(EventType.HARD_BOUNCE),
                                fromDay.atStartOfDay(zone).toInstant(),
                                toDay.plusDays(1).atStartOfDay(zone).toInstant()),
                        Optional.empty())
                .messages();
        assertThat(shown)
                .extracting(MessageSummary::messageId)
                .containsExactlyElementsOf(
                        expected.stream().map(MessageSummary::messageId).toList());

        MessageSummary pick = shown.get(0);
        interact(() -> lookup("#log-table")
                .queryAs(TableView.class)
                .getSelectionModel()
                .select(0));
        waitUntil(() -> !rows("#log-timeline").isEmpty());
        List<Event> timeline = rows("#log-timeline");
        assertThat(timeline).extracting(Event::type).containsExactly(EventType.SENT, EventType.HARD_BOUNCE);
        assertThat(timeline.get(1).details().smtpReply()).hasValue(550);
        assertThat(timeline.get(1).details().status().map(Object::toString)).contains("5.1.1");
        assertThat(timeline).allSatisfy(e -> assertThat(e.recipient()).isEqualTo(pick.recipient()));
        assertThat(text("#log-timeline-title")).contains(pick.messageId()).contains(pick.recipient());
        assertThat(cell("#log-timeline", "Hard bounce")).isNotNull();
        screenshot("message-log.png");

        // Search by that recipient finds that message.
        interact(() -> {
            lookup("#log-status").queryAs(ComboBox.class).getSelectionModel().select(0);
            lookup("#log-recipient").queryAs(TextField.class).setText(pick.recipient());
        });
        clickOn("#log-search");
        waitUntil(() -> this.<MessageSummary>rows("#log-table").stream()
                        .allMatch(m -> m.recipient().equals(pick.recipient()))
                && rows("#log-table").stream()
                        .anyMatch(m -> ((MessageSummary) m).messageId().equals(pick.messageId())));
        interact(() -> lookup("#log-table")
                .queryAs(TableView.class)
                .getSelectionModel()
                .select(0));
        waitUntil(() -> !rows("#log-timeline").isEmpty());

        // Tenant isolation in the use case: Kim (Analytics in Able Moose only) and Carlos (Owner of Riverbend only).
        Actor kim = actor(s, "kim.park@ablemoose.example");
        Actor carlos = actor(s, "carlos@riverbendlegal.example");
        TenantId river = tenant(s, "Riverbend Legal");
        Instant now = Instant.now();
        MessageLogQuery all = MessageLogQuery.all(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1)));
        assertThat(s.messageLog().search(kim, able, all, Optional.empty()).messages())
                .isNotEmpty();
        assertThatThrownBy(() -> s.messageLog().search(kim, river, all, Optional.empty()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> s.messageLog().search(carlos, able, all, Optional.empty()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> s.messageLog().timeline(carlos, able, pick.messageId()))
                .isInstanceOf(NotFound.class);
        // A Message-ID of Able's looked up in Riverbend's log finds nothing.
        assertThat(s.messageLog().timeline(carlos, river, pick.messageId())).isEmpty();
    }

    @Test
    void configuresTheBounceMailboxTestsItAndReadsItWithASummary() throws Exception {
        imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        GreenMailUser box = imap.setUser("bounces@brightwave.example", "bounces", "imap-pass-1");
        Session mail = Session.getInstance(new Properties());
        List<String> files = List.of(
                "eml/lhost-postfix-02.eml",
                "eml/lhost-exim-01.eml",
                "eml/arf-01.eml",
                "not-bounce/is-not-bounce-01.eml");
        for (String f : files) {
            box.deliver(new MimeMessage(mail, new ByteArrayInputStream(Fixtures.bytes("bounces-sisimai", f))));
        }
        box.deliver(new MimeMessage(mail, new ByteArrayInputStream("\u0001\u0002 not mail at all\r\n\r\n".getBytes())));
        // A DMARC aggregate report and an SMTP TLS report for Able Moose's domain arrive in the same mailbox.
        box.deliver(new MimeMessage(mail, new ByteArrayInputStream(dmarcMail().getBytes(StandardCharsets.UTF_8))));
        box.deliver(new MimeMessage(mail, new ByteArrayInputStream(tlsMail().getBytes(StandardCharsets.UTF_8))));

        startConsole(true);
        startUp("#nav-bounce-mailbox");
        waitUntil(() -> lookup("#tenant-switcher").queryButton().getText().equals("Able Moose Group"));
        clickOn("#nav-bounce-mailbox");
        waitUntil(() ->
                showing("#mailbox-host") && !lookup("#mailbox-host").query().isDisabled());
        type("#mailbox-host", "127.0.0.1");
        clickOn("#mailbox-security");
        clickOn("None (this computer only)");
        interact(() -> lookup("#mailbox-port")
                .queryAs(TextField.class)
                .setText(Integer.toString(imap.getImap().getPort())));
        type("#mailbox-username", "bounces");
        type("#mailbox-password", "imap-pass-1");
        clickOn("#mailbox-test");
        waitUntil(() -> text("#mailbox-status").startsWith("Signed in"));
        assertThat(text("#mailbox-status")).isEqualTo("Signed in; \"INBOX\" holds 7 messages.");
        clickOn("#mailbox-save");
        waitUntil(() -> !lookup("#mailbox-read").query().isDisabled());
        clickOn("#mailbox-read");
        waitUntil(() ->
                !text("#mailbox-summary").isEmpty() && text("#mailbox-summary").contains("failed"));
        assertThat(text("#mailbox-summary")).startsWith("2 bounces, 1 complaint, 1 not a report, 1 failed.");
        assertThat(text("#mailbox-reports")).isEqualTo("DMARC reports: 1 imported; TLS reports: 1 imported.");
        assertThat(text("#mailbox-progress-text")).isEqualTo("Done.");
        assertThat(lookup("#mailbox-problems").queryAs(Label.class).getText()).contains("not an e-mail message");
        screenshot("bounce-mailbox.png");

        // Read again: every message was flagged, the unreadable one included; nothing is read twice.
        clickOn("#mailbox-read");
        waitUntil(() -> text("#mailbox-summary").startsWith("0 bounces, 0 complaints, 0 not reports, 0 failed"));
        assertThat(text("#mailbox-reports")).isEmpty();
    }

    /** Seeding the demo store takes most of a minute on a loaded machine: more than waitUntil's patience. */
    @Test
    void aComplaintsFeedbackReportShowsFieldByFieldUnclippedAt1280() throws Exception {
        startConsole(true);
        startUp("#nav-message-log");
        interact(() -> {
            javafx.stage.Window w = lookup("#main-window").query().getScene().getWindow();
            w.setWidth(1280);
            w.setHeight(800);
        });
        waitUntil(() -> lookup("#tenant-switcher").queryButton().getText().equals("Able Moose Group"));
        // Northwind, the client in trouble, has complaints; its feedback loops report them.
        press(KeyCode.CONTROL, KeyCode.K).release(KeyCode.K, KeyCode.CONTROL);
        waitUntil(() -> showing("#switcher-search"));
        clickOn("#switcher-search");
        write("northwind");
        press(KeyCode.ENTER).release(KeyCode.ENTER);
        waitUntil(() -> lookup("#tenant-switcher").queryButton().getText().equals("Northwind Logistics"));
        clickOn("#nav-message-log");
        waitUntil(() -> !rows("#log-table").isEmpty());
        interact(() -> {
            lookup("#log-status").queryAs(ComboBox.class).getSelectionModel().select(Optional.of(EventType.COMPLAINED));
        });
        clickOn("#log-search");
        // The newest complained-about message, as the use case finds it: the screen shows it first.
        Services s = services();
        Instant now = Instant.now();
        String newest = s.messageLog()
                .search(
                        actor(s, DemoData.OWNER_EMAIL),
                        tenant(s, "Northwind Logistics"),
                        new MessageLogQuery(
                                "",
                                "",
                                "",
                                Optional.of(EventType.COMPLAINED),
                                now.minus(Duration.ofDays(30)),
                                now.plus(Duration.ofDays(1))),
                        Optional.empty())
                .messages()
                .get(0)
                .messageId();
        waitUntil(() -> !rows("#log-table").isEmpty()
                && this.<MessageSummary>rows("#log-table").get(0).messageId().equals(newest));
        interact(() -> lookup("#log-table")
                .queryAs(TableView.class)
                .getSelectionModel()
                .select(0));
        waitUntil(() -> text("#log-detail-title").startsWith("Complained"));
        assertThat(text("#log-detail-title")).isEqualTo("Complained — the feedback report's fields");
        javafx.scene.layout.GridPane grid = lookup("#log-detail").queryAs(javafx.scene.layout.GridPane.class);
        List<String> labels = new java.util.ArrayList<>();
        interact(() -> {
            grid.applyCss();
            grid.layout();
            for (javafx.scene.Node n : grid.getChildren()) {
                Integer col = javafx.scene.layout.GridPane.getColumnIndex(n);
                Label l = (Label) n;
                if (col == null || col % 2 == 0) {
                    labels.add(l.getText());
                } else {
                    assertThat(l.getWidth())
                            .as("the width " + l.getText() + " has")
                            .isGreaterThan(250);
                }
                // Nothing cut: every label and value lies within the pane, and none is shortened with an ellipsis.
                assertThat(l.getBoundsInParent().getMaxX()).as(l.getText()).isLessThanOrEqualTo(grid.getWidth() + 0.5);
                javafx.scene.text.Text shown = (javafx.scene.text.Text) l.lookup(".text");
                if (shown != null) {
                    assertThat(shown.getText()
                                    .replace("\n", " ")
                                    .replaceAll("\\s+", " ")
                                    .trim())
                            .as("what " + l.getText() + " shows")
                            .isEqualTo(l.getText()
                                    .replace("\n", " ")
                                    .replaceAll("\\s+", " ")
                                    .trim());
                }
            }
        });
        assertThat(labels)
                .contains(
                        "Feedback type",
                        "User agent",
                        "Source IP",
                        "Arrival date",
                        "Reported domain",
                        "Authentication results",
                        "Original mail from",
                        "Original recipient");
        screenshot("message-log-complaint.png");
    }

    private void startUp(String nav) throws Exception {
        org.testfx.util.WaitForAsyncUtils.waitFor(
                240, java.util.concurrent.TimeUnit.SECONDS, () -> showing("#main-window") && showing(nav));
    }

    /** A DMARC aggregate report e-mail for tryablemoose.com whose XML is its body. */
    private static String dmarcMail() {
        return "From: dmarc@reporter.example\r\nTo: bounces@brightwave.example\r\n"
                + "Subject: Report Domain: tryablemoose.com Submitter: reporter.example Report-ID: flow-1\r\n"
                + "Message-ID: <flow-1@reporter.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/xml\r\n\r\n"
                + "<?xml version=\"1.0\"?>\r\n<feedback><report_metadata><org_name>reporter.example</org_name>"
                + "<email>dmarc@reporter.example</email><report_id>flow-1</report_id><date_range>"
                + "<begin>1793000000</begin><end>1793086399</end></date_range></report_metadata><policy_published>"
                + "<domain>tryablemoose.com</domain><p>none</p></policy_published><record><row>"
                + "<source_ip>192.0.2.1</source_ip><count>3</count><policy_evaluated><disposition>none</disposition>"
                + "<dkim>pass</dkim><spf>pass</spf></policy_evaluated></row><identifiers>"
                + "<header_from>tryablemoose.com</header_from></identifiers><auth_results><dkim>"
                + "<domain>tryablemoose.com</domain><result>pass</result></dkim><spf><domain>tryablemoose.com</domain>"
                + "<result>pass</result></spf></auth_results></record></feedback>\r\n";
    }

    /** An SMTP TLS report e-mail (RFC 8460) for tryablemoose.com. */
    private static String tlsMail() {
        return "From: tls@reporter.example\r\nTo: bounces@brightwave.example\r\n"
                + "Subject: Report Domain: tryablemoose.com Submitter: reporter.example Report-ID: <flow-t1@reporter.example>\r\n"
                + "TLS-Report-Domain: tryablemoose.com\r\nMessage-ID: <flow-t1@reporter.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nA TLS report.\r\n"
                + "--b\r\nContent-Type: application/tlsrpt+json\r\n\r\n"
                + "{\"organization-name\": \"Reporter\", \"report-id\": \"flow-t1\", \"date-range\": "
                + "{\"start-datetime\": \"2026-10-01T00:00:00Z\", \"end-datetime\": \"2026-10-01T23:59:59Z\"}, "
                + "\"policies\": [{\"policy\": {\"policy-type\": \"sts\", \"policy-domain\": \"tryablemoose.com\"}, "
                + "\"summary\": {\"total-successful-session-count\": 10, \"total-failure-session-count\": 0}}]}\r\n"
                + "--b--\r\n";
    }
}
