package dev.mailroom.app.suppressions;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Table;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionService;
import dev.mailroom.model.validation.SuppressionImportService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Tenant › Suppressions without a window: the sending domains, the chosen domain's entries filtered by
 * the search, and add, remove, CSV import (cancellable, per row) and export. Errors of loading go to the
 * runner's default path; an address that is not one shows next to the field.
 */
public final class SuppressionsViewModel {
    /** The tenant's sending domain names. */
    @FunctionalInterface
    public interface DomainNames {
        List<String> names(TenantId tenant);
    }

    private final SuppressionService suppressions;
    private final SuppressionImportService imports;
    private final DomainNames domainNames;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final Predicate<TenantId> mayManage;

    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    private final ObservableList<String> domains = FXCollections.observableArrayList();
    private final ObjectProperty<String> domain = new SimpleObjectProperty<>();
    private final StringProperty search = new SimpleStringProperty("");
    private final ObservableList<Suppression> entries = FXCollections.observableArrayList();
    private final FilteredList<Suppression> shown = new FilteredList<>(entries);
    private final BooleanProperty manage = new SimpleBooleanProperty();
    private final BooleanProperty importing = new SimpleBooleanProperty();
    private final FieldErrors addErrors = new FieldErrors(Set.of("address"));
    private final javafx.beans.property.BooleanProperty adding = new javafx.beans.property.SimpleBooleanProperty();
    private boolean addAttempted;
    private Consumer<String> onImportFinished = s -> {};
    private final ReadOnlyIntegerWrapper refusedCount = new ReadOnlyIntegerWrapper();
    private final ObservableList<SuppressionImportService.Refused> refusedRows = FXCollections.observableArrayList();

    /**
     * @param mayManage whether the actor may change this tenant's lists (read once per session)
     */
    public SuppressionsViewModel(
            SuppressionService suppressions,
            SuppressionImportService imports,
            DomainNames domainNames,
            BackgroundRunner runner,
            Actor actor,
            Predicate<TenantId> mayManage) {
        this.suppressions = suppressions;
        this.imports = imports;
        this.domainNames = domainNames;
        this.runner = runner;
        this.actor = actor;
        this.mayManage = mayManage;
        domain.addListener((o, was, d) -> load());
        search.addListener((o, was, q) -> {
            String s = q.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(x -> s.isEmpty()
                    || x.address().contains(s)
                    || x.note().toLowerCase(Locale.ROOT).contains(s));
        });
    }

    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    public ObservableList<String> domains() {
        return domains;
    }

    public ObjectProperty<String> domain() {
        return domain;
    }

    public StringProperty search() {
        return search;
    }

    /** The chosen domain's entries as the search filters them. */
    public ObservableList<Suppression> shown() {
        return shown;
    }

    /** The actor may add, remove and import here. */
    public BooleanProperty mayManage() {
        return manage;
    }

    public BooleanProperty importing() {
        return importing;
    }

    /** The problem with the address last added by hand, if any. */
    public FieldErrors addErrors() {
        return addErrors;
    }

    /** Called with the import's summary ("Imported 12 address(es)." …) when an import ends. */
    public void onImportFinished(Consumer<String> then) {
        this.onImportFinished = then;
    }

    /** Reloads the domains (keeping the chosen one when it is still there), then the entries. */
    public void refresh() {
        TenantId t = tenant.get();
        manage.set(t != null && mayManage.test(t));
        if (t == null) {
            domains.clear();
            entries.clear();
            return;
        }
        runner.run(Task.of("Loading sending domains", p -> domainNames.names(t), names -> {
            String was = domain.get();
            domains.setAll(names);
            String next = was != null && names.contains(was) ? was : names.isEmpty() ? null : names.get(0);
            if (java.util.Objects.equals(next, was)) {
                load();
            } else {
                domain.set(next);
            }
        }));
    }

    void load() {
        String d = domain.get();
        TenantId t = tenant.get();
        if (d == null || t == null) {
            entries.clear();
            return;
        }
        runner.run(Task.of("Loading suppressions", p -> suppressions.list(actor, t, d), entries::setAll));
    }

    /** Adds an address by hand; an address that is not one is shown in {@link #addErrors()}. */
    public void add(String address) {
        add(address, () -> {});
    }

    /**
     * Adds an address by hand; {@code onAdded} runs once it is on the list. An address that is not one
     * is shown in {@link #addErrors()} and the form stays as typed; from then on {@link #addressTyped}
     * re-checks it as the person corrects it.
     */
    public void add(String address, Runnable onAdded) {
        TenantId t = tenant.get();
        String d = domain.get();
        addAttempted = true;
        addErrors.clear();
        if (!manage.get() || t == null || d == null || adding.get()) {
            return;
        }
        adding.set(true);
        runner.run(Task.of(
                "Adding " + address,
                p -> suppressions.addManual(actor, t, d, address, "added by hand"),
                ok -> {
                    adding.set(false);
                    addAttempted = false;
                    load();
                    onAdded.run();
                },
                error -> {
                    adding.set(false);
                    addErrors.show(error);
                }));
    }

    /** The add form's address as typed: after a first attempt, a problem shows or goes as the person types. */
    public void addressTyped(String address) {
        if (!addAttempted || adding.get()) {
            return;
        }
        String a = address == null ? "" : address.strip();
        addErrors.setAll(
                dev.mailroom.model.common.Text.looksLikeEmail(a)
                        ? java.util.Map.of()
                        : java.util.Map.of("address", "“" + a + "” is not an e-mail address."));
    }

    /** Starts a new add form: no message left from the last one. */
    public void newAddForm() {
        addAttempted = false;
        addErrors.clear();
    }

    public javafx.beans.property.ReadOnlyBooleanProperty adding() {
        return adding;
    }

    /** Removes an entry with the person's reason (kept with the removed entry and audited). */
    public void remove(Suppression s, String reason) {
        remove(s, reason, () -> {});
    }

    /** As {@link #remove(Suppression, String)}; {@code onRemoved} runs once it is off the list. */
    public void remove(Suppression s, String reason, Runnable onRemoved) {
        runner.run(Task.of(
                "Removing " + s.address(),
                p -> {
                    suppressions.remove(actor, s.tenant(), s.domain(), s.address(), reason);
                    return null;
                },
                ok -> {
                    load();
                    onRemoved.run();
                }));
    }

    /**
     * Imports the addresses of a CSV or text file into the chosen domain's list, one row at a time, with the
     * address checker's syntax check: rows that are not addresses are refused and listed with their line
     * and reason ({@link #refusedCount()}, {@link #refusedRows()}), the others stored in the checker's form.
     * Cancel stops after the row being written, and the rows before it stay.
     */
    public void importFile(Path file) {
        TenantId t = tenant.get();
        String d = domain.get();
        if (!manage.get() || t == null || d == null) {
            return;
        }
        String name = String.valueOf(file.getFileName());
        importing.set(true);
        refusedCount.set(0);
        refusedRows.clear();
        runner.run(Task.<ImportOutcome>of(
                        "Importing " + name,
                        p -> {
                            RecipientCsv.Parsed parsed = RecipientCsv.parse(Csv.read(file));
                            int total = parsed.recipients().size();
                            SuppressionImportService.Report report = imports.importRows(
                                    actor,
                                    t,
                                    d,
                                    parsed.recipients().stream()
                                            .map(r -> new SuppressionImportService.Row(r.line(), r.address()))
                                            .iterator(),
                                    total,
                                    "imported from " + name,
                                    pr -> p.update(pr.done(), pr.total(), pr.address()),
                                    p.cancellation());
                            List<SuppressionImportService.Refused> refused = new ArrayList<>();
                            for (RecipientCsv.RowError e : parsed.errors()) {
                                refused.add(new SuppressionImportService.Refused(
                                        e.line(), SuppressionImportService.clip(e.text()), clipReason(e.problem())));
                            }
                            refused.addAll(report.refused());
                            refused.sort(Comparator.comparingInt(SuppressionImportService.Refused::line));
                            int count = parsed.errors().size() + report.refusedCount();
                            return new ImportOutcome(
                                    summary(report, total, count, refused),
                                    count,
                                    refused.subList(0, Math.min(refused.size(), MAX_REFUSED_SHOWN)));
                        },
                        outcome -> {
                            importing.set(false);
                            refusedCount.set(outcome.refusedCount());
                            refusedRows.setAll(outcome.refused());
                            load();
                            onImportFinished.accept(outcome.summary());
                        },
                        e -> {
                            importing.set(false);
                            load();
                            runner.reporter().report("Could not import " + name, e);
                        })
                .withCancel());
    }

    /** The refused rows listed in an import's summary, at most. */
    static final int MAX_REFUSED_SHOWN = 3;

    private record ImportOutcome(String summary, int refusedCount, List<SuppressionImportService.Refused> refused) {}

    /**
     * The import's outcome in words: "Imported 2 addresses; 1 already on the list, kept as it was; 2 rows
     * refused:" and then one line per refused row (the first {@link #MAX_REFUSED_SHOWN}).
     */
    static String summary(
            SuppressionImportService.Report report,
            int total,
            int refusedCount,
            List<SuppressionImportService.Refused> refused) {
        StringBuilder b = new StringBuilder(
                report.stopped()
                        ? "Stopped after " + count(report.rows()) + " of " + count(total, "row", "rows") + ": "
                                + count(report.imported(), "address", "addresses") + " imported"
                        : "Imported " + count(report.imported(), "address", "addresses"));
        if (report.already() > 0) {
            b.append("; ")
                    .append(count(report.already()))
                    .append(" already on the list, kept as ")
                    .append(report.already() == 1 ? "it was" : "they were");
        }
        if (refusedCount == 0) {
            return b.append('.').toString();
        }
        b.append("; ").append(count(refusedCount, "row", "rows")).append(" refused:");
        for (int i = 0; i < Math.min(MAX_REFUSED_SHOWN, refused.size()); i++) {
            b.append("\n").append(line(refused.get(i)));
        }
        if (refusedCount > MAX_REFUSED_SHOWN) {
            b.append("\n… and ").append(count(refusedCount - MAX_REFUSED_SHOWN)).append(" more.");
        }
        return b.toString();
    }

    private static String count(int n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    private static String count(int n, String one, String many) {
        return count(n) + " " + (n == 1 ? one : many);
    }

    /** "Line 3: Not an address: … — =HYPERLINK(…)": a refused row, its reason and what the cell held (clipped). */
    public static String line(SuppressionImportService.Refused r) {
        return "Line " + r.line() + ": " + r.reason() + (r.text().isBlank() ? "" : " — " + r.text());
    }

    private static String clipReason(String problem) {
        String p = problem == null ? "" : problem;
        return p.length() <= 200 ? p : p.substring(0, 199) + "…";
    }

    /** How many rows the last import refused (bad syntax, broken rows). */
    public ReadOnlyIntegerProperty refusedCount() {
        return refusedCount.getReadOnlyProperty();
    }

    /** The first rows the last import refused, by line, with their reasons. */
    public ObservableList<SuppressionImportService.Refused> refusedRows() {
        return FXCollections.unmodifiableObservableList(refusedRows);
    }

    /** Writes the entries shown (the search applies) as CSV. */
    public void exportTo(Path file) {
        List<Suppression> copy = List.copyOf(shown);
        runner.run(Task.of(
                "Exporting suppressions",
                p -> {
                    Csv.write(file, table(copy));
                    return file;
                },
                f -> {}));
    }

    /** The entries as the export's table (shared with the command line). */
    static Table table(List<Suppression> entries) {
        return SuppressionsCsv.table(entries);
    }

    /** "hard bounce" for HARD_BOUNCE. */
    public static String reasonLabel(Suppression s) {
        return s.reason().name().replace('_', ' ').toLowerCase(Locale.ROOT);
    }
}
