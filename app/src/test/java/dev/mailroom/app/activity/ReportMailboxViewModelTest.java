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
}
