package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.IntField;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.onboarding.EscalationService;
import dev.mailroom.model.onboarding.Governance;
import dev.mailroom.model.onboarding.PausePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The escalation dialog: restrict (with a daily cap), suspend, ban or lift, each with a reason; and the
 * automatic-pause policy. Problems are data next to their fields; the use case checks the role.
 */
public final class EscalationViewModel {
    public enum Action {
        RESTRICT("Restrict to a daily cap"),
        SUSPEND("Suspend sending (queued mail is held)"),
        BAN("Ban (suspend and archive; queued mail is rejected)"),
        LIFT("Lift what is in force"),
        POLICY("Set the automatic-pause policy only");

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final EscalationService escalation;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final ObjectProperty<Action> action = new SimpleObjectProperty<>(Action.RESTRICT);
    private final IntField cap = new IntField(1, EscalationService.MAX_CAP, "The daily cap");
    private final StringProperty reason = new SimpleStringProperty("");
    private final ObjectProperty<PausePolicy> policy = new SimpleObjectProperty<>(PausePolicy.NONE);
    private final IntField minSent = new IntField(1, 10_000_000, "The fewest messages");
    private final IntField window = new IntField(1, 90, "The window");
    private final StringProperty current = new SimpleStringProperty("");
    private final StringProperty figures = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(Set.of("cap", "reason", "minSent", "window"));
    private TenantId tenant;
    private Governance before;

    public EscalationViewModel(EscalationService escalation, Actor actor, BackgroundRunner runner) {
        this.escalation = escalation;
        this.actor = actor;
        this.runner = runner;
        cap.set(100);
        minSent.set(Governance.DEFAULT_MIN_SENT);
        window.set(Governance.DEFAULT_WINDOW_DAYS);
    }

    public void show(TenantId t) {
        tenant = t;
        errors.clear();
        runner.run(Task.of(
                "Reading the client's escalation",
                p -> escalation.standing(actor, t),
                s -> {
                    before = s.governance();
                    String flag = s.flag();
                    current.set(flag.isEmpty() ? "Nothing in force: sending normally." : flag);
                    figures.set(s.figures().describe());
                    policy.set(before.pausePolicy());
                    minSent.set(before.pauseMinSent());
                    window.set(before.pauseWindowDays());
                    before.dailyCap().ifPresent(cap::set);
                    action.set(before.level().isPresent() ? Action.LIFT : Action.RESTRICT);
                },
                errors::show));
    }

    Map<String, String> check() {
        Map<String, String> p = new LinkedHashMap<>();
        Action a = action.get();
        if (a == Action.RESTRICT) {
            cap.problem().ifPresent(m -> p.put("cap", m));
        }
        if (a != Action.POLICY && reason.get().isBlank()) {
            p.put("reason", "Say why: the reason goes into the audit log.");
        }
        minSent.problem().ifPresent(m -> p.put("minSent", m));
        window.problem().ifPresent(m -> p.put("window", m));
        return p;
    }

    /** Applies the chosen step (and the policy, when it changed); {@code onDone} runs once both are saved. */
    public void apply(Runnable onDone) {
        TenantId t = tenant;
        if (t == null || busy.get()) {
            return;
        }
        errors.clear();
        Map<String, String> problems = check();
        if (!problems.isEmpty()) {
            errors.setAll(problems);
            return;
        }
        Action a = action.get();
        String why = reason.get();
        int c = cap.value().orElse(0);
        PausePolicy newPolicy = policy.get();
        int n = minSent.value().orElse(Governance.DEFAULT_MIN_SENT);
        int w = window.value().orElse(Governance.DEFAULT_WINDOW_DAYS);
        Governance was = before;
        busy.set(true);
        runner.run(Task.of(
                a.label(),
                p -> {
                    switch (a) {
                        case RESTRICT -> escalation.restrict(actor, t, c, why);
                        case SUSPEND -> escalation.suspend(actor, t, why);
                        case BAN -> escalation.ban(actor, t, why);
                        case LIFT -> escalation.lift(actor, t, why);
                        case POLICY -> {}
                    }
                    if (was == null
                            || newPolicy != was.pausePolicy()
                            || n != was.pauseMinSent()
                            || w != was.pauseWindowDays()) {
                        if (a != Action.BAN) {
                            escalation.setPausePolicy(actor, t, newPolicy, n, w);
                        }
                    }
                    return null;
                },
                ok -> {
                    busy.set(false);
                    onDone.run();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    List<Action> actions() {
        return List.of(Action.values());
    }

    public ObjectProperty<Action> action() {
        return action;
    }

    public IntField cap() {
        return cap;
    }

    public StringProperty reason() {
        return reason;
    }

    public ObjectProperty<PausePolicy> policy() {
        return policy;
    }

    public IntField minSent() {
        return minSent;
    }

    public IntField window() {
        return window;
    }

    public ReadOnlyStringProperty current() {
        return current;
    }

    public ReadOnlyStringProperty figures() {
        return figures;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }
}
