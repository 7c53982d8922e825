package dev.mailroom.model.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BounceReasonTest {
    private static BounceReason of(String code, String words) {
        return BounceReason.of(code.isEmpty() ? Optional.empty() : EnhancedStatus.parse(code), words);
    }

    @Test
    void aSpecificCodeNamesTheReason() {
        assertThat(of("5.1.1", "blocked")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(of("5.1.2", "")).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(of("5.4.4", "")).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(of("4.2.2", "")).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(of("5.3.4", "")).isEqualTo(BounceReason.MESSAGE_TOO_BIG);
        assertThat(of("4.4.7", "")).isEqualTo(BounceReason.EXPIRED);
        assertThat(of("5.2.1", "")).isEqualTo(BounceReason.SUSPENDED);
        assertThat(of("4.7.28", "")).isEqualTo(BounceReason.RATE_LIMITED);
        assertThat(of("5.7.26", "")).isEqualTo(BounceReason.POLICY);
        assertThat(of("5.7.1", "")).isEqualTo(BounceReason.FILTERED);
    }

    @Test
    void wordsDecideForGenericAndPolicyCodes() {
        assertThat(of("5.0.0", "550 Unknown user")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(of("5.7.1", "553 sorry, no such user here")).isEqualTo(BounceReason.USER_UNKNOWN);
        assertThat(of("5.7.1", "554 Message rejected as spam by content filter"))
                .isEqualTo(BounceReason.SPAM);
        assertThat(of("5.7.1", "550 listed on Spamhaus ZEN")).isEqualTo(BounceReason.FILTERED);
        assertThat(of("5.7.1", "550 DMARC policy of the sender's domain says reject"))
                .isEqualTo(BounceReason.POLICY);
        assertThat(of("", "421 too many connections from your IP, throttled")).isEqualTo(BounceReason.RATE_LIMITED);
        assertThat(of("", "530 Must issue a STARTTLS command first; TLS required"))
                .isEqualTo(BounceReason.SECURITY);
        assertThat(of("", "Mailbox size limit exceeded")).isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(of("", "retry timeout exceeded")).isEqualTo(BounceReason.EXPIRED);
        assertThat(of("", "account has been disabled")).isEqualTo(BounceReason.SUSPENDED);
        assertThat(of("", "Name or service not known")).isEqualTo(BounceReason.HOST_UNKNOWN);
        assertThat(of("5.0.0", "something we never saw")).isEqualTo(BounceReason.OTHER);
    }

    @Test
    void addressesInTheWordsSayNothing() {
        assertThat(of("4.0.0", "452 <junkmail@b.c> Mailbox size limit exceeded"))
                .isEqualTo(BounceReason.MAILBOX_FULL);
        assertThat(of("", "x".repeat(100_000) + "@" + "y".repeat(100_000))).isEqualTo(BounceReason.OTHER);
    }

    @Test
    void keysAndOldStatusCodeKeysAreDescribed() {
        assertThat(BounceReason.describe("mailbox-full")).isEqualTo("mailbox full");
        assertThat(BounceReason.describe("5.1.1")).isEqualTo("user unknown");
        assertThat(BounceReason.describe("550")).isEqualTo("550");
        for (BounceReason r : BounceReason.values()) {
            assertThat(r.key().length()).isLessThanOrEqualTo(16);
            assertThat(BounceReason.ofKey(r.key())).contains(r);
        }
    }
}
