package dev.mailroom.model.domains;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.domains.blocklist.Blocklist;
import dev.mailroom.model.domains.blocklist.BlocklistChecker;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimKeyPair;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Use cases on sending domains: add one to a tenant (with its first DKIM keys), plan and verify its
 * records, remove it. Changing needs {@link Permission#DOMAINS_MANAGE}, reading
 * {@link Permission#DOMAINS_VIEW}. Each change is audited in its own transaction. DNS is asked outside any
 * transaction. Rotating and exporting DKIM keys are {@link DkimKeyService}'s.
 */
public final class DomainService {
    private final DomainStore store;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;
    private final DkimKeyGenerator generator;
    private final DnsLookup dns;
    private final RelayHosts relays;
    private final ProvidedRecordsLookup provided;
    private final DomainRecords records;

    public DomainService(
            DomainStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock,
            SecretVault vault,
            DkimKeyGenerator generator,
            DnsLookup dns) {
        this(store, tenants, access, audit, tx, clock, vault, generator, dns, RelayHosts.none());
    }

    public DomainService(
            DomainStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock,
            SecretVault vault,
            DkimKeyGenerator generator,
            DnsLookup dns,
            RelayHosts relays) {
        this(store, tenants, access, audit, tx, clock, vault, generator, dns, relays, ProvidedRecordsLookup.none());
    }

    /**
     * @param provided the records a domain's provider requires, for a domain linked to one: they take the
     *     place of Mailroom's own DKIM and return-path records in its plan and checks (decision 0074)
     */
    public DomainService(
            DomainStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock,
            SecretVault vault,
            DkimKeyGenerator generator,
            DnsLookup dns,
            RelayHosts relays,
            ProvidedRecordsLookup provided) {
        this.provided = provided;
        this.relays = relays;
        this.records = new DomainRecords(store, tenants, vault);
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.generator = generator;
        this.dns = dns;
    }

    /**
     * A domain with its keys, for a screen, and the records its provider requires when it sends through
     * one.
     */
    public record DomainView(SendingDomain domain, List<DkimKeyInfo> keys, Optional<ProvidedRecords> provided) {
        public DomainView(SendingDomain domain, List<DkimKeyInfo> keys) {
            this(domain, keys, Optional.empty());
        }
    }

    public List<SendingDomain> list(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_VIEW);
            return store.list(tenant);
        });
    }

    /**
     * DNS health of every tenant the actor may see domains of, for the agency overview: from each
     * record's two latest checks, how many are not as expected and how many broke since the check before.
     */
    public java.util.Map<TenantId, DnsHealth> dnsHealthOfVisibleTenants(Actor actor) {
        return tx.inTransaction(() -> {
            java.util.Map<TenantId, int[]> counts = new java.util.LinkedHashMap<>();
            TenantScope scope = access.scope(actor);
            for (SendingDomain d : store.listAcrossTenantsForOverview()) {
                if (!scope.includes(d.tenant()) || !access.can(actor, d.tenant(), Permission.DOMAINS_VIEW)) {
                    continue;
                }
                int[] c = counts.computeIfAbsent(d.tenant(), t -> new int[5]);
                c[0]++;
                // Newest first: the first entry per record is its latest check, the second the one before.
                java.util.Map<String, List<CheckStatus>> byRecord = new java.util.LinkedHashMap<>();
                for (CheckHistoryEntry e : store.checkHistory(d.tenant(), d.id(), 200)) {
                    List<CheckStatus> seen =
                            byRecord.computeIfAbsent(e.kind() + " " + e.host(), k -> new ArrayList<>());
                    if (seen.size() < 2) {
                        seen.add(e.status());
                    }
                }
                java.util.Set<String> listSeen = new java.util.HashSet<>();
                for (var b : store.blocklistHistory(d.tenant(), d.id(), 200)) {
                    // newest first: only the latest answer per list and subject (domain or relay address) counts
                    if (listSeen.add(b.list().name() + " " + b.subject())
                            && b.status() == dev.mailroom.model.domains.blocklist.BlocklistResult.Status.LISTED) {
                        c[4]++;
                    }
                }
                for (List<CheckStatus> statuses : byRecord.values()) {
                    c[1]++;
                    if (statuses.get(0) != CheckStatus.FOUND) {
                        c[2]++;
                        if (statuses.size() > 1 && statuses.get(1) == CheckStatus.FOUND) {
                            c[3]++;
                        }
                    }
                }
            }
            java.util.Map<TenantId, DnsHealth> result = new java.util.LinkedHashMap<>();
            counts.forEach((t, c) -> result.put(t, new DnsHealth(c[0], c[1], c[2], c[3], c[4])));
            return result;
        });
    }

    public DomainView get(Actor actor, TenantId tenant, DomainId id) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_VIEW);
            return new DomainView(load(tenant, id), store.keys(tenant, id), provided.of(tenant, id));
        });
    }

    /**
     * Adds a sending domain to a tenant and generates its DKIM keys (RSA 2048 when {@code keyTypes} is
     * empty). The name is what the person typed: Unicode and a trailing dot are fine.
     */
    public DomainView add(
            Actor actor, TenantId tenant, String typedName, RecordPlanSettings settings, Set<DkimAlgorithm> keyTypes) {
        DomainName name = DomainName.parse(typedName);
        RecordPlanSettings clean = settings.validated();
        Set<DkimAlgorithm> types = keyTypes.isEmpty() ? Set.of(DkimAlgorithm.RSA) : keyTypes;
        // Keys are made before the transaction: RSA generation takes a moment and needs no lock.
        List<DkimKeyPair> pairs = new ArrayList<>();
        List<String> selectors = new ArrayList<>();
        for (DkimAlgorithm a : List.of(DkimAlgorithm.RSA, DkimAlgorithm.ED25519)) {
            if (types.contains(a)) {
                DkimKeyPair k = generator.generate(a, selectors);
                selectors.add(k.selector());
                pairs.add(k);
            }
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            Tenant t = activeTenant(tenant);
            store.findByNameAcrossTenants(name).ifPresent(existing -> {
                throw taken(actor, tenant, name, existing);
            });
            Instant now = clock.instant();
            DomainId id = store.insert(tenant, name, clean, now);
            for (DkimKeyPair k : pairs) {
                store.insertKey(tenant, id, records.newKey(k, now));
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("domain", name.unicode());
            if (name.isInternational()) {
                details.put("stored as", name.ascii());
            }
            details.put("DKIM keys", describeKeys(pairs));
            audit.record(actor, tenant, t.name(), "domain.added", name.unicode(), details);
            return new DomainView(load(tenant, id), store.keys(tenant, id));
        });
    }

    public SendingDomain updateSettings(Actor actor, TenantId tenant, DomainId id, RecordPlanSettings settings) {
        RecordPlanSettings clean = settings.validated();
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            Tenant t = activeTenant(tenant);
            SendingDomain d = load(tenant, id);
            store.updateSettings(tenant, id, clean);
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "domain.settings-changed",
                    d.name().unicode(),
                    changes(d.settings(), clean));
            return load(tenant, id);
        });
    }

    /** Removes the domain with its keys and history; the person types the domain's name to confirm. */
    public void remove(Actor actor, TenantId tenant, DomainId id, String typedName) {
        tx.run(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            Tenant t = activeTenant(tenant);
            SendingDomain d = load(tenant, id);
            String typed = Text.trimmed(typedName);
            boolean same;
            try {
                same = DomainName.parse(typed).equals(d.name());
            } catch (InvalidInput e) {
                same = false;
            }
            if (!same) {
                throw new InvalidInput("confirmName", "Type the domain's name exactly to confirm.");
            }
            store.delete(tenant, id);
            audit.record(actor, tenant, t.name(), "domain.removed", d.name().unicode(), Map.of());
        });
    }

    /** The record plan from what the domain publishes now (asks DNS). */
    public RecordPlan plan(Actor actor, TenantId tenant, DomainId id) {
        DomainView v = get(actor, tenant, id);
        return new DomainSurvey(dns, clock)
                .plan(v.domain().name(), v.domain().settings(), planKeys(v.keys()), v.provided());
    }

    /**
     * Checks every planned record against live DNS, keeps the results in the history, and marks new keys
     * whose record was found as published. {@code relayIp} also answers "would mail from the relay pass SPF?".
     */
    public List<RecordCheck> verify(Actor actor, TenantId tenant, DomainId id, Optional<String> relayIp) {
        DomainView v = get(actor, tenant, id);
        return checkAndRecord(actor, v, relayIp).checks();
    }

    /**
     * Reports how far "check all domains" has come: after each domain, how many are done of how many. It is
     * called from the checking threads, so a UI hands the update to its own thread.
     */
    public interface CheckAllProgress {
        void update(int done, int total, DomainCheckResult latest);
    }

    /**
     * Checks the records of every domain the actor may view (every tenant's, for the agency owner), at most
     * {@code parallelism} domains at once, reporting progress after each and stopping early (between
     * domains) when cancelled. Each domain's checks go into its history; a record that was found at the
     * previous check and is not now is reported as broke.
     */
    public CheckAllResult checkAll(
            Actor actor, int parallelism, Optional<String> relayIp, CheckAllProgress progress, Cancellation cancel) {
        List<DomainView> views = tx.inTransaction(() -> {
            List<SendingDomain> all;
            TenantScope scope = access.scope(actor);
            if (scope.all()) {
                all = store.listAcrossTenantsForOverview();
            } else {
                all = new ArrayList<>();
                for (TenantId t : scope.tenants()) {
                    if (access.can(actor, t, Permission.DOMAINS_VIEW)) {
                        all.addAll(store.list(t));
                    }
                }
            }
            List<DomainView> out = new ArrayList<>();
            for (SendingDomain d : all) {
                out.add(new DomainView(d, store.keys(d.tenant(), d.id()), provided.of(d.tenant(), d.id())));
            }
            return out;
        });
        int total = views.size();
        List<DomainCheckResult> results = BoundedRunner.run(
                views,
                parallelism,
                "domain-check",
                v -> {
                    try {
                        return checkAndRecord(actor, v, relayIp);
                    } catch (RuntimeException e) {
                        return new DomainCheckResult(
                                v.domain(),
                                List.of(),
                                List.of(),
                                Optional.of(
                                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                    }
                },
                (done, r) -> progress.update(done, total, r),
                cancel);
        List<DomainCheckResult> ordered = new ArrayList<>(results);
        ordered.sort(java.util.Comparator.comparing(
                (DomainCheckResult r) -> r.domain().name()));
        return new CheckAllResult(ordered, total, ordered.size() < total);
    }

    /** Plans and checks one domain (DNS outside any transaction), then stores the checks and key states. */
    private DomainCheckResult checkAndRecord(Actor actor, DomainView v, Optional<String> relayIp) {
        SendingDomain d = v.domain();
        RecordPlan plan = new DomainSurvey(dns, clock).plan(d.name(), d.settings(), planKeys(v.keys()), v.provided());
        List<RecordCheck> checks = new RecordVerifier(dns, clock).verify(plan, relayIp);
        List<RecordCheck> broke = new ArrayList<>();
        tx.run(() -> {
            access.require(actor, d.tenant(), Permission.DOMAINS_VIEW);
            if (store.find(d.tenant(), d.id()).isEmpty()) {
                return; // removed meanwhile
            }
            Map<String, CheckStatus> previous = new java.util.HashMap<>();
            for (CheckHistoryEntry h : store.checkHistory(d.tenant(), d.id(), 200)) {
                previous.putIfAbsent(h.kind() + " " + h.host(), h.status());
            }
            for (RecordCheck c : checks) {
                if (previous.get(c.record().kind() + " " + c.record().host()) == CheckStatus.FOUND
                        && c.status() != CheckStatus.FOUND
                        && c.status() != CheckStatus.UNKNOWN) {
                    broke.add(c);
                }
            }
            store.addChecks(d.tenant(), d.id(), checks);
            for (RecordCheck c : checks) {
                if (c.record().kind() == RecordKind.DKIM
                        && c.status() == CheckStatus.FOUND
                        && c.record().host().contains("._domainkey.")) {
                    String selector =
                            c.record().host().substring(0, c.record().host().indexOf("._domainkey."));
                    v.keys().stream()
                            .filter(k -> k.selector().equals(selector) && k.state() == DkimKeyState.NEW)
                            .findFirst()
                            .ifPresent(k -> store.setKeyState(
                                    d.tenant(), d.id(), selector, DkimKeyState.PUBLISHED, Optional.empty()));
                }
            }
        });
        return new DomainCheckResult(d, checks, broke, Optional.empty());
    }

    /**
     * Asks the domain blocklists about this domain and the IP blocklists about the addresses of the
     * tenant's relays (on demand, or from the console's schedule), keeps the answers in the domain's
     * blocklist history and returns them; a listing says which list and what to do.
     */
    public List<BlocklistResult> checkBlocklists(Actor actor, TenantId tenant, DomainId id, List<Blocklist> lists) {
        DomainView v = get(actor, tenant, id);
        List<String> relayHosts = tx.inTransaction(() -> relays.of(tenant));
        List<Blocklist> domainLists =
                lists.stream().filter(l -> l.kind() == Blocklist.Kind.DOMAIN).toList();
        BlocklistChecker checker = new BlocklistChecker(dns, clock);
        List<BlocklistResult> results = new ArrayList<>(
                checker.check(domainLists, List.of(), List.of(v.domain().name())));
        results.addAll(checker.checkRelays(lists, relayHosts));
        tx.run(() -> {
            access.require(actor, tenant, Permission.DOMAINS_VIEW);
            if (store.find(tenant, id).isPresent()) {
                store.addBlocklistResults(tenant, id, results);
            }
        });
        return results;
    }

    public List<BlocklistResult> blocklistHistory(Actor actor, TenantId tenant, DomainId id, int limit) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_VIEW);
            load(tenant, id);
            return store.blocklistHistory(tenant, id, limit);
        });
    }

    public List<CheckHistoryEntry> history(Actor actor, TenantId tenant, DomainId id, int limit) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_VIEW);
            load(tenant, id);
            return store.checkHistory(tenant, id, limit);
        });
    }

    /** Keys that belong in DNS: all but retired ones. */
    private static List<dev.mailroom.model.domains.dkim.DkimPublicKey> planKeys(List<DkimKeyInfo> keys) {
        return keys.stream()
                .filter(k -> k.state() != DkimKeyState.RETIRED)
                .map(DkimKeyInfo::publicKey)
                .toList();
    }

    private SendingDomain load(TenantId tenant, DomainId id) {
        return records.load(tenant, id);
    }

    private Tenant activeTenant(TenantId id) {
        return records.activeTenant(id);
    }

    private InvalidInput taken(Actor actor, TenantId tenant, DomainName name, SendingDomain existing) {
        if (existing.tenant().equals(tenant)) {
            return new InvalidInput(DomainName.FIELD, name.unicode() + " is already a sending domain of this client.");
        }
        String who = access.can(actor, existing.tenant(), Permission.TENANT_VIEW)
                ? tenants.find(existing.tenant())
                        .map(t -> "\"" + t.name() + "\"")
                        .orElse("another client")
                : "another client";
        return new InvalidInput(
                DomainName.FIELD,
                name.unicode() + " is already a sending domain of " + who
                        + ". A domain belongs to one client only; remove it there first (or ask the agency owner).");
    }

    private static String describeKeys(List<DkimKeyPair> pairs) {
        return String.join(
                ", ",
                pairs.stream()
                        .map(k -> k.selector() + " (" + k.algorithm().label() + " " + k.bits() + ")")
                        .toList());
    }

    private static Map<String, String> changes(RecordPlanSettings a, RecordPlanSettings b) {
        Map<String, String> out = new LinkedHashMap<>();
        put(out, "SPF term", a.spfMechanism(), b.spfMechanism());
        put(
                out,
                "return path",
                a.returnPathLabel() + " → " + a.returnPathTarget(),
                b.returnPathLabel() + " → " + b.returnPathTarget());
        put(
                out,
                "DMARC reports",
                a.dmarcReportAddress().orElse("none"),
                b.dmarcReportAddress().orElse("none"));
        put(
                out,
                "MX",
                a.mx().map(Object::toString).orElse("none"),
                b.mx().map(Object::toString).orElse("none"));
        put(
                out,
                "tracking",
                a.tracking().map(Object::toString).orElse("none"),
                b.tracking().map(Object::toString).orElse("none"));
        put(
                out,
                "MTA-STS",
                a.mtaSts().map(Object::toString).orElse("none"),
                b.mtaSts().map(Object::toString).orElse("none"));
        put(
                out,
                "TLS reports",
                a.tlsReportAddress().orElse("none"),
                b.tlsReportAddress().orElse("none"));
        put(out, "TTL", Integer.toString(a.ttl()), Integer.toString(b.ttl()));
        return out;
    }

    private static void put(Map<String, String> out, String k, String before, String after) {
        if (!before.equals(after)) {
            out.put(k, before + " → " + after);
        }
    }
}
