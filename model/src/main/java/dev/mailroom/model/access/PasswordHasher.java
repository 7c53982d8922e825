package dev.mailroom.model.access;

/** Port: a slow, salted password hash from a well-kept library. */
public interface PasswordHasher {
    String hash(char[] password);

    boolean matches(char[] password, String hash);
}
