package dev.mailroom.model.providers;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Pulls each provider API connection's activity into the tenant's events (and so its daily roll-ups):
 * a page at a time, the page's events and the cursor after it saved in one transaction, each provider event
 * recorded at most once ({@link SyncStore#markSeen}), the network outside any transaction. A fault stops the
 * run with the cursor where the last good page left it, says what happened in words and puts the next
 * scheduled run off (the provider's Retry-After, else doubling back-off). Reading needs {@link
 * Permission#TENANT_VIEW}; syncing {@link Permission#CONNECTIONS_MANAGE}; each run is audited.
 */
public final class ActivitySyncService {
    /** How often the console syncs each connection while it runs. */
    public static final Duration INTERVAL = Duration.ofMinutes(15);
    /** A run stops after this many pages; the next continues from its cursor. */
    public static final int MAX_PAGES_PER_RUN = 200;

    static final Duration FIRST_BACKOFF = Duration.ofMinutes(1);
    static final Duration LONGEST_BACKOFF = Duration.ofHours(6);

    private final ConnectionStore connections;
    private final TenantStore tenants;
    private final SecretVault vault;
    private final SyncStore store;
    private final EventStore events;
    private final ActivitySource source;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public ActivitySyncService(
            ConnectionStore connections,
            TenantStore tenants,
            SecretVault vault,
            SyncStore store,
            EventStore events,
            ActivitySource source,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.connections = connections;
        this.tenants = tenants;
        this.vault = vault;
        this.store = store;
        this.events = events;
        this.source = source;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The tenant's API connections with their sync state, by name. */
    public List<ConnectionSync> statuses(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TENANT_VIEW);
            List<ConnectionSync> out = new ArrayList<>();
            for (Connection c : connections.list(tenant)) {
                if (c.kind().isApi()) {
                    out.add(new ConnectionSync(c, store.find(tenant, c.id()).orElse(SyncState.fresh(tenant, c.id()))));
                }
            }
            return out;
        });
    }

    /**
     * Syncs one API connection now, reporting progress in words and stopping between pages when cancelled.
     * Faults the provider causes end in the report, not an exception.
     */
    public SyncReport syncNow(
            Actor actor, TenantId tenant, ConnectionId id, Consumer<String> progress, Cancellation cancel) {
        Start start = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            Tenant t = activeTenant(tenant);
            Connection c =
                    connections.find(tenant, id).orElseThrow(() -> new NotFound("No such connection in this client."));
            if (!c.kind().isApi()) {
                throw new InvalidInput(
                        "connection", "\"" + c.name() + "\" is an SMTP relay: it has no provider activity to sync.");
            }
            ApiEndpoint e = new EndpointResolver(connections, vault)
                    .resolve(tenant, id)
                    .api()
                    .orElseThrow();
            return new Start(t, c, e, store.find(tenant, id).orElse(SyncState.fresh(tenant, id)));
        });
        return run(actor, start, progress, cancel);
    }

    /**
     * Syncs every API connection of the tenant whose next scheduled sync is due (never synced counts as due),
     * one after another; what the console's background schedule calls. Nothing when the actor may not sync.
     */
    public List<SyncReport> syncDue(Actor actor, TenantId tenant, Consumer<String> progress, Cancellation cancel) {
        List<ConnectionId> due = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            Instant now = clock.instant();
            if (tenants.find(tenant).map(Tenant::isArchived).orElse(true)) {
                return List.of();
            }
            List<ConnectionId> ids = new ArrayList<>();
            for (Connection c : connections.list(tenant)) {
                if (c.kind().isApi() && c.hasPassword()) {
                    Optional<Instant> next = store.find(tenant, c.id()).flatMap(SyncState::nextSyncAt);
                    if (next.isEmpty() || !next.get().isAfter(now)) {
                        ids.add(c.id());
                    }
                }
            }
            return ids;
        });
        List<SyncReport> out = new ArrayList<>();
        for (ConnectionId id : due) {
            if (cancel.isCancelled()) {
                break;
            }
            out.add(syncNow(actor, tenant, id, progress, cancel));
        }
        return out;
    }

    private record Start(Tenant tenant, Connection connection, ApiEndpoint endpoint, SyncState state) {}

    private SyncReport run(Actor actor, Start s, Consumer<String> progress, Cancellation cancel) {
        TenantId tenant = s.tenant().id();
        ConnectionId id = s.connection().id();
        String name = s.connection().name();
        SyncState state = s.state();
        int pages = 0;
        int recorded = 0;
        int duplicates = 0;
        int skipped = 0;
        boolean caughtUp = false;
        boolean cancelled = false;
        Optional<SyncFailure> fault = Optional.empty();
        progress.accept("Syncing \"" + name + "\" with " + s.connection().kind().label() + "…");
        while (true) {
            if (cancel.isCancelled()) {
                cancelled = true;
                break;
            }
            if (pages >= MAX_PAGES_PER_RUN) {
                break;
            }
            ActivityPage page;
            try {
                page = source.page(s.endpoint(), state.cursor(), clock.instant());
            } catch (SyncFailure f) {
                fault = Optional.of(f);
                break;
            }
            SyncState before = state;
            int[] counts = tx.inTransaction(() -> {
                ProviderEventRecorder.Counts c =
                        ProviderEventRecorder.recordNew(store, events, tenant, id, page.events(), clock.instant());
                store.save(new SyncState(
                        tenant,
                        id,
                        page.nextCursor(),
                        before.lastSyncAt(),
                        before.lastSuccessAt(),
                        before.nextSyncAt(),
                        before.lastError(),
                        before.failures(),
                        before.eventsRecorded() + c.recorded()));
                return new int[] {c.recorded(), c.duplicates()};
            });
            pages++;
            recorded += counts[0];
            duplicates += counts[1];
            skipped += page.skipped();
            state = new SyncState(
                    tenant,
                    id,
                    page.nextCursor(),
                    before.lastSyncAt(),
                    before.lastSuccessAt(),
                    before.nextSyncAt(),
                    before.lastError(),
                    before.failures(),
                    before.eventsRecorded() + counts[0]);
            progress.accept("\"" + name + "\": page " + pages + ", " + recorded + " new events"
                    + (duplicates > 0 ? ", " + duplicates + " already recorded" : "") + "…");
            if (!page.more()) {
                caughtUp = true;
                break;
            }
        }
        Instant now = clock.instant();
        Optional<String> error = fault.map(f -> f.getMessage() + advice(f));
        int failures = fault.isPresent() ? state.failures() + 1 : 0;
        Instant next = fault.map(f -> now.plus(backoff(f, failures))).orElse(now.plus(INTERVAL));
        SyncState last = state;
        SyncState done = new SyncState(
                tenant,
                id,
                last.cursor(),
                Optional.of(now),
                caughtUp ? Optional.of(now) : last.lastSuccessAt(),
                Optional.of(next),
                error,
                failures,
                last.eventsRecorded());
        SyncReport report = new SyncReport(
                name, pages, recorded, duplicates, skipped, caughtUp, cancelled, error, Optional.of(next));
        boolean wasCancelled = cancelled;
        boolean upToDate = caughtUp;
        boolean faulted = fault.isPresent();
        tx.inTransaction(() -> {
            store.save(done);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("pages", Integer.toString(report.pages()));
            details.put("events recorded", Integer.toString(report.recorded()));
            details.put("already recorded", Integer.toString(report.duplicates()));
            details.put(
                    "outcome",
                    faulted
                            ? "stopped by a fault"
                            : wasCancelled ? "cancelled" : upToDate ? "up to date" : "more waiting");
            error.ifPresent(x -> details.put("fault", x));
            audit.record(
                    actor,
                    tenant,
                    s.tenant().name(),
                    faulted ? "provider.sync-failed" : "provider.activity-synced",
                    name,
                    details);
            return null;
        });
        progress.accept(report.words());
        return report;
    }

    /** What a person can do about a fault that waiting will not fix. */
    private static String advice(SyncFailure f) {
        switch (f.kind()) {
            case BAD_KEY:
            case MISSING_SCOPE:
                return " Edit the connection's key, then choose Sync now.";
            case NOT_AVAILABLE:
                return "";
            default:
                return f.transientFault() ? " Mailroom will try again later." : "";
        }
    }

    /** The provider's wait when it gave one; else 1, 2, 4… minutes up to 6 hours; a key fault waits longest. */
    static Duration backoff(SyncFailure f, int failures) {
        if (!f.transientFault()) {
            return LONGEST_BACKOFF;
        }
        if (f.retryAfter().isPresent()) {
            Duration d = f.retryAfter().get();
            return d.compareTo(FIRST_BACKOFF) < 0
                    ? FIRST_BACKOFF
                    : d.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : d;
        }
        Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
        return d.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : d;
    }

    private Tenant activeTenant(TenantId id) {
        Tenant t = tenants.find(id).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to sync its activity.");
        }
        return t;
    }
}
