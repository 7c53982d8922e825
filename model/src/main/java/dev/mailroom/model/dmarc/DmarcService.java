package dev.mailroom.model.dmarc;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * DMARC aggregate reports: importing them (each lands in the client that owns its policy domain,
 * never elsewhere) and reading a domain's picture with the policy advisor. Reading needs
 * {@link Permission#ANALYTICS_VIEW} in the client, as analytics do; importing needs
 * {@link Permission#SUPPRESSIONS_MANAGE}, as reading the client's report mailbox does.
 */
public final class DmarcService implements DomainReportUseCases<DomainDmarc, ReportDecoder> {
    public static final int MAX_DAYS = 400;
    public static final int SOURCES_SHOWN = 200;

    private final DmarcStore store;
    private final AccessPolicy access;
    private final Transactions tx;
    private final AuditLog audit;
    private final TenantStore tenants;
    private final Clock clock;

    public DmarcService(
            DmarcStore store, AccessPolicy access, Transactions tx, AuditLog audit, TenantStore tenants, Clock clock) {
        this.store = store;
        this.access = access;
        this.tx = tx;
        this.audit = audit;
        this.tenants = tenants;
        this.clock = clock;
    }

    /**
     * Stores reports read from files or a mailbox. {@code scope}: the client whose page imports
     * (reports for other clients' domains are counted, not stored), or empty for the agency (each
     * report goes to its domain's owner where the actor may import). One transaction per report,
     * with its audit entry.
     */
    public DmarcImportSummary importReports(
            Actor actor,
            Optional<TenantId> scope,
            List<AggregateReport> reports,
            List<String> problems,
            String source) {
        if (scope.isPresent()) {
            tx.run(() -> access.require(actor, scope.get(), Permission.SUPPRESSIONS_MANAGE));
        }
        int stored = 0, duplicates = 0, unknown = 0, notHere = 0, denied = 0;
        long rows = 0;
        for (AggregateReport r : reports) {
            Optional<TenantId> owner =
                    tx.inTransaction(() -> store.ownerOf(r.policy().domain()));
            if (owner.isEmpty()) {
                unknown++;
                continue;
            }
            if (scope.isPresent() && !scope.get().equals(owner.get())) {
                notHere++;
                continue;
            }
            TenantId t = owner.get();
            if (!tx.inTransaction(() -> access.can(actor, t, Permission.SUPPRESSIONS_MANAGE))) {
                denied++;
                continue;
            }
            boolean saved = tx.inTransaction(() -> {
                access.require(actor, t, Permission.SUPPRESSIONS_MANAGE);
                boolean s = store.save(t, r, clock.instant(), source);
                if (s) {
                    audit.record(
                            actor,
                            t,
                            tenants.find(t).map(x -> x.name()).orElse(""),
                            "dmarc.report-imported",
                            r.policy().domain(),
                            Map.of(
                                    "reporter",
                                    r.reporterOrg(),
                                    "report id",
                                    r.reportId(),
                                    "messages",
                                    Long.toString(r.messages()),
                                    "source",
                                    source));
                }
                return s;
            });
            if (saved) {
                stored++;
                rows += r.rows().size();
            } else {
                duplicates++;
            }
        }
        List<String> shown =
                new ArrayList<>(problems.subList(0, Math.min(problems.size(), DmarcImportSummary.MAX_PROBLEMS)));
        return new DmarcImportSummary(stored, duplicates, unknown, notHere, denied, rows, shown);
    }

    /** Files larger than this are not read (a report is kilobytes; a zip of many, a few megabytes). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    /**
     * Reads report files (.xml, .xml.gz, .zip, .eml) and imports what they hold, as
     * {@link #importReports} does. Cancel is checked between files; {@code progress} gets the number
     * of files read so far.
     */
    @Override
    public DmarcImportSummary importFiles(
            Actor actor,
            Optional<TenantId> scope,
            List<java.nio.file.Path> files,
            ReportDecoder decoder,
            java.util.function.IntConsumer progress,
            dev.mailroom.model.common.Cancellation cancel) {
        if (scope.isPresent()) {
            tx.run(() -> access.require(actor, scope.get(), Permission.SUPPRESSIONS_MANAGE));
        }
        List<AggregateReport> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int done = 0;
        for (java.nio.file.Path f : files) {
            if (cancel.isCancelled()) {
                problems.add("Cancelled: " + (files.size() - done) + " file(s) not read.");
                break;
            }
            String name =
                    f.getFileName() == null ? f.toString() : f.getFileName().toString();
            try {
                if (java.nio.file.Files.size(f) > MAX_FILE_BYTES) {
                    problems.add(name + ": larger than " + (MAX_FILE_BYTES >> 20) + " MiB; not read.");
                } else {
                    ReportDecoder.Decoded d = decoder.decode(name, java.nio.file.Files.readAllBytes(f));
                    reports.addAll(d.reports());
                    problems.addAll(d.problems());
                }
            } catch (java.io.IOException e) {
                problems.add(name + ": could not be read (" + e.getMessage() + ").");
            }
            progress.accept(++done);
        }
        return importReports(actor, scope, reports, problems, "files");
    }

    /** The client's domains that have reports. */
    @Override
    public List<String> domains(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            return store.domains(tenant);
        });
    }

    /** A domain's picture over the last {@code days} days, with the advisor's word. */
    @Override
    public DomainDmarc domain(Actor actor, TenantId tenant, String domain, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new InvalidInput("days", "Choose a period of 1 to " + MAX_DAYS + " days.");
        }
        String d = domain.trim().toLowerCase(Locale.ROOT);
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(days));
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ANALYTICS_VIEW);
            List<SourceStats> sources = store.sources(tenant, d, from, to, SOURCES_SHOWN);
            int reported = store.daysReported(tenant, d, from, to);
            Optional<PublishedPolicy> policy = store.latestPolicy(tenant, d);
            String rua = store.reportAddress(tenant, d)
                    .map(v -> v.startsWith("mailto:") ? v : "mailto:" + v)
                    .orElse("");
            long messages = sources.stream().mapToLong(SourceStats::messages).sum();
            long pass = sources.stream().mapToLong(SourceStats::dmarcPass).sum();
            long dkim = sources.stream().mapToLong(SourceStats::dkimAligned).sum();
            long spf = sources.stream().mapToLong(SourceStats::spfAligned).sum();
            return new DomainDmarc(
                    tenant,
                    d,
                    from,
                    to,
                    reported,
                    messages,
                    pass,
                    dkim,
                    spf,
                    sources,
                    store.trend(tenant, d, from, to),
                    store.reporters(tenant, d, from, to),
                    policy,
                    DmarcAdvisor.advise(d, policy, sources, reported, rua));
        });
    }
}
