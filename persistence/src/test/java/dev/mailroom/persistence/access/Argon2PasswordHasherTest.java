package dev.mailroom.persistence.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {
    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    @Test
    void hashesAreSaltedArgon2idAndVerifyOnlyTheRightPassword() {
        String a = hasher.hash("correct horse".toCharArray());
        String b = hasher.hash("correct horse".toCharArray());
        assertThat(a).startsWith("$argon2id$").doesNotContain("correct horse");
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.matches("correct horse".toCharArray(), a)).isTrue();
        assertThat(hasher.matches("correct horsf".toCharArray(), a)).isFalse();
        assertThat(hasher.matches("correct horse".toCharArray(), "not a hash")).isFalse();
    }
}
