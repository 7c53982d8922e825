package dev.mailroom.model.users;

import java.time.Instant;

/** The owner of one Mailroom store. */
public record Agency(String name, Instant createdAt) {}
