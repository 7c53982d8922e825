package dev.mailroom.persistence.sending;

import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.sending.SecretCipher;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Set;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a per-store key in a file outside the database, readable by the user only
 * (POSIX 600). Sealed form: a version byte, a 12-byte random nonce, then ciphertext and tag.
 */
public final class AesGcmSecretCipher implements SecretCipher {
    public static final String KEY_FILE = "secrets.key";
    private static final byte VERSION = 1;
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    private AesGcmSecretCipher(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /** Reads the store's key file, creating it (owner-only) the first time. */
    public static AesGcmSecretCipher openOrCreate(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                create(keyFile);
            }
            if (isPosix(keyFile) && !Files.getPosixFilePermissions(keyFile).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(keyFile, OWNER_ONLY);
            }
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != 32) {
                throw new ExternalFailure("The key file " + keyFile + " is damaged (it should hold 32 bytes). "
                        + "Restore it from a backup; without it the stored passwords cannot be read.");
            }
            return new AesGcmSecretCipher(key);
        } catch (IOException e) {
            throw new ExternalFailure("Mailroom cannot read or create its key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path keyFile) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        if (isPosix(keyFile.toAbsolutePath().getParent())) {
            // Created with the permissions already set, so the key is never readable by others, not even briefly.
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(tmp);
        }
        Files.write(tmp, key);
        try {
            Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp); // another process made it first: use theirs
        }
    }

    private static boolean isPosix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    @Override
    public byte[] encrypt(byte[] plain) {
        byte[] nonce = new byte[NONCE];
        random.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = c.doFinal(plain);
            return ByteBuffer.allocate(1 + NONCE + sealed.length).put(VERSION).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    @Override
    public byte[] decrypt(byte[] sealed) {
        if (sealed.length < 1 + NONCE + TAG_BITS / 8 || sealed[0] != VERSION) {
            throw undecryptable(null);
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE));
            return c.doFinal(sealed, 1 + NONCE, sealed.length - 1 - NONCE);
        } catch (AEADBadTagException e) {
            throw undecryptable(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }

    private static ExternalFailure undecryptable(Exception cause) {
        return new ExternalFailure("A stored secret cannot be decrypted with this store's key file. "
                + "The key file was replaced or the data damaged; enter the password again.", cause);
    }
}
