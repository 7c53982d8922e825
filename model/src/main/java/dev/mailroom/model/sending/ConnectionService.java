package dev.mailroom.model.sending;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use cases on a tenant's connections: SMTP relays and provider APIs. Configuring needs {@link Permission#CONNECTIONS_MANAGE},
 * removing {@link Permission#CONNECTION_REMOVE}, seeing the password {@link Permission#CREDENTIALS_REVEAL};
 * every change and every reveal is audited. Audit entries never hold the password.
 */
public final class ConnectionService {
    private final ConnectionStore store;
    private final TenantStore tenants;
    private final SecretVault cipher;
    private final ConnectionProbe probe;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public ConnectionService(
            ConnectionStore store,
            TenantStore tenants,
            SecretVault cipher,
            ConnectionProbe probe,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.cipher = cipher;
        this.probe = probe;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Where "Test connection" results are kept (the onboarding checklist's "a connection tested"). */
    private ConnectionTests tests = ConnectionTests.NONE;

    /** Keeps each test's result in {@code tests}; the composition root wires it. */
    public ConnectionService recordingTestsIn(ConnectionTests tests) {
        this.tests = tests;
        return this;
    }

    public List<Connection> list(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TENANT_VIEW);
            return store.list(tenant);
        });
    }

    public Connection create(Actor actor, TenantId tenant, ConnectionDraft draft) {
        ConnectionDraft clean = draft.validated();
        if (!clean.username().isEmpty() && clean.password().isEmpty()) {
            throw new InvalidInput("password", "Enter the password for " + clean.username() + ".");
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            Tenant t = activeTenant(tenant);
            requireUniqueName(tenant, clean.name(), Optional.empty());
            ConnectionId id = store.insert(tenant, clean, seal(clean.password()), clock.instant());
            audit.record(actor, tenant, t.name(), "connection.created", clean.name(), describe(clean));
            return load(tenant, id);
        });
    }

    /** A MailerSend or SendGrid API connection; its key is sealed like a password and never audited. */
    public Connection createApi(Actor actor, TenantId tenant, ApiConnectionDraft draft) {
        ApiConnectionDraft clean = draft.validated();
        if (clean.key().isEmpty()) {
            throw new InvalidInput("key", "Enter the " + clean.kind().secretName() + ".");
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            Tenant t = activeTenant(tenant);
            requireUniqueName(tenant, clean.name(), Optional.empty());
            ConnectionId id = store.insertApi(tenant, clean, seal(clean.key()), clock.instant());
            audit.record(actor, tenant, t.name(), "connection.created", clean.name(), describe(clean));
            return load(tenant, id);
        });
    }

    /** An empty key in the draft keeps the stored one. The kind cannot change: that is another connection. */
    public Connection updateApi(Actor actor, TenantId tenant, ConnectionId id, ApiConnectionDraft draft) {
        ApiConnectionDraft clean = draft.validated();
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            Tenant t = activeTenant(tenant);
            Connection before = load(tenant, id);
            if (before.kind() != clean.kind()) {
                throw new Conflict("\"" + before.name() + "\" is a "
                        + before.kind().label() + " connection; add a new connection for "
                        + clean.kind().label() + ".");
            }
            requireUniqueName(tenant, clean.name(), Optional.of(id));
            store.updateApi(tenant, id, clean, seal(clean.key()));
            Map<String, String> b = describe(new ApiConnectionDraft(
                    before.name(),
                    before.environment(),
                    before.kind(),
                    Optional.empty(),
                    before.onBehalfOf(),
                    before.apiBaseUrl(),
                    before.maxSessions(),
                    before.ratePerSecond()));
            Map<String, String> changed = new LinkedHashMap<>();
            if (!before.name().equals(clean.name())) {
                changed.put("name", before.name() + " → " + clean.name());
            }
            describe(clean).forEach((k, v) -> {
                if (!v.equals(b.get(k))) {
                    changed.put(k, b.get(k) + " → " + v);
                }
            });
            if (clean.key().isPresent()) {
                changed.put(clean.kind().secretName(), "changed"); // never the value
            }
            audit.record(actor, tenant, t.name(), "connection.updated", clean.name(), changed);
            return load(tenant, id);
        });
    }

    /** An empty password in the draft keeps the stored one. */
    public Connection update(Actor actor, TenantId tenant, ConnectionId id, ConnectionDraft draft) {
        ConnectionDraft clean = draft.validated();
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            Tenant t = activeTenant(tenant);
            Connection before = load(tenant, id);
            if (before.kind().isApi()) {
                throw new Conflict(
                        "\"" + before.name() + "\" is a " + before.kind().label() + " connection, not an SMTP relay.");
            }
            requireUniqueName(tenant, clean.name(), Optional.of(id));
            if (!clean.username().isEmpty() && clean.password().isEmpty() && !before.hasPassword()) {
                throw new InvalidInput("password", "Enter the password for " + clean.username() + ".");
            }
            store.update(tenant, id, clean, seal(clean.password()));
            Map<String, String> changes = changes(before, clean);
            audit.record(actor, tenant, t.name(), "connection.updated", clean.name(), changes);
            return load(tenant, id);
        });
    }

    public void remove(Actor actor, TenantId tenant, ConnectionId id) {
        tx.run(() -> {
            access.require(actor, tenant, Permission.CONNECTION_REMOVE);
            Tenant t = tenants.find(tenant).orElseThrow(ConnectionService::noTenant);
            Connection c = load(tenant, id);
            if (store.hasUnsentMessages(tenant, id)) {
                throw new Conflict("Messages in the outbox still wait to go through \"" + c.name()
                        + "\". Send or cancel them first.");
            }
            store.delete(tenant, id);
            audit.record(actor, tenant, t.name(), "connection.removed", c.name(), Map.of("address", c.address()));
        });
    }

    /**
     * The stored password (or, for an API connection, the key) in clear, for a person allowed to see it.
     * Each reveal is audited.
     */
    public Secret revealPassword(Actor actor, TenantId tenant, ConnectionId id) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_REVEAL);
            Tenant t = tenants.find(tenant).orElseThrow(ConnectionService::noTenant);
            Connection c = load(tenant, id);
            byte[] sealed = store.sealedPassword(tenant, id)
                    .orElseThrow(() -> new NotFound(
                            "\"" + c.name() + "\" has no " + c.kind().secretName() + " stored."));
            if (c.kind().isApi()) {
                audit.record(
                        actor,
                        tenant,
                        t.name(),
                        "connection.key-revealed",
                        c.name(),
                        Map.of("kind", c.kind().label()));
            } else {
                audit.record(
                        actor,
                        tenant,
                        t.name(),
                        "connection.password-revealed",
                        c.name(),
                        Map.of("user", c.username()));
            }
            return Secret.of(new String(cipher.decrypt(sealed), StandardCharsets.UTF_8));
        });
    }

    /**
     * Connects to the relay and signs in as the sender would, without sending (for an API connection: asks
     * the provider whether the key works and has the scopes Mailroom needs). Runs the network part
     * outside any transaction: a slow server must not hold the store.
     */
    public ProbeReport test(Actor actor, TenantId tenant, ConnectionId id) {
        SmtpEndpoint endpoint = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            return new EndpointResolver(store, cipher).resolve(tenant, id);
        });
        ProbeReport report = probe.probe(endpoint);
        // Its own transaction after the network: a connection removed meanwhile just has no result kept.
        try {
            tx.run(() -> {
                if (store.find(tenant, id).isPresent()) {
                    tests.record(tenant, id, report.ok(), report.summary(), clock.instant());
                }
            });
        } catch (RuntimeException e) {
            // The test's answer matters more than keeping it; the checklist then shows it as not yet tested.
        }
        return report;
    }

    private Optional<byte[]> seal(Optional<Secret> password) {
        return password.map(p -> cipher.encrypt(p.reveal().getBytes(StandardCharsets.UTF_8)));
    }

    private Connection load(TenantId tenant, ConnectionId id) {
        return store.find(tenant, id).orElseThrow(() -> new NotFound("No such connection in this client."));
    }

    private Tenant activeTenant(TenantId id) {
        Tenant t = tenants.find(id).orElseThrow(ConnectionService::noTenant);
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to make changes.");
        }
        return t;
    }

    private static NotFound noTenant() {
        return new NotFound("No such client, or you have no access to it.");
    }

    private void requireUniqueName(TenantId tenant, String name, Optional<ConnectionId> self) {
        for (Connection c : store.list(tenant)) {
            if (c.name().equalsIgnoreCase(name)
                    && self.map(s -> !s.equals(c.id())).orElse(true)) {
                throw new InvalidInput("name", "This client already has a connection named \"" + c.name() + "\".");
            }
        }
    }

    private static Map<String, String> describe(ConnectionDraft d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("environment", d.environment().label());
        m.put("address", d.host() + ":" + d.port());
        m.put("security", d.security().label());
        m.put("user", d.username());
        m.put("HELO name", d.heloName());
        m.put("sessions", Integer.toString(d.maxSessions()));
        m.put("rate per second", d.ratePerSecond() == 0 ? "no limit" : Integer.toString(d.ratePerSecond()));
        return m;
    }

    private static Map<String, String> describe(ApiConnectionDraft d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", d.kind().label());
        m.put("environment", d.environment().label());
        m.put("address", d.effectiveBaseUrl());
        m.put("on behalf of", d.onBehalfOf().orElse("—"));
        m.put("requests at once", Integer.toString(d.maxRequests()));
        m.put("rate per second", d.ratePerSecond() == 0 ? "no limit" : Integer.toString(d.ratePerSecond()));
        return m;
    }

    private static Map<String, String> changes(Connection before, ConnectionDraft after) {
        Map<String, String> b = describe(new ConnectionDraft(
                before.name(),
                before.environment(),
                before.host(),
                before.port(),
                before.security(),
                before.username(),
                Optional.empty(),
                before.heloName(),
                before.maxSessions(),
                before.ratePerSecond()));
        Map<String, String> a = describe(after);
        Map<String, String> changed = new LinkedHashMap<>();
        if (!before.name().equals(after.name())) {
            changed.put("name", before.name() + " → " + after.name());
        }
        a.forEach((k, v) -> {
            if (!v.equals(b.get(k))) {
                changed.put(k, b.get(k) + " → " + v);
            }
        });
        if (after.password().isPresent()) {
            changed.put("password", "changed"); // never the value
        }
        return changed;
    }
}
