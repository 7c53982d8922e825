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
}
