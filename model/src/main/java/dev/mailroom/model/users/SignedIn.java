package dev.mailroom.model.users;

import dev.mailroom.model.access.User;
import dev.mailroom.model.common.Actor;

/** The outcome of a successful sign-in. */
public record SignedIn(Actor actor, User user) {
    public boolean mustChangePassword() {
        return user.mustChangePassword();
    }
}
