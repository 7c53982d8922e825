package dev.mailroom.persistence.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.mailroom.model.common.ExternalFailure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSecretCipherTest {
    @TempDir
    Path dir;

    @Test
    void sealsWithAFreshNonceAndOpensWithTheSameKeyFileOnly() throws Exception {
        Path keyFile = dir.resolve(AesGcmSecretCipher.KEY_FILE);
        AesGcmSecretCipher cipher = AesGcmSecretCipher.openOrCreate(keyFile);
        byte[] plain = "hunter2-relay-password".getBytes(StandardCharsets.UTF_8);
        byte[] a = cipher.encrypt(plain);
        byte[] b = cipher.encrypt(plain);
        assertThat(a).isNotEqualTo(b);
        assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("hunter2");

        assertThat(AesGcmSecretCipher.openOrCreate(keyFile).decrypt(a)).isEqualTo(plain);

        AesGcmSecretCipher other = AesGcmSecretCipher.openOrCreate(dir.resolve("other.key"));
        assertThatThrownBy(() -> other.decrypt(a)).isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("cannot be decrypted");

        byte[] tampered = a.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(tampered)).isInstanceOf(ExternalFailure.class);
        assertThatThrownBy(() -> cipher.decrypt(new byte[3])).isInstanceOf(ExternalFailure.class);
    }

    @Test
    void theKeyFileIsReadableByItsOwnerOnly() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path keyFile = dir.resolve(AesGcmSecretCipher.KEY_FILE);
        AesGcmSecretCipher.openOrCreate(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.size(keyFile)).isEqualTo(32);

        // Loosened by hand: tightened again on the next start.
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
        AesGcmSecretCipher.openOrCreate(keyFile);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedKeyFileIsReportedNotReplaced() throws Exception {
        Path keyFile = dir.resolve(AesGcmSecretCipher.KEY_FILE);
        Files.write(keyFile, new byte[5]);
        assertThatThrownBy(() -> AesGcmSecretCipher.openOrCreate(keyFile)).isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("damaged");
        assertThat(Files.size(keyFile)).isEqualTo(5);
    }
}
