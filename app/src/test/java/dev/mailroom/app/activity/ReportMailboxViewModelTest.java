package dev.mailroom.app.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.mailer.activity.MailFiles;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Bounce mailbox page's view model on a real H2 store, without a window. */
class ReportMailboxViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"), Instant.parse("2026-11-02T09:00:00Z"));
        store = world.store;
        s = world.services;
        owner = world.owner;
        acme = world.tenant("Acme");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private ReportMailboxViewModel vm() {
        ReportMailboxViewModel vm = new ReportMailboxViewModel(s.reportMailbox(), MailFiles::new, runner, owner);
        vm.tenant().set(acme.id());
        vm.refresh();
        return vm;
    }

    @Test
    void aTenantWithoutAMailboxSaysSoAndASavedOneComesBack() {
        ReportMailboxViewModel vm = vm();
        assertThat(vm.summary().get()).startsWith("No mailbox set up yet");
        assertThat(vm.mayConfigure().get()).isTrue();
        assertThat(vm.mayRead().get()).isTrue();
        assertThat(vm.mailboxReady().get()).isFalse();

        vm.host().set("imap.acme.example");
        vm.security().set(dev.mailroom.model.suppressions.ImapSecurity.STARTTLS_REQUIRED);
        assertThat(vm.port().get()).isEqualTo("143"); // followed the security's default
        vm.username().set("bounces@acme.example");
        vm.password().set("secret");
        vm.save();

        assertThat(vm.status().get()).isEqualTo("Saved.");
        assertThat(vm.errors().isEmpty()).isTrue();
        ReportMailboxViewModel again = vm();
        assertThat(again.host().get()).isEqualTo("imap.acme.example");
        assertThat(again.passwordPrompt().get()).isEqualTo("(stored; type to change)");
        assertThat(again.mailboxReady().get()).isTrue();
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void fieldProblemsAreShownNextToTheirFields() {
        ReportMailboxViewModel vm = vm();
        vm.port().set("imap");
        vm.save();
        assertThat(vm.errors().get("port")).isEqualTo("A port is a number from 1 to 65535.");

        vm.port().set("993");
        vm.host().set("");
        vm.save();
        assertThat(vm.errors().get("port")).isEmpty();
        assertThat(vm.errors().get("host")).isNotEmpty();
        assertThat(vm.status().get()).isNotEqualTo("Saved.");
    }

    @Test
    void importsFilesWithASummaryAndACancelMidImportLeavesTheStoreWorking() throws Exception {
        int reports = 40;
        Path mbox = dir.resolve("bounces.mbox");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < reports; i++) {
            sb.append(dsn(i));
        }
        Files.writeString(mbox, sb, StandardCharsets.UTF_8);
        ReportMailboxViewModel vm = vm();

        runner.cancelAfterUpdates(5);
        vm.importFiles(List.of(mbox));
        assertThat(vm.reading().get()).isFalse();
        assertThat(vm.progressText().get()).isEqualTo("Stopped.");
        assertThat(vm.summary().get()).contains("(stopped; the rest wait for the next read)");

        vm.importFiles(List.of(mbox));
        assertThat(vm.progressText().get()).isEqualTo("Done.");
        assertThat(vm.progress().get()).isEqualTo(1.0);
        assertThat(vm.summary().get()).contains("read before").doesNotContain("stopped");
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aFailedImportIsReportedInWordsAndTheButtonsComeBack() {
        ReportMailboxViewModel vm = new ReportMailboxViewModel(
                s.reportMailbox(),
                files -> {
                    throw new dev.mailroom.model.common.ExternalFailure("The files cannot be opened.");
                },
                runner,
                owner);
        vm.tenant().set(acme.id());
        vm.refresh();
        vm.importFiles(List.of(dir.resolve("x.eml")));
        assertThat(vm.reading().get()).isFalse();
        assertThat(vm.progressText().get()).isEmpty();
        assertThat(runner.reported()).containsExactly("Could not import the files: The files cannot be opened.");
    }

    private static String dsn(int i) {
        String boundary = "b" + i;
        return "From MAILER-DAEMON Mon Nov  2 09:00:00 2026\n"
                + "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
                + "To: bounces@acme.example\n"
                + "Subject: Undelivered Mail Returned to Sender\n"
                + "Message-ID: <dsn-" + i + "@mx.example.net>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\n"
                + "\n--" + boundary + "\nContent-Type: text/plain\n\nYour message could not be delivered.\n\n"
                + "--" + boundary + "\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n"
                + "Final-Recipient: rfc822; gone" + i + "@example.org\nAction: failed\nStatus: 5.1.1\n\n"
                + "--" + boundary + "--\n\n";
    }

    @Test
    void dmarcAndTlsReportsAmongTheMessagesAreCountedInTheirOwnLine() throws Exception {
        s.domains()
                .add(
                        owner,
                        acme.id(),
                        "tryacme.com",
                        dev.mailroom.model.domains.RecordPlanSettings.builtIn(
                                "include:_spf.relay.example", "bounces.relay.example"),
                        java.util.Set.of(dev.mailroom.model.domains.dkim.DkimAlgorithm.RSA));
        Path dmarc = dir.resolve("dmarc.eml");
        Files.writeString(dmarc, dmarcMail(), StandardCharsets.UTF_8);
        Path tls = dir.resolve("tls.eml");
        Files.writeString(tls, tlsMail(), StandardCharsets.UTF_8);
        Path bounces = dir.resolve("bounce.eml");
        Files.writeString(bounces, dsn(1).substring(dsn(1).indexOf('\n') + 1), StandardCharsets.UTF_8);
        ReportMailboxViewModel vm = vm();

        vm.importFiles(List.of(dmarc, tls, bounces));
        assertThat(vm.progressText().get()).isEqualTo("Done.");
        assertThat(vm.summary().get()).startsWith("1 bounce,").doesNotContain("DMARC");
        assertThat(vm.reports().get()).isEqualTo("DMARC reports: 1 imported; TLS reports: 1 imported.");
        assertThat(s.dmarc().domains(owner, acme.id())).containsExactly("tryacme.com");

        vm.importFiles(List.of(dmarc, tls));
        assertThat(vm.reports().get())
                .isEqualTo("DMARC reports: 0 imported, 1 already there; TLS reports: 0 imported, 1 already there.");
        assertThat(runner.reported()).isEmpty();
    }

    /** A DMARC aggregate report e-mail whose XML is its body, for tryacme.com. */
    private static String dmarcMail() {
        return "From: dmarc@reporter.example\nTo: reports@tryacme.com\n"
                + "Subject: Report Domain: tryacme.com Submitter: reporter.example Report-ID: r-1\n"
                + "Message-ID: <r-1@reporter.example>\nMIME-Version: 1.0\nContent-Type: text/xml\n\n"
                + "<?xml version=\"1.0\"?>\n<feedback><report_metadata><org_name>reporter.example</org_name>"
                + "<email>dmarc@reporter.example</email><report_id>r-1</report_id><date_range><begin>1793000000</begin>"
                + "<end>1793086399</end></date_range></report_metadata><policy_published><domain>tryacme.com</domain>"
                + "<p>none</p></policy_published><record><row><source_ip>192.0.2.1</source_ip><count>3</count>"
                + "<policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf>"
                + "</policy_evaluated></row><identifiers><header_from>tryacme.com</header_from></identifiers>"
                + "<auth_results><dkim><domain>tryacme.com</domain><result>pass</result></dkim>"
                + "<spf><domain>tryacme.com</domain><result>pass</result></spf></auth_results></record></feedback>\n";
    }

    /** An SMTP TLS report e-mail (RFC 8460) with its JSON as an application/tlsrpt+json part. */
    private static String tlsMail() {
        return "From: tls@reporter.example\nTo: reports@tryacme.com\n"
                + "Subject: Report Domain: tryacme.com Submitter: reporter.example Report-ID: <t-1@reporter.example>\n"
                + "TLS-Report-Domain: tryacme.com\nTLS-Report-Submitter: reporter.example\n"
                + "Message-ID: <t-1@reporter.example>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=tlsrpt; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain\n\nA TLS report.\n"
                + "--b\nContent-Type: application/tlsrpt+json\nContent-Disposition: attachment; filename=\"t.json\"\n\n"
                + "{\"organization-name\": \"Reporter\", \"report-id\": \"t-1\", \"date-range\": "
                + "{\"start-datetime\": \"2026-10-01T00:00:00Z\", \"end-datetime\": \"2026-10-01T23:59:59Z\"}, "
                + "\"policies\": [{\"policy\": {\"policy-type\": \"sts\", \"policy-domain\": \"tryacme.com\"}, "
                + "\"summary\": {\"total-successful-session-count\": 10, \"total-failure-session-count\": 1}, "
                + "\"failure-details\": [{\"result-type\": \"certificate-expired\", \"failed-session-count\": 1}]}]}\n"
                + "--b--\n";
    }
}
