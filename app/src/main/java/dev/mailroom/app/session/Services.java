package dev.mailroom.app.session;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.FirstRunService;
import dev.mailroom.model.access.SignInService;
import dev.mailroom.model.audit.AuditLog;
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
        TenantService tenants) {

    public static Services create(Store store, Clock clock) {
        JooqTransactions tx = store.transactions();
        JooqUserStore users = new JooqUserStore(tx);
        Argon2PasswordHasher hasher = new Argon2PasswordHasher();
        AccessPolicy access = new AccessPolicy(users, new JooqMembershipStore(tx));
        AuditLog audit = new AuditLog(new JooqAuditStore(tx), clock);
        return new Services(
                store,
                clock,
                access,
                audit,
                new FirstRunService(new JooqAgencyStore(tx), users, hasher, audit, tx, clock),
                new SignInService(users, hasher, audit, tx, clock),
                new TenantService(new JooqTenantStore(tx), access, audit, tx, clock));
    }
}
