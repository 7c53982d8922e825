package dev.mailroom.model.activity;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Raw events older than the retention period (an agency setting, in days) are dropped; the daily
 * roll-ups stay, so analytics over any period read the same numbers afterwards. Only the message log
 * and a recipient's history lose what is older.
 *
 * <p>The setting is agency-wide, so only the agency owner changes it. Dropping is done per tenant by
 * whoever may edit it (Owner and Admin): a daily job runs it for the signed-in person. Each tenant's
 * events go in chunks, one transaction each, so that a first run over years of events never holds one
 * huge transaction; the audit entry (with the number dropped) is written with the tenant's last chunk.
 */
public final class EventRetentionService {
    public static final int DEFAULT_DAYS = 400;
    /** Above the 30 days of soft bounces that put a recipient on hold, which are read from raw events. */
    public static final int MIN_DAYS = 31;

    public static final int MAX_DAYS = 3650;
    static final int CHUNK = 5_000;

    /** Progress of a run: tenants done of total, and the tenant being worked on. */
    public interface Progress {
        void update(int done, int total, String tenantName);
    }

    private final EventRetentionStore store;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;
    private final int chunk;

    public EventRetentionService(
            EventRetentionStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this(store, tenants, access, audit, tx, clock, CHUNK);
    }

    /** With a given chunk size (tests use a small one to cover several chunks). */
    public EventRetentionService(
            EventRetentionStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock,
            int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be positive");
        }
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.chunk = chunk;
    }

    /** Days raw events are kept. Anyone signed in may read it (the analytics page mentions it). */
    public int retentionDays() {
        return tx.inTransaction(store::retentionDays);
    }

    /** Agency owner only: it applies to every tenant. */
    public int setRetentionDays(Actor actor, int days) {
        if (days < MIN_DAYS || days > MAX_DAYS) {
            throw new InvalidInput("days", "Keep raw events between " + MIN_DAYS + " and " + MAX_DAYS + " days.");
        }
        return tx.inTransaction(() -> {
            access.requireAgencyOwner(actor);
            int before = store.retentionDays();
            if (before != days) {
                store.setRetentionDays(days);
                Map<String, String> details = new LinkedHashMap<>();
                details.put("from", before + " days");
                details.put("to", days + " days");
                audit.record(actor, "events.retention.changed", "raw events", details);
            }
            return days;
        });
    }

    /** The first UTC day whose raw events are kept, for today. */
    public LocalDate cutoff(int days) {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(days);
    }

    /**
     * Drops raw events from before {@link #cutoff} in every active tenant the actor may edit. Stops
     * between chunks when {@code cancelled} says so; what was dropped by then stays dropped and audited.
     */
    public RetentionRun dropExpired(Actor actor, Progress progress, BooleanSupplier cancelled) {
        int days = retentionDays();
        LocalDate cutoff = cutoff(days);
        List<Tenant> mine =
                tx.inTransaction(() -> tenants.list(access.tenantsWhere(actor, Permission.TENANT_EDIT))).stream()
                        .filter(t -> !t.isArchived())
                        .toList();
        long dropped = 0;
        int done = 0;
        for (Tenant t : mine) {
            if (cancelled.getAsBoolean()) {
                return new RetentionRun(cutoff, done, dropped, true);
            }
            progress.update(done, mine.size(), t.name());
            dropped += dropTenant(actor, t, cutoff, days, cancelled);
            done++;
        }
        progress.update(done, mine.size(), "");
        return new RetentionRun(cutoff, done, dropped, cancelled.getAsBoolean() && done < mine.size());
    }

    private long dropTenant(Actor actor, Tenant t, LocalDate cutoff, int days, BooleanSupplier cancelled) {
        long[] total = {0};
        boolean more = true;
        while (more) {
            more = tx.inTransaction(() -> {
                access.require(actor, t.id(), Permission.TENANT_EDIT);
                int n = store.deleteRawBefore(t.id(), cutoff.atStartOfDay().toInstant(ZoneOffset.UTC), chunk);
                total[0] += n;
                boolean again = n == chunk && !cancelled.getAsBoolean();
                if (!again && total[0] > 0) {
                    Map<String, String> details = new LinkedHashMap<>();
                    details.put("dropped", Long.toString(total[0]));
                    details.put("before", cutoff.toString());
                    details.put("retention", days + " days");
                    audit.record(actor, t.id(), t.name(), "events.retention.dropped", "raw events", details);
                }
                return again;
            });
        }
        return total[0];
    }
}
