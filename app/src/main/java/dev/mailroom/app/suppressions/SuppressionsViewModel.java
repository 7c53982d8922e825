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
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
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

    /**
     * @param mayManage whether the actor may change this tenant's lists (read once per session)
     */
    public SuppressionsViewModel(
            SuppressionService suppressions,
            DomainNames domainNames,
            BackgroundRunner runner,
            Actor actor,
            Predicate<TenantId> mayManage) {
        this.suppressions = suppressions;
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
     * Imports the addresses of a CSV or text file into the chosen domain's list, one row at a time:
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
        runner.run(Task.<String>of(
                        "Importing " + name,
                        p -> {
                            RecipientCsv.Parsed parsed = RecipientCsv.parse(Csv.read(file));
                            int done = 0;
                            int total = parsed.recipients().size();
                            for (RecipientCsv.Recipient r : parsed.recipients()) {
                                if (p.isCancelled()) {
                                    break;
                                }
                                suppressions.addManual(actor, t, d, r.address(), "imported from " + name);
                                p.update(++done, total, r.address());
                            }
                            boolean stopped = done < total;
                            return (stopped
                                            ? "Stopped after " + done + " of " + total + " address(es)"
                                            : "Imported " + done + " address(es)")
                                    + (parsed.errors().isEmpty()
                                            ? "."
                                            : "; " + parsed.errors().size() + " row(s) skipped, first: line "
                                                    + parsed.errors().get(0).line() + " — "
                                                    + parsed.errors().get(0).problem());
                        },
                        summary -> {
                            importing.set(false);
                            load();
                            onImportFinished.accept(summary);
                        },
                        e -> {
                            importing.set(false);
                            load();
                            runner.reporter().report("Could not import " + name, e);
                        })
                .withCancel());
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
