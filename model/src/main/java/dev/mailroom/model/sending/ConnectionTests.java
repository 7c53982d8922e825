package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Port: the last "Test connection" result per connection (the onboarding checklist reads it). */
public interface ConnectionTests {
    ConnectionTests NONE = new ConnectionTests() {
        @Override
        public void record(TenantId tenant, ConnectionId connection, boolean ok, String summary, Instant at) {}

        @Override
        public Optional<Result> lastPassed(TenantId tenant) {
            return Optional.empty();
        }
    };

    record Result(ConnectionId connection, String summary, Instant at) {}

    void record(TenantId tenant, ConnectionId connection, boolean ok, String summary, Instant at);

    /** The tenant's most recent test that passed, of a connection that still exists. */
    Optional<Result> lastPassed(TenantId tenant);
}
