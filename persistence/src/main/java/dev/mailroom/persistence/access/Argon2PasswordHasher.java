package dev.mailroom.persistence.access;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.SecureString;
import com.password4j.types.Argon2;
import dev.mailroom.model.access.PasswordHasher;

/**
 * Argon2id through password4j, with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane). The hash
 * string carries its own parameters, so stronger settings later still verify old hashes.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    @Override
    public String hash(char[] password) {
        return Password.hash(new SecureString(password))
                .addRandomSalt(16)
                .with(ARGON2)
                .getResult();
    }

    @Override
    public boolean matches(char[] password, String hash) {
        if (hash == null || !hash.startsWith("$argon2")) {
            return false;
        }
        return Password.check(new SecureString(password), hash).with(Argon2Function.getInstanceFromHash(hash));
    }
}
