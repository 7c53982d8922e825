package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
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
import dev.mailroom.persistence.suppressions.JooqReportMailboxStore;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading bounces and complaints from a real IMAP server (GreenMail) into a real store (H2), with
 * the messages users will meet: sisimai's bounces and complaints, parsedmarc's failure reports,
 * ordinary mail, a message that is not MIME at all, and a bounce with a huge attachment.
 */
class ImapReportReaderTest {
    private static final String PASSWORD = "imap-secret-7";
    private static final Session MAIL = Session.getInstance(new Properties());

    @TempDir
    Path dir;

    private GreenMail imap;
    private GreenMailUser mailbox;
    private Store store;
    private SendingFixture f;
    private ReportMailboxService service;
    private Actor admin;

    @BeforeEach
    void start() {
        imap = new GreenMail(ServerSetupTest.IMAP.dynamicPort());
        imap.start();
        mailbox = imap.setUser("bounces@agency.test", "bounces", PASSWORD);
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        admin = f.user("ada@agency.test", "Ada Admin", false, Optional.of(Role.ADMIN));
        service = service(new ImapReportReader(256 * 1024, 10_000));
    }

    @AfterEach
    void stop() {
        imap.stop();
        store.close();
    }

    private ReportMailboxService service(ImapReportReader reader) {
        ReportIngestService ingest = new ReportIngestService(f.events, f.suppressions, f.outbox, f.tx, f.clock);
        return new ReportMailboxService(
                new JooqReportMailboxStore(f.tx),
                reader,
                ingest,
                new DmarcService(new JooqDmarcStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock),
                new TlsReportService(new JooqTlsReportStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock),
                f.tenants,
                f.cipher,
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    private ReportMailbox settings(String folder) {
        return new ReportMailbox(
                Optional.of(f.acme),
                "127.0.0.1",
                imap.getImap().getPort(),
                ImapSecurity.PLAIN_LOCALHOST_ONLY,
                "bounces",
                folder);
    }

    private void deliver(byte[] raw) {
        try {
            mailbox.deliver(new MimeMessage(MAIL, new ByteArrayInputStream(raw)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
    }

    /** Sent by Acme to every recipient the report names, so that reading it records events. */
    private void sentTo(InboundReport report, int n) {
        for (ReportedRecipient r : report.recipients()) {
            if (r.recipient().isBlank()) {
                continue;
            }
            String id = "<sent" + n + "." + r.addressSentTo().hashCode() + "@tryacme.com>";
            f.tx.run(() -> {
                if (f.outbox.findByMessageId(id).isPresent()) {
                    return;
                }
                OutboxId oid = f.outbox
                        .insert(List.of(new OutboxMessage(
                                new OutboxId(0),
                                f.acme,
                                Optional.empty(),
                                "tryacme.com",
                                id,
                                "news@tryacme.com",
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

    private Map<String, Integer> keywords() throws Exception {
        jakarta.mail.Store s = Session.getInstance(new Properties()).getStore("imap");
        s.connect("127.0.0.1", imap.getImap().getPort(), "bounces", PASSWORD);
        try {
            Folder inbox = s.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Map<String, Integer> out = new LinkedHashMap<>();
            Message[] all = inbox.getMessages();
            jakarta.mail.FetchProfile flags = new jakarta.mail.FetchProfile();
            flags.add(jakarta.mail.FetchProfile.Item.FLAGS);
            inbox.fetch(all, flags);
            for (Message m : all) {
                String[] user = m.getFlags().getUserFlags();
                String k = user.length == 0 ? "none" : String.join(",", user);
                out.merge(k, 1, Integer::sum);
            }
            inbox.close(false);
            return out;
        } finally {
            s.close();
        }
    }

    private long events() {
        return f.tx.inTransaction(() -> f.tx.dsl().fetchCount(dev.mailroom.persistence.jooq.Tables.EVENT));
    }

    @Test
    void readsEveryFixtureOnceAndReadingTwiceRecordsNothingTwice() throws Exception {
        BounceParser parser = new BounceParser(256 * 1024);
        int reports = 0;
        int notReports = 0;
        int unreadable = 0;
        int n = 0;
        List<Path> all = new ArrayList<>(files(Fixtures.dir("bounces-sisimai").resolve("eml")));
        all.addAll(files(Fixtures.dir("bounces-sisimai").resolve("not-bounce")));
        all.addAll(files(Fixtures.dir("dmarc-parsedmarc").resolve("failure")));
        Set<String> keys = new HashSet<>();
        for (Path p : all) {
            byte[] raw = Files.readAllBytes(p);
            deliver(raw);
            InboundReport r = parser.parse(raw);
            switch (r.kind()) {
                case DELIVERY_STATUS, FEEDBACK -> {
                    reports++;
                    sentTo(r, n++);
                }
                case UNREADABLE -> unreadable++;
                default -> notReports++;
            }
        }
        // Not MIME at all, and a bounce whose returned original carries 3 MB: read only up to the reader's bound.
        deliver("\u0000\u0001\u0002 binary junk\r\n\r\n\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1));
        byte[] bounce = Files.readAllBytes(Fixtures.file("bounces-sisimai", "eml/lhost-postfix-02.eml"));
        deliver(withHugeAttachment(bounce));
        assertThat(reports).isGreaterThan(100);
        assertThat(notReports).isGreaterThanOrEqualTo(2);

        service.save(admin, settings("INBOX"), MailboxPassword.of(PASSWORD));
        List<int[]> progress = new ArrayList<>();
        MailboxReadSummary first = service.readNow(
                admin, Optional.of(f.acme), (done, total) -> progress.add(new int[] {done, total}), new Cancellation());

        int delivered = all.size() + 2;
        assertThat(first.examined()).isEqualTo(delivered);
        // Reports with the same Message-ID (a few fixtures are copies) count once, as read before.
        assertThat(first.bounces() + first.complaints() + first.alreadyProcessed())
                .isEqualTo(reports + 1);
        assertThat(first.complaints()).isGreaterThan(5);
        assertThat(first.notReports()).isEqualTo(notReports);
        assertThat(first.failed()).isEqualTo(unreadable + 1);
        assertThat(first.problems()).anySatisfy(p -> assertThat(p).contains("not an e-mail message"));
        assertThat(first.eventsRecorded()).isGreaterThan(50);
        assertThat(first.cancelled()).isFalse();
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(delivered, delivered));
        long recorded = events();
        assertThat(recorded).isEqualTo(first.eventsRecorded());
        Map<String, Integer> flags = keywords();
        assertThat(flags).doesNotContainKey("none");
        assertThat(flags.get(ImapReportReader.SKIPPED)).isEqualTo(notReports);
        assertThat(flags.get(ImapReportReader.UNREADABLE)).isEqualTo(unreadable + 1);

        MailboxReadSummary second = service.readNow(admin, Optional.of(f.acme), (d, t) -> {}, new Cancellation());
        assertThat(second.examined()).isZero();
        assertThat(events()).isEqualTo(recorded);

        // A client that wiped the keywords: the store still remembers every report.
        clearKeywords();
        MailboxReadSummary third = service.readNow(admin, Optional.of(f.acme), (d, t) -> {}, new Cancellation());
        assertThat(third.bounces() + third.complaints()).isZero();
        assertThat(third.alreadyProcessed()).isEqualTo(reports + 1);
        assertThat(events()).isEqualTo(recorded);
    }

    @Test
    void emlAndMboxFilesAreReadLikeAMailboxAndReadingThemTwiceRecordsNothingTwice() throws Exception {
        BounceParser parser = new BounceParser(BounceParser.DEFAULT_MAX_BYTES);
        List<Path> bounces =
                files(Fixtures.dir("bounces-sisimai").resolve("eml")).subList(0, 25);
        Path ordinary =
                files(Fixtures.dir("bounces-sisimai").resolve("not-bounce")).get(0);
        Set<String> reportKeys = new HashSet<>();
        int n = 0;
        int notReports = 0;
        int unreadable = 0;
        int reports = 0;
        // An mbox (mboxrd: body lines starting with "From " get a '>') of 25 bounces and one ordinary message.
        StringBuilder mbox = new StringBuilder();
        for (Path p : Stream.concat(bounces.stream(), Stream.of(ordinary)).toList()) {
            byte[] raw = Files.readAllBytes(p);
            InboundReport r = parser.parse(raw);
            if (r.kind() == dev.mailroom.model.activity.ReportKind.DELIVERY_STATUS
                    || r.kind() == dev.mailroom.model.activity.ReportKind.FEEDBACK) {
                sentTo(r, n++);
                reportKeys.add(ImapReportReader.keyOf(raw));
                reports++;
            } else if (r.kind() == dev.mailroom.model.activity.ReportKind.UNREADABLE) {
                unreadable++;
            } else {
                notReports++;
            }
            mbox.append("From MAILER-DAEMON Mon Nov 23 00:00:00 2026\n");
            for (String line : new String(raw, StandardCharsets.ISO_8859_1).split("(?<=\n)")) {
                mbox.append(line.matches("(?s)>*From .*") ? ">" + line : line);
            }
            mbox.append(mbox.charAt(mbox.length() - 1) == '\n' ? "\n" : "\n\n");
        }
        Path box = dir.resolve("bounces.mbox");
        Files.writeString(box, mbox, StandardCharsets.ISO_8859_1);
        Path complaint = files(Fixtures.dir("bounces-sisimai").resolve("eml")).stream()
                .filter(p -> p.getFileName().toString().startsWith("arf-"))
                .findFirst()
                .orElseThrow();
        InboundReport c = parser.parse(Files.readAllBytes(complaint));
        sentTo(c, n++);
        reportKeys.add(ImapReportReader.keyOf(Files.readAllBytes(complaint)));
        Path empty = Files.createFile(dir.resolve("empty.eml"));

        List<int[]> progress = new ArrayList<>();
        MailboxReadSummary first = service.importFiles(
                admin,
                Optional.of(f.acme),
                new MailFiles(List.of(box, complaint, empty)),
                (done, total) -> progress.add(new int[] {done, total}),
                new Cancellation());

        // Every report message in the files once: a copy (same Message-ID, or the complaint also in the mbox) as read
        // before.
        assertThat(first.bounces() + first.complaints() + first.alreadyProcessed())
                .isEqualTo(reports + 1);
        assertThat(first.bounces() + first.complaints()).isEqualTo(reportKeys.size());
        assertThat(first.complaints()).isGreaterThanOrEqualTo(1);
        assertThat(notReports).isPositive();
        assertThat(first.notReports()).isEqualTo(notReports);
        assertThat(first.failed()).isEqualTo(1 + unreadable);
        assertThat(first.problems())
                .anySatisfy(p -> assertThat(p).contains("empty.eml").contains("empty"));
        assertThat(first.eventsRecorded()).isPositive().isEqualTo((int) events());
        assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(1000, 1000));

        long recorded = events();
        MailboxReadSummary second = service.importFiles(
                admin, Optional.of(f.acme), new MailFiles(List.of(box, complaint)), (d, t) -> {}, new Cancellation());
        assertThat(second.bounces() + second.complaints()).isZero();
        assertThat(second.eventsRecorded()).isZero();
        assertThat(events()).isEqualTo(recorded);

        // Who may not read the client's reports may not import them either.
        Actor analyst = f.user("ann@agency.test", "Ann Analyst", false, Optional.of(Role.ANALYTICS));
        assertThatThrownBy(() -> service.importFiles(
                        analyst, Optional.of(f.acme), new MailFiles(List.of(box)), (d, t) -> {}, new Cancellation()))
                .isInstanceOf(dev.mailroom.model.common.PermissionDenied.class);
    }

    @Test
    void aMailboxOfThousandsCanBeStoppedPartWayAndTheNextReadFinishesTheRest() throws Exception {
        String template = Files.readString(
                Fixtures.file("bounces-sisimai", "eml/lhost-postfix-02.eml"), StandardCharsets.ISO_8859_1);
        // A thousand, not several: GreenMail's FETCH walks the whole folder for every message it answers
        // (cubic in the folder size), so its time, not Mailroom's, grows out of reach above that.
        int total = 1000;
        for (int i = 0; i < total; i++) {
            String raw =
                    template.replaceFirst("(?im)^Message-Id:[^\\r\\n]*", "Message-Id: <bounce" + i + "@mx.example>");
            deliver(raw.getBytes(StandardCharsets.ISO_8859_1));
        }
        service.save(admin, settings("INBOX"), MailboxPassword.of(PASSWORD));
        Cancellation cancel = new Cancellation();
        MailboxReadSummary first = service.readNow(
                admin,
                Optional.of(f.acme),
                (done, all) -> {
                    assertThat(all).isEqualTo(total);
                    if (done == 400) {
                        cancel.cancel();
                    }
                },
                cancel);
        assertThat(first.cancelled()).isTrue();
        assertThat(first.examined()).isEqualTo(400);
        assertThat(first.bounces()).isEqualTo(400);

        List<Integer> totals = new ArrayList<>();
        MailboxReadSummary rest =
                service.readNow(admin, Optional.of(f.acme), (done, all) -> totals.add(all), new Cancellation());
        assertThat(totals).containsOnly(600);
        assertThat(rest.cancelled()).isFalse();
        assertThat(rest.bounces()).isEqualTo(600);
        assertThat(rest.alreadyProcessed()).isZero();
        assertThat(keywords()).containsExactly(Map.entry(ImapReportReader.PROCESSED, total));
    }

    @Test
    void wrongPasswordAndMissingFolderSayWhatIsWrongAndNeverThePassword() {
        service.save(admin, settings("INBOX"), MailboxPassword.of(PASSWORD));
        assertThat(service.test(admin, settings("INBOX"), MailboxPassword.of("")))
                .isZero();
        assertThatThrownBy(() -> service.test(admin, settings("INBOX"), MailboxPassword.of("wrong-one")))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("refused the user name or password")
                .hasMessageNotContaining("wrong-one");
        assertThatThrownBy(() -> service.test(admin, settings("Bounces"), MailboxPassword.of("")))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("no folder \"Bounces\"");
        imap.stop();
        assertThatThrownBy(() -> service.readNow(admin, Optional.of(f.acme), (d, t) -> {}, new Cancellation()))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("Could not read 127.0.0.1");
    }

    @Test
    void adminsConfigureEditorsReadAnalystsNeitherAndThePasswordIsSealed() {
        Actor analyst = f.user("an@agency.test", "Ann Analyst", false, Optional.of(Role.ANALYTICS));
        Actor stranger = f.user("st@agency.test", "Stan Stranger", false, Optional.empty());
        assertThatThrownBy(() -> service.save(f.editor, settings("INBOX"), MailboxPassword.of(PASSWORD)))
                .isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> service.save(stranger, settings("INBOX"), MailboxPassword.of(PASSWORD)))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.save(
                        admin,
                        new ReportMailbox(
                                Optional.empty(),
                                "127.0.0.1",
                                143,
                                ImapSecurity.PLAIN_LOCALHOST_ONLY,
                                "bounces",
                                "INBOX"),
                        MailboxPassword.of(PASSWORD)))
                .isInstanceOf(PermissionDenied.class);
        service.save(admin, settings("INBOX"), MailboxPassword.of(PASSWORD));

        assertThat(service.readNow(f.editor, Optional.of(f.acme), (d, t) -> {}, new Cancellation())
                        .examined())
                .isZero();
        assertThatThrownBy(() -> service.readNow(analyst, Optional.of(f.acme), (d, t) -> {}, new Cancellation()))
                .isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> service.readNow(stranger, Optional.of(f.acme), (d, t) -> {}, new Cancellation()))
                .isInstanceOf(NotFound.class);

        String sealed = f.tx.inTransaction(() -> f.tx.dsl()
                .fetchValue("select password_sealed from report_mailbox")
                .toString());
        assertThat(sealed).isNotBlank().doesNotContain(PASSWORD);
        assertThat(new String(java.util.Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1))
                .doesNotContain(PASSWORD);
    }

    @Test
    void aTenantsMailboxRecordsNothingForAnotherTenant() throws Exception {
        TenantId globex = f.tenantNamed("Globex");
        byte[] raw = Files.readAllBytes(Fixtures.file("bounces-sisimai", "eml/lhost-postfix-02.eml"));
        InboundReport report = new BounceParser().parse(raw);
        assertThat(report.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        // Globex sent to these recipients, Acme did not.
        TenantId saved = f.acme;
        for (ReportedRecipient r : report.recipients()) {
            String id = "<globex." + r.addressSentTo().hashCode() + "@globex.test>";
            f.tx.run(() -> {
                OutboxId oid = f.outbox
                        .insert(List.of(new OutboxMessage(
                                new OutboxId(0),
                                globex,
                                Optional.empty(),
                                "globex.test",
                                id,
                                "news@globex.test",
                                "Globex",
                                r.addressSentTo(),
                                "Hi",
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
        deliver(raw);
        service.save(admin, settings("INBOX"), MailboxPassword.of(PASSWORD));
        MailboxReadSummary s = service.readNow(admin, Optional.of(saved), (d, t) -> {}, new Cancellation());
        assertThat(s.bounces()).isEqualTo(1);
        assertThat(s.eventsRecorded()).isZero();
        assertThat(s.unmatched()).isEqualTo(report.recipients().size());
        assertThat(events()).isZero();
    }

    private void clearKeywords() throws Exception {
        jakarta.mail.Store s = Session.getInstance(new Properties()).getStore("imap");
        s.connect("127.0.0.1", imap.getImap().getPort(), "bounces", PASSWORD);
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

    /** The bounce with a 3 MB attachment appended as a new last part of its multipart body. */
    private static byte[] withHugeAttachment(byte[] bounce) {
        String text = new String(bounce, StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?is)boundary=\"?([^\";\\r\\n]+)\"?")
                .matcher(text);
        assertThat(m.find()).isTrue();
        String boundary = m.group(1);
        int end = text.lastIndexOf("--" + boundary + "--");
        assertThat(end).isPositive();
        StringBuilder big = new StringBuilder(text.substring(0, end));
        big.append("--")
                .append(boundary)
                .append("\r\nContent-Type: application/octet-stream\r\n")
                .append(
                        "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"big.bin\"\r\n\r\n");
        String line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0\r\n";
        while (big.length() < 3_000_000) {
            big.append(line);
        }
        big.append("--").append(boundary).append("--\r\n");
        return big.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
