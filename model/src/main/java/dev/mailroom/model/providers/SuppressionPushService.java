package dev.mailroom.model.providers;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.tenants.TenantStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A suppression added or removed by hand in Mailroom, pushed to a provider the tenant sends through, after
 * the person said yes (the console asks first), with {@link Permission#SUPPRESSIONS_MANAGE}. The provider is
 * called outside any transaction; the outcome, done or refused, is audited with the provider's words.
 */
public final class SuppressionPushService {
    /** What happened in Mailroom, to be done at the provider too. */
    public enum Change {
        ADD,
        REMOVE
    }

    private final ConnectionStore connections;
    private final EndpointResolver endpoints;
    private final SuppressionTarget target;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;

    public SuppressionPushService(
            ConnectionStore connections,
            EndpointResolver endpoints,
            SuppressionTarget target,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx) {
        this.connections = connections;
        this.endpoints = endpoints;
        this.target = target;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
    }

    /** The tenant's provider connections a change could be pushed to; none for a tenant that only uses relays. */
    public List<Connection> targets(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
            return connections.list(tenant).stream()
                    .filter(c -> c.kind().isApi())
                    .toList();
        });
    }

    /** Does the change at the provider; returns what the provider did, in words. */
    public String push(
            Actor actor, TenantId tenant, ConnectionId connection, Change change, String domain, String address) {
        String a = address == null ? "" : address.strip();
        if (a.isEmpty() || a.length() > 320 || a.indexOf('@') < 1) {
            throw new InvalidInput("address", "“" + a + "” is not an e-mail address.");
        }
        record Target(Connection connection, ApiEndpoint endpoint) {}
        Target t = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
            Connection c = connections
                    .find(tenant, connection)
                    .orElseThrow(() -> new InvalidInput("connection", "This client has no such connection."));
            if (!c.kind().isApi()) {
                throw new InvalidInput(
                        "connection", "“" + c.name() + "” is an SMTP relay: it keeps no suppression list.");
            }
            return new Target(c, endpoints.resolve(tenant, connection).api().orElseThrow());
        });
        String words;
        try {
            words = change == Change.ADD ? target.add(t.endpoint(), domain, a) : target.remove(t.endpoint(), domain, a);
        } catch (SyncFailure f) {
            record(actor, tenant, "suppression.push-failed", a, t.connection(), change, f.getMessage());
            throw new ExternalFailure(f.getMessage());
        }
        record(actor, tenant, "suppression.pushed", a, t.connection(), change, words);
        return words;
    }

    private void record(
            Actor actor, TenantId tenant, String action, String address, Connection c, Change change, String words) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("connection", c.name());
        details.put("change", change.name().toLowerCase(java.util.Locale.ROOT));
        details.put("provider", words.length() > 300 ? words.substring(0, 300) + "…" : words);
        tx.run(() -> audit.record(
                actor,
                tenant,
                tenants.find(tenant).map(x -> x.name()).orElse(tenant.toString()),
                action,
                address,
                details));
    }
}
