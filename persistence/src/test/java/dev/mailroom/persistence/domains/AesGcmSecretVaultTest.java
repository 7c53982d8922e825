package dev.mailroom.persistence.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.ExternalFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSecretVaultTest {
    @TempDir
    Path dir;

    @Test
    void sealsAndOpensWithAFreshNonceEachTimeAndTheKeyFileIsOwnerOnly() throws Exception {
        AesGcmSecretVault vault = AesGcmSecretVault.open(dir);
        byte[] secret = "-----the private key-----".getBytes(StandardCharsets.UTF_8);
        byte[] a = vault.encrypt(secret);
        byte[] b = vault.encrypt(secret);
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("private key");
        assertThat(AesGcmSecretVault.open(dir).decrypt(a)).isEqualTo(secret);
        Path keyFile = dir.resolve(AesGcmSecretVault.KEY_FILE);
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
            Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
            AesGcmSecretVault.open(dir);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aTamperedValueOrAnotherStoresKeyFailsWithAMessageAndNoSecret() throws Exception {
        AesGcmSecretVault vault = AesGcmSecretVault.open(dir.resolve("one"));
        byte[] sealed = vault.encrypt("s3cret".getBytes(StandardCharsets.UTF_8));
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> vault.decrypt(sealed))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("could not be decrypted")
                .hasMessageNotContaining("s3cret");
        byte[] good = vault.encrypt("s3cret".getBytes(StandardCharsets.UTF_8));
        AesGcmSecretVault other = AesGcmSecretVault.open(dir.resolve("two"));
        assertThatThrownBy(() -> other.decrypt(good)).hasMessageContaining("another store");
        Files.createDirectories(dir.resolve("three"));
        Files.writeString(
                dir.resolve("three").resolve(AesGcmSecretVault.KEY_FILE),
                "junk",
                java.nio.file.StandardOpenOption.CREATE_NEW);
        assertThatThrownBy(() -> AesGcmSecretVault.open(dir.resolve("three")))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("cannot read the store's secret key file");
    }
}
