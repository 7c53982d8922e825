package dev.mailroom.app.session;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.activity.AnalyticsService;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.persistence.activity.JooqAnalyticsStore;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.model.users.FirstRunService;
import dev.mailroom.model.users.SignInService;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.audit.AuditService;
import dev.mailroom.model.users.UserService;
import dev.mailroom.model.tenants.TenantService;
import dev.mailroom.persistence.access.Argon2PasswordHasher;
import dev.mailroom.persistence.access.JooqAgencyStore;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.time.Clock;

/** The composition root: every use case, wired by hand to its adapters. */
public record Services(
        Store store,
        Clock clock,
        AccessPolicy access,
        AuditLog audit,
        FirstRunService firstRun,
        SignInService signIn,
        TenantService tenants,
        UserService users,
        AuditService auditLog,
        EventStore events,
        AnalyticsService analytics) {

    public static Services create(Store store, Clock clock) {
        JooqTransactions tx = store.transactions();
        JooqUserStore users = new JooqUserStore(tx);
        JooqMembershipStore memberships = new JooqMembershipStore(tx);
        JooqTenantStore tenants = new JooqTenantStore(tx);
        JooqAuditStore auditStore = new JooqAuditStore(tx);
        JooqEventStore events = new JooqEventStore(tx);
        Argon2PasswordHasher hasher = new Argon2PasswordHasher();
        AccessPolicy access = new AccessPolicy(users, memberships);
        AuditLog audit = new AuditLog(auditStore, clock);
        return new Services(
                store,
                clock,
                access,
                audit,
                new FirstRunService(new JooqAgencyStore(tx), users, hasher, audit, tx, clock),
                new SignInService(users, hasher, audit, tx, clock),
                new TenantService(tenants, users, memberships, access, audit, tx, clock),
                new UserService(users, memberships, tenants, access, hasher, audit, tx),
                new AuditService(auditStore, access, tx),
                events,
                new AnalyticsService(events, new JooqAnalyticsStore(tx), access, tx, clock));
    }
}
