package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.IntField;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.WarmupPlan;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The warm-up plan form: what the plan applies to, how it starts and grows (numbers as typed,
 * docs/decisions/0026), a preview of the first days, the form's problems as {@link FieldErrors}, and Save
 * through the {@link BackgroundRunner}. A refused save keeps the form as typed and says why in it.
 */
public final class WarmupPlanFormViewModel {
    private final SendingLimitService limits;
    private final Actor actor;
    private final TenantId tenant;
    private final BackgroundRunner runner;
    private final Optional<WarmupPlan> existing;
    private final LocalDate today;

    private final ObjectProperty<WarmupPlan.Scope> kind = new SimpleObjectProperty<>(WarmupPlan.Scope.MAILBOX);
    private final StringProperty scope = new SimpleStringProperty("");
    private final IntField start = new IntField(1, WarmupPlan.MAX_CEILING, "The first day's number");
    private final ObjectProperty<WarmupPlan.Growth> growth = new SimpleObjectProperty<>(WarmupPlan.Growth.LINEAR);
    private final IntField step = new IntField(1, WarmupPlan.MAX_CEILING, "The number added each day");
    private final IntField ceiling = new IntField(1, WarmupPlan.MAX_CEILING, "The ceiling");
    private final ObjectProperty<LocalDate> startDate = new SimpleObjectProperty<>();
    private final StringProperty preview = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(Set.of("scope", "start", "step", "ceiling"));
    /** After the first Save the form re-checks as the person types (docs/decisions/0029). */
    private boolean attempted;

    public WarmupPlanFormViewModel(
            SendingLimitService limits,
            Actor actor,
            TenantId tenant,
            Optional<WarmupPlan> existing,
            LocalDate today,
            BackgroundRunner runner) {
        this.limits = limits;
        this.actor = actor;
        this.tenant = tenant;
        this.existing = existing;
        this.today = today;
        this.runner = runner;
        start.set(5);
        step.set(5);
        ceiling.set(25);
        startDate.set(today);
        existing.ifPresent(p -> {
            kind.set(p.kind());
            scope.set(p.scope());
            start.set(p.startPerDay());
            growth.set(p.growth());
            if (p.step() > 0) {
                step.set(p.step());
            }
            ceiling.set(p.ceiling());
            startDate.set(p.startDate());
        });
        for (Observable o :
                new Observable[] {kind, scope, start.text(), growth, step.text(), ceiling.text(), startDate}) {
            o.addListener(x -> update());
        }
        update();
    }

    /** The plan as typed, or the problems of each field. */
    private WarmupPlan build() {
        Map<String, String> problems = new LinkedHashMap<>();
        start.problem().ifPresent(m -> problems.put("start", m));
        boolean doubling = growth.get() == WarmupPlan.Growth.DOUBLING;
        if (!doubling) {
            step.problem().ifPresent(m -> problems.put("step", m));
        }
        ceiling.problem().ifPresent(m -> problems.put("ceiling", m));
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new WarmupPlan(
                kind.get(),
                scope.get() == null ? "" : scope.get(),
                start.value().getAsInt(),
                growth.get(),
                doubling ? 0 : step.value().getAsInt(),
                ceiling.value().getAsInt(),
                startDate.get() == null ? today : startDate.get());
    }

    /** The preview as the person types; after the first Save also the problems, so a fixed one goes at once. */
    private void update() {
        try {
            WarmupPlan p = build();
            StringBuilder days = new StringBuilder("Day by day: ");
            for (int i = 0; i < 6; i++) {
                days.append(i == 0 ? "" : ", ")
                        .append(String.format(
                                Locale.ROOT, "%,d", p.allowanceOn(p.startDate().plusDays(i))));
            }
            preview.set(days + " … Warmed up at " + String.format(Locale.ROOT, "%,d", p.ceiling()) + "/day on "
                    + p.warmedUpOn() + ".");
            if (attempted) {
                errors.setAll(Map.of());
            }
        } catch (InvalidInput e) {
            preview.set("");
            if (attempted) {
                errors.setAll(e.problems());
            }
        }
    }

    /**
     * Saves the plan; {@code onSaved} runs once it is stored. Refused (a problem, a role without the
     * permission, the store): nothing is saved, the form keeps what was typed and says why.
     */
    public void save(Runnable onSaved) {
        if (busy.get()) {
            return;
        }
        attempted = true;
        WarmupPlan plan;
        try {
            plan = build();
        } catch (InvalidInput e) {
            errors.show(e);
            return;
        }
        errors.clear();
        busy.set(true);
        runner.run(Task.of(
                "Saving a warm-up plan",
                p -> {
                    limits.setPlan(actor, tenant, plan);
                    return null;
                },
                ok -> {
                    busy.set(false);
                    onSaved.run();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public boolean isNew() {
        return existing.isEmpty();
    }

    public ObjectProperty<WarmupPlan.Scope> kind() {
        return kind;
    }

    public StringProperty scope() {
        return scope;
    }

    public IntField start() {
        return start;
    }

    public ObjectProperty<WarmupPlan.Growth> growth() {
        return growth;
    }

    public IntField step() {
        return step;
    }

    public IntField ceiling() {
        return ceiling;
    }

    public ObjectProperty<LocalDate> startDate() {
        return startDate;
    }

    /** The first days' allowances and when the plan is warmed up; empty while the form is not a plan. */
    public ReadOnlyStringProperty preview() {
        return preview;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }
}
