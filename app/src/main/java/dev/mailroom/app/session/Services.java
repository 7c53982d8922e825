package dev.mailroom.app.session;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.users.FirstRunService;
import dev.mailroom.model.users.SignInService;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.audit.AuditService;
import dev.mailroom.model.users.UserService;
import dev.mailroom.model.tenants.TenantService;
import dev.mailroom.model.templates.TemplateService;
import dev.mailroom.mailer.templates.ClasspathStarterLibrary;
import dev.mailroom.mailer.templates.DiffUtilsTextDiffer;
import dev.mailroom.mailer.templates.HandlebarsTemplateRenderer;
import dev.mailroom.mailer.templates.JsonTemplateBundleCodec;
import dev.mailroom.persistence.templates.JooqBrandKitStore;
import dev.mailroom.persistence.templates.JooqTemplateStore;
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
        TemplateService templates) {

    public static Services create(Store store, Clock clock) {
        JooqTransactions tx = store.transactions();
        JooqUserStore users = new JooqUserStore(tx);
        JooqMembershipStore memberships = new JooqMembershipStore(tx);
        JooqTenantStore tenants = new JooqTenantStore(tx);
        JooqAuditStore auditStore = new JooqAuditStore(tx);
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
                new TemplateService(new JooqTemplateStore(tx), new JooqBrandKitStore(tx), tenants, new ClasspathStarterLibrary(),
                        new TemplateService.Tools(new HandlebarsTemplateRenderer(), new DiffUtilsTextDiffer(),
                                new JsonTemplateBundleCodec()),
                        access, audit, tx, clock));
    }
}
