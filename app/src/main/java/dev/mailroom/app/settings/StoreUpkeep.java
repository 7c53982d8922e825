package dev.mailroom.app.settings;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.store.StoreMaintenanceService;
import java.time.Duration;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compacts the store a little while the console is idle (no other job running), when less than half of the
 * file is data: every 20 minutes, for at most 20 seconds, in the background with Cancel in the status bar.
 */
public final class StoreUpkeep {
    private static final Logger log = LoggerFactory.getLogger(StoreUpkeep.class);
    static final Duration BUDGET = Duration.ofSeconds(20);

    private final StoreMaintenanceService maintenance;
    private final BackgroundRunner runner;
    private final Timeline timeline;

    public StoreUpkeep(StoreMaintenanceService maintenance, BackgroundRunner runner, Duration every) {
        this.maintenance = maintenance;
        this.runner = runner;
        this.timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(every.toMillis()), e -> runNow()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.setDelay(javafx.util.Duration.minutes(5));
    }

    public void start() {
        timeline.play();
    }

    public void stop() {
        timeline.stop();
    }

    /** One round, only when no job runs (a send, an import, or the previous round, which is a job too). */
    void runNow() {
        if (!runner.jobs().isEmpty()) {
            return;
        }
        runner.run(Task.of(
                        "Compacting the store",
                        p -> maintenance.compactIfWorthIt(BUDGET, p::isCancelled),
                        done -> done.ifPresent(c -> log.info(
                                "Store compacted while idle: {} -> {} bytes in {} ms",
                                c.before().fileBytes(),
                                c.after().fileBytes(),
                                c.took().toMillis())),
                        e -> log.warn("Idle store compaction did not finish: {}", e.getMessage()))
                .withCancel());
    }
}
