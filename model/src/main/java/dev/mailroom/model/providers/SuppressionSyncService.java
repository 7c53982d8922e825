package dev.mailroom.model.providers;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.domains.DomainStore;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionStore;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Imports a provider API connection's suppression lists into the tenant's suppressions: a page at a time
 * (the network outside any transaction, each page in one), an address the tenant already suppresses for
 * that domain left as it is, so importing again adds nothing twice. An entry for the whole account
 * (SendGrid) goes to each of the tenant's sending domains. Needs {@link Permission#SUPPRESSIONS_MANAGE};
 * audited. An address both lists hold for different reasons keeps Mailroom's entry (its history is never
 * overwritten) and is named in the result, so a person can look. An address removed in Mailroom comes back
 * while the provider still lists it (the provider would
 * refuse to send to it anyway); removing it at the provider too is for a person to do there.
 */
public final class SuppressionSyncService {
    /** An import stops after this many pages. */
    public static final int MAX_PAGES = 400;

    private final ConnectionStore connections;
    private final TenantStore tenants;
    private final DomainStore domains;
    private final SecretVault vault;
    private final SuppressionStore suppressions;
    private final SuppressionSource source;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public SuppressionSyncService(
            ConnectionStore connections,
            TenantStore tenants,
            DomainStore domains,
            SecretVault vault,
            SuppressionStore suppressions,
            SuppressionSource source,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.connections = connections;
        this.tenants = tenants;
        this.domains = domains;
        this.vault = vault;
        this.suppressions = suppressions;
        this.source = source;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    private record Start(Tenant tenant, Connection connection, ApiEndpoint endpoint) {}

    /** Imports every list of the provider account behind one API connection. Provider faults end in the result. */
    public SuppressionImport importNow(
            Actor actor, TenantId tenant, ConnectionId id, Consumer<String> progress, Cancellation cancel) {
        Start s = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
            Tenant t = tenants.find(tenant)
                    .orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
            if (t.isArchived()) {
                throw new Conflict(
                        "\"" + t.name() + "\" is archived and read-only. Restore it to import suppressions.");
            }
            Connection c =
                    connections.find(tenant, id).orElseThrow(() -> new NotFound("No such connection in this client."));
            if (!c.kind().isApi()) {
                throw new InvalidInput(
                        "connection", "\"" + c.name() + "\" is an SMTP relay: it has no provider suppression lists.");
            }
            ApiEndpoint e = new EndpointResolver(connections, vault)
                    .resolve(tenant, id)
                    .api()
                    .orElseThrow();
            return new Start(t, c, e);
        });
        String name = s.connection().name();
        String cursor = "";
        int pages = 0;
        int[] totals = new int[5]; // added, already, noDomain, skipped, already for another reason
        List<SuppressionImport.Difference> differences = new ArrayList<>();
        boolean cancelled = false;
        Optional<String> error = Optional.empty();
        progress.accept("Importing " + s.connection().kind().label() + " suppressions for \"" + name + "\"…");
        while (pages < MAX_PAGES) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            SuppressionPage page;
            try {
                page = source.page(s.endpoint(), cursor);
            } catch (SyncFailure f) {
                error = Optional.of(f.getMessage());
                break;
            }
            tx.inTransaction(() -> {
                List<String> tenantDomains = domains.list(tenant).stream()
                        .map(d -> d.name().toString())
                        .toList();
                for (ProviderSuppression p : page.entries()) {
                    List<String> targets = p.domain().map(List::of).orElse(tenantDomains);
                    if (targets.isEmpty()) {
                        totals[2]++;
                        continue;
                    }
                    for (String domain : targets) {
                        Optional<Suppression> have = suppressions.find(tenant, domain, p.address());
                        if (have.isPresent()) {
                            totals[1]++;
                            if (have.get().reason() != p.reason()) {
                                totals[4]++;
                                if (differences.size() < SuppressionImport.SHOWN) {
                                    differences.add(new SuppressionImport.Difference(
                                            p.address(), domain, have.get().reason(), p.reason()));
                                }
                            }
                        } else {
                            suppressions.put(new Suppression(
                                    tenant,
                                    domain,
                                    p.address(),
                                    p.reason(),
                                    p.since(),
                                    Optional.empty(),
                                    clip("From " + s.connection().kind().label() + ": " + p.providerReason())));
                            totals[0]++;
                        }
                    }
                }
                totals[3] += page.skipped();
                return null;
            });
            pages++;
            cursor = page.nextCursor();
            progress.accept("\"" + name + "\": page " + pages + ", " + totals[0] + " suppressions added…");
            if (!page.more()) {
                break;
            }
        }
        SuppressionImport result = new SuppressionImport(
                name, pages, totals[0], totals[1], totals[2], totals[3], cancelled, error, totals[4], differences);
        tx.inTransaction(() -> {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("pages", Integer.toString(result.pages()));
            details.put("added", Integer.toString(result.added()));
            details.put("already suppressed", Integer.toString(result.already()));
            if (result.differing() > 0) {
                details.put("suppressed here for another reason", Integer.toString(result.differing()));
            }
            result.error().ifPresent(x -> details.put("fault", x));
            audit.record(actor, tenant, s.tenant().name(), "provider.suppressions-imported", name, details);
            return null;
        });
        progress.accept(result.words());
        return result;
    }

    private static String clip(String s) {
        return s.length() > 500 ? s.substring(0, 500) : s;
    }
}
