package dev.mailroom.persistence.sending;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ConnectionProbe;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.domains.AesGcmSecretVault;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.suppressions.JooqSuppressionStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A store with one tenant ("Acme"), the agency owner and an editor in it, and the real stores and
 * services of the sending feature wired by hand, as the composition root does. Shared with the
 * mailer's end-to-end tests through the test jar.
 */
public final class SendingFixture {
    public static final Instant T0 = Instant.parse("2026-05-04T09:00:00Z");

    public final Store store;
    public final JooqTransactions tx;
    public final MutableClock clock = new MutableClock(T0);
    public final JooqTenantStore tenants;
    public final JooqUserStore users;
    public final JooqMembershipStore memberships;
    public final JooqAuditStore auditStore;
    public final AccessPolicy access;
    public final AuditLog audit;
    public final JooqConnectionStore connections;
    public final JooqOutboxStore outbox;
    public final JooqSuppressionStore suppressions;
    public final EventStore events;
    public final AesGcmSecretVault cipher;
    public final EndpointResolver endpoints;
    public final TenantId acme;
    public final Actor owner;
    public final Actor editor;

    public SendingFixture(Store store, Path dataDir) {
        this(store, dataDir, true);
    }

    /** The fixture over a store made by an earlier fixture: its tenant and users already exist. */
    public static SendingFixture reopen(Store store, Path dataDir) {
        return new SendingFixture(store, dataDir, false);
    }

    private SendingFixture(Store store, Path dataDir, boolean fresh) {
        this.store = store;
        this.tx = store.transactions();
        this.tenants = new JooqTenantStore(tx);
        this.users = new JooqUserStore(tx, clock);
        this.memberships = new JooqMembershipStore(tx);
        this.auditStore = new JooqAuditStore(tx);
        this.access = new AccessPolicy(users, memberships);
        this.audit = new AuditLog(auditStore, clock);
        this.connections = new JooqConnectionStore(tx);
        this.outbox = new JooqOutboxStore(tx);
        this.suppressions = new JooqSuppressionStore(tx);
        this.events = new JooqEventStore(tx);
        this.cipher = AesGcmSecretVault.open(dataDir);
        this.endpoints = new EndpointResolver(connections, cipher);
        if (fresh) {
            this.acme = tenantNamed("Acme");
            this.owner = user("owner@agency.test", "Olive Owner", true, Optional.empty());
            this.editor = user("ed@agency.test", "Ed Editor", false, Optional.of(Role.EDITOR));
        } else {
            this.acme = tx.inTransaction(() -> tenants.findByNameKey("acme"))
                    .orElseThrow()
                    .id();
            this.owner = existing("owner@agency.test");
            this.editor = existing("ed@agency.test");
        }
    }

    public TenantId tenantNamed(String name) {
        return tx.inTransaction(() -> tenants.insert(
                new TenantDraft(
                        name,
                        "#3366CC",
                        "Jo Smith",
                        "jo@example.com",
                        OwnershipModel.CLIENT_OWNED,
                        PartnerAccessPattern.AGENCY_MANAGED),
                T0));
    }

    public Actor user(String email, String name, boolean owner, Optional<Role> roleInAcme) {
        UserId id = tx.inTransaction(
                () -> users.insert(new NewUser(email, name, "x", owner, StaffKind.AGENCY, Optional.empty(), false)));
        roleInAcme.ifPresent(r -> tx.run(() -> memberships.grant(id, acme, r)));
        return Actor.of(new Principal(id, name));
    }

    private Actor existing(String email) {
        var u = tx.inTransaction(() -> users.findByEmailKey(email)).orElseThrow();
        return Actor.of(new Principal(u.id(), u.name()));
    }

    public ConnectionService connectionService(ConnectionProbe probe) {
        return new ConnectionService(connections, tenants, cipher, probe, access, audit, tx, clock);
    }

    /**
     * Acme's production connection, added by the owner, to a relay on loopback without TLS
     * ({@link SmtpSecurity#PLAIN_LOCALHOST_ONLY}) and without sign-in; {@code perMinute} 0 is no rate limit.
     */
    public Connection localRelay(String name, int port, int sessions, int perMinute) {
        return connectionService(e -> null)
                .create(
                        owner,
                        acme,
                        new ConnectionDraft(
                                name,
                                SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                port,
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mailroom.agency.test",
                                sessions,
                                perMinute));
    }

    public static ConnectionDraft draft(
            String name, String host, int port, SmtpSecurity security, String user, String password) {
        return new ConnectionDraft(
                name,
                SendingEnvironment.PRODUCTION,
                host,
                port,
                security,
                user,
                password == null ? Optional.empty() : Optional.of(Secret.of(password)),
                "mailroom.agency.test",
                4,
                0);
    }
}
