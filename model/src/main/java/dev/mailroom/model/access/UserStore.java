package dev.mailroom.model.access;

import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: console users. Emails are looked up by their lower-cased key. */
public interface UserStore {
    UserId insert(NewUser user);

    Optional<User> find(UserId id);

    Optional<User> findByEmailKey(String emailKey);

    Optional<String> passwordHash(UserId id);

    void updatePassword(UserId id, String passwordHash, boolean mustChange);

    /** Records the outcome of a sign-in attempt for throttling. */
    void updateSignInState(UserId id, int failedSignIns, Optional<Instant> lockedUntil);

    void setActive(UserId id, boolean active);

    void delete(UserId id);

    List<User> list();

    long count();
}
