package dev.mailroom.app.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.SendingLimitService.PlanStatus;
import dev.mailroom.model.sending.WarmupPlan;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Connections › Warm-up plans and the plan form, on a real H2 store, without a window. */
class WarmupPlansViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private int savedCount;

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"));
        acme = world.tenant("Acme");
    }

    @AfterEach
    void close() {
        world.close();
    }

    private WarmupPlansViewModel vm(Actor actor, BiPredicate<TenantId, Permission> may) {
        WarmupPlansViewModel vm =
                new WarmupPlansViewModel(world.services.limits(), actor, may, world.services.clock(), runner);
        vm.show(Optional.of(acme.id()));
        return vm;
    }

    private WarmupPlansViewModel ownersVm() {
        return vm(world.owner, (t, p) -> true);
    }

    @Test
    void addsChangesAndRemovesAPlanWithAPreviewOfTheFirstDays() {
        WarmupPlansViewModel vm = ownersVm();
        assertThat(vm.plans()).isEmpty();
        assertThat(vm.mayManage().get()).isTrue();

        WarmupPlanFormViewModel form = vm.form(Optional.empty()).orElseThrow();
        assertThat(form.startDate().get()).isEqualTo(LocalDate.of(2026, 11, 20));
        form.scope().set("Hello@Acme.example");
        assertThat(form.preview().get())
                .isEqualTo("Day by day: 5, 10, 15, 20, 25, 25 … Warmed up at 25/day on 2026-11-24.");
        form.save(() -> savedCount++);
        assertThat(savedCount).isEqualTo(1);
        vm.refresh();
        assertThat(vm.plans()).extracting(s -> s.plan().scope()).containsExactly("hello@acme.example");

        WarmupPlanFormViewModel change =
                vm.form(Optional.of(vm.plans().get(0).plan())).orElseThrow();
        assertThat(change.isNew()).isFalse();
        assertThat(change.scope().get()).isEqualTo("hello@acme.example");
        change.growth().set(WarmupPlan.Growth.DOUBLING);
        change.ceiling().text().set("1000");
        change.save(() -> savedCount++);
        vm.refresh();
        PlanStatus s = vm.plans().get(0);
        assertThat(s.plan().growth()).isEqualTo(WarmupPlan.Growth.DOUBLING);
        assertThat(s.plan().ceiling()).isEqualTo(1000);

        vm.remove(s);
        assertThat(vm.plans()).isEmpty();
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void numbersAreTakenAsTypedOrRefusedWithTheRangeAndNothingIsLost() {
        WarmupPlansViewModel vm = ownersVm();
        WarmupPlanFormViewModel form = vm.form(Optional.empty()).orElseThrow();
        form.scope().set("acme.example"); // a domain under "Mailbox"
        form.start().text().set("-999999");
        form.ceiling().text().set("1e3");
        assertThat(form.errors().isEmpty())
                .as("no problems before the first Save")
                .isTrue();
        assertThat(form.preview().get()).isEmpty();

        form.save(() -> savedCount++);

        assertThat(savedCount).isZero();
        assertThat(form.errors().get("start"))
                .isEqualTo("The first day's number is a whole number from 1 to 10,000,000.");
        assertThat(form.errors().get("ceiling")).isEqualTo("The ceiling is a whole number from 1 to 10,000,000.");
        assertThat(form.start().text().get()).isEqualTo("-999999");
        assertThat(form.ceiling().text().get()).isEqualTo("1e3");
        vm.refresh();
        assertThat(vm.plans()).isEmpty();

        // Fixed as the person types: the numbers' problems go, the plan's own check speaks.
        form.start().text().set("10");
        form.ceiling().text().set("100");
        assertThat(form.errors().get("start")).isEmpty();
        assertThat(form.errors().get("scope")).isEqualTo("A mailbox plan needs a From address (name@domain).");
        form.kind().set(WarmupPlan.Scope.DOMAIN);
        assertThat(form.errors().isEmpty()).isTrue();
        form.ceiling().text().set("5");
        assertThat(form.errors().get("ceiling")).startsWith("The ceiling must be between the starting number (10)");
        form.ceiling().text().set("100");
        form.save(() -> savedCount++);
        assertThat(savedCount).isEqualTo(1);
        vm.refresh();
        assertThat(vm.plans()).extracting(p -> p.plan().ceiling()).containsExactly(100);
    }

    @Test
    void withoutTheRightThereIsNoFormAndARefusalIsShownInTheForm() {
        Actor editor = world.member(acme, Role.EDITOR, "bea@acme.example");
        WarmupPlansViewModel honest =
                vm(editor, (t, p) -> Role.EDITOR.permissions().contains(p));
        assertThat(honest.mayManage().get()).isFalse();
        assertThat(honest.form(Optional.empty())).isEmpty();

        // Even when the console thought otherwise, the use case refuses; the form keeps what was typed.
        WarmupPlansViewModel stale = vm(editor, (t, p) -> true);
        WarmupPlanFormViewModel form = stale.form(Optional.empty()).orElseThrow();
        form.scope().set("hello@acme.example");
        form.save(() -> savedCount++);
        assertThat(savedCount).isZero();
        assertThat(form.errors().general().get()).isNotEmpty();
        assertThat(form.scope().get()).isEqualTo("hello@acme.example");
        assertThat(form.busy().get()).isFalse();
        assertThat(ownersVm().plans()).isEmpty();
    }

    @Test
    void noTenantShowsNoPlans() {
        WarmupPlansViewModel vm = ownersVm();
        vm.form(Optional.empty()).orElseThrow().scope().set("x@acme.example");
        vm.show(Optional.empty());
        assertThat(vm.plans()).isEmpty();
        assertThat(vm.mayManage().get()).isFalse();
        assertThat(vm.form(Optional.empty())).isEmpty();
    }
}
