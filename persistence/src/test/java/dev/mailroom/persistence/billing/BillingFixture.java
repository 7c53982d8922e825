package dev.mailroom.persistence.billing;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.billing.BillingService;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The sending fixture (Acme, owner, editor) plus the billing store and service, wired by hand. */
final class BillingFixture {
    final SendingFixture f;
    final JooqBillingStore store;
    final BillingService billing;

    BillingFixture(Store s, Path dir) {
        this.f = new SendingFixture(s, dir);
        this.store = new JooqBillingStore(f.tx);
        this.billing = new BillingService(store, f.tenants, f.access, f.audit, f.tx, f.clock);
    }

    Actor userWithRole(String email, String name, TenantId tenant, Role role) {
        Actor a = f.user(email, name, false, Optional.empty());
        f.tx.run(() -> f.memberships.grant(a.userId(), tenant, role));
        return a;
    }

    /** {@code count} events of a type for the tenant, spread over the days of April 2026 (UTC). */
    void events(TenantId tenant, EventType type, int count) {
        List<Event> batch = new ArrayList<>();
        Instant start = Instant.parse("2026-04-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            long second = (long) i * (30L * 86_400 - 1) / Math.max(1, count);
            batch.add(Event.of(tenant, "mail.example", start.plusSeconds(second), "r" + i + "@example.net", type));
        }
        f.tx.run(() -> f.events.append(batch));
    }
}
