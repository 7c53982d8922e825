package dev.mailroom.model.common;

/**
 * Port: seals secrets (DKIM private keys) before they reach the store, and opens them again. An
 * implementation never logs what it seals, and fails with a message fit for a person (no secret in it)
 * when a sealed value cannot be opened.
 *
 * <p>Kept with the domains feature while it is the only user; it moves to {@code model.common} when
 * credentials need it too.
 */
public interface SecretVault {
    byte[] encrypt(byte[] plaintext);

    byte[] decrypt(byte[] sealed);
}
