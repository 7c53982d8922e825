package dev.mailroom.model.suppressions;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.TlsReport;
import dev.mailroom.model.dmarc.TlsReportService;
import dev.mailroom.model.tenants.TenantStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The mailbox bounces and complaints are read from: the agency's, or one tenant's.
 *
 * <p>Configuring and testing it needs the agency owner for the agency's mailbox, and
 * {@link Permission#TENANT_EDIT} (Admin, Owner) for a tenant's. Reading it changes suppression lists,
 * so it needs {@link Permission#SUPPRESSIONS_MANAGE} in the tenant (the agency owner for the agency's
 * mailbox); a tenant's mailbox only ever records events of that tenant.
 *
 * <p>DMARC aggregate and SMTP TLS reports arriving in the same mailbox are imported as the DMARC
 * page's file import does ({@link DmarcService}, {@link TlsReportService}: their permission checks,
 * de-duplication and split to the client owning each policy domain; decision 0076); the read's
 * summary and audit entry count them.
 *
 * <p>The network work runs outside any transaction; each report is ingested in its own, so a read
 * cancelled or broken part-way keeps everything recorded up to there, and the server flags say
 * where the next read starts.
 */
public final class ReportMailboxService {
    private final ReportMailboxStore store;
    private final MailboxReader reader;
    private final ReportIngestService ingest;
    private final DmarcService dmarc;
    private final TlsReportService tlsReports;
    private final TenantStore tenants;
    private final SecretVault vault;
    private final AccessPolicy access;
    private final dev.mailroom.model.audit.AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public ReportMailboxService(
            ReportMailboxStore store,
            MailboxReader reader,
            ReportIngestService ingest,
            DmarcService dmarc,
            TlsReportService tlsReports,
            TenantStore tenants,
            SecretVault vault,
            AccessPolicy access,
            dev.mailroom.model.audit.AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.reader = reader;
        this.ingest = ingest;
        this.dmarc = dmarc;
        this.tlsReports = tlsReports;
        this.tenants = tenants;
        this.vault = vault;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Whether the actor may change (and test) this scope's mailbox; for the UI, the use cases check again. */
    public boolean mayConfigure(Actor actor, Optional<TenantId> scope) {
        return tx.inTransaction(() -> scope.isPresent()
                ? access.can(actor, scope.get(), Permission.TENANT_EDIT)
                : access.isAgencyOwner(actor));
    }

    public boolean mayRead(Actor actor, Optional<TenantId> scope) {
        return tx.inTransaction(() -> scope.isPresent()
                ? access.can(actor, scope.get(), Permission.SUPPRESSIONS_MANAGE)
                : access.isAgencyOwner(actor));
    }

    /** The scope's mailbox, for whoever may configure or read it. */
    public Optional<ReportMailbox> find(Actor actor, Optional<TenantId> scope) {
        return tx.inTransaction(() -> {
            if (scope.isPresent()) {
                access.require(actor, scope.get(), Permission.TENANT_VIEW);
            }
            if (!mayConfigure(actor, scope) && !mayRead(actor, scope)) {
                throw denied(scope);
            }
            return store.find(scope);
        });
    }

    public boolean hasPassword(Actor actor, Optional<TenantId> scope) {
        return tx.inTransaction(() -> {
            requireConfigure(actor, scope);
            return store.sealedPassword(scope).isPresent();
        });
    }

    /** Saves the mailbox; an empty password keeps the stored one (a new mailbox needs one). */
    public ReportMailbox save(Actor actor, ReportMailbox mailbox, MailboxPassword password) {
        ReportMailbox clean = mailbox.validated();
        Optional<TenantId> scope = clean.tenant();
        return tx.inTransaction(() -> {
            requireConfigure(actor, scope);
            Optional<ReportMailbox> before = store.find(scope);
            if (password.isEmpty() && store.sealedPassword(scope).isEmpty()) {
                throw new InvalidInput("password", "Enter the password for " + clean.username() + ".");
            }
            Optional<byte[]> sealed = password.isEmpty()
                    ? Optional.empty()
                    : Optional.of(vault.encrypt(password.reveal().getBytes(StandardCharsets.UTF_8)));
            store.save(clean, sealed, clock.instant());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("mailbox", clean.address());
            details.put("security", clean.security().label());
            if (!password.isEmpty()) {
                details.put("password", "changed");
            }
            String action = before.isPresent() ? "report-mailbox.updated" : "report-mailbox.created";
            record(actor, scope, action, details);
            return clean;
        });
    }

    /**
     * Signs in with the given settings (the typed password, or the stored one when none is typed) and
     * opens the folder; the number of messages in it.
     */
    public int test(Actor actor, ReportMailbox mailbox, MailboxPassword password) {
        ReportMailbox clean = mailbox.validated();
        MailboxPassword secret = tx.inTransaction(() -> {
            requireConfigure(actor, clean.tenant());
            return password.isEmpty() ? storedPassword(clean.tenant()) : password;
        });
        return reader.test(clean, secret);
    }

    /** Reads every message not handled before; per message one outcome, counted in the summary. */
    public MailboxReadSummary readNow(
            Actor actor, Optional<TenantId> scope, MailboxReader.Progress progress, Cancellation cancel) {
        record Prepared(ReportMailbox mailbox, MailboxPassword password) {}
        Prepared p = tx.inTransaction(() -> {
            requireRead(actor, scope);
            ReportMailbox m =
                    store.find(scope).orElseThrow(() -> new NotFound("No report mailbox is set up here yet."));
            return new Prepared(m, storedPassword(scope));
        });
        Tally tally = new Tally(actor, scope);
        reader.read(p.mailbox(), p.password(), tally, progress, cancel);
        MailboxReadSummary summary = tally.summary(cancel.isCancelled());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("mailbox", p.mailbox().address());
        details.put("result", summary.headline());
        details.put("events", Integer.toString(summary.eventsRecorded()));
        reportDetails(summary, details);
        tx.run(() -> record(actor, scope, "report-mailbox.read", details));
        return summary;
    }

    /**
     * Reads bounces and complaints from files (.eml, mbox) into this scope, as a mailbox read would;
     * the same permission as reading the scope's mailbox, which need not be set up.
     */
    public MailboxReadSummary importFiles(
            Actor actor,
            Optional<TenantId> scope,
            ReportFiles files,
            MailboxReader.Progress progress,
            Cancellation cancel) {
        tx.run(() -> requireRead(actor, scope));
        Tally tally = new Tally(actor, scope);
        files.read(tally, progress, cancel);
        MailboxReadSummary summary = tally.summary(cancel.isCancelled());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("files", files.describe());
        details.put("result", summary.headline());
        details.put("events", Integer.toString(summary.eventsRecorded()));
        reportDetails(summary, details);
        tx.run(() -> record(actor, scope, "report-files.imported", details));
        return summary;
    }

    /** The DMARC and TLS counts in words, for the read's audit entry, when the read met any. */
    private static void reportDetails(MailboxReadSummary summary, Map<String, String> details) {
        if (summary.dmarc().total() > 0 || summary.tls().total() > 0) {
            details.put("dmarc reports", summary.dmarc().words());
            details.put("tls reports", summary.tls().words());
        }
    }

    /**
     * Counts outcomes and ingests each report in its own transaction. DMARC and TLS reports go through
     * {@link DmarcService#importReports} and {@link TlsReportService#importReports} as the reader: the
     * same permission checks, de-duplication and split to the client owning each policy domain as the
     * DMARC page's file import (a tenant's mailbox stores only that tenant's reports).
     */
    private final class Tally implements MailboxReader.Handler {
        private final Actor actor;
        private final Optional<TenantId> scope;
        private int reportMessages;
        private MailboxReadSummary.ReportCounts dmarcCounts = MailboxReadSummary.ReportCounts.NONE;
        private MailboxReadSummary.ReportCounts tlsCounts = MailboxReadSummary.ReportCounts.NONE;
        private int bounces;
        private int complaints;
        private int notReports;
        private int failed;
        private int already;
        private int events;
        private int unmatched;
        private final List<String> problems = new ArrayList<>();

        Tally(Actor actor, Optional<TenantId> scope) {
            this.actor = actor;
            this.scope = scope;
        }

        @Override
        public MailboxReader.Disposition reports(String key, long size, MailedReports reports) {
            String which = "Message " + key;
            DmarcImportSummary d;
            DmarcImportSummary t;
            List<TlsReport> valid = reports.tls().stream()
                    .filter(r -> TlsReportService.problem(r).isEmpty())
                    .toList();
            try {
                d = reports.aggregate().isEmpty()
                        ? null
                        : dmarc.importReports(actor, scope, reports.aggregate(), List.of(), "mailbox");
                t = reports.tls().isEmpty()
                        ? null
                        : tlsReports.importReports(actor, scope, reports.tls(), List.of(), "mailbox");
            } catch (RuntimeException e) {
                // The store or a check failed part-way: what was stored stays, the next read tries again
                // (reports already stored count as already there then).
                failed(which, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                return MailboxReader.Disposition.RETRY;
            }
            reportMessages++;
            dmarcCounts = dmarcCounts.plus(counts(d, reports.aggregateProblems().size()));
            tlsCounts = tlsCounts.plus(
                    counts(t, reports.tlsProblems().size() + reports.tls().size() - valid.size()));
            reports.aggregateProblems().forEach(p -> problem(which + ": DMARC report refused: " + p));
            reports.tlsProblems().forEach(p -> problem(which + ": TLS report refused: " + p));
            reports.tls().stream()
                    .map(TlsReportService::problem)
                    .flatMap(Optional::stream)
                    .forEach(p -> problem(which + ": " + p));
            notStored(which, "DMARC", d);
            notStored(which, "TLS", t);
            return reports.nothingReadable()
                    ? MailboxReader.Disposition.UNREADABLE
                    : MailboxReader.Disposition.PROCESSED;
        }

        private MailboxReadSummary.ReportCounts counts(DmarcImportSummary s, int unreadable) {
            if (s == null) {
                return new MailboxReadSummary.ReportCounts(0, 0, unreadable);
            }
            return new MailboxReadSummary.ReportCounts(
                    s.stored(), s.duplicates(), unreadable + s.unknownDomain() + s.notHere() + s.denied());
        }

        /** Reports read but not stored for a reason of where they belong, in words. */
        private void notStored(String which, String kind, DmarcImportSummary s) {
            if (s == null) {
                return;
            }
            if (s.unknownDomain() > 0) {
                problem(which + ": " + s.unknownDomain() + " " + kind
                        + " report(s) for a domain no client has; refused.");
            }
            if (s.notHere() > 0) {
                problem(which + ": " + s.notHere() + " " + kind
                        + " report(s) for another client's domain; refused (not stored from this client's mailbox).");
            }
            if (s.denied() > 0) {
                problem(which + ": " + s.denied() + " " + kind
                        + " report(s) for clients you may not import into; refused.");
            }
        }

        private void problem(String line) {
            if (problems.size() < MailboxReadSummary.MAX_PROBLEMS) {
                problems.add(line);
            }
        }

        @Override
        public MailboxReader.Disposition handle(String key, long size, InboundReport report) {
            switch (report.kind()) {
                case AUTO_REPLY:
                case NOT_A_REPORT:
                    notReports++;
                    return MailboxReader.Disposition.SKIPPED;
                case UNREADABLE:
                    failed("a message of " + size + " bytes", report.note());
                    return MailboxReader.Disposition.UNREADABLE;
                default:
                    break;
            }
            ReportIngestService.Outcome o;
            try {
                o = ingest.ingest(key, report, scope);
            } catch (RuntimeException e) {
                failed(key, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                return MailboxReader.Disposition.RETRY;
            }
            if (o.alreadyProcessed()) {
                already++;
            } else if (report.kind() == dev.mailroom.model.activity.ReportKind.FEEDBACK) {
                complaints++;
            } else {
                bounces++;
            }
            events += o.recorded();
            unmatched += o.unmatched();
            return MailboxReader.Disposition.PROCESSED;
        }

        @Override
        public void failed(String description, String reason) {
            failed++;
            problem(description + ": " + reason);
        }

        MailboxReadSummary summary(boolean cancelled) {
            return new MailboxReadSummary(
                    bounces,
                    complaints,
                    notReports,
                    failed,
                    already,
                    events,
                    unmatched,
                    cancelled,
                    problems,
                    reportMessages,
                    dmarcCounts,
                    tlsCounts);
        }
    }

    private MailboxPassword storedPassword(Optional<TenantId> scope) {
        byte[] sealed = store.sealedPassword(scope)
                .orElseThrow(() -> new InvalidInput("password", "Enter the mailbox password."));
        return MailboxPassword.of(new String(vault.decrypt(sealed), StandardCharsets.UTF_8));
    }

    private void requireConfigure(Actor actor, Optional<TenantId> scope) {
        if (scope.isPresent()) {
            access.require(actor, scope.get(), Permission.TENANT_EDIT);
        } else {
            access.requireAgencyOwner(actor);
        }
    }

    /** Reading a scope's reports (mailbox or files): refused with the tenant's own reason where there is one. */
    private void requireRead(Actor actor, Optional<TenantId> scope) {
        if (!mayRead(actor, scope)) {
            if (scope.isPresent()) {
                access.require(actor, scope.get(), Permission.SUPPRESSIONS_MANAGE);
            }
            throw denied(scope);
        }
    }

    private static RuntimeException denied(Optional<TenantId> scope) {
        return new dev.mailroom.model.common.PermissionDenied(
                scope.isPresent()
                        ? "Your role in this client does not allow reading its report mailbox."
                        : "Only the agency owner may use the agency's report mailbox.");
    }

    private void record(Actor actor, Optional<TenantId> scope, String action, Map<String, String> details) {
        if (scope.isPresent()) {
            String name = tenants.find(scope.get()).map(t -> t.name()).orElse("");
            audit.record(actor, scope.get(), name, action, "report mailbox", details);
        } else {
            audit.record(actor, action, "agency report mailbox", details);
        }
    }
}
