package dev.mailroom.persistence.domains;

import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.SecretVault;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SecretVault} with AES-256-GCM and one key per store, kept in a file beside (never inside) the
 * database and readable only by the user (POSIX mode 600 where the file system has modes; elsewhere the
 * file is made readable by its owner only as far as Java allows). A sealed value is
 * {@code version (1) ‖ nonce (12) ‖ ciphertext ‖ tag (16)}; each value gets a fresh random nonce.
 *
 * <p>Losing the key file means losing the secrets sealed with it: it belongs in the same backup as the
 * database. Nothing here logs a secret or puts one in an exception.
 */
public final class AesGcmSecretVault implements SecretVault {
    public static final String KEY_FILE = "mailroom-secrets.key";
    private static final Logger log = LoggerFactory.getLogger(AesGcmSecretVault.class);
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final String HEADER = "mailroom-secret-key-v1 ";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final SecretKeySpec key;
    private final Path keyFile;
    private final SecureRandom random;

    private AesGcmSecretVault(byte[] keyBytes, Path keyFile, SecureRandom random) {
        this.key = new SecretKeySpec(keyBytes, "AES");
        this.keyFile = keyFile;
        this.random = random;
    }

    /** The vault of the store whose data folder this is: reads its key file, or makes one the first time. */
    public static AesGcmSecretVault open(Path dataDir) {
        return open(dataDir.resolve(KEY_FILE), new SecureRandom());
    }

    public static AesGcmSecretVault open(Path keyFile, SecureRandom random) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile, random);
            }
            tighten(keyFile);
            String text = Files.readString(keyFile).strip();
            if (!text.startsWith(HEADER)) {
                throw unreadable(keyFile, null);
            }
            byte[] k =
                    Base64.getDecoder().decode(text.substring(HEADER.length()).strip());
            if (k.length != 32) {
                throw unreadable(keyFile, null);
            }
            return new AesGcmSecretVault(k, keyFile, random);
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(keyFile, e);
        }
    }

    public Path keyFile() {
        return keyFile;
    }

    private static void create(Path keyFile, SecureRandom random) throws IOException {
        Path dir = keyFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] k = new byte[32];
        random.nextBytes(k);
        String text = HEADER + Base64.getEncoder().encodeToString(k) + "\n";
        Arrays.fill(k, (byte) 0);
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        Path tmp = posix
                ? Files.createTempFile(dir, ".secrets", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".secrets", ".tmp");
        try {
            if (!posix) {
                ownerOnly(tmp);
            }
            Files.writeString(tmp, text);
            try {
                Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, keyFile);
            }
            log.info("Created the store's secret key file {}", keyFile);
        } catch (FileAlreadyExistsException raced) {
            // another opener made it first: use theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Makes the key file readable by its owner only, if it is not already. */
    private static void tighten(Path keyFile) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(keyFile, PosixFileAttributeView.class);
        if (view != null) {
            Set<PosixFilePermission> now = view.readAttributes().permissions();
            if (!now.equals(OWNER_ONLY)) {
                log.warn(
                        "The secret key file {} was readable by others ({}); made it owner-only",
                        keyFile,
                        PosixFilePermissions.toString(now));
                view.setPermissions(OWNER_ONLY);
            }
        } else {
            ownerOnly(keyFile);
        }
    }

    private static void ownerOnly(Path p) {
        java.io.File f = p.toFile();
        f.setReadable(false, false);
        f.setWritable(false, false);
        f.setReadable(true, true);
        f.setWritable(true, true);
    }

    @Override
    public byte[] encrypt(byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            c.updateAAD(new byte[] {VERSION});
            byte[] ct = c.doFinal(plaintext);
            byte[] out = new byte[1 + NONCE + ct.length];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE);
            System.arraycopy(ct, 0, out, 1 + NONCE, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new ExternalFailure(
                    "Mailroom could not encrypt a secret (" + e.getClass().getSimpleName() + ").");
        }
    }

    @Override
    public byte[] decrypt(byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw cannotOpen();
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            c.updateAAD(new byte[] {VERSION});
            return c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (GeneralSecurityException e) {
            throw cannotOpen();
        }
    }

    private ExternalFailure cannotOpen() {
        return new ExternalFailure("A stored secret could not be decrypted with this store's key file (" + keyFile
                + "). The key file was probably replaced or comes from another store; restore the key file that "
                + "belongs with this database from the same backup.");
    }

    private static ExternalFailure unreadable(Path keyFile, Exception e) {
        return new ExternalFailure(
                "Mailroom cannot read the store's secret key file " + keyFile
                        + ". Restore it from the backup it was saved with; without it, stored secrets cannot be used.",
                e);
    }

    @Override
    public String toString() {
        return "AesGcmSecretVault[" + keyFile + "]";
    }
}
