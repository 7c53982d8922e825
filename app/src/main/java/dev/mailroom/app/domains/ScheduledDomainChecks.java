package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.domains.CheckAllResult;
import dev.mailroom.model.domains.DomainCheckResult;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.blocklist.Blocklist;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
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
 * status bar. Each round also asks the domain blocklists. The window is told the result, so it can
 * say which records broke and which lists list a domain.
 */
public final class ScheduledDomainChecks {
    private static final Logger log = LoggerFactory.getLogger(ScheduledDomainChecks.class);

    private final DomainService domains;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final Consumer<CheckAllResult> onFinished;
    private final Timeline timeline;
    private boolean running;

    private final java.util.function.Supplier<java.util.List<Blocklist>> blocklists;
    private final java.util.function.IntSupplier lookupsAtOnce;

    public ScheduledDomainChecks(
            DomainService domains,
            Actor actor,
            BackgroundRunner runner,
            Duration every,
            Consumer<CheckAllResult> onFinished) {
        this(
                domains,
                actor,
                runner,
                every,
                Blocklist::defaults,
                () -> DnsPreferences.DEFAULT_LOOKUPS_AT_ONCE,
                onFinished);
    }

    /**
     * {@code blocklists} and {@code lookupsAtOnce} (look-ups waiting for answers at once: one domain's records
     * are asked one after another, so that many domains at a time) are read at each round, so a change in the
     * settings counts from the next one.
     */
    public ScheduledDomainChecks(
            DomainService domains,
            Actor actor,
            BackgroundRunner runner,
            Duration every,
            java.util.function.Supplier<java.util.List<Blocklist>> blocklists,
            java.util.function.IntSupplier lookupsAtOnce,
            Consumer<CheckAllResult> onFinished) {
        this.blocklists = blocklists;
        this.lookupsAtOnce = lookupsAtOnce;
        this.domains = domains;
        this.actor = actor;
        this.runner = runner;
        this.onFinished = onFinished;
        this.timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(every.toMillis()), e -> checkNow()));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.setDelay(javafx.util.Duration.minutes(1));
    }

    /** "domain on list" for each listing the latest round found. Touched by the round's thread only while it runs. */
    private final java.util.List<String> listed = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The listings found by the last round, for a notice. */
    public java.util.List<String> listed() {
        return java.util.List.copyOf(listed);
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
        listed.clear();
        java.util.List<Blocklist> lists = blocklists.get();
        int atOnce = lookupsAtOnce.getAsInt();
        runner.run(Task.of(
                        "Scheduled DNS check",
                        p -> {
                            Cancellation cancel = new Cancellation();
                            CheckAllResult result = domains.checkAll(
                                    actor,
                                    atOnce,
                                    Optional.empty(),
                                    (done, total, latest) -> {
                                        if (p.isCancelled()) {
                                            cancel.cancel();
                                        }
                                        p.update(done, total, "Scheduled DNS check: " + done + " of " + total);
                                    },
                                    cancel);
                            // Then the domain blocklists, whose answers go into each domain's history.
                            int done = 0;
                            for (DomainCheckResult r : result.results()) {
                                if (p.isCancelled()) {
                                    break;
                                }
                                p.update(
                                        ++done,
                                        result.results().size(),
                                        "Checking blocklists: "
                                                + r.domain().name().unicode());
                                try {
                                    domains
                                            .checkBlocklists(
                                                    actor,
                                                    r.domain().tenant(),
                                                    r.domain().id(),
                                                    lists)
                                            .stream()
                                            .filter(b -> b.status() == BlocklistResult.Status.LISTED)
                                            .forEach(b -> listed.add((b.list().kind() == Blocklist.Kind.IP
                                                            ? "relay " + b.subject()
                                                            : r.domain().name().unicode())
                                                    + " on " + b.list().name()));
                                } catch (RuntimeException e) {
                                    log.warn(
                                            "Blocklist check of {} did not finish: {}",
                                            r.domain().name().unicode(),
                                            e.getMessage());
                                }
                            }
                            return result;
                        },
                        result -> {
                            running = false;
                            long broke = result.results().stream()
                                    .filter(r -> !r.broke().isEmpty())
                                    .count();
                            log.info(
                                    "Scheduled DNS check: {} domains, {} with records that broke",
                                    result.total(),
                                    broke);
                            onFinished.accept(result);
                        },
                        e -> {
                            running = false;
                            log.warn("Scheduled DNS check did not finish: {}", e.getMessage());
                        })
                .withCancel());
    }

    /** "getacme.com: DKIM, SPF" for each domain whose records broke, for a notice. */
    public static String describeBroken(CheckAllResult result) {
        StringBuilder sb = new StringBuilder();
        for (DomainCheckResult r : result.results()) {
            if (!r.broke().isEmpty()) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(r.domain().name().unicode())
                        .append(": ")
                        .append(String.join(
                                ", ",
                                r.broke().stream()
                                        .map(c -> c.record().kind().toString())
                                        .toList()));
            }
        }
        return sb.toString();
    }
}
