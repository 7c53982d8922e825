package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.mailer.billing.PdfBillingDocuments;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.billing.ClientReportService;
import dev.mailroom.model.billing.ReportSender;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.activity.JooqAnalyticsStore;
import dev.mailroom.persistence.billing.JooqBillingStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a client's monthly report e-mailed to its contact through the connection the agency chose,
 * delivered by the outbox to a real SMTP server with the PDF attached.
 */
class ClientReportEmailTest {
    private static final YearMonth APRIL = YearMonth.of(2026, 4);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    @Test
    void theReportGoesToTheClientsContactWithItsPdfFromTheAgencysConnection() throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        toClose.add(greenMail::stop);
        Store store = Backend.H2.open(dir);
        toClose.add(store);
        SendingFixture f = new SendingFixture(store, dir);
        // The agency sends as "Acme" (f.acme, whose domain is verified and signs); the client is another tenant.
        Connection relay = f.connectionService(e -> null)
                .create(
                        f.owner,
                        f.acme,
                        SendingFixture.draft(
                                "Agency relay",
                                "127.0.0.1",
                                greenMail.getSmtp().getPort(),
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                null));
        TenantId client = f.tenantNamed("Able Moose Group");
        f.tx.run(() -> f.events.append(List.of(
                Event.of(
                        client,
                        "ablemoose.example",
                        Instant.parse("2026-04-03T10:00:00Z"),
                        "a@x.example",
                        EventType.SENT),
                Event.of(
                        client,
                        "ablemoose.example",
                        Instant.parse("2026-04-04T10:00:00Z"),
                        "b@x.example",
                        EventType.SENT))));
        SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system());
        toClose.add(transport);
        Outbox outbox = new Outbox(
                f.outbox,
                f.endpoints,
                OutboxDeliveryTest.signedDomain(),
                transport,
                f.suppressions,
                f.events,
                f.tx,
                f.clock,
                OutboxDeliveryTest.RETRY);
        SendService send = new SendService(
                outbox,
                f.connections,
                OutboxDeliveryTest.signedDomain(),
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                f.endpoints,
                new SmtpProbe(SmtpSettings.system()));
        ClientReportService reports = new ClientReportService(
                new JooqBillingStore(f.tx),
                new JooqAnalyticsStore(f.tx),
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                new PdfBillingDocuments(),
                f.connections,
                send);

        assertThatThrownBy(() -> reports.emailReport(f.owner, client, APRIL))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("Invoice settings");
        ReportSender sender =
                new ReportSender(f.acme, relay.id(), " reports@" + OutboxDeliveryTest.DOMAIN + " ", "Brightwave");
        assertThatThrownBy(() -> reports.saveReportSender(f.editor, Optional.of(sender)))
                .isInstanceOf(PermissionDenied.class);
        reports.saveReportSender(f.owner, Optional.of(sender));
        assertThat(reports.reportSender(f.owner).orElseThrow().fromAddress())
                .isEqualTo("reports@" + OutboxDeliveryTest.DOMAIN);

        ClientReportService.Emailed emailed = reports.emailReport(f.owner, client, APRIL);
        assertThat(emailed.queued()).as(emailed.problem()).isTrue();
        assertThat(emailed.to()).isEqualTo("jo@example.com");
        assertThat(outbox.drain(1).count(OutboxState.SENT)).isEqualTo(1);
        assertThat(greenMail.waitForIncomingEmail(1)).isTrue();

        MimeMessage m = greenMail.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("jo@example.com");
        assertThat(m.getSubject()).isEqualTo("Able Moose Group: your e-mail report for April 2026");
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertThat((String) mixed.getBodyPart(0).getContent())
                .startsWith("Hello Jo Smith,")
                .contains("We sent 2 emails for you in April 2026");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("Able Moose Group 2026-04 report.pdf");
        try (PDDocument pdf =
                Loader.loadPDF(mixed.getBodyPart(1).getInputStream().readAllBytes())) {
            assertThat(new PDFTextStripper().getText(pdf)).contains("Able Moose Group");
        }
        assertThat(f.tx.inTransaction(() -> f.auditStore.all()))
                .anySatisfy(e -> assertThat(e.action()).isEqualTo("billing.client_report_sent"));
    }
}
