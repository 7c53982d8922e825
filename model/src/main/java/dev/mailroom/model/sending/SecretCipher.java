package dev.mailroom.model.sending;

/**
 * Port: encrypts secrets before they reach a table and decrypts them when needed. The key lives
 * outside the database, so a copy of the database file alone reveals nothing.
 */
public interface SecretCipher {
    byte[] encrypt(byte[] plain);

    /** Throws {@link dev.mailroom.model.common.ExternalFailure} when the data was not made with this key. */
    byte[] decrypt(byte[] sealed);
}
