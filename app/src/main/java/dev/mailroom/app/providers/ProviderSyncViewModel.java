package dev.mailroom.app.providers;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Job;
import dev.mailroom.app.common.Progress;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.ActivitySyncService;
import dev.mailroom.model.providers.ConnectionSync;
import dev.mailroom.model.providers.SuppressionImport;
import dev.mailroom.model.providers.SuppressionSyncService;
import dev.mailroom.model.providers.SyncReport;
import dev.mailroom.model.providers.SyncState;
import dev.mailroom.model.providers.WebhookImportService;
import dev.mailroom.model.sending.ConnectionId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Activity sync of a tenant's provider API connections, for the Connections page: each connection's status
 * in words (last sync, next, the last fault), "Sync now" with progress in words and Cancel (between pages).
 */
public final class ProviderSyncViewModel {
    /** One API connection's sync status as shown. */
    public record Row(ConnectionId id, String name, String lastSync, String nextSync, String status, boolean failing) {}

    private final ActivitySyncService sync;
    private final SuppressionSyncService suppressions;
    private final WebhookImportService webhooks;
    private final BackgroundRunner runner;
    private final Supplier<Actor> actor;
    private final Clock clock;
    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final BooleanProperty syncing = new SimpleBooleanProperty(false);
    private final StringProperty progressText = new SimpleStringProperty("");
    private final StringProperty result = new SimpleStringProperty("");
    private Job running;

    /** @param actor who acts now (read at each call: acting as someone changes it) */
    public ProviderSyncViewModel(
            ActivitySyncService sync,
            SuppressionSyncService suppressions,
            WebhookImportService webhooks,
            BackgroundRunner runner,
            Supplier<Actor> actor,
            Clock clock) {
        this.sync = sync;
        this.webhooks = webhooks;
        this.suppressions = suppressions;
        this.runner = runner;
        this.actor = actor;
        this.clock = clock;
    }

    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public BooleanProperty syncing() {
        return syncing;
    }

    public StringProperty progressText() {
        return progressText;
    }

    /** The last sync's outcome in one sentence. */
    public StringProperty result() {
        return result;
    }

    public Optional<Row> row(ConnectionId id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public void refresh() {
        TenantId t = tenant.get();
        if (t == null) {
            rows.clear();
            return;
        }
        Actor who = actor.get();
        runner.run(Task.of("Loading sync status", p -> sync.statuses(who, t), list -> {
            if (t.equals(tenant.get())) {
                Instant now = clock.instant();
                rows.setAll(list.stream().map(cs -> row(cs, now)).toList());
            }
        }));
    }

    /** Syncs one connection now; progress and the outcome arrive in words. */
    public void syncNow(ConnectionId id) {
        TenantId t = tenant.get();
        if (t == null || syncing.get()) {
            return;
        }
        Actor who = actor.get();
        syncing.set(true);
        result.set("");
        progressText.unbind();
        progressText.set("Starting the sync…");
        String title = "Syncing provider activity";
        Job job = runner.run(Task.<SyncReport>of(
                        title,
                        (Progress p) -> sync.syncNow(who, t, id, words -> p.update(-1, -1, words), p.cancellation()),
                        report -> {
                            finished();
                            result.set(report.words());
                            refresh();
                        },
                        e -> {
                            finished();
                            runner.reporter().report("Syncing provider activity did not finish", e);
                        })
                .withCancel());
        if (syncing.get() && job != null) {
            running = job;
            progressText.bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> job.message().get().equals(title)
                            ? "Starting the sync…"
                            : job.message().get(),
                    job.message()));
        }
    }

    /** Imports the provider account's suppression lists into this client's suppressions, with progress and Cancel. */
    public void importSuppressions(ConnectionId id) {
        TenantId t = tenant.get();
        if (t == null || syncing.get()) {
            return;
        }
        Actor who = actor.get();
        syncing.set(true);
        result.set("");
        progressText.unbind();
        progressText.set("Reading the provider's suppression lists…");
        String title = "Importing provider suppressions";
        Job job = runner.run(Task.<SuppressionImport>of(
                        title,
                        (Progress p) ->
                                suppressions.importNow(who, t, id, words -> p.update(-1, -1, words), p.cancellation()),
                        report -> {
                            finished();
                            result.set(report.words());
                        },
                        e -> {
                            finished();
                            runner.reporter().report("Importing provider suppressions did not finish", e);
                        })
                .withCancel());
        if (syncing.get() && job != null) {
            running = job;
            progressText.bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> job.message().get().equals(title)
                            ? "Reading the provider's suppression lists…"
                            : job.message().get(),
                    job.message()));
        }
    }

    /**
     * Imports a file of saved webhook deliveries into this client's events; {@code key} (the provider's signing
     * secret or verification key, blank for none) is used for this import only. The outcome arrives in words.
     */
    public void importWebhooks(ConnectionId id, java.nio.file.Path file, String key) {
        TenantId t = tenant.get();
        if (t == null || syncing.get()) {
            return;
        }
        Actor who = actor.get();
        syncing.set(true);
        result.set("");
        progressText.unbind();
        progressText.set("Reading " + file.getFileName() + "…");
        runner.run(Task.of(
                "Importing " + file.getFileName(),
                p -> {
                    if (java.nio.file.Files.size(file) > WebhookImportService.MAX_FILE_BYTES) {
                        throw new dev.mailroom.model.common.InvalidInput(
                                "file",
                                file.getFileName() + " is larger than "
                                        + WebhookImportService.MAX_FILE_BYTES / (1024 * 1024)
                                        + " MB; split it and import the parts.");
                    }
                    byte[] bytes = java.nio.file.Files.readAllBytes(file);
                    return webhooks.importFile(
                            who, t, id, bytes, Optional.ofNullable(key).filter(k -> !k.isBlank()));
                },
                report -> {
                    finished();
                    result.set(report.words());
                    refresh();
                },
                e -> {
                    finished();
                    runner.reporter().report("Could not import " + file.getFileName(), e);
                }));
    }

    /** Stops after the page being read; what was read stays recorded and the next sync continues. */
    public void cancel() {
        if (running != null) {
            running.cancel();
            progressText.unbind();
            progressText.set("Stopping after the current page…");
        }
    }

    private void finished() {
        syncing.set(false);
        running = null;
        progressText.unbind();
        progressText.set("");
    }

    static Row row(ConnectionSync cs, Instant now) {
        SyncState s = cs.state();
        String last = s.lastSyncAt().map(at -> "Last synced " + ago(at, now)).orElse("Never synced");
        String next = s.nextSyncAt()
                .map(at -> at.isAfter(now) ? "next sync " + in(at, now) : "next sync due now")
                .orElse("first sync due now");
        String status;
        if (s.lastError().isPresent()) {
            status = (s.failures() > 1 ? s.failures() + " failures in a row. " : "")
                    + s.lastError().get();
        } else if (s.lastSyncAt().isEmpty()) {
            status = "Not synced yet: the first sync reads the last 7 days.";
        } else {
            status = "Up to date"
                    + s.lastSuccessAt().map(at -> " as of " + ago(at, now)).orElse("") + "; " + s.eventsRecorded()
                    + " events recorded in all.";
        }
        return new Row(
                cs.connection().id(),
                cs.connection().name(),
                last,
                next,
                status,
                s.lastError().isPresent());
    }

    static String ago(Instant at, Instant now) {
        Duration d = Duration.between(at, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "just now";
        }
        return span(d) + " ago";
    }

    static String in(Instant at, Instant now) {
        Duration d = Duration.between(now, at);
        return d.toSeconds() < 60 ? "in under a minute" : "in " + span(d);
    }

    private static String span(Duration d) {
        long m = d.toMinutes();
        if (m < 60) {
            return m == 1 ? "1 minute" : m + " minutes";
        }
        long h = d.toHours();
        if (h < 48) {
            return h == 1 ? "1 hour" : h + " hours";
        }
        return d.toDays() + " days";
    }
}
