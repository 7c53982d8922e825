package dev.mailroom.model.providers;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Least-privilege keys for a client's own application, made at the provider with the connection's key:
 * create (the secret is returned once and stored nowhere), rotate (a new key with the same scopes; the old
 * one keeps working for a grace period, then is revoked), revoke. Everything needs {@link
 * Permission#CREDENTIALS_MANAGE}, listing too (the list says which keys exist and what they may do). The
 * provider is called outside any transaction; every outcome is audited with the provider's words, never a
 * key.
 */
public final class ProviderKeyService {
    /** How long a rotated-out key keeps working, so the client's application can switch. */
    public static final Duration GRACE = Duration.ofDays(7);

    private static final Pattern SCOPE = Pattern.compile("[a-z0-9_.\\-]{1,80}");
    private static final int MOST_SCOPES = 100;

    /** A key just made: the record kept, and the secret to show once. */
    public record NewKey(ProviderKey key, Secret secret) {}

    private final ProviderKeyStore store;
    private final ConnectionStore connections;
    private final EndpointResolver endpoints;
    private final ProviderKeys provider;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public ProviderKeyService(
            ProviderKeyStore store,
            ConnectionStore connections,
            EndpointResolver endpoints,
            ProviderKeys provider,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.connections = connections;
        this.endpoints = endpoints;
        this.provider = provider;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The tenant's keys, newest first. */
    public List<ProviderKey> list(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_MANAGE);
            return store.list(tenant);
        });
    }

    /** The tenant's provider connections a key can be made with. */
    public List<Connection> connections(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_MANAGE);
            return connections.list(tenant).stream()
                    .filter(c -> c.kind().isApi())
                    .toList();
        });
    }

    /**
     * Makes a key at the connection's provider.
     *
     * @param domain the sending domain a MailerSend token is bound to (MailerSend needs one)
     */
    public NewKey create(
            Actor actor,
            TenantId tenant,
            ConnectionId connection,
            String name,
            List<String> scopes,
            Optional<String> domain) {
        String n = cleanName(name);
        List<String> s = cleanScopes(scopes);
        Optional<String> d = domain.map(String::strip).filter(x -> !x.isEmpty());
        Target t = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_MANAGE);
            return target(tenant, connection);
        });
        if (t.connection().kind() == ConnectionKind.MAILERSEND_API && d.isEmpty()) {
            throw new InvalidInput("domain", "MailerSend binds each token to one sending domain: choose it.");
        }
        NewKey made = make(actor, tenant, t, n, s, d, Optional.empty(), "provider-key.created");
        return made;
    }

    /**
     * Makes a new key with the old one's name, scopes and domain, and marks the old one as rotating out: it
     * is revoked when its grace period ends ({@link #finishRotations}) or when someone revokes it now.
     */
    public NewKey rotate(Actor actor, TenantId tenant, ProviderKeyId id) {
        record Old(ProviderKey key, Target target) {}
        Old old = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_MANAGE);
            ProviderKey k = store.find(tenant, id).orElseThrow(() -> new NotFound("This client has no such key."));
            if (k.state() != ProviderKey.State.ACTIVE) {
                throw new Conflict("“" + k.name() + "” is " + k.state().label().toLowerCase(java.util.Locale.ROOT)
                        + "; only an active key can be rotated.");
            }
            return new Old(k, target(tenant, connectionOf(k)));
        });
        Instant now = clock.instant();
        NewKey made = make(
                actor,
                tenant,
                old.target(),
                old.key().name(),
                old.key().scopes(),
                old.key().domain(),
                Optional.of(now),
                "provider-key.rotated");
        Instant graceEnds = now.plus(GRACE);
        tx.run(() -> store.markRotating(tenant, id, graceEnds));
        return made;
    }

    /** Revokes the key at the provider now (an active key, or one rotating out: "Revoke old now"). */
    public ProviderKey revoke(Actor actor, TenantId tenant, ProviderKeyId id) {
        record Old(ProviderKey key, Target target) {}
        Old old = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_MANAGE);
            ProviderKey k = store.find(tenant, id).orElseThrow(() -> new NotFound("This client has no such key."));
            if (k.state() == ProviderKey.State.REVOKED) {
                throw new Conflict("“" + k.name() + "” is already revoked.");
            }
            return new Old(k, target(tenant, connectionOf(k)));
        });
        revokeAtProvider(actor, tenant, old.key(), old.target());
        return tx.inTransaction(() -> store.find(tenant, id).orElseThrow());
    }

    /**
     * Revokes every key of the tenant whose rotation grace period has ended; returns how many. A key whose
     * revocation the provider refuses stays rotating (the refusal is audited) and is tried again next time.
     */
    public int finishRotations(Actor actor, TenantId tenant) {
        Instant now = clock.instant();
        List<ProviderKey> due = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_MANAGE);
            return store.list(tenant).stream()
                    .filter(k -> k.state() == ProviderKey.State.ROTATING)
                    .filter(k -> k.graceEndsAt().map(g -> !g.isAfter(now)).orElse(false))
                    .filter(k -> k.connection().isPresent())
                    .toList();
        });
        int done = 0;
        for (ProviderKey k : due) {
            Optional<Target> t = tx.inTransaction(() -> connections
                    .find(tenant, k.connection().get())
                    .map(c -> new Target(
                            c, endpoints.resolve(tenant, c.id()).api().orElseThrow())));
            if (t.isEmpty()) {
                continue;
            }
            try {
                revokeAtProvider(actor, tenant, k, t.get());
                done++;
            } catch (ExternalFailure refused) {
                // audited in revokeAtProvider; tried again next time
            }
        }
        return done;
    }

    private record Target(Connection connection, ApiEndpoint endpoint) {}

    private Target target(TenantId tenant, ConnectionId connection) {
        Connection c = connections
                .find(tenant, connection)
                .orElseThrow(() -> new InvalidInput("connection", "This client has no such connection."));
        if (!c.kind().isApi()) {
            throw new InvalidInput(
                    "connection", "“" + c.name() + "” is an SMTP relay: relays have no keys Mailroom can make.");
        }
        return new Target(c, endpoints.resolve(tenant, connection).api().orElseThrow());
    }

    private static ConnectionId connectionOf(ProviderKey k) {
        return k.connection()
                .orElseThrow(() -> new Conflict("The connection “" + k.name() + "” was made with has been removed: "
                        + "manage this key in the provider's own dashboard."));
    }

    private NewKey make(
            Actor actor,
            TenantId tenant,
            Target t,
            String name,
            List<String> scopes,
            Optional<String> domain,
            Optional<Instant> rotatedAt,
            String action) {
        ProviderKeys.Created created;
        try {
            created = provider.create(t.endpoint(), name, scopes, domain);
        } catch (SyncFailure f) {
            Map<String, String> details = details(t.connection(), name, scopes, domain);
            details.put("provider", clip(f.getMessage()));
            record(actor, tenant, "provider-key.create-failed", name, details);
            throw new ExternalFailure(f.getMessage());
        }
        List<String> granted = created.scopes().isEmpty() ? scopes : created.scopes();
        Instant now = clock.instant();
        ProviderKey key;
        try {
            key = tx.inTransaction(() -> {
                ProviderKeyId id = store.insert(
                        tenant,
                        t.connection().id(),
                        t.connection().kind(),
                        created.keyId(),
                        name,
                        domain,
                        granted,
                        now,
                        rotatedAt);
                Map<String, String> details = details(t.connection(), name, granted, domain);
                details.put("key id", created.keyId());
                if (!granted.equals(scopes)) {
                    details.put("asked for", String.join(", ", scopes));
                }
                audit.record(actor, tenant, tenantName(tenant), action, name, details);
                return store.find(tenant, id).orElseThrow();
            });
        } catch (RuntimeException notKept) {
            // A key Mailroom cannot list is a key nobody would revoke: take it back at the provider.
            try {
                provider.revoke(t.endpoint(), created.keyId());
            } catch (SyncFailure alsoFailed) {
                try {
                    record(actor, tenant, "provider-key.revoke-failed", name, Map.of("key id", created.keyId()));
                } catch (RuntimeException auditFailed) {
                    notKept.addSuppressed(auditFailed);
                }
            }
            throw notKept;
        }
        return new NewKey(key, created.secret());
    }

    private void revokeAtProvider(Actor actor, TenantId tenant, ProviderKey k, Target t) {
        try {
            provider.revoke(t.endpoint(), k.providerKeyId());
        } catch (SyncFailure f) {
            Map<String, String> details = details(t.connection(), k.name(), k.scopes(), k.domain());
            details.put("key id", k.providerKeyId());
            details.put("provider", clip(f.getMessage()));
            record(actor, tenant, "provider-key.revoke-failed", k.name(), details);
            throw new ExternalFailure(f.getMessage());
        }
        tx.run(() -> {
            store.markRevoked(tenant, k.id(), clock.instant());
            Map<String, String> details = details(t.connection(), k.name(), k.scopes(), k.domain());
            details.put("key id", k.providerKeyId());
            audit.record(actor, tenant, tenantName(tenant), "provider-key.revoked", k.name(), details);
        });
    }

    private static Map<String, String> details(
            Connection c, String name, List<String> scopes, Optional<String> domain) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("connection", c.name());
        d.put("provider", c.kind().label());
        d.put("scopes", String.join(", ", scopes));
        domain.ifPresent(x -> d.put("domain", x));
        return d;
    }

    private void record(Actor actor, TenantId tenant, String action, String target, Map<String, String> details) {
        tx.run(() -> audit.record(actor, tenant, tenantName(tenant), action, target, details));
    }

    private String tenantName(TenantId tenant) {
        return tenants.find(tenant).map(x -> x.name()).orElse(tenant.toString());
    }

    private static String clip(String words) {
        return words.length() > 300 ? words.substring(0, 300) + "…" : words;
    }

    static String cleanName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidInput("name", "Give the key a name that says which application uses it.");
        }
        if (n.length() > 100) {
            throw new InvalidInput("name", "A key's name is at most 100 characters (this one has " + n.length() + ").");
        }
        if (n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInput("name", "A key's name cannot hold control characters.");
        }
        return n;
    }

    static List<String> cleanScopes(List<String> scopes) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String s : scopes == null ? List.<String>of() : scopes) {
            String x = s == null ? "" : s.strip();
            if (!SCOPE.matcher(x).matches()) {
                throw new InvalidInput("scopes", "“" + clip(x) + "” is not a provider scope.");
            }
            out.add(x);
        }
        if (out.isEmpty()) {
            throw new InvalidInput("scopes", "Choose what the key may do: a key without scopes may do everything.");
        }
        if (out.size() > MOST_SCOPES) {
            throw new InvalidInput("scopes", "At most " + MOST_SCOPES + " scopes.");
        }
        return new ArrayList<>(out);
    }
}
