package dev.mailroom.app.providers;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.KeyPreset;
import dev.mailroom.model.providers.ProviderKey;
import dev.mailroom.model.providers.ProviderKeyService;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import java.util.List;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Tenant › Connections › Provider keys without a window: the scoped keys made at the client's providers for
 * its own application, and making, rotating and revoking them through {@link ProviderKeyService} on the
 * background runner. A new key's secret is held here only until the person dismisses it ({@link
 * #forgetSecret()}); it is never written anywhere.
 */
public final class ProviderKeysViewModel {
    /** What was made: the key and its secret, to show once. */
    public record Shown(ProviderKey key, String secret) {
        @Override
        public String toString() {
            return "Shown[" + key.name() + "]";
        }
    }

    private final ProviderKeyService keys;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final BiPredicate<TenantId, Permission> may;

    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    private final ObservableList<ProviderKey> list = FXCollections.observableArrayList();
    private final ObservableList<Connection> connections = FXCollections.observableArrayList();
    private final ObjectProperty<ProviderKey> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<Shown> shown = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper manage = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public ProviderKeysViewModel(
            ProviderKeyService keys, Actor actor, BackgroundRunner runner, BiPredicate<TenantId, Permission> may) {
        this.keys = keys;
        this.actor = actor;
        this.runner = runner;
        this.may = may;
    }

    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    /** Newest first. */
    public ObservableList<ProviderKey> keys() {
        return list;
    }

    /** The client's provider connections, to make a key with. */
    public ObservableList<Connection> connections() {
        return connections;
    }

    public ObjectProperty<ProviderKey> selected() {
        return selected;
    }

    /** The key just made with its secret; null once dismissed. */
    public ObjectProperty<Shown> shown() {
        return shown;
    }

    /** Create, rotate and revoke (and seeing the list): CREDENTIALS_MANAGE. */
    public ReadOnlyBooleanProperty mayManage() {
        return manage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busy() {
        return busy.getReadOnlyProperty();
    }

    /** What the last action did, in words. */
    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    /** The presets offered for a connection's provider. */
    public static List<KeyPreset> presets(ConnectionKind kind) {
        return java.util.Arrays.stream(KeyPreset.values())
                .filter(p -> !p.scopes(kind).isEmpty())
                .toList();
    }

    /** Whether a key for this connection needs a sending domain (MailerSend binds each token to one). */
    public static boolean needsDomain(Connection c) {
        return c != null && c.kind() == ConnectionKind.MAILERSEND_API;
    }

    /** The name of the connection a key was made with, or why there is none. */
    public String connectionName(ProviderKey k) {
        return k.connection()
                .flatMap(id ->
                        connections.stream().filter(c -> c.id().equals(id)).findFirst())
                .map(Connection::name)
                .orElse(k.connection().isPresent() ? "—" : "(connection removed)");
    }

    /** Loads the keys, after revoking any rotated-out key whose grace period has ended. */
    public void refresh() {
        TenantId t = tenant.get();
        boolean m = t != null && may.test(t, Permission.CREDENTIALS_MANAGE);
        manage.set(m);
        if (!m) {
            list.clear();
            connections.clear();
            return;
        }
        record Loaded(int finished, List<ProviderKey> keys, List<Connection> connections) {}
        runner.run(Task.of(
                "Loading provider keys",
                p -> {
                    int finished = keys.finishRotations(actor, t);
                    return new Loaded(finished, keys.list(actor, t), keys.connections(actor, t));
                },
                loaded -> {
                    if (!t.equals(tenant.get())) {
                        return;
                    }
                    connections.setAll(loaded.connections());
                    list.setAll(loaded.keys());
                    if (loaded.finished() > 0) {
                        status.set(
                                loaded.finished() == 1
                                        ? "A rotated-out key's grace period had ended: it is revoked now."
                                        : loaded.finished()
                                                + " rotated-out keys' grace periods had ended: they are revoked now.");
                    }
                },
                e -> runner.reporter().report("Could not load the provider keys", e)));
    }

    /**
     * Makes a key; on success the secret is in {@link #shown()}. {@code problem} gets an error to show next
     * to the form (which keeps what was typed).
     */
    public void create(
            Connection connection,
            String name,
            KeyPreset preset,
            String domain,
            Runnable made,
            Consumer<String> problem) {
        TenantId t = tenant.get();
        if (connection == null) {
            problem.accept("Choose the connection to make the key with.");
            return;
        }
        if (preset == null) {
            problem.accept("Choose what the key may do.");
            return;
        }
        busy.set(true);
        Optional<String> d = Optional.ofNullable(domain).map(String::strip).filter(s -> !s.isEmpty());
        runner.run(Task.of(
                "Making a key at " + connection.kind().label(),
                p -> keys.create(actor, t, connection.id(), name, preset.scopes(connection.kind()), d),
                key -> {
                    busy.set(false);
                    shown.set(new Shown(key.key(), key.secret().reveal()));
                    status.set("“" + key.key().name() + "” made at "
                            + connection.kind().label() + ".");
                    refresh();
                    made.run();
                },
                e -> {
                    busy.set(false);
                    problem.accept(Dialogs.messageFor(e));
                }));
    }

    /** Makes a new key with the same scopes; the old one keeps working for {@link ProviderKeyService#GRACE}. */
    public void rotate(ProviderKey k, Runnable made) {
        busy.set(true);
        runner.run(Task.of(
                "Rotating " + k.name(),
                p -> keys.rotate(actor, k.tenant(), k.id()),
                key -> {
                    busy.set(false);
                    shown.set(new Shown(key.key(), key.secret().reveal()));
                    status.set("“" + k.name() + "” rotated: the old key works for " + ProviderKeyService.GRACE.toDays()
                            + " more days, then Mailroom revokes it.");
                    refresh();
                    made.run();
                },
                e -> failed("Could not rotate " + k.name(), e)));
    }

    /** Revokes at the provider now (for a rotating key: "Revoke old now"). */
    public void revoke(ProviderKey k) {
        busy.set(true);
        runner.run(Task.of(
                "Revoking " + k.name(),
                p -> keys.revoke(actor, k.tenant(), k.id()),
                done -> {
                    busy.set(false);
                    status.set("“" + k.name() + "” revoked at " + k.provider().label() + ".");
                    refresh();
                },
                e -> failed("Could not revoke " + k.name(), e)));
    }

    /** The person has copied (or chosen not to copy) the secret: it is gone from Mailroom. */
    public void forgetSecret() {
        shown.set(null);
    }

    private void failed(String what, Throwable e) {
        busy.set(false);
        if (e instanceof MailroomException) {
            status.set(Dialogs.messageFor(e));
        }
        runner.reporter().report(what, e);
    }
}
