package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.SendingLimitService.PlanStatus;
import dev.mailroom.model.sending.WarmupPlan;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiPredicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Connections › Warm-up plans: the current tenant's plans with today's stage, whether the person may
 * change them ({@link Permission#LIMITS_MANAGE}; the use case checks it again), and the commands to
 * remove a plan or open the form for one. Errors go to the runner's default error path.
 */
public final class WarmupPlansViewModel {
    private final SendingLimitService limits;
    private final Actor actor;
    private final BiPredicate<TenantId, Permission> may;
    private final Clock clock;
    private final BackgroundRunner runner;
    private final ObservableList<PlanStatus> plans = FXCollections.observableArrayList();
    private final BooleanProperty mayManage = new SimpleBooleanProperty();
    private TenantId tenant;

    public WarmupPlansViewModel(
            SendingLimitService limits,
            Actor actor,
            BiPredicate<TenantId, Permission> may,
            Clock clock,
            BackgroundRunner runner) {
        this.limits = limits;
        this.actor = actor;
        this.may = may;
        this.clock = clock;
        this.runner = runner;
    }

    /** Reads the tenant's plans; a later call for another tenant wins over an earlier one still running. */
    public void show(Optional<TenantId> t) {
        tenant = t.orElse(null);
        mayManage.set(t.map(id -> may.test(id, Permission.LIMITS_MANAGE)).orElse(false));
        if (t.isEmpty()) {
            plans.clear();
            return;
        }
        TenantId id = t.get();
        runner.run(
                Task.of("Reading warm-up plans", p -> limits.limits(actor, id).plans(), list -> {
                    if (id.equals(tenant)) {
                        plans.setAll(list);
                    }
                }));
    }

    /** Removes the plan and reads the list again. */
    public void remove(PlanStatus s) {
        TenantId t = tenant;
        if (t == null) {
            return;
        }
        runner.run(Task.of(
                "Removing the warm-up plan of " + s.plan().scope(),
                p -> {
                    limits.removePlan(actor, t, s.plan().kind(), s.plan().scope());
                    return null;
                },
                ok -> show(Optional.of(t))));
    }

    /** The form to add a plan (empty) or change one; empty when no tenant is shown. */
    public Optional<WarmupPlanFormViewModel> form(Optional<WarmupPlan> existing) {
        TenantId t = tenant;
        if (t == null || !mayManage.get()) {
            return Optional.empty();
        }
        return Optional.of(new WarmupPlanFormViewModel(limits, actor, t, existing, LocalDate.now(clock), runner));
    }

    /** After a form saved: reads the list again. */
    public void refresh() {
        show(Optional.ofNullable(tenant));
    }

    public ObservableList<PlanStatus> plans() {
        return plans;
    }

    public ReadOnlyBooleanProperty mayManage() {
        return mayManage;
    }
}
