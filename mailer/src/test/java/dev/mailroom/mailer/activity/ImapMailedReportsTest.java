package dev.mailroom.mailer.activity;

import static dev.mailroom.persistence.jooq.Tables.AUDIT_ENTRY;
import static dev.mailroom.persistence.jooq.Tables.DMARC_REPORT;
import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;
import static dev.mailroom.persistence.jooq.Tables.TLS_REPORT;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.TlsReportService;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.suppressions.ImapSecurity;
import dev.mailroom.model.suppressions.MailboxPassword;
import dev.mailroom.model.suppressions.MailboxReadSummary;
import dev.mailroom.model.suppressions.ReportIngestService;
import dev.mailroom.model.suppressions.ReportMailbox;
import dev.mailroom.model.suppressions.ReportMailboxService;
import dev.mailroom.model.testing.Fixtures;
import dev.mailroom.persistence.dmarc.JooqDmarcStore;
import dev.mailroom.persistence.dmarc.JooqTlsReportStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.Times;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DMARC aggregate and SMTP TLS reports arriving in the report mailbox beside bounces, read from a real
 * IMAP server (GreenMail) into a real store (H2): parsedmarc's report e-mails (zip, gzip, plain XML,
 * a TLS report) land in the client owning their policy domain, a copy counts as already there, a
 * broken zip and a gzip bomb are refused and flagged so the next read moves on, a bounce in the same
 * mailbox is still a bounce, and reading again imports nothing twice.
 */
class ImapMailedReportsTest {
    private static final String PASSWORD = "imap-secret-9";
    private static final Session MAIL = Session.getInstance(new Properties());

    @TempDir
    Path dir;

    private GreenMail imap;
    private GreenMailUser mailbox;
    private Store store;
    private SendingFixture f;
    private ReportMailboxService service;
    private Actor admin;
    private TenantId globex;

    @BeforeEach
    void start() {
        imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        mailbox = imap.setUser("reports@agency.test", "reports", PASSWORD);
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        admin = f.user("ada@agency.test", "Ada Admin", false, Optional.of(Role.ADMIN));
        globex = f.tenantNamed("Globex");
        domain(f.acme, "borschow.com");
        domain(f.acme, "example.com");
        domain(f.acme, "indemed.com");
        domain(f.acme, "cardinalhealth.ca");
        domain(globex, "twlnet.com");
        service = service(new ImapReportReader(1024 * 1024, 10_000));
    }

    private ReportMailboxService service(ImapReportReader reader) {
        return new ReportMailboxService(
                new dev.mailroom.persistence.suppressions.JooqReportMailboxStore(f.tx),
                reader,
                new ReportIngestService(f.events, f.suppressions, f.outbox, f.tx, f.clock),
                new DmarcService(new JooqDmarcStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock),
                new TlsReportService(new JooqTlsReportStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock),
                f.tenants,
                f.cipher,
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    @AfterEach
    void stop() {
        imap.stop();
        store.close();
    }

    @Test
    void reportsLandInTheRightClientBesideABounceAndReadingAgainImportsNothingTwice() throws Exception {
        byte[] zipped = fixture(
                "aggregate/Report domain- borschow.com Submitter- google.com Report-ID- 949348866075514174.eml");
        deliver(zipped); // zip, Acme's borschow.com
        deliver(fixture("aggregate/twilight.eml")); // zip, Globex's twlnet.com: not from Acme's mailbox
        deliver(
                report( // gzip, Acme's example.com
                        "Report Domain: example.com Submitter: fastmail.com Report-ID: 102675056",
                        "application/gzip",
                        "fastmail.com!example.com!1516060800!1516147199!102675056.xml.gz",
                        fixture("aggregate/fastmail.com!example.com!1516060800!1516147199!102675056.xml.gz")));
        deliver(
                plainXml( // the XML as the message's own body, Acme's example.com
                        fixture("aggregate/example.net!example.com!1529366400!1529452799.xml")));
        deliver(fixture("smtp_tls/google.com_smtp_tls_report.eml")); // TLS (gzip), Acme's cardinalhealth.ca
        deliver(new String(zipped, StandardCharsets.ISO_8859_1) // the same report again, in another message
                .replace("<949348866075514174@google.com>", "<again.949348866075514174@google.com>")
                .getBytes(StandardCharsets.ISO_8859_1));
        deliver(report(
                "Report Domain: borschow.com Submitter: broken.example Report-ID: 1",
                "application/zip",
                "broken.example!borschow.com!1549929600!1550015999.zip",
                "PK\u0003\u0004 this is not a zip at all".getBytes(StandardCharsets.ISO_8859_1)));
        deliver(report(
                "Report Domain: borschow.com Submitter: bomb.example Report-ID: 2",
                "application/gzip",
                "bomb.example!borschow.com!1549929600!1550015999.xml.gz",
                gzipOfZeros(40 * 1024 * 1024)));
        byte[] bounce = Files.readAllBytes(Fixtures.file("bounces-sisimai", "eml/lhost-postfix-02.eml"));
        sentBy(f.acme, new BounceParser().parse(bounce));
        deliver(bounce);
        deliver(
                report( // ordinary mail with a zip: not a report, left for a person
                        "Photos from the party", "application/zip", "photos.zip", zipOf("a.txt", "hello")));

        service.save(admin, settings(Optional.of(f.acme)), MailboxPassword.of(PASSWORD));
        MailboxReadSummary first = service.readNow(admin, Optional.of(f.acme), (d, t) -> {}, new Cancellation());

        assertThat(first.examined()).isEqualTo(10);
        assertThat(first.reportMessages()).isEqualTo(8);
        assertThat(first.bounces()).isEqualTo(1);
        assertThat(first.eventsRecorded()).isPositive();
        assertThat(first.notReports()).isEqualTo(1);
        assertThat(first.failed()).isZero();
        assertThat(first.dmarc()).isEqualTo(new MailboxReadSummary.ReportCounts(3, 1, 3));
        assertThat(first.tls()).isEqualTo(new MailboxReadSummary.ReportCounts(1, 0, 0));
        assertThat(first.headline())
                .contains("1 bounce")
                .endsWith("DMARC reports: 3 imported, 1 already there, 3 refused; TLS reports: 1 imported");
        assertThat(first.problems())
                .anySatisfy(p -> assertThat(p).contains("another client's domain"))
                .anySatisfy(p -> assertThat(p).contains("broken.example").contains("DMARC report refused"))
                .anySatisfy(p -> assertThat(p).contains("bomb.example").contains("zip bomb"));
        assertThat(dmarcReports(f.acme)).isEqualTo(3);
        assertThat(dmarcReports(globex)).isZero();
        assertThat(tlsReports(f.acme)).isEqualTo(1);
        assertThat(tlsReports(globex)).isZero();
        assertThat(audit("dmarc.report-imported")).isEqualTo(3);
        assertThat(audit("tls.report-imported")).isEqualTo(1);
        assertThat(lastReadDetails())
                .contains("3 imported, 1 already there, 3 refused")
                .contains("tls reports");
        long events = events();

        Map<String, Integer> flags = keywords();
        assertThat(flags)
                .containsEntry(ImapReportReader.PROCESSED, 7)
                .containsEntry(ImapReportReader.UNREADABLE, 2)
                .containsEntry(ImapReportReader.SKIPPED, 1)
                .doesNotContainKey("none");

        MailboxReadSummary second = service.readNow(admin, Optional.of(f.acme), (d, t) -> {}, new Cancellation());
        assertThat(second.examined()).isZero();
        assertThat(second.reportsLine()).isEmpty();

        // A client that wiped the keywords: the store still knows every report and bounce.
        clearProcessed();
        MailboxReadSummary third = service.readNow(admin, Optional.of(f.acme), (d, t) -> {}, new Cancellation());
        assertThat(third.dmarc()).isEqualTo(new MailboxReadSummary.ReportCounts(0, 4, 1));
        assertThat(third.tls()).isEqualTo(new MailboxReadSummary.ReportCounts(0, 1, 0));
        assertThat(third.alreadyProcessed()).isEqualTo(1);
        assertThat(dmarcReports(f.acme)).isEqualTo(3);
        assertThat(tlsReports(f.acme)).isEqualTo(1);
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void theAgencysMailboxSplitsReportsToTheClientOwningEachDomain() throws Exception {
        deliver(fixture(
                "aggregate/Report domain- borschow.com Submitter- google.com Report-ID- 949348866075514174.eml"));
        deliver(fixture("aggregate/twilight.eml"));
        deliver(fixture("aggregate/mimecast-weird-gzip.eml")); // ab.id.au: no client has it
        deliver(fixture("smtp_tls/google.com_smtp_tls_report.eml"));

        service.save(f.owner, settings(Optional.empty()), MailboxPassword.of(PASSWORD));
        MailboxReadSummary s = service.readNow(f.owner, Optional.empty(), (d, t) -> {}, new Cancellation());

        assertThat(s.reportMessages()).isEqualTo(4);
        assertThat(s.dmarc()).isEqualTo(new MailboxReadSummary.ReportCounts(2, 0, 1));
        assertThat(s.tls()).isEqualTo(new MailboxReadSummary.ReportCounts(1, 0, 0));
        assertThat(s.problems()).anySatisfy(p -> assertThat(p).contains("a domain no client has"));
        assertThat(dmarcReports(f.acme)).isEqualTo(1);
        assertThat(dmarcReports(globex)).isEqualTo(1);
        assertThat(tlsReports(f.acme)).isEqualTo(1);
        assertThat(keywords()).containsEntry(ImapReportReader.PROCESSED, 4);
    }

    @Test
    void aReportLargerThanTheBounceBoundIsReadWhole() throws Exception {
        // 100 KB of text before the zip: a reader that keeps 64 KiB of each message fetches this one whole.
        MimeMessage m = new MimeMessage(
                MAIL,
                new ByteArrayInputStream(
                        fixture(
                                "aggregate/Report domain- borschow.com Submitter- google.com Report-ID- 949348866075514174.eml")));
        MimeMultipart parts = (MimeMultipart) m.getContent();
        MimeBodyPart padding = new MimeBodyPart();
        padding.setText("All is well.\n".repeat(8000), "UTF-8");
        parts.addBodyPart(padding, 0);
        m.setContent(parts);
        byte[] big = bytes(m);
        assertThat(big.length).isGreaterThan(100_000);
        deliver(big);

        ReportMailboxService small = service(new ImapReportReader(64 * 1024, 10_000));
        small.save(admin, settings(Optional.of(f.acme)), MailboxPassword.of(PASSWORD));
        MailboxReadSummary s = small.readNow(admin, Optional.of(f.acme), (d, t) -> {}, new Cancellation());

        assertThat(s.dmarc()).isEqualTo(new MailboxReadSummary.ReportCounts(1, 0, 0));
        assertThat(dmarcReports(f.acme)).isEqualTo(1);
        assertThat(keywords()).containsEntry(ImapReportReader.PROCESSED, 1);
    }

    // --- helpers

    private ReportMailbox settings(Optional<TenantId> scope) {
        return new ReportMailbox(
                scope, "127.0.0.1", imap.getImap().getPort(), ImapSecurity.PLAIN_LOCALHOST_ONLY, "reports", "INBOX");
    }

    private static byte[] fixture(String relative) throws Exception {
        return Files.readAllBytes(Fixtures.file("dmarc-parsedmarc", relative));
    }

    private void domain(TenantId tenant, String name) {
        f.tx.run(() -> f.tx.dsl()
                .insertInto(SENDING_DOMAIN)
                .set(SENDING_DOMAIN.TENANT_ID, tenant.value())
                .set(SENDING_DOMAIN.NAME, name)
                .set(SENDING_DOMAIN.SPF_MECHANISM, "include:spf.example")
                .set(SENDING_DOMAIN.RETURN_PATH_LABEL, "bounce")
                .set(SENDING_DOMAIN.RETURN_PATH_TARGET, "bounce.example")
                .set(SENDING_DOMAIN.TTL, 3600)
                .set(SENDING_DOMAIN.CREATED_AT, Times.toDb(SendingFixture.T0))
                .execute());
    }

    private void deliver(byte[] raw) {
        try {
            mailbox.deliver(new MimeMessage(MAIL, new ByteArrayInputStream(raw)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A report e-mail as reporters send them: a line of text and the report attached. */
    private static byte[] report(String subject, String type, String file, byte[] body) throws Exception {
        MimeMessage m = new MimeMessage(MAIL);
        m.setFrom(new InternetAddress("noreply-dmarc@reporter.example"));
        m.setRecipients(Message.RecipientType.TO, "reports@agency.test");
        m.setSubject(subject);
        MimeBodyPart text = new MimeBodyPart();
        text.setText("This is an aggregate report.", "UTF-8");
        MimeBodyPart attached = new MimeBodyPart();
        attached.setDataHandler(new jakarta.activation.DataHandler(new ByteArrayDataSource(body, type)));
        attached.setFileName(file);
        attached.setDisposition(MimeBodyPart.ATTACHMENT);
        m.setContent(new MimeMultipart(text, attached));
        return bytes(m);
    }

    /** A report whose XML is the whole body (text/xml), as some small reporters send it. */
    private static byte[] plainXml(byte[] xml) throws Exception {
        MimeMessage m = new MimeMessage(MAIL);
        m.setFrom(new InternetAddress("dmarc@example.net"));
        m.setRecipients(Message.RecipientType.TO, "reports@agency.test");
        m.setSubject("Report Domain: example.com Submitter: example.net Report-ID: b043f0e264cf4ea995e93765242f6dfb");
        m.setContent(new String(xml, StandardCharsets.UTF_8), "text/xml; charset=UTF-8");
        return bytes(m);
    }

    private static byte[] bytes(MimeMessage m) throws Exception {
        m.saveChanges();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }

    private static byte[] gzipOfZeros(int n) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            byte[] zeros = new byte[64 * 1024];
            for (int i = 0; i < n; i += zeros.length) {
                gz.write(zeros);
            }
        }
        return out.toByteArray();
    }

    private static byte[] zipOf(String name, String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(name));
            zip.write(text.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    /** Sent by the tenant to every recipient the bounce names, so that reading it records events. */
    private void sentBy(TenantId tenant, InboundReport report) {
        int n = 0;
        for (ReportedRecipient r : report.recipients()) {
            String id = "<sent" + n++ + "." + r.addressSentTo().hashCode() + "@borschow.com>";
            f.tx.run(() -> {
                OutboxId oid = f.outbox
                        .insert(List.of(new OutboxMessage(
                                new OutboxId(0),
                                tenant,
                                Optional.empty(),
                                "borschow.com",
                                id,
                                "news@borschow.com",
                                "Acme",
                                r.addressSentTo(),
                                "Spring sale",
                                "Hello",
                                Optional.empty(),
                                false,
                                Optional.empty(),
                                OutboxState.QUEUED,
                                0,
                                f.clock.instant(),
                                f.clock.instant(),
                                Optional.empty(),
                                OptionalInt.empty(),
                                "")))
                        .get(0);
                f.outbox.transition(
                        oid,
                        Set.of(OutboxState.QUEUED),
                        OutboxState.SENT,
                        Optional.empty(),
                        Optional.of(f.clock.instant()),
                        OptionalInt.of(250),
                        "");
            });
        }
    }

    private long dmarcReports(TenantId tenant) {
        return f.tx.inTransaction(
                () -> (long) f.tx.dsl().fetchCount(DMARC_REPORT, DMARC_REPORT.TENANT_ID.eq(tenant.value())));
    }

    private long tlsReports(TenantId tenant) {
        return f.tx.inTransaction(
                () -> (long) f.tx.dsl().fetchCount(TLS_REPORT, TLS_REPORT.TENANT_ID.eq(tenant.value())));
    }

    private long audit(String action) {
        return f.tx.inTransaction(() -> (long) f.tx.dsl().fetchCount(AUDIT_ENTRY, AUDIT_ENTRY.ACTION.eq(action)));
    }

    private String lastReadDetails() {
        return f.tx.inTransaction(() -> f.tx.dsl()
                .select(AUDIT_ENTRY.DETAILS)
                .from(AUDIT_ENTRY)
                .where(AUDIT_ENTRY.ACTION.eq("report-mailbox.read"))
                .orderBy(AUDIT_ENTRY.ID.desc())
                .limit(1)
                .fetchOne(AUDIT_ENTRY.DETAILS));
    }

    private long events() {
        return f.tx.inTransaction(() -> (long) f.tx.dsl().fetchCount(dev.mailroom.persistence.jooq.Tables.EVENT));
    }

    private Map<String, Integer> keywords() throws Exception {
        jakarta.mail.Store s = Session.getInstance(new Properties()).getStore("imap");
        s.connect("127.0.0.1", imap.getImap().getPort(), "reports", PASSWORD);
        try {
            Folder inbox = s.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Map<String, Integer> out = new LinkedHashMap<>();
            for (Message m : inbox.getMessages()) {
                String[] user = m.getFlags().getUserFlags();
                out.merge(user.length == 0 ? "none" : String.join(",", user), 1, Integer::sum);
            }
            inbox.close(false);
            return out;
        } finally {
            s.close();
        }
    }

    private void clearProcessed() throws Exception {
        jakarta.mail.Store s = Session.getInstance(new Properties()).getStore("imap");
        s.connect("127.0.0.1", imap.getImap().getPort(), "reports", PASSWORD);
        try {
            Folder inbox = s.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Flags ours = new Flags();
            ours.add(ImapReportReader.PROCESSED);
            inbox.setFlags(1, inbox.getMessageCount(), ours, false);
            inbox.close(false);
        } finally {
            s.close();
        }
    }
}
