package dev.mailroom.app.analytics;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.activity.EventRetentionService;
import dev.mailroom.model.activity.RetentionRun;
import dev.mailroom.model.common.Actor;
import java.time.Duration;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops raw events past the retention period once a day while the console runs, in the tenants the
 * signed-in person may edit (the use case checks). First a few minutes after sign-in, so start-up stays
 * light; the work runs in the background with progress and Cancel in the status bar, like any job.
 */
public final class ScheduledEventRetention {
    private static final Logger log = LoggerFactory.getLogger(ScheduledEventRetention.class);

    private final EventRetentionService retention;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final Consumer<RetentionRun> onFinished;
    private final Timeline timeline;
    private boolean running;

    public ScheduledEventRetention(
            EventRetentionService retention,
            Actor actor,
            BackgroundRunner runner,
            Duration every,
            Consumer<RetentionRun> onFinished) {
        this.retention = retention;
        this.actor = actor;
        this.runner = runner;
        this.onFinished = onFinished;
        this.timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(every.toMillis()), e -> runNow()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.setDelay(javafx.util.Duration.minutes(3));
    }

    public void start() {
        timeline.play();
    }

    public void stop() {
        timeline.stop();
    }

    /** One run; skipped when the previous one is still going. */
    void runNow() {
        if (running) {
            return;
        }
        running = true;
        runner.run(Task.of(
                        "Dropping old raw events",
                        p -> retention.dropExpired(
                                actor,
                                (done, total, tenant) -> p.update(
                                        done,
                                        total,
                                        tenant.isEmpty()
                                                ? "Old raw events dropped"
                                                : "Dropping old raw events: " + tenant),
                                p::isCancelled),
                        run -> {
                            running = false;
                            log.info(
                                    "Event retention: {} raw events from before {} dropped in {} tenants{}",
                                    run.dropped(),
                                    run.cutoff(),
                                    run.tenants(),
                                    run.cancelled() ? " (cancelled)" : "");
                            onFinished.accept(run);
                        },
                        e -> {
                            running = false;
                            log.warn("Event retention did not finish: {}", e.getMessage());
                        })
                .withCancel());
    }
}
