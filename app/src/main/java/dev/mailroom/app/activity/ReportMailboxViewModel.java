package dev.mailroom.app.activity;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Job;
import dev.mailroom.app.common.Progress;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.ImapSecurity;
import dev.mailroom.model.suppressions.MailboxPassword;
import dev.mailroom.model.suppressions.MailboxReadSummary;
import dev.mailroom.model.suppressions.MailboxReader;
import dev.mailroom.model.suppressions.ReportFiles;
import dev.mailroom.model.suppressions.ReportMailbox;
import dev.mailroom.model.suppressions.ReportMailboxService;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Tenant › Bounce mailbox without a window: the IMAP settings of this client's (or the agency's)
 * report mailbox with field errors, "Test connection", and "Read now" / "Import files" with progress,
 * Cancel (cooperative: the read stops after the message it is recording) and the summary. Files are
 * opened through the {@link ReportFiles} port the composition root hands in; the view model never
 * builds an adapter.
 */
public final class ReportMailboxViewModel {
    /** -1: the bar shows "working" without a fraction. */
    public static final double INDETERMINATE = -1;

    private final ReportMailboxService service;
    private final Function<List<Path>, ReportFiles> openFiles;
    private final BackgroundRunner runner;
    private final Actor actor;

    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    private final BooleanProperty agencyScope = new SimpleBooleanProperty();
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("993");
    private final ObjectProperty<ImapSecurity> security = new SimpleObjectProperty<>(ImapSecurity.IMPLICIT_TLS);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty passwordPrompt = new SimpleStringProperty("");
    private final StringProperty folder = new SimpleStringProperty("INBOX");
    private final FieldErrors errors =
            new FieldErrors(Set.of("host", "port", "security", "username", "password", "folder"));
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty mayConfigure = new SimpleBooleanProperty();
    private final BooleanProperty mayRead = new SimpleBooleanProperty();
    private final BooleanProperty mailboxReady = new SimpleBooleanProperty();
    private final BooleanProperty reading = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty problems = new SimpleStringProperty("");
    private final StringProperty reports = new SimpleStringProperty("");
    private Job running;

    public ReportMailboxViewModel(
            ReportMailboxService service,
            Function<List<Path>, ReportFiles> openFiles,
            BackgroundRunner runner,
            Actor actor) {
        this.service = service;
        this.openFiles = openFiles;
        this.runner = runner;
        this.actor = actor;
        // The port follows the security while it still shows the old one's default.
        security.addListener((o, was, s) -> {
            if (s != null
                    && (port.get().isBlank()
                            || (was != null && port.get().equals(Integer.toString(was.defaultPort()))))) {
                port.set(Integer.toString(s.defaultPort()));
            }
        });
    }

    // --- state the view binds

    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    /** The agency owner's choice: the agency's mailbox (all clients) instead of this client's. */
    public BooleanProperty agencyScope() {
        return agencyScope;
    }

    public StringProperty host() {
        return host;
    }

    public StringProperty port() {
        return port;
    }

    public ObjectProperty<ImapSecurity> security() {
        return security;
    }

    public StringProperty username() {
        return username;
    }

    public StringProperty password() {
        return password;
    }

    /** "(stored; type to change)" when a password is stored. */
    public StringProperty passwordPrompt() {
        return passwordPrompt;
    }

    public StringProperty folder() {
        return folder;
    }

    public FieldErrors errors() {
        return errors;
    }

    /** "Saved.", "Connecting to …", "Signed in; … holds 12 messages." */
    public StringProperty status() {
        return status;
    }

    public BooleanProperty mayConfigure() {
        return mayConfigure;
    }

    /** The person may import files into this scope. */
    public BooleanProperty mayRead() {
        return mayRead;
    }

    /** A mailbox is set up here and this person may read it: "Read now" can work. */
    public BooleanProperty mailboxReady() {
        return mailboxReady;
    }

    public BooleanProperty reading() {
        return reading;
    }

    /** 0..1, or {@link #INDETERMINATE}. */
    public DoubleProperty progress() {
        return progress;
    }

    public StringProperty progressText() {
        return progressText;
    }

    public StringProperty summary() {
        return summary;
    }

    /**
     * After a read that met DMARC aggregate or SMTP TLS reports: "DMARC reports: 2 imported, 1 already
     * there, 1 refused; TLS reports: 1 imported"; empty otherwise.
     */
    public StringProperty reports() {
        return reports;
    }

    public StringProperty problems() {
        return problems;
    }

    Optional<TenantId> scope() {
        return agencyScope.get() ? Optional.empty() : Optional.ofNullable(tenant.get());
    }

    // --- commands

    public void refresh() {
        refresh(() -> {});
    }

    /** Reloads, then runs {@code then} (a message that must outlive the reload). */
    private void refresh(Runnable then) {
        Optional<TenantId> s = scope();
        if (s.isEmpty() && !agencyScope.get()) {
            return;
        }
        errors.clear();
        record Loaded(Optional<ReportMailbox> mailbox, boolean configure, boolean read, boolean hasPassword) {}
        runner.run(Task.of(
                "Loading the bounce mailbox",
                p -> {
                    boolean configure = service.mayConfigure(actor, s);
                    boolean read = service.mayRead(actor, s);
                    Optional<ReportMailbox> m = service.find(actor, s);
                    return new Loaded(m, configure, read, configure && service.hasPassword(actor, s));
                },
                l -> {
                    l.mailbox()
                            .ifPresentOrElse(
                                    m -> {
                                        host.set(m.host());
                                        security.set(m.security());
                                        port.set(Integer.toString(m.port()));
                                        username.set(m.username());
                                        folder.set(m.folder());
                                    },
                                    () -> {
                                        host.set("");
                                        username.set("");
                                        folder.set("INBOX");
                                    });
                    password.set("");
                    passwordPrompt.set(l.hasPassword() ? "(stored; type to change)" : "");
                    mayConfigure.set(l.configure());
                    status.set(l.configure() ? "" : "Only an Admin or Owner of this client changes these settings.");
                    mailboxReady.set(l.read() && l.mailbox().isPresent());
                    mayRead.set(l.read());
                    if (l.mailbox().isEmpty()) {
                        summary.set("No mailbox set up yet. Enter the mailbox your bounces go to (the Return-Path of "
                                + "your mail), then Save.");
                    }
                    then.run();
                }));
    }

    private Optional<ReportMailbox> draft() {
        errors.clear();
        int p;
        try {
            p = Integer.parseInt(port.get().strip());
        } catch (NumberFormatException e) {
            errors.show(new InvalidInput("port", "A port is a number from 1 to 65535."));
            return Optional.empty();
        }
        return Optional.of(new ReportMailbox(scope(), host.get(), p, security.get(), username.get(), folder.get()));
    }

    public void save() {
        draft().ifPresent(m -> {
            MailboxPassword secret = MailboxPassword.of(password.get());
            runner.run(Task.of(
                    "Saving the bounce mailbox",
                    p -> service.save(actor, m, secret),
                    saved -> refresh(() -> status.set("Saved.")),
                    e -> {
                        errors.show(e);
                        if (!(e instanceof dev.mailroom.model.common.MailroomException)) {
                            runner.reporter().report("Could not save the bounce mailbox", e);
                        }
                    }));
        });
    }

    public void test() {
        draft().ifPresent(m -> {
            MailboxPassword secret = MailboxPassword.of(password.get());
            status.set("Connecting to " + m.host() + "…");
            runner.run(Task.of(
                    "Testing " + m.host(),
                    p -> service.test(actor, m, secret),
                    n -> status.set("Signed in; \"" + m.folder() + "\" holds " + Formats.count(n)
                            + (n == 1 ? " message." : " messages.")),
                    e -> {
                        status.set("");
                        errors.show(e);
                    }));
        });
    }

    public void readNow() {
        startReading(
                "Reading the bounce mailbox",
                "Connecting…",
                INDETERMINATE,
                "Could not read the bounce mailbox",
                (done, total) -> Formats.count(done) + " of " + Formats.count(total) + " messages",
                (s, progress, c) -> service.readNow(actor, s, progress, c));
    }

    /** Reads .eml and mbox files with the same progress, cancel and summary as a mailbox read. */
    public void importFiles(List<Path> chosen) {
        if (chosen.isEmpty()) {
            return;
        }
        String line = "Reading " + chosen.size() + (chosen.size() == 1 ? " file…" : " files…");
        List<Path> paths = List.copyOf(chosen);
        startReading(
                "Importing bounce files",
                line,
                0,
                "Could not import the files",
                (done, total) -> line,
                (s, progress, c) -> service.importFiles(actor, s, openFiles.apply(paths), progress, c));
    }

    /** Cancel: the read stops after the message it is recording; what was read stays recorded. */
    public void cancel() {
        if (running != null && reading.get()) {
            running.cancel();
            progressText.unbind();
            progressText.set("Stopping after the current message…");
        }
    }

    /** One read of reports (mailbox or files) into the current scope. */
    @FunctionalInterface
    private interface Reading {
        MailboxReadSummary run(Optional<TenantId> scope, MailboxReader.Progress progress, Cancellation cancel);
    }

    private void startReading(
            String title,
            String starting,
            double startProgress,
            String failure,
            BiFunction<Integer, Integer, String> progressLine,
            Reading read) {
        Optional<TenantId> s = scope();
        reading.set(true);
        progress.set(startProgress);
        progressText.set(starting);
        summary.set("");
        problems.set("");
        reports.set("");
        Job job = runner.run(Task.<MailboxReadSummary>of(
                        title,
                        (Progress p) -> read.run(
                                s,
                                (done, total) -> {
                                    if (!p.isCancelled()) {
                                        p.update(done, total, progressLine.apply(done, total));
                                    }
                                },
                                p.cancellation()),
                        this::finished,
                        e -> {
                            stopped();
                            progress.set(0);
                            progressText.set("");
                            runner.reporter().report(failure, e);
                        })
                .withCancel());
        if (reading.get() && job != null) {
            // The job's progress arrives on the FX thread; the text follows it until the read ends.
            running = job;
            progress.bind(javafx.beans.binding.Bindings.createDoubleBinding(
                    () -> job.progress().get() < 0 && startProgress == 0
                            ? 0
                            : job.progress().get(),
                    job.progress()));
            progressText.bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> job.message().get().equals(title)
                            ? starting
                            : job.message().get(),
                    job.message()));
        }
    }

    private void finished(MailboxReadSummary s) {
        double last = progress.get();
        stopped();
        progress.set(s.cancelled() ? last : 1);
        progressText.set(s.cancelled() ? "Stopped." : "Done.");
        summary.set(s.messagesLine() + ". " + s.eventsRecorded() + (s.eventsRecorded() == 1 ? " event" : " events")
                + " recorded" + (s.unmatched() > 0 ? "; " + s.unmatched() + " recipients matched no message sent" : "")
                + ".");
        reports.set(s.reportsLine().isEmpty() ? "" : s.reportsLine() + ".");
        problems.set(s.problems().isEmpty() ? "" : "Not read: " + String.join("; ", s.problems()));
    }

    private void stopped() {
        progress.unbind();
        progressText.unbind();
        running = null;
        reading.set(false);
    }
}
