package dev.mailroom.model.suppressions;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The suppression lists people see and change: reading needs {@link Permission#ANALYTICS_VIEW},
 * manual changes {@link Permission#SUPPRESSIONS_MANAGE} and are audited. Automatic entries come
 * from {@link dev.mailroom.model.activity.ReportIngestService}.
 */
public final class SuppressionService {
    private final SuppressionStore store;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public SuppressionService(
            SuppressionStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public List<Suppression> list(Actor actor, TenantId tenant, String domain) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            return store.list(tenant, domain);
        });
    }

    /** Whether the sender may send to {@code address} now (the sending path asks; no actor). */
    public boolean isSuppressed(TenantId tenant, String domain, String address) {
        return tx.inTransaction(() -> store.find(tenant, domain, address)
                .map(s -> s.activeAt(clock.instant()))
                .orElse(false));
    }

    /**
     * Puts an address on a domain's list by hand. An address already on it keeps its entry (a bounce stays a
     * bounce, with its date) and the person is told so next to the field; an ended hold may be replaced.
     */
    public Suppression addManual(Actor actor, TenantId tenant, String domain, String address, String note) {
        String a = address == null ? "" : address.trim();
        if (!a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidInput("address", "“" + a + "” is not an e-mail address.");
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
            // What is known about an address on the list (a bounce, a complaint, its date) is never rewritten.
            Optional<Suppression> known =
                    store.find(tenant, domain, a.toLowerCase(Locale.ROOT)).filter(k -> k.activeAt(clock.instant()));
            if (known.isPresent()) {
                throw new InvalidInput(
                        "address",
                        a + " is already on this list (" + describe(known.get())
                                + "). Remove it first to replace its entry.");
            }
            Suppression s = new Suppression(
                    tenant,
                    domain,
                    a,
                    SuppressionReason.MANUAL,
                    clock.instant(),
                    Optional.empty(),
                    note == null ? "" : note.trim());
            store.put(s);
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    "suppression.added",
                    s.address(),
                    Map.of("domain", s.domain(), "note", s.note()));
            return s;
        });
    }

    /** Removes an entry; the person must say why, and the reason is kept with the entry as it was, and audited. */
    public void remove(Actor actor, TenantId tenant, String domain, String address, String why) {
        String reason = why == null ? "" : why.strip();
        if (reason.length() < 3) {
            throw new InvalidInput("reason", "Say why this address may receive mail again (at least a few words).");
        }
        if (reason.length() > 500) {
            throw new InvalidInput("reason", "Keep the reason under 500 characters.");
        }
        tx.run(() -> {
            access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
            Suppression before = store.find(tenant, domain, address)
                    .orElseThrow(() -> new NotFound(address + " is not on this domain's suppression list."));
            store.remove(tenant, domain, address);
            store.recordRemoval(new SuppressionRemoval(
                    tenant, before, clock.instant(), actor.realPerson().name(), reason));
            audit.record(
                    actor,
                    tenant,
                    tenantName(tenant),
                    "suppression.removed",
                    before.address(),
                    Map.of("domain", before.domain(), "reason", before.reason().name(), "why", reason));
        });
    }

    /** Entries people removed, with their reasons, newest first. */
    public List<SuppressionRemoval> removals(Actor actor, TenantId tenant, String domain) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            return store.removals(tenant, domain);
        });
    }

    private static final java.time.format.DateTimeFormatter DAY = java.time.format.DateTimeFormatter.ofPattern(
                    "d MMM uuuu", Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC);

    private static String describe(Suppression s) {
        String reason = s.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return reason + " since " + DAY.format(s.since()) + (s.note().isBlank() ? "" : ": " + clip(s.note()));
    }

    private static String clip(String note) {
        return note.length() <= 120 ? note : note.substring(0, 119) + "…";
    }

    private String tenantName(TenantId tenant) {
        return tenants.find(tenant).map(t -> t.name()).orElse(tenant.toString());
    }
}
