package dev.mailroom.model.common;

import java.util.Objects;

/** A console user as an identity: who did something, by id and by the name shown in the audit log. */
public record Principal(UserId id, String name) {
    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
