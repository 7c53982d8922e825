package dev.mailroom.model.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BounceClassifierTest {
    @ParameterizedTest
    @CsvSource({
        "5.1.1, HARD",
        "5.1.2, HARD",
        "5.1.3, HARD",
        "5.1.6, HARD",
        "5.1.10, HARD",
        "5.2.1, HARD",
        "5.4.4, HARD",
        "5.2.2, SOFT",
        "5.2.3, SOFT",
        "5.3.4, SOFT",
        "5.4.7, SOFT",
        "5.7.1, SOFT",
        "5.7.26, SOFT",
        "5.1.8, SOFT",
        "5.0.0, SOFT",
        "5.1.0, SOFT",
        "5.1.351, SOFT",
        "5.5.0, SOFT",
        "5.6.9, SOFT",
        "4.1.1, SOFT",
        "4.2.2, SOFT",
        "4.4.7, SOFT",
        "2.1.5, NONE",
        "2.0.0, NONE",
    })
    void hardOnlyWhenTheAddressItselfIsDead(String code, Severity expected) {
        assertThat(BounceClassifier.severity(DeliveryAction.FAILED, Optional.of(EnhancedStatus.of(code))))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"5.1.1", "5.0.0", "5.7.1"})
    void aDelayIsAlwaysSoft(String code) {
        assertThat(BounceClassifier.severity(DeliveryAction.DELAYED, Optional.of(EnhancedStatus.of(code))))
                .isEqualTo(Severity.SOFT);
    }

    @ParameterizedTest
    @CsvSource({
        "5.0.0, 5.1.1, HARD",
        "5.5.0, 5.1.2, HARD",
        "5.0.0, 5.7.1, SOFT",
        "5.2.2, 5.1.1, SOFT",
        "5.0.0, 4.1.1, SOFT",
        "5.7.1, 5.1.1, HARD",
        "5.7.1, 5.7.1, SOFT",
        "5.7.2, 5.1.1, SOFT"
    })
    void aCodeThatNamesOnlyItsClassIsRefinedByTheWording(String given, String implied, Severity expected) {
        assertThat(BounceClassifier.severity(
                        DeliveryAction.FAILED,
                        Optional.of(EnhancedStatus.of(given)),
                        Optional.of(EnhancedStatus.of(implied))))
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"'5.1.1', 5.1.1", "'5.0.0 (permanent failure)', 5.0.0", "' 4.4.7', 4.4.7"})
    void readsStatusCodes(String text, String expected) {
        assertThat(EnhancedStatus.parse(text).map(Object::toString)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"''", "'3.1.1'", "'5.1'", "'smtp; 550'"})
    void rejectsWhatIsNoStatusCode(String text) {
        assertThat(EnhancedStatus.parse(text)).isEmpty();
    }
}
