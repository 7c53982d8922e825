package dev.mailroom.model.validation;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionReason;
import dev.mailroom.model.suppressions.SuppressionStore;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The suppression import use case: rows of a file go onto a domain's suppression list after the address
 * checker's syntax check ({@link AddressSyntax}, the one the Check-addresses tool and the send dialog use).
 * A row whose cell is not an address is refused with its line and the checker's reason and never stored;
 * a valid one is stored in the checker's form (domain in lower case, an international domain in A-labels,
 * Unicode NFC, surrounding spaces and a trailing dot removed). Valid rows are stored {@value #CHUNK} a
 * transaction; Cancel stops between rows and every row looked at before it is stored. Needs {@link Permission#SUPPRESSIONS_MANAGE}; each stored row is audited
 * as {@code suppression.added}, as an entry added by hand is.
 *
 * <p>An address the domain's list already holds keeps its entry as it is (a hard bounce stays a hard bounce
 * with its date and note; an import never rewrites what is known) and is counted as already on the list. A
 * cell that an export neutralised with a leading apostrophe ({@code '=1+2@…}) is read without it.
 *
 * <p>It lives beside the checker (this package already reads the suppression store; the other way round
 * would make a package cycle).
 */
public final class SuppressionImportService {
    /** At most this many refused rows are kept in a report (all are counted). */
    public static final int MAX_REFUSED_LISTED = 1000;
    /** What is shown of a refused row's cell, at most. */
    public static final int MAX_SHOWN_TEXT = 80;
    /** Addresses stored a transaction: one commit per row made a 20,000-row file take over a minute. */
    static final int CHUNK = 500;

    /** One row of a file: its line number and the address cell as written. */
    public record Row(int line, String address) {}

    /** A row not stored: its line, its cell (clipped to {@link #MAX_SHOWN_TEXT}) and why, in words. */
    public record Refused(int line, String text, String reason) {}

    /** How far an import is: rows looked at of {@code total} ({@code -1} when unknown) and the last cell. */
    public record Progress(int done, int total, String address) {}

    /**
     * What an import did: addresses stored, addresses already on the list (left as they were), rows refused
     * (the first {@link #MAX_REFUSED_LISTED} by line, and how many in all), whether Cancel stopped it, and how
     * many rows it looked at.
     */
    public record Report(
            int imported, int already, int refusedCount, List<Refused> refused, boolean stopped, int rows) {
        public Report {
            refused = List.copyOf(refused);
        }
    }

    private final SuppressionStore store;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public SuppressionImportService(
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

    /**
     * @param rows read as they come (the caller may stream a file)
     * @param total the number of rows when known, else {@code -1} (for the progress only)
     * @param note kept with each entry ("imported from list.csv")
     */
    public Report importRows(
            Actor actor,
            TenantId tenant,
            String domain,
            Iterator<Row> rows,
            int total,
            String note,
            Consumer<Progress> progress,
            Cancellation cancel) {
        String tenantName = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
            return tenants.find(tenant).map(t -> t.name()).orElse(tenant.toString());
        });
        String n = note == null ? "" : note.trim();
        List<Refused> refused = new ArrayList<>();
        List<String> chunk = new ArrayList<>(CHUNK);
        int refusedCount = 0;
        int imported = 0;
        int looked = 0;
        int done = 0;
        boolean stopped = false;
        while (rows.hasNext()) {
            if (cancel.isCancelled()) {
                stopped = true;
                break;
            }
            Row row = rows.next();
            String raw = unneutralised(row.address() == null ? "" : row.address());
            AddressSyntax.Result r = AddressSyntax.parse(raw);
            if (r.parsed().isEmpty()) {
                refusedCount++;
                if (refused.size() < MAX_REFUSED_LISTED) {
                    refused.add(new Refused(row.line(), clip(raw), AddressChecker.notAnAddress(raw, r)));
                }
            } else {
                chunk.add(r.parsed().get().ascii());
                if (chunk.size() == CHUNK) {
                    imported += store(actor, tenant, tenantName, domain, n, chunk);
                    looked += chunk.size();
                    chunk.clear();
                }
            }
            progress.accept(new Progress(++done, total, clip(raw)));
        }
        // Rows looked at before a Cancel are stored too: what the progress showed as done is done.
        imported += store(actor, tenant, tenantName, domain, n, chunk);
        looked += chunk.size();
        refused.sort(Comparator.comparingInt(Refused::line));
        return new Report(imported, looked - imported, refusedCount, refused, stopped, done);
    }

    /**
     * Stores the chunk's addresses the list does not hold yet in one transaction (the permission asked again:
     * a long import must not outlive a role taken away), each audited; returns how many were added. An address
     * twice in the chunk is added once.
     */
    private int store(
            Actor actor, TenantId tenant, String tenantName, String domain, String note, List<String> addresses) {
        if (addresses.isEmpty()) {
            return 0;
        }
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
            List<Suppression> entries = new ArrayList<>(addresses.size());
            for (String address : addresses) {
                entries.add(new Suppression(
                        tenant, domain, address, SuppressionReason.MANUAL, clock.instant(), Optional.empty(), note));
            }
            String listDomain = entries.get(0).domain();
            Set<String> held = new HashSet<>(store.findAll(
                            tenant,
                            listDomain,
                            entries.stream().map(Suppression::address).toList())
                    .keySet());
            List<Suppression> added = new ArrayList<>(entries.size());
            for (Suppression s : entries) {
                if (held.add(s.address())) {
                    added.add(s);
                }
            }
            store.addAll(added);
            audit.recordAll(
                    actor,
                    tenant,
                    tenantName,
                    "suppression.added",
                    added.stream()
                            .map(s -> new AuditLog.Item(s.address(), Map.of("domain", s.domain(), "note", s.note())))
                            .toList());
            return added.size();
        });
    }

    /**
     * A cell as it was before an export neutralised it: Mailroom's exports (and spreadsheets' own) put an
     * apostrophe before a cell a spreadsheet would run as a formula; read back, the apostrophe goes.
     */
    static String unneutralised(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    /** At most {@link #MAX_SHOWN_TEXT} characters of a cell, with an ellipsis when cut. */
    public static String clip(String text) {
        String t = text == null ? "" : text;
        if (t.length() <= MAX_SHOWN_TEXT) {
            return t;
        }
        int end = MAX_SHOWN_TEXT - 1;
        if (Character.isHighSurrogate(t.charAt(end - 1))) {
            end--;
        }
        return t.substring(0, end) + "…";
    }
}
