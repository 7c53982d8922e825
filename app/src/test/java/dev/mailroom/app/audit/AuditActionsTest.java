package dev.mailroom.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Audit actions read as words; an action without words of its own is spelled out from its code. */
class AuditActionsTest {
    @Test
    void knownActionsInWordsOthersSpelledOut() {
        assertThat(AuditActions.words("template.copied_from_starter")).isEqualTo("Copied a starter template");
        assertThat(AuditActions.words("signin.failed")).isEqualTo("Failed to sign in");
        assertThat(AuditActions.words("domain.dkim-key-retired")).isEqualTo("Retired a DKIM key");
        assertThat(AuditActions.words("inbound.mailbox-read")).isEqualTo("Inbound: mailbox read");
        assertThat(AuditActions.words("provider-key.rotated")).isEqualTo("Rotated a provider key");
        assertThat(AuditActions.words("odd")).isEqualTo("Odd");
        assertThat(AuditActions.words("")).isEmpty();
        for (String code : AuditActions.known()) {
            String w = AuditActions.words(code);
            assertThat(w).as(code).isNotBlank().doesNotContain(".").doesNotContain("_");
            assertThat(Character.isUpperCase(w.charAt(0))).as(code).isTrue();
        }
    }
}
