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
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.DomainStore;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.domains.ProvidedRecordsLookup;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sending domains at a provider (MailerSend, SendGrid) for the domain wizard: list the domains of a
 * connection's account (marking those already in the tenant), create the tenant's domain at the provider,
 * pull the DNS records the provider requires into the domain's plan (where they take the place of
 * Mailroom's DKIM and return path, decision 0074), ask the provider to verify and keep what it says, and
 * import a provider's domain into the tenant. Changes need {@link Permission#DOMAINS_MANAGE}, as adding a
 * domain does; reading the link {@link Permission#DOMAINS_VIEW}. A connection or domain of another tenant
 * is not found. The provider is called outside any transaction; every change, and the provider's refusal of
 * one, is audited with the provider's words, never a key (reading its list of domains changes nothing and
 * is not).
 */
public final class ProviderDomainService {
    /** A domain of the provider's account, and whether this tenant has it already. */
    public record Row(ProviderDomains.Domain domain, Optional<DomainId> inTenant, boolean elsewhere) {}

    private final ProviderDomainStore links;
    private final DomainStore domains;
    private final ConnectionStore connections;
    private final EndpointResolver endpoints;
    private final ProviderDomains provider;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public ProviderDomainService(
            ProviderDomainStore links,
            DomainStore domains,
            ConnectionStore connections,
            EndpointResolver endpoints,
            ProviderDomains provider,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.links = links;
        this.domains = domains;
        this.connections = connections;
        this.endpoints = endpoints;
        this.provider = provider;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** For {@code DomainService}: the records of a linked domain's provider, as last pulled. */
    public static ProvidedRecordsLookup lookup(ProviderDomainStore links) {
        return (tenant, domain) -> links.byDomain(tenant, domain)
                .filter(l -> !l.records().isEmpty())
                .map(ProviderDomainLink::provided);
    }

    /** The tenant's provider connections (MailerSend, SendGrid) a domain can be created at or imported from. */
    public List<Connection> connections(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            return connections.list(tenant).stream()
                    .filter(c -> c.kind().isApi())
                    .toList();
        });
    }

    /** The link of a sending domain to its provider's domain, if it has one. */
    public Optional<ProviderDomainLink> link(Actor actor, TenantId tenant, DomainId domain) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_VIEW);
            loadDomain(tenant, domain);
            return links.byDomain(tenant, domain);
        });
    }

    /** The domains of the connection's account, each marked when this tenant has it already. */
    public List<Row> list(Actor actor, TenantId tenant, ConnectionId connection) {
        Target t = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            return target(tenant, connection);
        });
        List<ProviderDomains.Domain> found = read(() -> provider.list(t.endpoint()));
        return tx.inTransaction(() -> {
            List<Row> rows = new ArrayList<>();
            for (ProviderDomains.Domain d : found) {
                Optional<DomainId> mine = links.byProviderId(
                                tenant, t.connection().kind(), d.id())
                        .map(ProviderDomainLink::domain);
                boolean elsewhere = false;
                if (mine.isEmpty()) {
                    Optional<SendingDomain> named = parse(d.name()).flatMap(domains::findByNameAcrossTenants);
                    mine = named.filter(x -> x.tenant().equals(tenant)).map(SendingDomain::id);
                    elsewhere = named.isPresent() && mine.isEmpty();
                }
                rows.add(new Row(d, mine, elsewhere));
            }
            return rows;
        });
    }

    /**
     * Creates the tenant's sending domain at the connection's provider (or, when the account has it
     * already, links that one), then pulls the records the provider requires and its status.
     */
    public ProviderDomainLink create(Actor actor, TenantId tenant, DomainId domain, ConnectionId connection) {
        record Start(SendingDomain domain, Target target) {}
        Start s = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            activeTenant(tenant);
            SendingDomain d = loadDomain(tenant, domain);
            links.byDomain(tenant, domain).ifPresent(l -> {
                throw new Conflict(d.name().unicode() + " is already linked to " + l.providerName() + " (domain "
                        + l.providerDomainName() + ").");
            });
            return new Start(d, target(tenant, connection));
        });
        String name = s.domain().name().ascii();
        Optional<ProviderDomains.Domain> there =
                ask(
                                actor,
                                tenant,
                                s.target(),
                                name,
                                () -> provider.list(s.target().endpoint()))
                        .stream()
                        .filter(x -> x.name().equalsIgnoreCase(name))
                        .findFirst();
        ProviderDomains.Domain made = there.isPresent()
                ? there.get()
                : ask(
                        actor,
                        tenant,
                        s.target(),
                        name,
                        () -> provider.create(s.target().endpoint(), name));
        Instant now = clock.instant();
        tx.run(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            loadDomain(tenant, domain);
            links.link(tenant, domain, connection, s.target().connection().kind(), made.id(), made.name(), now);
            Map<String, String> details = details(s.target().connection(), made);
            details.put("at the provider", there.isPresent() ? "it had the domain already: linked" : "created");
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    there.isPresent() ? "provider-domain.linked" : "provider-domain.created",
                    s.domain().name().unicode(),
                    details);
        });
        return refresh(actor, tenant, domain, false);
    }

    /** Pulls the records the provider requires for the linked domain, with its status, into the domain's plan. */
    public ProviderDomainLink pullRecords(Actor actor, TenantId tenant, DomainId domain) {
        return refresh(actor, tenant, domain, false);
    }

    /** Asks the provider to verify the linked domain now, and keeps what it says per record and as a whole. */
    public ProviderDomainLink verify(Actor actor, TenantId tenant, DomainId domain) {
        return refresh(actor, tenant, domain, true);
    }

    /**
     * Imports a domain of the connection's account into the tenant as a sending domain linked to it, with
     * the records the provider requires. Importing it again changes nothing and returns the same domain; a
     * domain the tenant has already under that name is linked rather than added twice.
     */
    public SendingDomain importDomain(Actor actor, TenantId tenant, ConnectionId connection, String providerDomainId) {
        String wanted = providerDomainId == null ? "" : providerDomainId.strip();
        Target t = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            activeTenant(tenant);
            return target(tenant, connection);
        });
        Optional<SendingDomain> already =
                tx.inTransaction(() -> links.byProviderId(tenant, t.connection().kind(), wanted)
                        .flatMap(l -> domains.find(tenant, l.domain())));
        if (already.isPresent()) {
            return already.get();
        }
        ProviderDomains.Domain d = read(() -> provider.list(t.endpoint())).stream()
                .filter(x -> x.id().equals(wanted))
                .findFirst()
                .orElseThrow(() -> new NotFound(ProviderDomainLink.providerName(
                                t.connection().kind()) + " has no such domain in this account (any more)."));
        DomainName name = parse(d.name())
                .orElseThrow(() -> new InvalidInput(
                        DomainName.FIELD, "“" + clip(d.name()) + "” is not a domain name Mailroom can send from."));
        Instant now = clock.instant();
        DomainId id = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            Tenant tn = activeTenant(tenant);
            Optional<ProviderDomainLink> again =
                    links.byProviderId(tenant, t.connection().kind(), d.id());
            if (again.isPresent()) {
                return again.get().domain(); // imported meanwhile
            }
            Optional<SendingDomain> named = domains.findByNameAcrossTenants(name);
            if (named.isPresent() && !named.get().tenant().equals(tenant)) {
                throw new InvalidInput(
                        DomainName.FIELD,
                        name.unicode() + " is already a sending domain of another client. A domain belongs to one "
                                + "client only; remove it there first (or ask the agency owner).");
            }
            Map<String, String> details = details(t.connection(), d);
            DomainId domainId;
            if (named.isPresent()) {
                domainId = named.get().id();
                if (links.byDomain(tenant, domainId).isPresent()) {
                    throw new Conflict(name.unicode() + " is already linked to a domain at a provider.");
                }
                details.put("sending domain", "the client's own, linked");
            } else {
                domainId =
                        domains.insert(tenant, name, settingsFor(t.connection().kind()), now);
                details.put("sending domain", "added");
            }
            links.link(tenant, domainId, connection, t.connection().kind(), d.id(), d.name(), now);
            audit.record(actor, tenant, tn.name(), "provider-domain.imported", name.unicode(), details);
            return domainId;
        });
        try {
            refresh(actor, tenant, id, false);
        } catch (ExternalFailure recordsLater) {
            // the domain is in; "Pull records" asks again (the refusal is audited)
        }
        return tx.inTransaction(() -> domains.find(tenant, id).orElseThrow());
    }

    /**
     * Ends the link of a sending domain to its provider's domain: the provider's records leave the domain's
     * plan, so Mailroom's own DKIM and return path are in it again. The domain stays in the client and, at
     * the provider, as it is (Mailroom never deletes a provider's domain; that is done in its dashboard).
     */
    public void unlink(Actor actor, TenantId tenant, DomainId domain) {
        tx.run(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            SendingDomain d = loadDomain(tenant, domain);
            ProviderDomainLink l = links.byDomain(tenant, domain)
                    .orElseThrow(() -> new Conflict(d.name().unicode() + " is not linked to a domain at a provider."));
            links.unlink(tenant, domain);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("provider", l.providerName());
            details.put("provider's id", l.providerDomainId());
            details.put("provider's domain", l.providerDomainName());
            details.put("at the provider", "left as it is");
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    "provider-domain.unlinked",
                    d.name().unicode(),
                    details);
        });
    }

    /** What an imported domain's plan starts from: the provider's SPF term and bounce host. */
    static RecordPlanSettings settingsFor(ConnectionKind kind) {
        return kind == ConnectionKind.MAILERSEND_API
                ? new RecordPlanSettings(
                        "include:_spf.mailersend.net",
                        "mta",
                        "mailersend.net",
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        3600)
                : RecordPlanSettings.builtIn("include:sendgrid.net", "sendgrid.net");
    }

    private ProviderDomainLink refresh(Actor actor, TenantId tenant, DomainId domain, boolean askToVerify) {
        record Start(ProviderDomainLink link, Target target, String name, String ascii) {}
        Start s = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            activeTenant(tenant);
            SendingDomain d = loadDomain(tenant, domain);
            ProviderDomainLink l = links.byDomain(tenant, domain)
                    .orElseThrow(() -> new Conflict(
                            d.name().unicode() + " is not linked to a domain at a provider: create it there first."));
            ConnectionId c = l.connection()
                    .orElseThrow(() -> new Conflict("The connection " + d.name().unicode()
                            + " was linked with has been removed: add a connection to " + l.providerName()
                            + " and create or import the domain again."));
            return new Start(l, target(tenant, c), d.name().unicode(), d.name().ascii());
        });
        String id = s.link().providerDomainId();
        ApiEndpoint e = s.target().endpoint();
        List<ProvidedRecords.Entry> records = ask(actor, tenant, s.target(), s.name(), () -> provider.records(e, id));
        for (ProvidedRecords.Entry r : records) {
            if (!r.host().equals(s.ascii()) && !r.host().endsWith("." + s.ascii())) {
                // a record elsewhere would be published in someone else's zone: none of them is kept
                ask(actor, tenant, s.target(), s.name(), () -> {
                    throw new SyncFailure(
                            SyncFailure.Kind.MALFORMED,
                            s.link().providerName() + " asked for a record at " + clip(r.host())
                                    + ", which is not under "
                                    + s.name() + "; nothing of its records was kept. Check that the connection's "
                                    + "account has the right domain.",
                            Optional.empty());
                });
            }
        }
        ProviderDomains.Verification v = ask(
                actor,
                tenant,
                s.target(),
                s.name(),
                () -> askToVerify ? provider.verify(e, id) : provider.status(e, id));
        List<ProvidedRecords.Entry> marked = new ArrayList<>();
        for (ProvidedRecords.Entry r : records) {
            Boolean said = v.byKind().get(r.kind());
            marked.add(said == null ? r : r.withVerified(Optional.of(said)));
        }
        String words = words(s.link().providerName(), v);
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            loadDomain(tenant, domain);
            links.saveRecords(tenant, domain, marked, now);
            links.saveStatus(tenant, domain, v.verified(), words, now);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("provider", s.link().providerName());
            details.put("provider's id", id);
            details.put("records", Integer.toString(marked.size()));
            details.put("status", words);
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    askToVerify ? "provider-domain.verify-asked" : "provider-domain.records-pulled",
                    s.name(),
                    details);
            return links.byDomain(tenant, domain).orElseThrow();
        });
    }

    /** "MailerSend: verified." or what is not, with the provider's reasons. */
    static String words(String provider, ProviderDomains.Verification v) {
        if (v.verified()) {
            return provider + ": verified.";
        }
        List<String> not = new ArrayList<>();
        for (RecordKind k : RecordKind.values()) {
            if (Boolean.FALSE.equals(v.byKind().get(k))) {
                not.add(k.label());
            }
        }
        StringBuilder b = new StringBuilder(provider).append(": not verified yet");
        b.append(not.isEmpty() ? "." : " (" + String.join(", ", not) + " not verified).");
        if (!v.reasons().isEmpty()) {
            b.append(' ').append(clip(String.join(" ", v.reasons())));
        }
        return clip(b.toString());
    }

    private interface Call<T> {
        T call() throws SyncFailure;
    }

    /** The provider's answer to a read that changes nothing here; its refusal in words, not audited. */
    private static <T> T read(Call<T> call) {
        try {
            return call.call();
        } catch (SyncFailure f) {
            throw new ExternalFailure(f.getMessage());
        }
    }

    /** The provider's answer; its refusal audited with its words and thrown as an {@link ExternalFailure}. */
    private <T> T ask(Actor actor, TenantId tenant, Target t, String what, Call<T> call) {
        try {
            return call.call();
        } catch (SyncFailure f) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("connection", t.connection().name());
            details.put("provider", t.connection().kind().label());
            details.put("refusal", clip(f.getMessage()));
            tx.run(() -> audit.record(actor, tenant, tenantName(tenant), "provider-domain.refused", what, details));
            throw new ExternalFailure(f.getMessage());
        }
    }

    private record Target(Connection connection, ApiEndpoint endpoint) {}

    private Target target(TenantId tenant, ConnectionId connection) {
        Connection c = connections
                .find(tenant, connection)
                .orElseThrow(() -> new NotFound("This client has no such connection."));
        if (!c.kind().isApi()) {
            throw new InvalidInput(
                    "connection",
                    "“" + c.name() + "” is an SMTP relay: sending domains are created at a provider through its API.");
        }
        return new Target(c, endpoints.resolve(tenant, connection).api().orElseThrow());
    }

    private SendingDomain loadDomain(TenantId tenant, DomainId id) {
        return domains.find(tenant, id)
                .orElseThrow(() -> new NotFound("No such sending domain, or you have no access to it."));
    }

    private Tenant activeTenant(TenantId id) {
        Tenant t = tenants.find(id).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to make changes.");
        }
        return t;
    }

    private static Optional<DomainName> parse(String name) {
        try {
            return Optional.of(DomainName.parse(name));
        } catch (InvalidInput e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> details(Connection c, ProviderDomains.Domain d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connection", c.name());
        m.put("provider", c.kind().label());
        m.put("provider's id", d.id());
        m.put("provider's name", clip(d.name()));
        return m;
    }

    private String tenantName(TenantId tenant) {
        return tenants.find(tenant).map(Tenant::name).orElse(tenant.toString());
    }

    private static String clip(String words) {
        return words.length() > 300 ? words.substring(0, 300) + "…" : words;
    }
}
