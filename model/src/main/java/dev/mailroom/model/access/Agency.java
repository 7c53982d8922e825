package dev.mailroom.model.access;

import java.time.Instant;

/** The owner of one Mailroom store. */
public record Agency(String name, Instant createdAt) {}
