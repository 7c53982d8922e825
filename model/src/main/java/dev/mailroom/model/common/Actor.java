package dev.mailroom.model.common;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling a use case. {@code user} is whose permissions apply; when the agency owner acts as
 * another user, {@code user} is that user and {@code impersonator} the owner, so that every audit
 * entry records both identities.
 */
public record Actor(Principal user, Optional<Principal> impersonator) {
    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(impersonator, "impersonator");
    }

    public static Actor of(Principal user) {
        return new Actor(user, Optional.empty());
    }

    public UserId userId() {
        return user.id();
    }

    public boolean isActingAs() {
        return impersonator.isPresent();
    }

    /** The real person at the keyboard: the impersonator when acting as someone, else the user. */
    public Principal realPerson() {
        return impersonator.orElse(user);
    }
}
