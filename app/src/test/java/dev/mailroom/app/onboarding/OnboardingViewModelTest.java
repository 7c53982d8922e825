package dev.mailroom.app.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.onboarding.Checklist;
import dev.mailroom.model.onboarding.EscalationLevel;
import dev.mailroom.model.onboarding.PausePolicy;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Onboarding page's and the escalation dialog's view models on a real H2 store, without a window. */
class OnboardingViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"), Instant.parse("2026-11-02T09:00:00Z"));
        store = world.store;
        s = world.services;
        owner = world.owner;
        acme = world.tenant("Acme");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private OnboardingViewModel vm() {
        OnboardingViewModel vm = new OnboardingViewModel(s.onboarding(), s.escalation(), s.access(), owner, runner);
        vm.show(acme.id());
        return vm;
    }

    @Test
    void showsTheChecklistByProgressAndTicksWithANoteAndAnEvidenceFile() throws Exception {
        OnboardingViewModel vm = vm();
        assertThat(vm.lines()).hasSize(14);
        assertThat(vm.progress().get()).isEqualTo("0 of 14 done.");
        assertThat(vm.standing().get()).isEqualTo("Sending normally; pause policy: none (flag only).");
        assertThat(vm.mayTick().get()).isTrue();
        Checklist.Line first = vm.lines().get(0);

        // No note: refused next to the field, nothing saved.
        AtomicInteger closed = new AtomicInteger();
        vm.tick(first, " ", Optional.empty(), closed::incrementAndGet);
        assertThat(vm.errors().get("note")).startsWith("Say what was checked");
        assertThat(closed).hasValue(0);

        // A file of a kind not kept: refused next to the evidence, the dialog stays open.
        Path exe = Files.write(dir.resolve("setup.exe"), new byte[] {1, 2});
        vm.tick(first, "Register checked", Optional.of(exe), closed::incrementAndGet);
        assertThat(vm.errors().get("evidence")).contains("PDF, PNG");
        assertThat(closed).hasValue(0);

        Path pdf = Files.write(dir.resolve("extract.pdf"), "%PDF-1.4 extract".getBytes());
        vm.tick(first, "Register checked", Optional.of(pdf), closed::incrementAndGet);
        assertThat(closed).hasValue(1);
        assertThat(vm.errors().isEmpty()).isTrue();
        assertThat(vm.progress().get()).isEqualTo("1 of 14 done.");
        assertThat(vm.lines().get(0).state()).isEqualTo(Checklist.State.DONE);
        assertThat(vm.lines().get(0).evidenceName()).contains("extract.pdf");
        assertThat(vm.lines().get(0).by()).contains("Ana Owner");

        vm.untick(vm.lines().get(0), "Wrong company", closed::incrementAndGet);
        assertThat(closed).hasValue(2);
        assertThat(vm.progress().get()).isEqualTo("0 of 14 done.");
    }

    @Test
    void theEscalationDialogNeedsAReasonAndACapAndAppliesTheStepAndThePolicy() {
        EscalationViewModel vm = new EscalationViewModel(s.escalation(), owner, runner);
        vm.show(acme.id());
        assertThat(vm.current().get()).isEqualTo("Nothing in force: sending normally.");
        AtomicInteger done = new AtomicInteger();

        vm.action().set(EscalationViewModel.Action.RESTRICT);
        vm.cap().text().set("0");
        vm.apply(done::incrementAndGet);
        assertThat(vm.errors().get("cap")).isNotEmpty();
        assertThat(vm.errors().get("reason")).isEqualTo("Say why: the reason goes into the audit log.");
        assertThat(done).hasValue(0);

        vm.cap().text().set("250");
        vm.reason().set("Bounces rising on the March list");
        vm.policy().set(PausePolicy.STRICT);
        vm.apply(done::incrementAndGet);
        assertThat(done).hasValue(1);
        var standing = s.escalation().standing(owner, acme.id());
        assertThat(standing.governance().is(EscalationLevel.RESTRICTED)).isTrue();
        assertThat(standing.governance().pausePolicy()).isEqualTo(PausePolicy.STRICT);
        assertThat(standing.flag()).isEqualTo("Restricted to 250 a day: Bounces rising on the March list");

        // Opened again: what is in force is shown, and lifting is offered.
        EscalationViewModel again = new EscalationViewModel(s.escalation(), owner, runner);
        again.show(acme.id());
        assertThat(again.current().get()).isEqualTo("Restricted to 250 a day: Bounces rising on the March list");
        assertThat(again.action().get()).isEqualTo(EscalationViewModel.Action.LIFT);
        again.reason().set("List cleaned");
        again.apply(done::incrementAndGet);
        assertThat(s.escalation().standing(owner, acme.id()).governance().level())
                .isEmpty();
    }

    @Test
    void theEmptyReviewPageSaysHowOftenAMessageIsKept() {
        ReviewViewModel review = new ReviewViewModel(s.escalation(), owner, runner);
        review.show(acme.id());
        int every = s.escalation().standing(owner, acme.id()).governance().reviewEvery();
        assertThat(review.summary().get())
                .isEqualTo("Nothing kept yet: during probation 1 in " + every + " sent messages is kept here.");

        s.escalation().setReviewSampling(owner, acme.id(), 1250);
        review.show(acme.id());
        assertThat(review.summary().get())
                .isEqualTo("Nothing kept yet: during probation 1 in 1,250 sent messages is kept here.");
    }
}
