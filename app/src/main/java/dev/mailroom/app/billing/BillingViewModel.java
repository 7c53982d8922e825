package dev.mailroom.app.billing;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Csv;
import dev.mailroom.model.billing.BillableEvent;
import dev.mailroom.model.billing.BillingService;
import dev.mailroom.model.billing.ClientReportService;
import dev.mailroom.model.billing.Invoice;
import dev.mailroom.model.billing.MonthlyRun;
import dev.mailroom.model.billing.PlanId;
import dev.mailroom.model.billing.PlanTerms;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.Pricing;
import dev.mailroom.model.billing.ReportSender;
import dev.mailroom.model.billing.Step;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.billing.Tier;
import dev.mailroom.model.billing.TierMode;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionService;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

/**
 * The Billing page's state and commands: the month, its invoices (or a preview's drafts), the plans, a
 * plan form with its field errors, and the run with progress and cancel. Every command calls a use case
 * through the {@link BackgroundRunner}; files are written there too, never on the FX thread.
 */
public final class BillingViewModel {
    private final BillingService billing;
    private final ClientReportService reports;
    private final ConnectionService connections;
    private final BackgroundRunner runner;
    private final Actor actor;

    private final ObjectProperty<YearMonth> month = new SimpleObjectProperty<>();
    private final ObservableList<Invoice> invoices = FXCollections.observableArrayList();
    private final ObservableList<PricePlan> plans = FXCollections.observableArrayList();
    private final ObjectProperty<Invoice> selected = new SimpleObjectProperty<>();
    private final BooleanProperty previewing = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");

    // The plan form.
    private final StringProperty planName = new SimpleStringProperty("");
    private final StringProperty currency = new SimpleStringProperty("USD");
    private final ObjectProperty<String> pricing = new SimpleObjectProperty<>(PRICING_CHOICES.get(0));
    private final StringProperty table = new SimpleStringProperty(defaultTable());
    private final StringProperty committed = new SimpleStringProperty("0");
    private final StringProperty overage = new SimpleStringProperty("0");
    private final StringProperty setupFee = new SimpleStringProperty("0");
    private final StringProperty retainer = new SimpleStringProperty("0");
    private final StringProperty taxRate = new SimpleStringProperty("0");
    private final ObjectProperty<BillableEvent> billable = new SimpleObjectProperty<>(BillableEvent.ACCEPTED);
    private final ObjectProperty<YearMonth> effectiveFrom = new SimpleObjectProperty<>();
    private final ObservableMap<String, String> fieldErrors = FXCollections.observableHashMap();

    // The invoice settings form.
    private final StringProperty zone = new SimpleStringProperty("UTC");
    private final StringProperty invoicePrefix = new SimpleStringProperty("");
    private final StringProperty issuerName = new SimpleStringProperty("");
    private final StringProperty issuerDetails = new SimpleStringProperty("");
    private final StringProperty accentColor = new SimpleStringProperty("");
    private final ObservableMap<String, String> settingsErrors = FXCollections.observableHashMap();

    // The margin: each client's month, and the sending-cost form of the chosen client.
    private final ObservableList<dev.mailroom.model.billing.TenantMargin> margins = FXCollections.observableArrayList();
    private final StringProperty marginTotals = new SimpleStringProperty("");
    /** The pooled-volume comparison for clients that share one sending plan. */
    private final StringProperty pooled = new SimpleStringProperty("");

    private final ObjectProperty<TenantId> costTenant = new SimpleObjectProperty<>();
    private final StringProperty costCurrency = new SimpleStringProperty("USD");
    private final StringProperty costMonthly = new SimpleStringProperty("");
    private final StringProperty costIncluded = new SimpleStringProperty("0");
    private final StringProperty costOverage = new SimpleStringProperty("0");
    private final ObservableMap<String, String> costErrors = FXCollections.observableHashMap();

    public static final List<String> PRICING_CHOICES =
            List.of("Per 1,000, volume", "Per 1,000, graduated", "Plan sizes (steps)");

    // Client reports by e-mail: which client's connection sends them, from which address.
    private final ObjectProperty<TenantId> reportTenant = new SimpleObjectProperty<>();
    private final ObservableList<Connection> reportConnections = FXCollections.observableArrayList();
    private final ObjectProperty<Connection> reportConnection = new SimpleObjectProperty<>();
    private final StringProperty reportFrom = new SimpleStringProperty("");
    private final StringProperty reportFromName = new SimpleStringProperty("");
    private final BooleanProperty reportSenderSet = new SimpleBooleanProperty();
    private Optional<ConnectionId> wantedConnection = Optional.empty();

    public BillingViewModel(
            BillingService billing,
            ClientReportService reports,
            ConnectionService connections,
            BackgroundRunner runner,
            Actor actor) {
        this.billing = billing;
        this.reports = reports;
        this.connections = connections;
        reportTenant.addListener((o, was, t) -> loadReportConnections(t));
        this.runner = runner;
        this.actor = actor;
    }

    // ---- properties ----

    public ObjectProperty<YearMonth> month() {
        return month;
    }

    public ObservableList<Invoice> invoices() {
        return invoices;
    }

    public ObservableList<PricePlan> plans() {
        return plans;
    }

    public ObjectProperty<Invoice> selected() {
        return selected;
    }

    public BooleanProperty previewing() {
        return previewing;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public StringProperty status() {
        return status;
    }

    public ObjectProperty<TenantId> reportTenant() {
        return reportTenant;
    }

    public ObservableList<Connection> reportConnections() {
        return reportConnections;
    }

    public ObjectProperty<Connection> reportConnection() {
        return reportConnection;
    }

    public StringProperty reportFrom() {
        return reportFrom;
    }

    public StringProperty reportFromName() {
        return reportFromName;
    }

    /** Whether reports can be e-mailed: the agency has chosen a sending connection. */
    public BooleanProperty reportSenderSet() {
        return reportSenderSet;
    }

    public StringProperty planName() {
        return planName;
    }

    public StringProperty currency() {
        return currency;
    }

    public ObjectProperty<String> pricing() {
        return pricing;
    }

    public StringProperty table() {
        return table;
    }

    public StringProperty committed() {
        return committed;
    }

    public StringProperty overage() {
        return overage;
    }

    public StringProperty setupFee() {
        return setupFee;
    }

    public StringProperty retainer() {
        return retainer;
    }

    public StringProperty taxRate() {
        return taxRate;
    }

    public ObjectProperty<BillableEvent> billable() {
        return billable;
    }

    public ObjectProperty<YearMonth> effectiveFrom() {
        return effectiveFrom;
    }

    /** Field name → message, for the form to show next to each field. */
    public ObservableMap<String, String> fieldErrors() {
        return fieldErrors;
    }

    public StringProperty zone() {
        return zone;
    }

    public StringProperty invoicePrefix() {
        return invoicePrefix;
    }

    public StringProperty issuerName() {
        return issuerName;
    }

    public StringProperty issuerDetails() {
        return issuerDetails;
    }

    public StringProperty accentColor() {
        return accentColor;
    }

    /** The invoice settings form's problems, field name → message. */
    public ObservableMap<String, String> settingsErrors() {
        return settingsErrors;
    }

    public ObservableList<dev.mailroom.model.billing.TenantMargin> margins() {
        return margins;
    }

    /** "Billed 165.00 USD · cost 24.00 · margin 141.00 (1 client without a cost)". */
    public StringProperty marginTotals() {
        return marginTotals;
    }

    public StringProperty pooled() {
        return pooled;
    }

    /**
     * For each sending plan two or more clients share: what they cost on a plan each against one plan
     * carrying their combined volume (the JangoMail seed's comparison), in words.
     */
    static String pooled(List<dev.mailroom.model.billing.TenantMargin> list) {
        Map<dev.mailroom.model.billing.SendingCost, Map<String, Long>> byPlan = new LinkedHashMap<>();
        for (var t : list) {
            t.sendingCost()
                    .ifPresent(c -> byPlan.computeIfAbsent(c, k -> new LinkedHashMap<>())
                            .merge(t.tenantName(), t.volume(), Long::sum));
        }
        List<String> out = new ArrayList<>();
        byPlan.forEach((plan, volumes) -> {
            if (volumes.size() < 2) {
                return;
            }
            var p = dev.mailroom.model.billing.PooledVolume.compare(plan, volumes);
            String cur = " " + plan.currency().getCurrencyCode();
            BigDecimal saving = p.saving();
            out.add(volumes.size() + " clients on the same plan ("
                    + plan.monthlyPrice().toPlainString() + cur
                    + " a month, " + String.format(java.util.Locale.ROOT, "%,d", plan.includedEmails()) + " included, "
                    + plan.overagePer1000().toPlainString() + cur + " per 1,000 over), "
                    + String.format(java.util.Locale.ROOT, "%,d", p.combinedVolume()) + " emails: on a plan each "
                    + p.separatelyTotal().toPlainString() + cur + ", pooled on one "
                    + p.pooled().toPlainString() + cur
                    + (saving.signum() > 0
                            ? ": pooling saves " + saving.toPlainString() + cur + "."
                            : saving.signum() < 0
                                    ? ": pooling costs " + saving.negate().toPlainString() + cur + " more."
                                    : ": the same either way."));
        });
        return out.isEmpty()
                ? "Pooled volume: no two clients with a known cost share a sending plan this month."
                : "Pooled volume: " + String.join(" ", out);
    }

    /** The client whose sending cost the form shows; null when none is chosen. */
    public ObjectProperty<TenantId> costTenant() {
        return costTenant;
    }

    public StringProperty costCurrency() {
        return costCurrency;
    }

    public StringProperty costMonthly() {
        return costMonthly;
    }

    public StringProperty costIncluded() {
        return costIncluded;
    }

    public StringProperty costOverage() {
        return costOverage;
    }

    public ObservableMap<String, String> costErrors() {
        return costErrors;
    }

    // ---- commands ----

    /** Reads each client's margin for the month. */
    public void loadMargin(Consumer<Throwable> onError) {
        YearMonth m = month.get();
        if (m == null) {
            return;
        }
        runner.run(Task.of(
                "Working out the margin for " + m,
                p -> billing.margin(actor, m),
                list -> {
                    margins.setAll(list);
                    marginTotals.set(totals(list));
                    pooled.set(pooled(list));
                },
                onError));
    }

    static String totals(List<dev.mailroom.model.billing.TenantMargin> list) {
        if (list.isEmpty()) {
            return "No issued invoices this month: issue the month's invoices to see the margin.";
        }
        Map<java.util.Currency, BigDecimal[]> sums = new LinkedHashMap<>();
        long unknown = 0;
        for (var t : list) {
            BigDecimal[] sum =
                    sums.computeIfAbsent(t.currency(), c -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            if (t.cost().isPresent()) {
                sum[0] = sum[0].add(t.billed());
                sum[1] = sum[1].add(t.cost().get());
            } else {
                unknown++;
            }
        }
        List<String> parts = new ArrayList<>();
        sums.forEach((cur, sum) -> parts.add(
                "billed " + sum[0].toPlainString() + " " + cur.getCurrencyCode() + " · cost " + sum[1].toPlainString()
                        + " · margin " + sum[0].subtract(sum[1]).toPlainString()));
        String s = "Clients with a known cost: " + String.join("; ", parts) + ".";
        if (unknown > 0) {
            s += " " + unknown + " client" + (unknown == 1 ? "" : "s") + " without a known cost left out.";
        }
        return s;
    }

    /** Fills the sending-cost form with the client's cost (or empty fields when none is set). */
    public void editCost(TenantId tenant, Consumer<Throwable> onError) {
        costTenant.set(tenant);
        costErrors.clear();
        runner.run(Task.of(
                "Reading the sending cost",
                p -> billing.sendingCost(actor, tenant),
                cost -> {
                    if (!tenant.equals(costTenant.get())) {
                        return; // another client was chosen meanwhile
                    }
                    costCurrency.set(
                            cost.map(c -> c.currency().getCurrencyCode()).orElse("USD"));
                    costMonthly.set(
                            cost.map(c -> c.monthlyPrice().toPlainString()).orElse(""));
                    costIncluded.set(
                            cost.map(c -> String.valueOf(c.includedEmails())).orElse("0"));
                    costOverage.set(
                            cost.map(c -> c.overagePer1000().toPlainString()).orElse("0"));
                },
                onError));
    }

    /** Saves the form's sending cost (or clears it, with {@code clear}); problems land next to their fields. */
    public void saveCost(boolean clear, Runnable onDone, Consumer<Throwable> onError) {
        TenantId tenant = costTenant.get();
        costErrors.clear();
        if (tenant == null) {
            return;
        }
        Optional<dev.mailroom.model.billing.SendingCost> cost = Optional.empty();
        if (!clear) {
            Map<String, String> problems = new LinkedHashMap<>();
            java.util.Currency cur = null;
            try {
                cur = java.util.Currency.getInstance(text(costCurrency).strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.put("costCurrency", "Give an ISO 4217 currency code, such as USD or EUR.");
            }
            BigDecimal monthly = amount(costMonthly.get(), "costMonthly", problems);
            BigDecimal overage = amount(costOverage.get(), "costOverage", problems);
            long included = 0;
            try {
                included = Long.parseLong(text(costIncluded).strip().replace(",", ""));
            } catch (NumberFormatException e) {
                problems.put("costIncluded", "Give the included emails as a whole number, such as 50000.");
            }
            if (!problems.isEmpty()) {
                costErrors.putAll(problems);
                return;
            }
            cost = Optional.of(new dev.mailroom.model.billing.SendingCost(cur, monthly, included, overage));
        }
        Optional<dev.mailroom.model.billing.SendingCost> chosen = cost;
        busy.set(true);
        runner.run(Task.of(
                clear ? "Clearing the sending cost" : "Saving the sending cost",
                p -> {
                    billing.setSendingCost(actor, tenant, chosen);
                    return tenant;
                },
                t -> {
                    busy.set(false);
                    status.set(clear ? "Sending cost cleared." : "Sending cost saved.");
                    onDone.run();
                    loadMargin(onError);
                },
                e -> {
                    busy.set(false);
                    if (e instanceof InvalidInput ii) {
                        costErrors.putAll(ii.problems());
                    } else {
                        onError.accept(e);
                    }
                }));
    }

    /** Fills the invoice settings form from the store. */
    public void loadSettings(Consumer<Throwable> onError) {
        runner.run(Task.of(
                "Reading invoice settings",
                p -> billing.settings(actor),
                st -> {
                    zone.set(st.zone().getId());
                    invoicePrefix.set(st.invoicePrefix());
                    issuerName.set(st.issuerName());
                    issuerDetails.set(st.issuerDetails());
                    accentColor.set(st.accentColor());
                    settingsErrors.clear();
                },
                onError));
    }

    /** Saves the invoice settings; problems land next to their fields in {@link #settingsErrors()}. */
    public void saveSettings(Runnable onDone, Consumer<Throwable> onError) {
        settingsErrors.clear();
        java.time.ZoneId z;
        try {
            z = java.time.ZoneId.of(zone.get() == null ? "" : zone.get().strip());
        } catch (java.time.DateTimeException e) {
            settingsErrors.put("zone", "Give a time zone such as Europe/Berlin or UTC.");
            return;
        }
        dev.mailroom.model.billing.BillingSettings settings = new dev.mailroom.model.billing.BillingSettings(
                z,
                text(invoicePrefix),
                text(issuerName),
                text(issuerDetails),
                text(accentColor).strip());
        busy.set(true);
        runner.run(Task.of(
                "Saving invoice settings",
                p -> {
                    billing.saveSettings(actor, settings);
                    return settings;
                },
                st -> {
                    busy.set(false);
                    status.set("Invoice settings saved; invoices issued from now on use them.");
                    onDone.run();
                },
                e -> {
                    busy.set(false);
                    if (e instanceof InvalidInput ii) {
                        settingsErrors.putAll(ii.problems());
                    } else {
                        onError.accept(e);
                    }
                }));
    }

    /** Reads which connection e-mails client reports, and fills the form with it. */
    public void loadReportSender(Consumer<Throwable> onError) {
        runner.run(Task.of(
                "Reading how client reports are sent",
                p -> reports.reportSender(actor),
                sender -> {
                    reportSenderSet.set(sender.isPresent());
                    wantedConnection = sender.map(ReportSender::connection);
                    reportFrom.set(sender.map(ReportSender::fromAddress).orElse(""));
                    reportFromName.set(sender.map(ReportSender::fromName).orElse(""));
                    TenantId t = sender.map(ReportSender::tenant).orElse(null);
                    if (java.util.Objects.equals(t, reportTenant.get())) {
                        loadReportConnections(t);
                    } else {
                        reportTenant.set(t);
                    }
                },
                onError));
    }

    private void loadReportConnections(TenantId tenant) {
        reportConnections.clear();
        reportConnection.set(null);
        if (tenant == null) {
            return;
        }
        runner.run(Task.of(
                "Reading connections",
                p -> connections.list(actor, tenant),
                list -> {
                    if (!tenant.equals(reportTenant.get())) {
                        return; // another client was chosen meanwhile
                    }
                    reportConnections.setAll(list);
                    reportConnection.set(list.stream()
                            .filter(c -> wantedConnection.map(c.id()::equals).orElse(false))
                            .findFirst()
                            .orElse(list.size() == 1 ? list.get(0) : null));
                },
                e -> settingsErrors.put("reportConnection", dev.mailroom.app.common.Dialogs.messageFor(e))));
    }

    /** Saves the sending connection for client reports (or clears it when no client is chosen). */
    public void saveReportSender(Runnable onDone, Consumer<Throwable> onError) {
        settingsErrors.keySet().removeIf(k -> k.startsWith("report"));
        Optional<ReportSender> sender;
        if (reportTenant.get() == null) {
            sender = Optional.empty();
        } else if (reportConnection.get() == null) {
            settingsErrors.put("reportConnection", "Choose the connection reports go out through.");
            return;
        } else {
            sender = Optional.of(new ReportSender(
                    reportTenant.get(), reportConnection.get().id(), text(reportFrom), text(reportFromName)));
        }
        busy.set(true);
        runner.run(Task.of(
                "Saving how client reports are sent",
                p -> {
                    reports.saveReportSender(actor, sender);
                    return sender;
                },
                saved -> {
                    busy.set(false);
                    wantedConnection = saved.map(ReportSender::connection);
                    reportSenderSet.set(saved.isPresent());
                    status.set(
                            saved.isPresent()
                                    ? "Client reports will be e-mailed from "
                                            + saved.get().fromAddress() + "."
                                    : "Client reports are no longer e-mailed.");
                    onDone.run();
                },
                e -> {
                    busy.set(false);
                    if (e instanceof InvalidInput ii) {
                        settingsErrors.putAll(ii.problems());
                    } else {
                        onError.accept(e);
                    }
                }));
    }

    /** E-mails the month's report to the client's contact; the status says to whom, or why not. */
    public void emailClientReport(TenantId tenant, Runnable onDone, Consumer<Throwable> onError) {
        YearMonth m = month.get();
        busy.set(true);
        status.set("E-mailing the client report for " + m + "…");
        runner.run(Task.of(
                "E-mailing the client report",
                p -> reports.emailReport(actor, tenant, m),
                emailed -> {
                    busy.set(false);
                    status.set(
                            emailed.queued()
                                    ? "The " + m + " report of " + emailed.tenantName() + " is in the outbox, to "
                                            + emailed.to() + "."
                                    : "Not sent to " + emailed.to() + ": " + emailed.problem());
                    onDone.run();
                },
                e -> {
                    busy.set(false);
                    status.set("");
                    onError.accept(e);
                }));
    }

    /**
     * Issues a credit note for part of an issued invoice. A problem with the amount or reason comes back
     * through {@code onProblem} as words for the form, which stays open; anything else goes to {@code onError}.
     */
    public void creditNote(
            Invoice inv,
            String amountText,
            String reason,
            Runnable onDone,
            Consumer<String> onProblem,
            Consumer<Throwable> onError) {
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountText == null ? "" : amountText.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            onProblem.accept("Give the amount to credit as a number, such as 12.50.");
            return;
        }
        busy.set(true);
        runner.run(Task.of(
                "Crediting " + inv.displayNumber(),
                p -> billing.creditNote(actor, inv.tenant(), inv.id().orElseThrow(), amount, reason),
                note -> {
                    busy.set(false);
                    status.set("Credit note " + note.displayNumber() + " issued for " + inv.displayNumber() + ".");
                    onDone.run();
                    load(onError);
                },
                e -> {
                    busy.set(false);
                    if (e instanceof InvalidInput || e instanceof dev.mailroom.model.common.Conflict) {
                        onProblem.accept(e.getMessage());
                    } else {
                        onError.accept(e);
                    }
                }));
    }

    private static String text(StringProperty p) {
        return p.get() == null ? "" : p.get();
    }

    /** Reads the month's invoices and the plans; the month defaults to the last finished one. */
    public void load(Consumer<Throwable> onError) {
        busy.set(true);
        YearMonth wanted = month.get();
        runner.run(Task.of(
                "Reading invoices",
                p -> {
                    YearMonth m = wanted != null ? wanted : billing.lastFinishedMonth();
                    return new Loaded(m, billing.invoices(actor, Optional.of(m)), billing.plans(actor));
                },
                l -> {
                    busy.set(false);
                    previewing.set(false);
                    if (month.get() == null) {
                        month.set(l.month());
                    }
                    if (effectiveFrom.get() == null) {
                        effectiveFrom.set(l.month().plusMonths(1));
                    }
                    invoices.setAll(l.invoices());
                    plans.setAll(l.plans());
                    status.set(
                            l.invoices().isEmpty()
                                    ? "No invoices for " + l.month()
                                            + " yet. Preview the run to see what it would bill."
                                    : l.invoices().size() + " invoices and credit notes for " + l.month() + ".");
                },
                fail(onError)));
    }

    private record Loaded(YearMonth month, List<Invoice> invoices, List<PricePlan> plans) {}

    /** Shows what a run would bill, as drafts, without saving anything. */
    public void preview(Consumer<Throwable> onError) {
        YearMonth m = month.get();
        busy.set(true);
        runner.run(Task.of(
                "Previewing " + m,
                p -> billing.preview(actor, m),
                run -> {
                    busy.set(false);
                    previewing.set(true);
                    invoices.setAll(run.invoices());
                    status.set(describe(run, "would be issued"));
                },
                fail(onError)));
    }

    /** Issues the month for every client the person may bill, with progress; Cancel stops between clients. */
    public void issueAll(Consumer<MonthlyRun> onDone, Consumer<Throwable> onError) {
        YearMonth m = month.get();
        busy.set(true);
        runner.run(Task.<MonthlyRun>of(
                        "Issuing invoices for " + m,
                        p -> {
                            Cancellation cancel = new Cancellation();
                            return billing.issueAll(
                                    actor,
                                    m,
                                    (done, total) -> {
                                        p.update(
                                                done, total, "Issuing invoices: " + done + " of " + total + " clients");
                                        if (p.isCancelled()) {
                                            cancel.cancel();
                                        }
                                    },
                                    cancel);
                        },
                        run -> {
                            busy.set(false);
                            status.set(describe(run, "issued") + (run.cancelled() ? " Cancelled before the end." : ""));
                            onDone.accept(run);
                            load(onError);
                        },
                        fail(onError))
                .withCancel());
    }

    public void markPaid(Invoice inv, Consumer<Throwable> onError) {
        change(
                "Marking " + inv.displayNumber() + " paid",
                () -> billing.markPaid(actor, inv.tenant(), inv.id().orElseThrow()),
                onError);
    }

    public void voidInvoice(Invoice inv, String reason, Consumer<Throwable> onError) {
        change(
                "Voiding " + inv.displayNumber(),
                () -> billing.voidInvoice(actor, inv.tenant(), inv.id().orElseThrow(), reason),
                onError);
    }

    public void exportCsv(Path file, Consumer<Path> onDone, Consumer<Throwable> onError) {
        YearMonth m = month.get();
        write(
                "Exporting " + m,
                file,
                () -> Csv.text(billing.exportCsv(actor, m)).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                onDone,
                onError);
    }

    public void saveInvoicePdf(Invoice inv, Path file, Consumer<Path> onDone, Consumer<Throwable> onError) {
        write(
                "Saving " + inv.displayNumber(),
                file,
                () -> reports.invoicePdf(
                        billing.exportInvoice(actor, inv.tenant(), inv.id().orElseThrow())),
                onDone,
                onError);
    }

    public void saveClientReport(TenantId tenant, Path file, Consumer<Path> onDone, Consumer<Throwable> onError) {
        YearMonth m = month.get();
        write("Making the client report", file, () -> reports.reportPdf(actor, tenant, m), onDone, onError);
    }

    /** A client whose report the batch makes. */
    public record Client(TenantId id, String name) {}

    /** What a batch of client reports did: the files written, and the clients left out with why. */
    public record Batch(List<Path> written, List<String> emailed, List<String> leftOut, boolean cancelled) {}

    /**
     * Saves the month's client report of each client into {@code folder}, one PDF each, with progress in
     * words; Cancel stops between clients, and the reports already written stay. A client whose report
     * cannot be made (no right to see it, say) is left out and named, never stopping the others.
     */
    public void saveAllClientReports(
            List<Client> clients, Path folder, Consumer<Batch> onDone, Consumer<Throwable> onError) {
        saveAllClientReports(clients, folder, false, onDone, onError);
    }

    /** As above; with {@code email}, each report is also e-mailed to its client's contact. */
    public void saveAllClientReports(
            List<Client> clients, Path folder, boolean email, Consumer<Batch> onDone, Consumer<Throwable> onError) {
        YearMonth m = month.get();
        busy.set(true);
        runner.run(Task.<Batch>of(
                        "Making client reports for " + m,
                        p -> {
                            List<Path> written = new ArrayList<>();
                            List<String> leftOut = new ArrayList<>();
                            List<String> emailed = new ArrayList<>();
                            for (int i = 0; i < clients.size(); i++) {
                                if (p.isCancelled()) {
                                    return new Batch(written, emailed, leftOut, true);
                                }
                                Client c = clients.get(i);
                                p.update(
                                        i,
                                        clients.size(),
                                        "Client reports: " + c.name() + " (" + (i + 1) + " of " + clients.size() + ")");
                                try {
                                    byte[] pdf = reports.reportPdf(actor, c.id(), m);
                                    written.add(writeAtomically(folder.resolve(reportFileName(c.name(), m)), pdf));
                                } catch (dev.mailroom.model.common.PermissionDenied
                                        | dev.mailroom.model.common.NotFound e) {
                                    leftOut.add(c.name() + ": " + e.getMessage());
                                    continue;
                                }
                                if (email) {
                                    try {
                                        ClientReportService.Emailed sent = reports.emailReport(actor, c.id(), m);
                                        if (sent.queued()) {
                                            emailed.add(c.name());
                                        } else {
                                            leftOut.add(c.name() + " (not e-mailed): " + sent.problem());
                                        }
                                    } catch (dev.mailroom.model.common.MailroomException e) {
                                        leftOut.add(c.name() + " (not e-mailed): " + e.getMessage());
                                    }
                                }
                            }
                            p.update(clients.size(), clients.size(), "Client reports: done");
                            return new Batch(written, emailed, leftOut, false);
                        },
                        b -> {
                            busy.set(false);
                            String s = b.written().size() + " client report"
                                    + (b.written().size() == 1 ? "" : "s") + " for " + m + " saved in "
                                    + folder.getFileName() + ".";
                            if (!b.emailed().isEmpty()) {
                                s += " " + b.emailed().size() + " e-mailed to the client's contact.";
                            }
                            if (!b.leftOut().isEmpty()) {
                                s += " Left out: " + String.join("; ", b.leftOut()) + ".";
                            }
                            status.set(s + (b.cancelled() ? " Cancelled before the end." : ""));
                            onDone.accept(b);
                        },
                        fail(onError))
                .withCancel());
    }

    /** "Able Moose Group 2026-11 report.pdf" ({@link ClientReport#fileName}). */
    public static String reportFileName(String clientName, YearMonth month) {
        return dev.mailroom.model.billing.ClientReport.fileName(clientName, month);
    }

    /** Creates the plan in the form; field problems land in {@link #fieldErrors()}. */
    public void savePlan(Consumer<PricePlan> onDone, Consumer<Throwable> onError) {
        fieldErrors.clear();
        PlanTerms terms;
        try {
            terms = termsFromForm();
        } catch (InvalidInput e) {
            fieldErrors.putAll(e.problems());
            return;
        }
        String name = planName.get();
        YearMonth from = effectiveFrom.get();
        busy.set(true);
        runner.run(Task.of(
                "Saving plan " + name,
                p -> billing.createPlan(actor, name, from, terms),
                plan -> {
                    busy.set(false);
                    plans.add(plan);
                    status.set("Plan “" + plan.name() + "” saved, in force from " + from + ".");
                    onDone.accept(plan);
                },
                e -> {
                    busy.set(false);
                    if (e instanceof InvalidInput ii) {
                        fieldErrors.putAll(ii.problems());
                    } else {
                        onError.accept(e);
                    }
                }));
    }

    public void assign(
            TenantId tenant, PlanId plan, TenantOverrides overrides, Runnable onDone, Consumer<Throwable> onError) {
        YearMonth from = effectiveFrom.get();
        busy.set(true);
        runner.run(Task.of(
                "Assigning the plan",
                p -> {
                    billing.assign(actor, tenant, plan, from, overrides);
                    return from;
                },
                f -> {
                    busy.set(false);
                    status.set("Plan assigned from " + f + ".");
                    onDone.run();
                },
                fail(onError)));
    }

    /** The form's terms; throws {@link InvalidInput} naming each field that cannot be read. */
    PlanTerms termsFromForm() {
        Map<String, String> problems = new LinkedHashMap<>();
        Currency cur = null;
        try {
            cur = Currency.getInstance(currency.get().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.put("currency", "Give an ISO 4217 currency code, such as USD or EUR.");
        }
        BigDecimal setup = amount(setupFee.get(), "setupFee", problems);
        BigDecimal ret = amount(retainer.get(), "retainer", problems);
        BigDecimal tax = amount(taxRate.get(), "taxRate", problems);
        if (planName.get() == null || planName.get().isBlank()) {
            problems.put("name", "Give the plan a name.");
        }
        if (effectiveFrom.get() == null) {
            problems.put("from", "Choose the month the plan takes effect.");
        }
        Pricing p = null;
        int choice = PRICING_CHOICES.indexOf(pricing.get());
        List<String> rows = table.get() == null
                ? List.of()
                : table.get()
                        .lines()
                        .map(String::strip)
                        .filter(l -> !l.isEmpty())
                        .toList();
        if (rows.size() > 50) {
            problems.put("tiers", "At most 50 rows.");
        } else if (choice == 2) {
            List<Step> steps = new ArrayList<>();
            for (String row : rows) {
                String[] cells = row.split("\\s+");
                try {
                    steps.add(new Step(Long.parseLong(cells[0].replace(",", "")), new BigDecimal(cells[1])));
                } catch (RuntimeException e) {
                    problems.putIfAbsent(
                            "tiers", "Write each size as \"emails price\", e.g. \"12000 60\"; “" + row + "” is not.");
                }
            }
            long comm = 0;
            try {
                comm = Long.parseLong(committed.get().strip().replace(",", ""));
            } catch (RuntimeException e) {
                problems.put("committed", "Give the committed emails a month as a whole number.");
            }
            BigDecimal over = amount(overage.get(), "overage", problems);
            if (over != null) {
                p = new Pricing.Steps(steps, comm, over);
            }
        } else {
            List<Tier> tiers = new ArrayList<>();
            for (String row : rows) {
                String[] cells = row.split("\\s+");
                try {
                    OptionalLong upTo = cells[0].equals("*")
                            ? OptionalLong.empty()
                            : OptionalLong.of(Long.parseLong(cells[0].replace(",", "")));
                    tiers.add(new Tier(upTo, new BigDecimal(cells[1])));
                } catch (RuntimeException e) {
                    problems.putIfAbsent(
                            "tiers",
                            "Write each tier as \"up-to price\" (\"* price\" for the last); “" + row + "” is not.");
                }
            }
            p = new Pricing.Tiered(choice == 1 ? TierMode.GRADUATED : TierMode.VOLUME, tiers);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        PlanTerms terms = new PlanTerms(cur, p, billable.get(), setup, ret, tax, RoundingMode.HALF_UP);
        terms.validate();
        return terms;
    }

    static String defaultTable() {
        StringBuilder b = new StringBuilder();
        for (Tier t : PlanTerms.DEFAULT_TIERS) {
            b.append(t.upTo().isPresent() ? String.valueOf(t.upTo().getAsLong()) : "*")
                    .append(' ')
                    .append(t.pricePer1000().toPlainString())
                    .append('\n');
        }
        return b.toString();
    }

    private static BigDecimal amount(String text, String field, Map<String, String> problems) {
        try {
            return new BigDecimal(text == null ? "" : text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.put(field, "Give a number, such as 30 or 49.99.");
            return null;
        }
    }

    private void change(String title, java.util.function.Supplier<Invoice> work, Consumer<Throwable> onError) {
        busy.set(true);
        runner.run(Task.of(
                title,
                p -> work.get(),
                inv -> {
                    busy.set(false);
                    status.set(title + ": done (" + inv.displayNumber() + ").");
                    load(onError);
                },
                fail(onError)));
    }

    private void write(
            String title,
            Path file,
            java.util.function.Supplier<byte[]> bytes,
            Consumer<Path> onDone,
            Consumer<Throwable> onError) {
        busy.set(true);
        runner.run(Task.of(
                title,
                p -> writeAtomically(file, bytes.get()),
                f -> {
                    busy.set(false);
                    status.set("Saved " + f.getFileName() + ".");
                    onDone.accept(f);
                },
                fail(onError)));
    }

    /** Written beside the target and moved over it: a failure never leaves half a file under its name. */
    private static Path writeAtomically(Path file, byte[] bytes) throws java.io.IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".mailroom", ".part");
        try {
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }

    private Consumer<Throwable> fail(Consumer<Throwable> onError) {
        return e -> {
            busy.set(false);
            onError.accept(e);
        };
    }

    private static String describe(MonthlyRun run, String verb) {
        String s = run.invoices().size() + " invoice" + (run.invoices().size() == 1 ? "" : "s") + " " + verb;
        if (!run.skipped().isEmpty()) {
            s += "; " + run.skipped().size() + " client" + (run.skipped().size() == 1 ? "" : "s") + " left out ("
                    + run.skipped().stream()
                            .limit(3)
                            .map(k -> k.tenantName() + ": " + k.why())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse("")
                    + (run.skipped().size() > 3 ? "; …" : "") + ")";
        }
        return s + ".";
    }
}
