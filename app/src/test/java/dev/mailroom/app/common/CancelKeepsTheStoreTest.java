package dev.mailroom.app.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.mailer.activity.MailFiles;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.suppressions.MailboxReadSummary;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The status bar's Cancel on a long job that writes the store, pressed while it writes: the job stops
 * at its next step, its thread is never interrupted, and the next action uses the store as before
 * (docs/decisions/0020). Runs the console's own {@link FxBackgroundRunner}.
 */
class CancelKeepsTheStoreTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private FxBackgroundRunner runner;
    private final List<String> reported = new ArrayList<>();

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir, Instant.parse("2026-11-02T09:00:00Z"));
        store = world.store;
        s = world.services;
        owner = world.owner;
        acme = world.tenant("Acme");
        runner = new FxBackgroundRunner(2, (what, e) -> reported.add(what + ": " + e));
    }

    @AfterEach
    void close() {
        runner.shutdown();
        store.close();
    }

    /** Runs the task on the runner, presses Cancel from the job's own thread once it is writing, waits for the end. */
    private <T> Outcome<T> runAndCancelMidWrite(String title, Work<T> work) throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<Job> job = new AtomicReference<>();
        AtomicBoolean interrupted = new AtomicBoolean();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.runLater(() -> job.set(runner.run(Task.<T>of(
                        title,
                        p -> {
                            try {
                                return work.run(new Progress() {
                                    @Override
                                    public void update(long done, long total, String message) {
                                        p.update(done, total, message);
                                        if (done >= 3) {
                                            started.complete(null);
                                        }
                                    }

                                    @Override
                                    public dev.mailroom.model.common.Cancellation cancellation() {
                                        return p.cancellation();
                                    }
                                });
                            } finally {
                                interrupted.set(Thread.currentThread().isInterrupted());
                            }
                        },
                        r -> {
                            result.set(r);
                            ended.countDown();
                        },
                        e -> {
                            error.set(e);
                            ended.countDown();
                        })
                .withCancel())));
        started.get(60, TimeUnit.SECONDS);
        // The person presses Cancel in the status bar (on the FX thread) while the job is writing.
        Platform.runLater(() -> runner.jobs().forEach(Job::cancel));
        assertThat(ended.await(60, TimeUnit.SECONDS)).as("the job ended").isTrue();
        assertThat(job.get().cancelRequested()).isTrue();
        assertThat(interrupted.get()).as("the job's thread was interrupted").isFalse();
        return new Outcome<>(result.get(), error.get());
    }

    private record Outcome<T>(T result, Throwable error) {}

    @Test
    void cancellingASuppressionImportMidWriteLeavesTheStoreWorking() throws Exception {
        int rows = 2_000;
        Outcome<Integer> o = runAndCancelMidWrite("Importing suppressions", p -> {
            int done = 0;
            for (int i = 0; i < rows && !p.isCancelled(); i++) {
                s.suppressions().addManual(owner, acme.id(), "acme.example", "r" + i + "@example.org", "imported");
                p.update(++done, rows, null);
            }
            return done;
        });

        assertThat(o.error()).isNull();
        assertThat(o.result()).isBetween(3, rows - 1);
        // The next action works: the store is not closed.
        s.suppressions().addManual(owner, acme.id(), "acme.example", "after@example.org", "after cancel");
        assertThat(s.suppressions().list(owner, acme.id(), "acme.example")).hasSize(o.result() + 1);
        assertThat(reported).isEmpty();
    }

    @Test
    void cancellingABounceImportMidWriteLeavesTheStoreWorking() throws Exception {
        int reports = 400;
        Path mbox = dir.resolve("bounces.mbox");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < reports; i++) {
            sb.append(dsn(i));
        }
        Files.writeString(mbox, sb, StandardCharsets.UTF_8);

        Outcome<MailboxReadSummary> o = runAndCancelMidWrite(
                "Importing bounce files",
                p -> s.reportMailbox()
                        .importFiles(
                                owner,
                                Optional.of(acme.id()),
                                new MailFiles(List.of(mbox)),
                                (done, total) -> p.update(done, total, null),
                                p.cancellation()));

        assertThat(o.error()).isNull();
        assertThat(o.result().cancelled()).isTrue();
        assertThat(o.result().examined()).isBetween(1, reports - 1);
        assertThat(o.result().bounces()).isEqualTo(o.result().examined());
        // The next action works: the same import again records only what the first one did not reach.
        MailboxReadSummary again = s.reportMailbox()
                .importFiles(
                        owner,
                        Optional.of(acme.id()),
                        new MailFiles(List.of(mbox)),
                        (done, total) -> {},
                        new dev.mailroom.model.common.Cancellation());
        assertThat(again.cancelled()).isFalse();
        assertThat(again.examined()).isEqualTo(reports);
        assertThat(again.alreadyProcessed()).isEqualTo(o.result().examined());
    }

    /** An RFC 3464 delivery status notification, one mbox entry. */
    private static String dsn(int i) {
        String boundary = "b" + i;
        return "From MAILER-DAEMON Mon Nov  2 09:00:00 2026\n"
                + "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\n"
                + "To: bounces@acme.example\n"
                + "Subject: Undelivered Mail Returned to Sender\n"
                + "Message-ID: <dsn-" + i + "@mx.example.net>\n"
                + "MIME-Version: 1.0\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"" + boundary + "\"\n"
                + "\n"
                + "--" + boundary + "\n"
                + "Content-Type: text/plain\n\n"
                + "Your message could not be delivered.\n\n"
                + "--" + boundary + "\n"
                + "Content-Type: message/delivery-status\n\n"
                + "Reporting-MTA: dns; mx.example.net\n\n"
                + "Final-Recipient: rfc822; gone" + i + "@example.org\n"
                + "Action: failed\n"
                + "Status: 5.1.1\n"
                + "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n\n"
                + "--" + boundary + "--\n\n";
    }
}
