package dev.mailroom.model.common;

import java.util.Objects;
import java.util.Optional;

/**
 * Who is calling a use case. {@code user} is whose permissions apply; when the agency owner acts as
 * another user, {@code user} is that user and {@code impersonator} the owner, so that every audit
 * entry records both identities. {@code token} is set when the user signed in with an API token: the
 * access policy then narrows the user's permissions to the token's clients and permissions, and
 * refuses everything once the token is revoked or expired.
 */
public record Actor(Principal user, Optional<Principal> impersonator, Optional<ApiTokenId> token) {
    public Actor {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(impersonator, "impersonator");
        Objects.requireNonNull(token, "token");
    }

    public Actor(Principal user, Optional<Principal> impersonator) {
        this(user, impersonator, Optional.empty());
    }

    public static Actor of(Principal user) {
        return new Actor(user, Optional.empty());
    }

    /** The user, signed in with one of their API tokens. */
    public static Actor viaToken(Principal user, ApiTokenId token) {
        return new Actor(user, Optional.empty(), Optional.of(token));
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
