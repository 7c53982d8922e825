package dev.mailroom.model.providers;

import dev.mailroom.model.sending.Connection;

/** An API connection with where its activity sync stands. */
public record ConnectionSync(Connection connection, SyncState state) {}
