package dev.mailroom.app.providers;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.ActivitySyncService;
import dev.mailroom.model.providers.ProviderKeyService;
import dev.mailroom.model.providers.SyncReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs provider activity while the console runs: every few minutes, each API connection whose next sync
 * is due ({@link ActivitySyncService#INTERVAL} after the last, later after faults), in the tenants where
 * the signed-in person may manage connections; then the provider keys whose rotation grace has ended are
 * revoked (where the person manages credentials), so an old key does not outlive its grace because nobody
 * opened its list. The timer fires on the FX thread; the work runs in the background with progress and
 * Cancel in the status bar, like any job.
 */
public final class ScheduledProviderSync {
    private static final Logger log = LoggerFactory.getLogger(ScheduledProviderSync.class);

    private final ActivitySyncService sync;
    private final ProviderKeyService keys;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final Supplier<List<TenantId>> tenants;
    private final Supplier<List<TenantId>> keyTenants;
    private final Timeline timeline;
    private boolean running;

    /**
     * @param tenants the tenants where the person may manage connections (in memory: read on the FX thread)
     * @param keyTenants the tenants where the person may manage credentials (the same way)
     */
    public ScheduledProviderSync(
            ActivitySyncService sync,
            ProviderKeyService keys,
            Actor actor,
            BackgroundRunner runner,
            Duration every,
            Supplier<List<TenantId>> tenants,
            Supplier<List<TenantId>> keyTenants) {
        this.sync = sync;
        this.keys = keys;
        this.actor = actor;
        this.runner = runner;
        this.tenants = tenants;
        this.keyTenants = keyTenants;
        this.timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(every.toMillis()), e -> runNow()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.setDelay(javafx.util.Duration.minutes(2));
    }

    public void start() {
        timeline.play();
    }

    public void stop() {
        timeline.stop();
    }

    /** One round; skipped while the previous one runs. */
    void runNow() {
        if (running) {
            return;
        }
        List<TenantId> mine = List.copyOf(tenants.get());
        List<TenantId> mineForKeys = List.copyOf(keyTenants.get());
        if (mine.isEmpty() && mineForKeys.isEmpty()) {
            return;
        }
        running = true;
        runner.run(Task.<List<SyncReport>>of(
                        "Scheduled provider sync",
                        p -> round(
                                sync,
                                keys,
                                actor,
                                mine,
                                mineForKeys,
                                words -> p.update(-1, -1, words),
                                p.cancellation()),
                        reports -> {
                            running = false;
                            reports.forEach(r -> log.info("Provider sync: {}", r.words()));
                        },
                        e -> {
                            running = false;
                            log.warn("Scheduled provider sync did not finish: {}", e.getMessage());
                        })
                .withCancel());
    }

    /** One round's work, off the FX thread: the due syncs, then the keys whose rotation grace has ended. */
    static List<SyncReport> round(
            ActivitySyncService sync,
            ProviderKeyService keys,
            Actor actor,
            List<TenantId> syncTenants,
            List<TenantId> keyTenants,
            Consumer<String> progress,
            Cancellation cancel) {
        List<SyncReport> all = new ArrayList<>();
        for (TenantId t : syncTenants) {
            if (cancel.isCancelled()) {
                return all;
            }
            all.addAll(sync.syncDue(actor, t, progress, cancel));
        }
        for (TenantId t : keyTenants) {
            if (cancel.isCancelled()) {
                break;
            }
            try {
                int revoked = keys.finishRotations(actor, t);
                if (revoked > 0) {
                    log.info("Provider keys: {} old key(s) revoked after their rotation grace", revoked);
                }
            } catch (RuntimeException e) {
                // one client's refusal or fault must not stop the others; the next round tries again
                log.warn("Finishing key rotations did not finish: {}", e.getMessage());
            }
        }
        return all;
    }
}
