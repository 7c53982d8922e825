package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.time.LocalDate;
import java.util.Objects;

/** One cell of the daily roll-up: a tenant's sending domain, a UTC day and an event type. */
public record RollupKey(TenantId tenant, String domain, LocalDate day, EventType type) {
    public RollupKey {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(type, "type");
    }

    public static RollupKey of(Event e) {
        return new RollupKey(e.tenant(), e.domain(), e.day(), e.type());
    }
}
