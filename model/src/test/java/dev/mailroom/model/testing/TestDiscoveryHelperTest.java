package dev.mailroom.model.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDiscoveryHelperTest {
    @Test
    void knowsSurefiresDefaultIncludes() {
        assertThat(TestDiscovery.matchesSurefireIncludes("DailyRollupProperties"))
                .isFalse();
        assertThat(TestDiscovery.matchesSurefireIncludes("StoreChecks")).isFalse();
        assertThat(TestDiscovery.matchesSurefireIncludes("DailyRollupPropertiesTest"))
                .isTrue();
        assertThat(TestDiscovery.matchesSurefireIncludes("TestFoo")).isTrue();
        assertThat(TestDiscovery.matchesSurefireIncludes("FooTests")).isTrue();
        assertThat(TestDiscovery.matchesSurefireIncludes("FooTestCase")).isTrue();
    }
}
