package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Formats;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Tenant › Outbox without a window: the messages (filtered by state), the count in doubt with its
 * sentence, and the decisions on one message or all in doubt, each through {@link OutboxService} on
 * the background runner; after a decision the sender is woken and the list reloaded.
 */
public final class OutboxViewModel {
    private final OutboxService outboxes;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final Clock clock;
    private final BiPredicate<TenantId, Permission> may;
    private final Runnable wakeSender;

    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    /** The state shown; {@code null} for all. */
    private final ObjectProperty<OutboxState> state = new SimpleObjectProperty<>();

    private final ObservableList<OutboxMessage> messages = FXCollections.observableArrayList();
    /** Recipient, subject or Message-ID contains what is typed (any case); the loaded list, narrowed as typed. */
    private final StringProperty search = new SimpleStringProperty("");

    private final FilteredList<OutboxMessage> shown = new FilteredList<>(messages);
    private final ReadOnlyLongWrapper inDoubt = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper inDoubtText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper maySend = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper truncated = new ReadOnlyBooleanWrapper();
    private Instant now;
    private Consumer<List<OutboxMessage>> onLoaded = list -> {};

    public OutboxViewModel(
            OutboxService outboxes,
            Actor actor,
            BackgroundRunner runner,
            Clock clock,
            BiPredicate<TenantId, Permission> may,
            Runnable wakeSender) {
        this.outboxes = outboxes;
        this.actor = actor;
        this.runner = runner;
        this.clock = clock;
        this.may = may;
        this.wakeSender = wakeSender;
        this.now = clock.instant();
        search.addListener((o, was, typed) -> shown.setPredicate(matching(typed)));
    }

    private static Predicate<OutboxMessage> matching(String typed) {
        String q = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return null;
        }
        return m -> m.to().toLowerCase(Locale.ROOT).contains(q)
                || m.subject().toLowerCase(Locale.ROOT).contains(q)
                || m.messageId().toLowerCase(Locale.ROOT).contains(q);
    }

    public StringProperty search() {
        return search;
    }

    /** What the table shows: the loaded messages that match the search. */
    public FilteredList<OutboxMessage> shown() {
        return shown;
    }

    /**
     * "sent 3 min ago · 1 attempt", "queued just now", "in doubt since 2 h ago · 1 attempt": when, roughly,
     * and how many tries; the exact time is in {@link #exactTime}.
     */
    public String when(OutboxMessage m) {
        Instant at = m.sentAt().orElse(m.createdAt());
        String what = switch (m.state()) {
            case SENT -> "sent ";
            case QUEUED -> "queued ";
            case IN_DOUBT -> "in doubt, queued ";
            default -> m.state().label().toLowerCase(Locale.ROOT) + ", queued ";
        };
        String attempts =
                m.attempts() == 0 ? "" : m.attempts() == 1 ? " · 1 attempt" : " · " + m.attempts() + " attempts";
        return what + Formats.ago(at, now) + attempts;
    }

    /** The exact time behind {@link #when}, for its tooltip. */
    public String exactTime(OutboxMessage m) {
        return m.sentAt().isPresent()
                ? "Sent " + Formats.exact(m.sentAt().get()) + " · queued " + Formats.exact(m.createdAt())
                : "Queued " + Formats.exact(m.createdAt());
    }

    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    public ObjectProperty<OutboxState> state() {
        return state;
    }

    public ObservableList<OutboxMessage> messages() {
        return messages;
    }

    public ReadOnlyLongProperty inDoubt() {
        return inDoubt.getReadOnlyProperty();
    }

    /** What the in-doubt bar says; empty when nothing is in doubt. */
    public ReadOnlyStringProperty inDoubtText() {
        return inDoubtText.getReadOnlyProperty();
    }

    /** The person may send, retry, cancel and decide here. */
    public ReadOnlyBooleanProperty maySend() {
        return maySend.getReadOnlyProperty();
    }

    /** A decision is being written: its buttons wait. */
    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** The list holds the newest {@link OutboxService#LIST_LIMIT} only. */
    public ReadOnlyBooleanProperty truncated() {
        return truncated.getReadOnlyProperty();
    }

    public boolean mayAct(OutboxMessage m) {
        return may.test(m.tenant(), Permission.SENDING);
    }

    /** Called with each list loaded (the page keeps its selection). */
    public void onLoaded(Consumer<List<OutboxMessage>> then) {
        this.onLoaded = then;
    }

    /** Loads the list and the count in doubt. */
    public void refresh() {
        TenantId t = tenant.get();
        maySend.set(t != null && may.test(t, Permission.SENDING));
        if (t == null) {
            messages.clear();
            return;
        }
        Optional<OutboxState> filter = Optional.ofNullable(state.get());
        runner.run(Task.of(
                "Loading the outbox",
                p -> new Loaded(
                        outboxes.list(actor, t, filter),
                        outboxes.counts(actor, t).getOrDefault(OutboxState.IN_DOUBT, 0L)),
                loaded -> {
                    now = clock.instant();
                    messages.setAll(loaded.messages());
                    truncated.set(loaded.messages().size() >= OutboxService.LIST_LIMIT);
                    showInDoubt(loaded.inDoubt());
                    onLoaded.accept(loaded.messages());
                },
                e -> runner.reporter().report("Could not load the outbox", e)));
    }

    private record Loaded(List<OutboxMessage> messages, long inDoubt) {}

    private void showInDoubt(long count) {
        inDoubt.set(count);
        inDoubtText.set(
                count == 0
                        ? ""
                        : count == 1
                                ? "1 message is in doubt: Mailroom stopped while handing it to the relay."
                                : count + " messages are in doubt: Mailroom stopped while handing them to the relay. "
                                        + "Check the relay's log, then decide for all of them at once, or select one "
                                        + "below.");
    }

    /** "—", "now", "in 3 min": when a queued or deferred message is tried next. */
    public String nextAttempt(OutboxMessage m) {
        if (m.state() != OutboxState.DEFERRED && m.state() != OutboxState.QUEUED) {
            return "—";
        }
        return in(Duration.between(now, m.nextAttemptAt()));
    }

    /** "now", "in 3 min", "in 2 h": the person wants to know roughly when, not the instant. */
    static String in(Duration d) {
        long s = d.getSeconds();
        if (s < 30) {
            return "now";
        } else if (s < 3600) {
            return "in " + Math.max(1, Math.round(s / 60.0)) + " min";
        } else if (s < 48 * 3600) {
            return "in " + Math.round(s / 3600.0) + " h";
        }
        return "in " + Math.round(s / 86400.0) + " days";
    }

    public void retryNow(OutboxMessage m) {
        decide("Retrying", t -> outboxes.retryNow(actor, m.tenant(), m.id()), "Retrying failed");
    }

    public void cancel(OutboxMessage m) {
        decide("Cancelling", t -> outboxes.cancel(actor, m.tenant(), m.id()), "Cancelling failed");
    }

    /** A message held for its risky address: send it after all. */
    public void releaseHeld(OutboxMessage m) {
        decide("Releasing", t -> outboxes.releaseHeld(actor, m.tenant(), m.id()), "Releasing failed");
    }

    /** A message held for its risky address: do not send it. */
    public void dropHeld(OutboxMessage m) {
        decide("Dropping", t -> outboxes.dropHeld(actor, m.tenant(), m.id()), "Dropping failed");
    }

    public void resendInDoubt(OutboxMessage m) {
        decide("Sending again", t -> outboxes.resendInDoubt(actor, m.tenant(), m.id()), "Sending again failed");
    }

    public void markInDoubtSent(OutboxMessage m) {
        decide("Marking sent", t -> outboxes.markInDoubtSent(actor, m.tenant(), m.id()), "Marking sent failed");
    }

    public void resendAllInDoubt() {
        decide(
                "Sending the messages in doubt again",
                t -> outboxes.resendAllInDoubt(actor, t),
                "Could not decide the messages in doubt");
    }

    public void markAllInDoubtSent() {
        decide(
                "Recording the messages in doubt as sent",
                t -> outboxes.markAllInDoubtSent(actor, t),
                "Could not decide the messages in doubt");
    }

    private void decide(String title, Function<TenantId, Object> work, String whatFailed) {
        TenantId t = tenant.get();
        if (t == null) {
            return;
        }
        busy.set(true);
        runner.run(Task.of(
                title,
                p -> work.apply(t),
                done -> {
                    busy.set(false);
                    wakeSender.run();
                    refresh();
                },
                err -> {
                    busy.set(false);
                    runner.reporter().report(whatFailed, err);
                }));
    }
}
