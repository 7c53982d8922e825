package dev.mailroom.model.access;

import dev.mailroom.model.common.Actor;

/** The outcome of a successful sign-in. */
public record SignedIn(Actor actor, User user) {
    public boolean mustChangePassword() {
        return user.mustChangePassword();
    }
}
