package dev.mailroom.app.providers;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.ActivitySyncService;
import dev.mailroom.model.providers.SyncReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syncs provider activity while the console runs: every few minutes, each API connection whose next sync
 * is due ({@link ActivitySyncService#INTERVAL} after the last, later after faults), in the tenants where
 * the signed-in person may manage connections. The timer fires on the FX thread; the syncs run in the
 * background with progress and Cancel in the status bar, like any job.
 */
public final class ScheduledProviderSync {
    private static final Logger log = LoggerFactory.getLogger(ScheduledProviderSync.class);

    private final ActivitySyncService sync;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final Supplier<List<TenantId>> tenants;
    private final Timeline timeline;
    private boolean running;

    /** @param tenants the tenants where the person may manage connections (in memory: read on the FX thread) */
    public ScheduledProviderSync(
            ActivitySyncService sync,
            Actor actor,
            BackgroundRunner runner,
            Duration every,
            Supplier<List<TenantId>> tenants) {
        this.sync = sync;
        this.actor = actor;
        this.runner = runner;
        this.tenants = tenants;
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
        if (mine.isEmpty()) {
            return;
        }
        running = true;
        runner.run(Task.<List<SyncReport>>of(
                        "Scheduled provider sync",
                        p -> {
                            List<SyncReport> all = new ArrayList<>();
                            for (TenantId t : mine) {
                                if (p.isCancelled()) {
                                    break;
                                }
                                all.addAll(sync.syncDue(actor, t, words -> p.update(-1, -1, words), p.cancellation()));
                            }
                            return all;
                        },
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
}
