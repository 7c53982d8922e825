package dev.mailroom.model.access;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Throttled;
import dev.mailroom.model.common.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Sign-in with throttling: after {@link #FREE_ATTEMPTS} wrong passwords in a row the account waits
 * {@link #FIRST_WAIT}, doubling with each further wrong one (up to {@link #MAX_WAIT}). Every attempt,
 * good or bad, is audited.
 */
public final class SignInService {
    public static final int FREE_ATTEMPTS = 5;
    public static final Duration FIRST_WAIT = Duration.ofSeconds(30);
    public static final Duration MAX_WAIT = Duration.ofHours(1);
    private static final String WRONG = "Wrong email or password.";

    private final UserStore users;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final Transactions tx;
    private final Clock clock;
    // Hashed once so that an unknown address costs as much time as a wrong password.
    private final String decoyHash;

    public SignInService(UserStore users, PasswordHasher hasher, AuditTrail audit, Transactions tx, Clock clock) {
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.decoyHash = hasher.hash("decoy-password".toCharArray());
    }

    public SignedIn signIn(String email, char[] password) {
        String key = Text.key(email);
        if (key.isEmpty()) {
            throw new InvalidInput("email", "Enter your email address.");
        }
        // The outcome is computed and recorded in one transaction and thrown after it commits, so a
        // failed attempt's audit entry and counter are never rolled back with the error.
        Outcome outcome = tx.inTransaction(() -> attempt(key, email, password));
        if (outcome.error != null) {
            throw outcome.error;
        }
        return outcome.signedIn;
    }

    private Outcome attempt(String key, String typedEmail, char[] password) {
        Instant now = clock.instant();
        Optional<User> found = users.findByEmailKey(key);
        if (found.isEmpty()) {
            hasher.matches(password, decoyHash);
            audit.recordAnonymous("signin.failed", Text.trimmed(typedEmail), Map.of("reason", "unknown address"));
            return Outcome.failed(new InvalidInput("password", WRONG));
        }
        User user = found.get();
        if (user.lockedUntil().filter(now::isBefore).isPresent()) {
            Duration wait = Duration.between(now, user.lockedUntil().get());
            audit.recordFor(
                    user.principal(), "signin.refused", user.email(), Map.of("reason", "too many wrong passwords"));
            return Outcome.failed(throttled(wait));
        }
        String hash = users.passwordHash(user.id()).orElse(decoyHash);
        if (!hasher.matches(password, hash)) {
            int failures = user.failedSignIns() + 1;
            Optional<Instant> lockedUntil = Optional.empty();
            if (failures >= FREE_ATTEMPTS) {
                lockedUntil = Optional.of(now.plus(waitAfter(failures)));
            }
            users.updateSignInState(user.id(), failures, lockedUntil);
            audit.recordFor(
                    user.principal(),
                    "signin.failed",
                    user.email(),
                    Map.of("reason", "wrong password", "failures in a row", Integer.toString(failures)));
            return Outcome.failed(
                    lockedUntil.isPresent() ? throttled(waitAfter(failures)) : new InvalidInput("password", WRONG));
        }
        if (!user.active()) {
            audit.recordFor(user.principal(), "signin.failed", user.email(), Map.of("reason", "deactivated"));
            return Outcome.failed(new InvalidInput(
                    "email", "This account is deactivated. Ask your agency's owner to reactivate it."));
        }
        users.updateSignInState(user.id(), 0, Optional.empty());
        Actor actor = Actor.of(user.principal());
        audit.record(actor, "signin.succeeded", user.email(), Map.of());
        return Outcome.ok(new SignedIn(actor, users.find(user.id()).orElseThrow()));
    }

    /** Changes the signed-in user's own password; clears "must change at first sign-in". */
    public void changePassword(Actor actor, char[] current, char[] next, char[] nextAgain) {
        Problems problems = new Problems();
        PasswordRules.check(problems, "newPassword", next);
        problems.check(java.util.Arrays.equals(next, nextAgain), "newPasswordAgain", "The passwords differ.");
        problems.throwIfAny();
        String newHash = hasher.hash(next);
        tx.run(() -> {
            String hash = users.passwordHash(actor.userId()).orElse(decoyHash);
            if (!hasher.matches(current, hash)) {
                throw new InvalidInput("currentPassword", "That is not your current password.");
            }
            users.updatePassword(actor.userId(), newHash, false);
            audit.record(actor, "user.password-changed", actor.user().name(), Map.of());
        });
    }

    static Duration waitAfter(int failures) {
        int doublings = Math.min(failures - FREE_ATTEMPTS, 20);
        Duration wait = FIRST_WAIT.multipliedBy(1L << doublings);
        return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
    }

    private static Throttled throttled(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        String when = seconds < 120 ? seconds + " s" : ((seconds + 59) / 60) + " min";
        return new Throttled("Too many wrong passwords. Try again in " + when + ".", wait);
    }

    private record Outcome(SignedIn signedIn, MailroomException error) {
        static Outcome ok(SignedIn s) {
            return new Outcome(s, null);
        }

        static Outcome failed(MailroomException e) {
            return new Outcome(null, e);
        }
    }
}
