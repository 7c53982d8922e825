package dev.mailroom.app.settings;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.store.StoreMaintenanceService;
import dev.mailroom.model.store.StoreMaintenanceService.Compaction;
import dev.mailroom.model.store.StoreSpace;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Settings › Store: how big the store file is and how much of it is data, and "Compact now" for the agency
 * owner, run in the background with progress and Cancel in the status bar.
 */
public final class StoreViewModel {
    private final StoreMaintenanceService maintenance;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final boolean mayCompact;
    private final ReadOnlyStringWrapper size = new ReadOnlyStringWrapper("Size: measuring…");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper compactable = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();

    /** {@code mayCompact}: the agency owner signed in as themself (the use case checks again). */
    public StoreViewModel(
            StoreMaintenanceService maintenance, BackgroundRunner runner, Actor actor, boolean mayCompact) {
        this.maintenance = maintenance;
        this.runner = runner;
        this.actor = actor;
        this.mayCompact = mayCompact;
    }

    public void load() {
        runner.run(Task.of("Measuring the store", p -> maintenance.space(), this::show, e -> {
            size.set("Size: could not be measured. " + e.getMessage());
            compactable.set(false);
        }));
    }

    public void compact() {
        if (busy.get() || !compactable.get()) {
            return;
        }
        busy.set(true);
        outcome.set("Compacting…");
        runner.run(Task.of(
                        "Compacting the store",
                        p -> maintenance.compactNow(
                                actor,
                                (start, now) -> p.update(
                                        Math.max(0, start.fileBytes() - now.fileBytes()),
                                        Math.max(1, start.reclaimable()),
                                        "Compacting the store: " + SettingsWindow.bytes(now.fileBytes()) + " of "
                                                + SettingsWindow.bytes(start.fileBytes())),
                                p::isCancelled),
                        done -> {
                            busy.set(false);
                            outcome.set(words(done));
                            show(Optional.of(done.after()));
                        },
                        e -> {
                            busy.set(false);
                            outcome.set(
                                    e instanceof java.util.concurrent.CancellationException
                                            ? "Compaction cancelled; what was compacted stays so."
                                            : e.getMessage());
                            load();
                        })
                .withCancel());
    }

    private void show(Optional<StoreSpace> space) {
        if (space.isEmpty()) {
            size.set("Size: kept by the database server, which manages its own space.");
            compactable.set(false);
            return;
        }
        StoreSpace s = space.get();
        size.set("Size on disk: " + SettingsWindow.bytes(s.fileBytes()) + ", of which about "
                + SettingsWindow.bytes(s.liveBytes()) + " is data."
                + (s.worthCompacting()
                        ? " Compacting would give back up to " + SettingsWindow.bytes(s.reclaimable()) + "."
                        : ""));
        compactable.set(mayCompact);
    }

    static String words(Compaction done) {
        String sizes = SettingsWindow.bytes(done.before().fileBytes()) + " → "
                + SettingsWindow.bytes(done.after().fileBytes());
        String took = String.format(java.util.Locale.ROOT, "%.1f s", done.took().toMillis() / 1000.0);
        if (done.freed() == 0) {
            return "Compacted in " + took + ": nothing to give back (" + sizes + ").";
        }
        String rest = done.stoppedEarly()
                ? "; stopped before the end, run it again to go on."
                : StoreMaintenanceService.givenBackAtExit(done.after())
                        ? ". H2 cannot move the rest while the store is open: it comes back when Mailroom closes."
                        : ".";
        return "Compacted in " + took + ": " + sizes + rest;
    }

    public ReadOnlyStringProperty size() {
        return size.getReadOnlyProperty();
    }

    /** What the last "Compact now" did, or why it could not. */
    public ReadOnlyStringProperty outcome() {
        return outcome.getReadOnlyProperty();
    }

    /** An H2 store and a person who may compact it. */
    public ReadOnlyBooleanProperty compactable() {
        return compactable.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    public boolean mayCompact() {
        return mayCompact;
    }
}
