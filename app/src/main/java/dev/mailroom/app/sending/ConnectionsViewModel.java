package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.ProbeReport;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Tenant › Connections without a window: the client's connections, what the person may do there, and
 * the selected connection's test, password reveal and removal, each through {@link ConnectionService}
 * on the background runner. A failed test is a result shown in words, not an error dialog.
 */
public final class ConnectionsViewModel {
    private final ConnectionService connections;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final BiPredicate<TenantId, Permission> may;

    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    private final ObservableList<Connection> list = FXCollections.observableArrayList();
    private final ObjectProperty<Connection> selected = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper manage = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper readOnlyNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper testing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper testWaiting = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ProbeReport> testReport = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper revealed = new ReadOnlyStringWrapper("");

    /** @param may the signed-in person's permissions per tenant (read once per session) */
    public ConnectionsViewModel(
            ConnectionService connections,
            Actor actor,
            BackgroundRunner runner,
            BiPredicate<TenantId, Permission> may) {
        this.connections = connections;
        this.actor = actor;
        this.runner = runner;
        this.may = may;
        selected.addListener((o, was, now) -> {
            testWaiting.set("");
            testReport.set(null);
            revealed.set("");
        });
    }

    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    public ObservableList<Connection> connections() {
        return list;
    }

    /** The connection the detail shows; a change clears its test result and revealed secret. */
    public ObjectProperty<Connection> selected() {
        return selected;
    }

    /** Add, change and test (Owner or Admin). */
    public ReadOnlyBooleanProperty mayManage() {
        return manage.getReadOnlyProperty();
    }

    public boolean may(Permission p) {
        return Optional.ofNullable(tenant.get()).map(t -> may.test(t, p)).orElse(false);
    }

    public ReadOnlyStringProperty readOnlyNote() {
        return readOnlyNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty testing() {
        return testing.getReadOnlyProperty();
    }

    /** "Connecting to smtp.example:587…" while a test runs. */
    public ReadOnlyStringProperty testWaiting() {
        return testWaiting.getReadOnlyProperty();
    }

    /** The last test's result for the selected connection; a failure to test is a failed report. */
    public ReadOnlyObjectProperty<ProbeReport> testReport() {
        return testReport.getReadOnlyProperty();
    }

    /** The selected connection's password or key once revealed, else empty. */
    public ReadOnlyStringProperty revealed() {
        return revealed.getReadOnlyProperty();
    }

    /** Loads the list; {@code then} gets it (the page keeps its selection). */
    public void refresh(Consumer<List<Connection>> then) {
        boolean m = may(Permission.CONNECTIONS_MANAGE);
        manage.set(m);
        readOnlyNote.set(
                m
                        ? ""
                        : "You can see this client's connections; adding, changing and testing them "
                                + "needs the Owner or Admin role.");
        TenantId t = tenant.get();
        if (t == null) {
            list.clear();
            return;
        }
        runner.run(Task.of(
                "Loading connections",
                p -> connections.list(actor, t),
                found -> {
                    list.setAll(found);
                    then.accept(found);
                },
                e -> runner.reporter().report("Could not load the connections", e)));
    }

    /** The probe talks to the relay or the provider: seconds, so in the background. */
    public void test(Connection c) {
        testing.set(true);
        testReport.set(null);
        testWaiting.set(
                c.kind().isApi()
                        ? "Asking " + c.kind().label() + " what the key may do…"
                        : "Connecting to " + c.host() + ":" + c.port() + "…");
        runner.run(Task.of(
                "Testing " + c.name(),
                p -> connections.test(actor, c.tenant(), c.id()),
                report -> showTest(c, report),
                err -> showTest(c, new ProbeReport(false, Dialogs.messageFor(err), List.of()))));
    }

    private void showTest(Connection c, ProbeReport report) {
        testing.set(false);
        testWaiting.set("");
        if (selected.get() == null || selected.get().id().equals(c.id())) {
            testReport.set(report);
        }
    }

    /** "The key may: " for a provider's scopes, "The server offers: " for SMTP extensions. */
    public static String offeredText(ProbeReport report) {
        return (report.offered().stream().anyMatch(o -> o.contains(".") || o.contains("_"))
                        ? "The key may: "
                        : "The server offers: ")
                + String.join(" · ", report.offered());
    }

    public void reveal(Connection c) {
        runner.run(Task.of(
                "Revealing the password",
                p -> connections.revealPassword(actor, c.tenant(), c.id()).reveal(),
                revealed::set,
                err -> runner.reporter().report("Could not reveal the password", err)));
    }

    public void remove(Connection c, Runnable then) {
        runner.run(Task.of(
                "Removing " + c.name(),
                p -> {
                    connections.remove(actor, c.tenant(), c.id());
                    return null;
                },
                ok -> then.run(),
                err -> runner.reporter().report("Could not remove " + c.name(), err)));
    }
}
