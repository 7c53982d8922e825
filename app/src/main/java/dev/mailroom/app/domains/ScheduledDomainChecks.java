package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.domains.Cancellation;
import dev.mailroom.model.domains.CheckAllResult;
import dev.mailroom.model.domains.DomainCheckResult;
import dev.mailroom.model.domains.DomainService;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks every domain the signed-in person may see while the console runs: a minute after
 * sign-in (not at start-up, which stays light), then every {@code every}. The timer only fires on the
 * FX thread; the look-ups run in the background like any other job and can be cancelled from the
 * status bar. Records that broke are handed to {@code onBroke} so the window can say so.
 */
public final class ScheduledDomainChecks {
    private static final Logger log = LoggerFactory.getLogger(ScheduledDomainChecks.class);
    private static final int PARALLELISM = 8;

    private final DomainService domains;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final Consumer<CheckAllResult> onFinished;
    private final Timeline timeline;
    private boolean running;

    public ScheduledDomainChecks(DomainService domains, Actor actor, BackgroundRunner runner, Duration every,
            Consumer<CheckAllResult> onFinished) {
        this.domains = domains;
        this.actor = actor;
        this.runner = runner;
        this.onFinished = onFinished;
        this.timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(every.toMillis()), e -> checkNow()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.setDelay(javafx.util.Duration.minutes(1));
    }

    public void start() {
        timeline.play();
    }

    public void stop() {
        timeline.stop();
    }

    /** One scheduled round; skipped when the previous one is still running. */
    void checkNow() {
        if (running) {
            return;
        }
        running = true;
        runner.run(Task.of("Scheduled DNS check", p -> {
            Cancellation cancel = new Cancellation();
            return domains.checkAll(actor, PARALLELISM, Optional.empty(), (done, total, latest) -> {
                if (p.isCancelled()) {
                    cancel.cancel();
                }
                p.update(done, total, "Scheduled DNS check: " + done + " of " + total);
            }, cancel);
        }, result -> {
            running = false;
            long broke = result.results().stream().filter(r -> !r.broke().isEmpty()).count();
            log.info("Scheduled DNS check: {} domains, {} with records that broke", result.total(), broke);
            onFinished.accept(result);
        }, e -> {
            running = false;
            log.warn("Scheduled DNS check did not finish: {}", e.getMessage());
        }).withCancel());
    }

    /** "getacme.com: DKIM, SPF" for each domain whose records broke, for a notice. */
    public static String describeBroken(CheckAllResult result) {
        StringBuilder sb = new StringBuilder();
        for (DomainCheckResult r : result.results()) {
            if (!r.broke().isEmpty()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(r.domain().name().unicode()).append(": ")
                        .append(String.join(", ", r.broke().stream().map(c -> c.record().kind().toString()).toList()));
            }
        }
        return sb.toString();
    }
}
