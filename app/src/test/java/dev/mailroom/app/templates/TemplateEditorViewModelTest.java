package dev.mailroom.app.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Job;
import dev.mailroom.app.common.Progress;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.templates.RenderProblem;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The editor's view model without a window: rendering, problems, coalescing, save, restore, read-only. */
class TemplateEditorViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services services;
    private Actor owner;
    private Tenant tenant;
    private Template welcome;

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir, Instant.parse("2026-11-20T09:00:00Z"));
        store = world.store;
        services = world.services;
        owner = world.owner;
        tenant = services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Able Moose Group",
                                "#2563EB",
                                "Morgan Lee",
                                "morgan@ablemoose.example",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        welcome = services.templates()
                .useStarter(owner, TemplateOwner.tenant(tenant.id()), "saas/welcome", Optional.empty());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private TemplateEditorViewModel editor(BackgroundRunner runner, boolean editable) {
        TemplateEditorViewModel vm = new TemplateEditorViewModel(
                services.templates(),
                owner,
                runner,
                TemplateOwner.tenant(tenant.id()),
                Optional.of(tenant.id()),
                editable,
                TemplateEditorViewModel.Debounce.immediate());
        vm.load(welcome);
        return vm;
    }

    @Test
    void rendersTheSampleDataAndFollowsEdits() {
        TemplateEditorViewModel vm = editor(BackgroundRunner.synchronous(), true);
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.previewHtml().get()).contains("Jordan");
        assertThat(vm.generatedText().get()).contains("Jordan");
        assertThat(vm.dirty().get()).isFalse();

        vm.html().set(vm.html().get().replace("</body>", "<p>Added by hand</p></body>"));
        assertThat(vm.previewHtml().get()).contains("Added by hand");
        assertThat(vm.dirty().get()).isTrue();
    }

    @Test
    void aHandlebarsErrorGivesLineAndColumnAndKeepsTheLastPreview() {
        TemplateEditorViewModel vm = editor(BackgroundRunner.synchronous(), true);
        String good = vm.previewHtml().get();
        vm.html().set("<p>fine</p>\n<p>{{#if user}}never closed</p>");
        assertThat(vm.problems()).singleElement().satisfies(p -> {
            assertThat(p.part()).isEqualTo(RenderProblem.Part.HTML);
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isPositive();
            assertThat(p.describe()).contains("line 2, column");
        });
        assertThat(vm.previewHtml().get()).isEqualTo(good);

        vm.html().set("<p>fixed {{user.firstName}}</p>");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.previewHtml().get()).contains("fixed Jordan");
    }

    @Test
    void badSampleDataIsAProblemWithAPositionAndMissingVariablesAreListed() {
        TemplateEditorViewModel vm = editor(BackgroundRunner.synchronous(), true);
        vm.sampleData().set("{\n  \"user\": { \"firstName\": \"Jordan\" ,, }\n}");
        assertThat(vm.problems()).anySatisfy(p -> {
            assertThat(p.part()).isEqualTo(RenderProblem.Part.DATA);
            assertThat(p.line()).isEqualTo(2);
        });

        vm.sampleData().set("{ \"user\": { \"firstName\": \"Jordan\" } }");
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.missingVariables()).contains("workspace.name");
    }

    @Test
    void changesDuringARenderAreCoalescedAndTheLatestTextWins() {
        QueuedRunner runner = new QueuedRunner();
        TemplateEditorViewModel vm = editor(runner, true);
        runner.runNext(); // the render started by load()

        vm.html().set("<p>alpha</p>");
        vm.html().set("<p>bravo</p>");
        vm.html().set("<p>charlie</p>");
        assertThat(runner.pending()).isEqualTo(1);
        runner.runNext();
        // One more render for everything typed while the first ran, with the latest text.
        assertThat(runner.pending()).isEqualTo(1);
        runner.runNext();
        assertThat(runner.pending()).isZero();
        assertThat(vm.previewHtml().get()).contains("charlie").doesNotContain("alpha");
        assertThat(vm.renders().get()).isEqualTo(3);
    }

    @Test
    void saveMakesAVersionAndRestoreBringsAnOldOneBack() {
        TemplateEditorViewModel vm = editor(BackgroundRunner.synchronous(), true);
        String original = vm.html().get();
        vm.subject().set("Welcome aboard, {{user.firstName}}");
        vm.html().set(original.replace("</body>", "<p>Version two</p></body>"));
        vm.save();
        assertThat(vm.version().get()).isEqualTo(2);
        assertThat(vm.dirty().get()).isFalse();
        assertThat(vm.versions()).extracting(v -> v.number()).containsExactly(2, 1);

        vm.restore(1);
        assertThat(vm.version().get()).isEqualTo(3);
        assertThat(vm.html().get()).isEqualTo(original);
        assertThat(vm.subject().get()).isEqualTo(welcome.content().subject());
    }

    @Test
    void aSaveBasedOnAnOutdatedVersionIsRefusedWithAReason() {
        TemplateEditorViewModel first = editor(BackgroundRunner.synchronous(), true);
        TemplateEditorViewModel second = editor(BackgroundRunner.synchronous(), true);
        first.subject().set("First");
        first.save();
        second.subject().set("Second");
        second.save();
        assertThat(second.error().get()).isInstanceOf(Conflict.class).hasMessageContaining("after you opened it");
        assertThat(second.version().get()).isEqualTo(1);
    }

    @Test
    void aReadOnlyEditorNeverSaves() {
        TemplateEditorViewModel vm = editor(BackgroundRunner.synchronous(), false);
        vm.subject().set("Changed");
        vm.save();
        assertThat(vm.version().get()).isEqualTo(1);
        assertThat(services.templates()
                        .get(owner, TemplateOwner.tenant(tenant.id()), welcome.id())
                        .content()
                        .subject())
                .isEqualTo(welcome.content().subject());
    }

    @Test
    void writingTheTextByHandStartsFromTheGeneratedText() {
        TemplateEditorViewModel vm = editor(BackgroundRunner.synchronous(), true);
        String generated = vm.generatedText().get();
        vm.writeTextByHand(true);
        assertThat(vm.textPart().get()).isEqualTo(generated);
        vm.textPart().set("Hi {{user.firstName}}, welcome.");
        assertThat(vm.generatedText().get()).isEqualTo("Hi Jordan, welcome.");
    }

    /** Runs tasks only when told, to show what happens while a render is under way. */
    private static final class QueuedRunner implements BackgroundRunner {
        private final Deque<Task<?>> queue = new ArrayDeque<>();
        private final ObservableList<Job> jobs = FXCollections.observableArrayList();

        @Override
        public <T> Job run(Task<T> task) {
            queue.add(task);
            return null;
        }

        int pending() {
            return queue.size();
        }

        void runNext() {
            execute(queue.removeFirst());
        }

        private static <T> void execute(Task<T> task) {
            T result;
            try {
                result = task.work().run(Progress.NONE);
            } catch (Exception e) {
                task.onError().accept(e);
                return;
            }
            task.onSuccess().accept(result);
        }

        @Override
        public ObservableList<Job> jobs() {
            return jobs;
        }

        @Override
        public void shutdown() {}
    }
}
