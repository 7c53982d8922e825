package dev.mailroom.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** DESIGN.md's arrows: app → persistence, mailer → model, and no package cycles anywhere. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importEveryModule() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Test jars of other modules (the mailer's DNS responder) are on this test class path too.
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.mailroom");
    }

    /** Every module app sees (bench depends on the others, not they on it), so no rule passes on nothing. */
    @Test
    void everyModuleIsSeen() {
        for (String module : new String[] {"model", "persistence", "mailer", "app"}) {
            org.assertj.core.api.Assertions.assertThat(
                            classes.stream().anyMatch(c -> c.getPackageName().startsWith("dev.mailroom." + module)))
                    .as("classes of module %s were imported", module)
                    .isTrue();
        }
    }

    @Test
    void aRuleThatMatchesNothingFails() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noClasses()
                        .that()
                        .resideInAPackage("dev.mailroom.nosuchmodule..")
                        .should()
                        .dependOnClassesThat()
                        .resideInAnyPackage("javafx..")
                        .check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("failed to check any classes");
    }

    @Test
    void modelUsesTheJdkOnly() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailroom.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "javafx..",
                        "org.jooq..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta.mail..",
                        "org.xbill..",
                        "com.fasterxml..",
                        "java.net.http..",
                        "org.slf4j..",
                        "org.flywaydb..",
                        "dev.mailroom.persistence..",
                        "dev.mailroom.mailer..",
                        "dev.mailroom.app..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void persistenceKnowsNeitherMailerNorApp() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailroom.persistence..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.mailroom.mailer..", "dev.mailroom.app..", "javafx..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void mailerKnowsNeitherPersistenceNorApp() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailroom.mailer..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.mailroom.persistence..", "dev.mailroom.app..", "javafx..", "org.jooq..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("dev.mailroom.(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void noCyclesBetweenFeaturePackages() {
        slices().matching("dev.mailroom.(*).(*)..")
                .should()
                .beFreeOfCycles()
                .allowEmptyShould(false)
                .check(classes);
    }

    /**
     * Views and view models (every app package but the composition root, {@code dev.mailroom.app} and
     * {@code app.session}) reach adapters only through the use cases and ports they are handed. Named
     * exception: {@code app.demo}, the {@code --demo} seeding and screenshot send, which builds demo
     * messages with the mailer (not a screen).
     */
    @Test
    void viewsAndViewModelsImportNoAdapter() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailroom.app..")
                .and()
                .resideOutsideOfPackages("dev.mailroom.app", "dev.mailroom.app.session", "dev.mailroom.app.demo")
                // The command line's entry and its run's context open the store, as MailroomApp does; its commands do
                // not.
                .and()
                .doNotHaveFullyQualifiedName("dev.mailroom.app.cli.MailroomCli")
                .and()
                .doNotHaveFullyQualifiedName("dev.mailroom.app.cli.CliContext")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.mailroom.persistence..", "dev.mailroom.mailer..")
                .allowEmptyShould(false)
                .check(classes);
    }

    /** Starting a thread or waiting for one: what only the background runner does in app (decision 0020). */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaCall<?>>
            THREADS_OR_BLOCKING_WAITS =
                    new com.tngtech.archunit.base.DescribedPredicate<>(
                            "new Thread, Thread.join/sleep, Object.wait, Future.get, CompletableFuture.join, "
                                    + "CountDownLatch.await or ExecutorService.awaitTermination") {
                        @Override
                        public boolean test(com.tngtech.archunit.core.domain.JavaCall<?> call) {
                            com.tngtech.archunit.core.domain.JavaClass owner =
                                    call.getTarget().getOwner();
                            String name = call.getTarget().getName();
                            return (owner.isAssignableTo(Thread.class)
                                            && (name.equals("<init>") || name.equals("join") || name.equals("sleep")))
                                    || (owner.isEquivalentTo(Object.class) && name.equals("wait"))
                                    || (owner.isAssignableTo(java.util.concurrent.Future.class) && name.equals("get"))
                                    || (owner.isAssignableTo(java.util.concurrent.CompletableFuture.class)
                                            && name.equals("join"))
                                    || (owner.isAssignableTo(java.util.concurrent.CountDownLatch.class)
                                            && name.equals("await"))
                                    || (owner.isAssignableTo(java.util.concurrent.ExecutorService.class)
                                            && name.equals("awaitTermination"));
                        }
                    };

    /**
     * No thread started and no blocking wait in app outside the background runner. Named exceptions:
     * {@code OutboxSender}, the sender's own long-lived drain thread (decision 0021), and
     * {@code app.demo}'s stand-in SMTP relay for {@code --demo} screenshots.
     */
    @Test
    void noThreadsOrBlockingWaitsInAppOutsideTheRunner() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailroom.app..")
                .and()
                .doNotHaveFullyQualifiedName("dev.mailroom.app.common.FxBackgroundRunner")
                .and()
                .doNotHaveFullyQualifiedName("dev.mailroom.app.sending.OutboxSender")
                .and()
                // The command line's send polls the outbox on its own main thread: no FX thread, no runner there.
                .doNotHaveFullyQualifiedName("dev.mailroom.app.cli.SendCommand")
                .and()
                // --watch-stalls: a daemon thread that ticks beside the FX thread to time it; never on it.
                .doNotHaveFullyQualifiedName("dev.mailroom.app.common.FxStallWatch")
                .and()
                .resideOutsideOfPackage("dev.mailroom.app.demo")
                .should()
                .callCodeUnitWhere(THREADS_OR_BLOCKING_WAITS)
                .allowEmptyShould(false)
                .check(classes);
    }

    /** Calling a method of a model use-case class ({@code dev.mailroom.model..*Service}). */
    private static final com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaCall<?>>
            USE_CASE_CALLS = new com.tngtech.archunit.base.DescribedPredicate<>("a method of a model *Service") {
                @Override
                public boolean test(com.tngtech.archunit.core.domain.JavaCall<?> call) {
                    com.tngtech.archunit.core.domain.JavaClass owner =
                            call.getTarget().getOwner();
                    return owner.getPackageName().startsWith("dev.mailroom.model")
                            && owner.getSimpleName().endsWith("Service");
                }
            };

    /**
     * A view model is handed the use cases it calls and who acts, never the whole session or the
     * composition root, so a test builds it from exactly what it uses (issue 18).
     */
    @Test
    void viewModelsAreHandedTheirUseCasesNotTheSession() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.mailroom.app.session.Session")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("dev.mailroom.app.session.Services")
                .allowEmptyShould(false)
                .check(classes);
    }

    /**
     * Pages that have a view model build nodes and bind: the use cases are called by the view model,
     * through the background runner (decision 0044). A page moved onto a view model joins this list.
     */
    @Test
    void pagesWithAViewModelCallNoUseCase() {
        noClasses()
                .that()
                .haveFullyQualifiedName("dev.mailroom.app.templates.TemplatesPage")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.sending.ConnectionsPage")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.sending.OutboxPage")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.suppressions.SuppressionsPage")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.audit.AuditPage")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.overview.OverviewPage")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.templates.BrandKitDialog")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.sending.WarmupPlansPane")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.tenants.TenantsPage")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.tenants.TenantDetails")
                .or()
                .haveFullyQualifiedName("dev.mailroom.app.activity.MessageLogPage")
                .should()
                .callCodeUnitWhere(USE_CASE_CALLS)
                .allowEmptyShould(false)
                .check(classes);
    }

    /** The command line starts fast and headless: nothing in it touches JavaFX (issue 16). */
    @Test
    void theCommandLineUsesNoJavaFx() {
        noClasses()
                .that()
                .resideInAPackage("dev.mailroom.app.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .allowEmptyShould(false)
                .check(classes);
    }

    @Test
    void theUseCaseCallRuleCanFail() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noClasses()
                        .that()
                        .haveFullyQualifiedName("dev.mailroom.app.templates.TemplatesViewModel")
                        .should()
                        .callCodeUnitWhere(USE_CASE_CALLS)
                        .check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("TemplateService");
    }

    @Test
    void theBlockingWaitRuleCanFail() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> noClasses()
                        .that()
                        .haveFullyQualifiedName("dev.mailroom.app.sending.OutboxSender")
                        .should()
                        .callCodeUnitWhere(THREADS_OR_BLOCKING_WAITS)
                        .check(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("new Thread");
    }
}
