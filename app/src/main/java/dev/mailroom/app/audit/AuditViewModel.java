package dev.mailroom.app.audit;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.common.Formats;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.audit.AuditService;
import dev.mailroom.model.audit.ChainCheck;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Table;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Agency › Audit log without a window: the filters, the entries they find (newest first, at most
 * 2,000 shown), the chain check and the CSV export of everything the filters find. Errors go to the
 * runner's default path.
 */
public final class AuditViewModel {
    static final int SHOWN = 2_000;

    private final AuditService audit;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final ZoneId zone;

    private final ObservableList<Tenant> tenants = FXCollections.observableArrayList();
    /** Null: all clients this person may see. */
    private final ObjectProperty<Tenant> tenant = new SimpleObjectProperty<>();

    private final StringProperty person = new SimpleStringProperty("");
    private final StringProperty action = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObservableList<AuditEntry> entries = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<ChainCheck> chain = new SimpleObjectProperty<>();

    /** @param tenants the clients whose audit log this person may see, for the filter */
    public AuditViewModel(AuditService audit, BackgroundRunner runner, Actor actor, List<Tenant> tenants, ZoneId zone) {
        this.audit = audit;
        this.runner = runner;
        this.actor = actor;
        this.zone = zone;
        this.tenants.setAll(tenants);
    }

    public ObservableList<Tenant> tenants() {
        return tenants;
    }

    public ObjectProperty<Tenant> tenant() {
        return tenant;
    }

    public StringProperty person() {
        return person;
    }

    public StringProperty action() {
        return action;
    }

    public ObjectProperty<LocalDate> from() {
        return from;
    }

    public ObjectProperty<LocalDate> to() {
        return to;
    }

    public ObservableList<AuditEntry> entries() {
        return entries;
    }

    /** "12 entries", "2,000+ entries (newest shown)", "Exported 40 entries to audit.csv". */
    public StringProperty status() {
        return status;
    }

    /** The last chain check, null before one ran. */
    public ObjectProperty<ChainCheck> chain() {
        return chain;
    }

    AuditQuery query(int limit) {
        return new AuditQuery(
                Optional.ofNullable(tenant.get()).map(Tenant::id),
                Optional.ofNullable(person.get()).filter(s -> !s.isBlank()),
                Optional.ofNullable(action.get()).filter(s -> !s.isBlank()),
                Optional.ofNullable(from.get()).map(d -> d.atStartOfDay(zone).toInstant()),
                Optional.ofNullable(to.get())
                        .map(d -> d.plusDays(1).atStartOfDay(zone).toInstant()),
                limit);
    }

    public void refresh() {
        AuditQuery q = query(SHOWN);
        runner.run(Task.of("Reading the audit log", p -> audit.search(actor, q), found -> {
            entries.setAll(found);
            status.set(Formats.count(found.size())
                    + (found.size() == q.limit() ? "+ entries (newest shown)" : " entries"));
        }));
    }

    public void verify() {
        runner.run(Task.of("Verifying the audit chain", p -> audit.verify(actor), chain::set));
    }

    /** Writes every entry the filters find (up to {@link AuditService#MAX_ROWS}) as CSV. */
    public void exportTo(Path target) {
        AuditQuery q = query(AuditService.MAX_ROWS);
        runner.run(Task.of(
                "Exporting the audit log",
                p -> {
                    List<AuditEntry> found = audit.search(actor, q);
                    Csv.write(target, table(found));
                    return found.size();
                },
                n -> status.set("Exported " + Formats.count(n) + " entries to " + target.getFileName())));
    }

    /** The entries as the export's table (shared with the command line). */
    static Table table(List<AuditEntry> found) {
        return AuditCsv.table(found);
    }

    /** The table's columns: at 1280 wide all show, the target taking the room left. */
    static final java.util.List<dev.mailroom.app.common.ColumnChoice.Column> COLUMNS = java.util.List.of(
            dev.mailroom.app.common.ColumnChoice.Column.required("when", "When", 200), // "Dec 24, 2026, 12:37:45 PM"
            dev.mailroom.app.common.ColumnChoice.Column.of("client", "Client", 150, 1),
            dev.mailroom.app.common.ColumnChoice.Column.of("who", "Who", 170, 2),
            dev.mailroom.app.common.ColumnChoice.Column.required("action", "Action", 220),
            dev.mailroom.app.common.ColumnChoice.Column.of("target", "Target", 240, 3));

    /** Which of the table's columns show, kept per person in {@code settings}. */
    public dev.mailroom.app.common.ColumnChoice columns(dev.mailroom.app.common.UiSettings settings) {
        return new dev.mailroom.app.common.ColumnChoice(
                "audit", COLUMNS, settings, actor.realPerson().id(), runner);
    }

    /** "Ana Owner as Bo Client" when the owner acted as someone. */
    public static String who(AuditEntry e) {
        return e.impersonatorName().map(owner -> owner + " as " + e.actorName()).orElse(e.actorName());
    }

    /** The detail pane's text of one entry. */
    public static String describe(AuditEntry e) {
        StringBuilder b = new StringBuilder();
        b.append("#").append(e.id()).append("  ").append(Formats.exact(e.at())).append('\n');
        b.append(who(e))
                .append(" · ")
                .append(AuditActions.words(e.action()))
                .append(" · ")
                .append(e.target())
                .append('\n');
        b.append("action code: ").append(e.action()).append('\n');
        if (!e.details().isBlank()) {
            b.append('\n').append(e.details()).append('\n');
        }
        b.append("\nhash ").append(e.hash());
        return b.toString();
    }
}
