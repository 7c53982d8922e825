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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The suppression import use case: rows of a file go onto a domain's suppression list after the address
 * checker's syntax check ({@link AddressSyntax}, the one the Check-addresses tool and the send dialog use).
 * A row whose cell is not an address is refused with its line and the checker's reason and never stored;
 * a valid one is stored in the checker's form (domain in lower case, an international domain in A-labels,
 * Unicode NFC, surrounding spaces and a trailing dot removed). One row a transaction: Cancel stops between
 * rows and the rows before stay. Needs {@link Permission#SUPPRESSIONS_MANAGE}; each stored row is audited
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
        int refusedCount = 0;
        int imported = 0;
        int already = 0;
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
                String address = r.parsed().get().ascii();
                boolean added = tx.inTransaction(() -> {
                    access.require(actor, tenant, Permission.SUPPRESSIONS_MANAGE);
                    Suppression s = new Suppression(
                            tenant, domain, address, SuppressionReason.MANUAL, clock.instant(), Optional.empty(), n);
                    if (store.find(tenant, s.domain(), s.address()).isPresent()) {
                        return false;
                    }
                    store.put(s);
                    audit.record(
                            actor,
                            tenant,
                            tenantName,
                            "suppression.added",
                            s.address(),
                            Map.of("domain", s.domain(), "note", s.note()));
                    return true;
                });
                if (added) {
                    imported++;
                } else {
                    already++;
                }
            }
            progress.accept(new Progress(++done, total, clip(raw)));
        }
        refused.sort(Comparator.comparingInt(Refused::line));
        return new Report(imported, already, refusedCount, refused, stopped, done);
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
