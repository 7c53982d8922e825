package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.IntField;
import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OverLimitPolicy;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.TenantLimits;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "Sending limits" pane's state: probation and its daily cap, the over-limit policy, the warm-up
 * stage of each plan, and whether the person may change them ({@link Permission#LIMITS_MANAGE}; the use
 * case checks it again). The cap is typed text: out of range is refused next to the field with the
 * allowed range, never clamped.
 */
public final class SendingLimitsViewModel {
    private final SendingLimitService limits;
    private final AccessPolicy access;
    private final Actor actor;
    private final BackgroundRunner runner;

    private final BooleanProperty probation = new SimpleBooleanProperty();
    private final IntField cap = new IntField(1, SendingLimitService.MAX_PROBATION_CAP, "The daily cap");
    private final ObjectProperty<OverLimitPolicy> policy = new SimpleObjectProperty<>();
    private final BooleanProperty mayChange = new SimpleBooleanProperty();
    private final BooleanProperty loaded = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty saved = new SimpleStringProperty("");
    private final ObservableList<SendingLimitService.PlanStatus> plans = FXCollections.observableArrayList();
    private final FieldErrors errors = new FieldErrors(Set.of("probation", "overLimit"));
    private TenantId tenant;
    private TenantLimits before;
    private boolean attempted;

    public SendingLimitsViewModel(
            SendingLimitService limits, AccessPolicy access, Actor actor, BackgroundRunner runner) {
        this.limits = limits;
        this.access = access;
        this.actor = actor;
        this.runner = runner;
        cap.text().addListener(o -> revalidate());
        probation.addListener(o -> revalidate());
    }

    private record Facts(SendingLimitService.Limits limits, Set<Permission> permissions) {}

    /** Reads the tenant's limits; a later call for another tenant wins over an earlier one still running. */
    public void show(TenantId t) {
        tenant = t;
        attempted = false;
        errors.clear();
        saved.set("");
        runner.run(Task.of(
                "Reading sending limits",
                p -> new Facts(limits.limits(actor, t), access.permissionsIn(actor, t)),
                facts -> {
                    if (t.equals(tenant)) {
                        render(facts);
                    }
                },
                errors::show));
    }

    private void render(Facts facts) {
        before = facts.limits().settings();
        mayChange.set(facts.permissions().contains(Permission.LIMITS_MANAGE));
        probation.set(before.onProbation());
        cap.set(before.probationCap().orElse(50));
        policy.set(before.overLimit());
        note.set(before.probationBy()
                .map(by -> (before.onProbation() ? "Put on probation by " : "Probation lifted by ") + by
                        + before.probationAt()
                                .map(at -> " on " + Formats.exact(at))
                                .orElse("") + ".")
                .orElse(""));
        plans.setAll(facts.limits().plans());
        loaded.set(true);
    }

    Map<String, String> check() {
        Map<String, String> p = new LinkedHashMap<>();
        if (probation.get()) {
            cap.problem().ifPresent(m -> p.put("probation", m));
        }
        return p;
    }

    private void revalidate() {
        if (attempted) {
            errors.setAll(check());
        }
    }

    /** Saves what changed; a cap out of range is refused next to the field and nothing is saved. */
    public void save() {
        TenantId t = tenant;
        TenantLimits was = before;
        if (t == null || was == null || busy.get()) {
            return;
        }
        attempted = true;
        errors.clear();
        Map<String, String> problems = check();
        if (!problems.isEmpty()) {
            errors.setAll(problems);
            return;
        }
        OptionalInt newCap = probation.get() ? cap.value() : OptionalInt.empty();
        OverLimitPolicy newPolicy = policy.get();
        busy.set(true);
        runner.run(Task.of(
                "Saving sending limits",
                p -> {
                    if (!newCap.equals(was.probationCap())) {
                        limits.setProbation(actor, t, newCap);
                    }
                    if (newPolicy != null && newPolicy != was.overLimit()) {
                        limits.setOverLimitPolicy(actor, t, newPolicy);
                    }
                    return null;
                },
                ok -> {
                    busy.set(false);
                    show(t);
                    saved.set("Saved.");
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public BooleanProperty probation() {
        return probation;
    }

    public IntField cap() {
        return cap;
    }

    public ObjectProperty<OverLimitPolicy> policy() {
        return policy;
    }

    public ReadOnlyBooleanProperty mayChange() {
        return mayChange;
    }

    /** True once the limits and the person's permissions are read. */
    public ReadOnlyBooleanProperty loaded() {
        return loaded;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** Who put the tenant on probation or lifted it, and when. */
    public ReadOnlyStringProperty note() {
        return note;
    }

    public ReadOnlyStringProperty saved() {
        return saved;
    }

    public ObservableList<SendingLimitService.PlanStatus> plans() {
        return plans;
    }

    public FieldErrors errors() {
        return errors;
    }

    List<OverLimitPolicy> policies() {
        return List.of(OverLimitPolicy.values());
    }
}
