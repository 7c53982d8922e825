package dev.mailroom.model.dmarc;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.TenantStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * SMTP TLS reports (RFC 8460): importing them and reading a domain's summary. As for DMARC aggregate
 * reports ({@link DmarcService}): a report's policies land in the client that owns each policy domain,
 * never elsewhere (a report naming two clients' domains is stored in each with only its own
 * policies); a report arriving twice (same organisation and report id) counts once; importing needs
 * {@link Permission#SUPPRESSIONS_MANAGE} and reading {@link Permission#ANALYTICS_VIEW} in the client.
 * A report that breaks the rules below is refused whole, with the reason in words.
 */
public final class TlsReportService implements DomainReportUseCases<DomainTlsReports, TlsReportDecoder> {
    public static final int MAX_DAYS = DmarcService.MAX_DAYS;
    /** Policies in one report; a real report names a handful. */
    public static final int MAX_POLICIES = 1000;
    /** Distinct failure result types per policy; RFC 8460 defines about a dozen. */
    public static final int MAX_RESULT_TYPES = 100;
    /** Sessions one policy of one report may count (a day of a very large sender is far below). */
    public static final long MAX_SESSIONS = 1_000_000_000_000L;

    private final TlsReportStore store;
    private final AccessPolicy access;
    private final Transactions tx;
    private final AuditLog audit;
    private final TenantStore tenants;
    private final Clock clock;

    public TlsReportService(
            TlsReportStore store,
            AccessPolicy access,
            Transactions tx,
            AuditLog audit,
            TenantStore tenants,
            Clock clock) {
        this.store = store;
        this.access = access;
        this.tx = tx;
        this.audit = audit;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Stores reports read from files or a mailbox. {@code scope}: the client whose page imports
     * (policies of other clients' domains are counted, not stored), or empty for the agency (each
     * goes to its domain's owner where the actor may import). One transaction per report and client,
     * with its audit entry. Counts in the summary are of reports (a report split over two clients
     * counts in each); {@code rows} are the policies stored.
     */
    public DmarcImportSummary importReports(
            Actor actor, Optional<TenantId> scope, List<TlsReport> reports, List<String> problems, String source) {
        if (scope.isPresent()) {
            tx.run(() -> access.require(actor, scope.get(), Permission.SUPPRESSIONS_MANAGE));
        }
        List<String> unread = new ArrayList<>(problems);
        int stored = 0, duplicates = 0, unknown = 0, notHere = 0, denied = 0;
        long rows = 0;
        for (TlsReport r : reports) {
            Optional<String> wrong = problem(r);
            if (wrong.isPresent()) {
                unread.add(wrong.get());
                continue;
            }
            Map<TenantId, List<TlsReport.Policy>> byOwner = new LinkedHashMap<>();
            for (TlsReport.Policy p : r.policies()) {
                tx.inTransaction(() -> store.ownerOf(p.domain()))
                        .ifPresent(t -> byOwner.computeIfAbsent(t, k -> new ArrayList<>())
                                .add(p));
            }
            if (byOwner.isEmpty()) {
                unknown++;
                continue;
            }
            for (Map.Entry<TenantId, List<TlsReport.Policy>> e : byOwner.entrySet()) {
                TenantId t = e.getKey();
                if (scope.isPresent() && !scope.get().equals(t)) {
                    notHere++;
                    continue;
                }
                if (!tx.inTransaction(() -> access.can(actor, t, Permission.SUPPRESSIONS_MANAGE))) {
                    denied++;
                    continue;
                }
                TlsReport part = new TlsReport(r.organisation(), r.reportId(), r.begin(), r.end(), e.getValue());
                boolean saved = tx.inTransaction(() -> {
                    access.require(actor, t, Permission.SUPPRESSIONS_MANAGE);
                    boolean s = store.save(t, part, clock.instant(), source);
                    if (s) {
                        long ok = part.policies().stream()
                                .mapToLong(TlsReport.Policy::succeeded)
                                .sum();
                        long failed = part.policies().stream()
                                .mapToLong(TlsReport.Policy::failed)
                                .sum();
                        audit.record(
                                actor,
                                t,
                                tenants.find(t).map(x -> x.name()).orElse(""),
                                "tls.report-imported",
                                String.join(
                                        ", ",
                                        part.policies().stream()
                                                .map(TlsReport.Policy::domain)
                                                .distinct()
                                                .toList()),
                                Map.of(
                                        "reporter", r.organisation(),
                                        "report id", r.reportId(),
                                        "policies",
                                                Integer.toString(part.policies().size()),
                                        "sessions succeeded", Long.toString(ok),
                                        "sessions failed", Long.toString(failed),
                                        "source", source));
                    }
                    return s;
                });
                if (saved) {
                    stored++;
                    rows += part.policies().size();
                } else {
                    duplicates++;
                }
            }
        }
        List<String> shown =
                new ArrayList<>(unread.subList(0, Math.min(unread.size(), DmarcImportSummary.MAX_PROBLEMS)));
        return new DmarcImportSummary(stored, duplicates, unknown, notHere, denied, rows, shown);
    }

    /**
     * Reads report files (.json, .json.gz, .gz, .eml) and imports what they hold, as {@link
     * #importReports} does. Cancel is checked between files; {@code progress} gets the number of files
     * read so far.
     */
    @Override
    public DmarcImportSummary importFiles(
            Actor actor,
            Optional<TenantId> scope,
            List<Path> files,
            TlsReportDecoder decoder,
            IntConsumer progress,
            Cancellation cancel) {
        if (scope.isPresent()) {
            tx.run(() -> access.require(actor, scope.get(), Permission.SUPPRESSIONS_MANAGE));
        }
        List<TlsReport> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int done = 0;
        for (Path f : files) {
            if (cancel.isCancelled()) {
                problems.add("Cancelled: " + (files.size() - done) + " file(s) not read.");
                break;
            }
            String name =
                    f.getFileName() == null ? f.toString() : f.getFileName().toString();
            try {
                if (Files.size(f) > DmarcService.MAX_FILE_BYTES) {
                    problems.add(name + ": larger than " + (DmarcService.MAX_FILE_BYTES >> 20) + " MiB; not read.");
                } else {
                    TlsReportDecoder.Decoded d = decoder.decode(name, Files.readAllBytes(f));
                    for (TlsReport r : d.reports()) {
                        Optional<String> wrong = problem(r);
                        if (wrong.isPresent()) {
                            problems.add(name + ": " + wrong.get());
                        } else {
                            reports.add(r);
                        }
                    }
                    problems.addAll(d.problems());
                }
            } catch (IOException e) {
                problems.add(name + ": could not be read (" + e.getMessage() + ").");
            }
            progress.accept(++done);
        }
        return importReports(actor, scope, reports, problems, "files");
    }

    /**
     * Why a report cannot be stored, in words; empty when it can. Checked before anything of it is
     * stored, so a broken report leaves nothing behind.
     */
    public static Optional<String> problem(TlsReport r) {
        String which = "the TLS report"
                + (r.reportId().isBlank() ? "" : " " + shorten(r.reportId()))
                + (r.organisation().isBlank() ? "" : " from " + shorten(r.organisation()));
        if (r.organisation().isBlank()) {
            return Optional.of(which + " names no organisation; refused.");
        }
        if (r.reportId().isBlank()) {
            return Optional.of(which + " has no report id; refused.");
        }
        if (r.end().isBefore(r.begin())) {
            return Optional.of(which + " ends before it begins; refused.");
        }
        if (r.policies().isEmpty()) {
            return Optional.of(which + " holds no policy; nothing to store.");
        }
        if (r.policies().size() > MAX_POLICIES) {
            return Optional.of(which + " names more than " + MAX_POLICIES + " policies; refused.");
        }
        for (TlsReport.Policy p : r.policies()) {
            if (p.domain().isBlank() || p.domain().length() > 253) {
                return Optional.of(which + " has a policy without a valid domain; refused.");
            }
            if (p.succeeded() < 0
                    || p.failed() < 0
                    || p.failuresByType().values().stream().anyMatch(v -> v < 0)) {
                return Optional.of(which + " counts negative sessions; refused.");
            }
            if (p.succeeded() > MAX_SESSIONS
                    || p.failed() > MAX_SESSIONS
                    || p.failuresByType().values().stream().anyMatch(v -> v > MAX_SESSIONS)) {
                return Optional.of(which + " counts more sessions than any sender makes in a report; refused.");
            }
            if (p.failuresByType().size() > MAX_RESULT_TYPES) {
                return Optional.of(which + " names more than " + MAX_RESULT_TYPES + " failure types; refused.");
            }
        }
        return Optional.empty();
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() <= 80 ? t : t.substring(0, 80) + "…";
    }

    /** The client's domains that have TLS reports. */
    @Override
    public List<String> domains(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            return store.domains(tenant);
        });
    }

    /** A domain's TLS sessions over the last {@code days} days. */
    @Override
    public DomainTlsReports domain(Actor actor, TenantId tenant, String domain, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInput("days", "Choose a period of 1 to " + MAX_DAYS + " days.");
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            List<TlsReporter> reporters = store.reporters(tenant, d, from, to);
            return new DomainTlsReports(
                    tenant,
                    d,
                    from,
                    to,
                    reporters.stream().mapToInt(TlsReporter::reports).sum(),
                    reporters.stream().mapToLong(TlsReporter::succeeded).sum(),
                    reporters.stream().mapToLong(TlsReporter::failed).sum(),
                    store.failures(tenant, d, from, to),
                    reporters,
                    store.latestPolicyType(tenant, d));
        });
    }
}
