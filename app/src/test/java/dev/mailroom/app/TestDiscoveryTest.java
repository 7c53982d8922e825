package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.testing.TestDiscovery;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every class of this module with test methods is one Surefire runs (see {@link TestDiscovery}). */
class TestDiscoveryTest {
    @Test
    void surefireRunsEveryClassWithTests() {
        Path testClasses = TestDiscovery.testClassesOf(TestDiscoveryTest.class);
        assertThat(TestDiscovery.classesWithTests(testClasses)).contains(TestDiscoveryTest.class);
        assertThat(TestDiscovery.classesSurefireWouldMiss(testClasses)).isEmpty();
    }
}
