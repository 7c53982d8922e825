package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.IntField;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Add or change a connection. Today every connection is an SMTP relay; the fields below are that
 * kind's. A provider kind (an HTTP API) adds its own group of fields and a kind selector here, and
 * {@link #draft()} picks the group by kind: the name, the environment, the errors and the save stay
 * shared. Numbers are typed text: out of range is refused next to the field with the allowed range.
 */
public final class ConnectionFormViewModel {
    static final Set<String> FIELDS = Set.of(
            "name",
            "environment",
            "host",
            "port",
            "security",
            "username",
            "password",
            "heloName",
            "maxSessions",
            "ratePerSecond");

    private final ConnectionService connections;
    private final Actor actor;
    private final TenantId tenant;
    private final BackgroundRunner runner;
    private final Optional<Connection> existing;

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<SendingEnvironment> environment =
            new SimpleObjectProperty<>(SendingEnvironment.PRODUCTION);
    private final StringProperty host = new SimpleStringProperty("");
    private final IntField port = new IntField(1, 65_535, "The port");
    private final ObjectProperty<SmtpSecurity> security = new SimpleObjectProperty<>(SmtpSecurity.STARTTLS_REQUIRED);
    private final StringProperty username = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty helo = new SimpleStringProperty("");
    private final IntField sessions = new IntField(1, ConnectionDraft.MAX_SESSIONS, "Sessions at once");
    private final IntField rate = new IntField(0, 10_000, "Messages per second");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(FIELDS);
    private boolean attempted;

    public ConnectionFormViewModel(
            ConnectionService connections,
            Actor actor,
            TenantId tenant,
            BackgroundRunner runner,
            Optional<Connection> existing) {
        this.connections = connections;
        this.actor = actor;
        this.tenant = tenant;
        this.runner = runner;
        this.existing = existing;
        port.set(587);
        sessions.set(4);
        rate.set(0);
        existing.ifPresent(c -> {
            name.set(c.name());
            environment.set(c.environment());
            host.set(c.host());
            port.set(c.port());
            security.set(c.security());
            username.set(c.username());
            helo.set(c.heloName());
            sessions.set(c.maxSessions());
            rate.set(c.ratePerSecond());
        });
        // The usual port follows the security choice unless the person typed another.
        security.addListener((o, was, now) -> {
            if (was != null && now != null && port.text().get().strip().equals(usualPort(was))) {
                port.text().set(usualPort(now));
            }
        });
        for (Observable p : new Observable[] {
            name, environment, host, port.text(), security, username, password, helo, sessions.text(), rate.text()
        }) {
            p.addListener(o -> revalidate());
        }
    }

    public boolean isNew() {
        return existing.isEmpty();
    }

    public Optional<Connection> existing() {
        return existing;
    }

    /** The numbers' problems, then the draft's own checks; empty when the form may be saved. */
    Map<String, String> check() {
        Map<String, String> p = new LinkedHashMap<>();
        port.problem().ifPresent(m -> p.put("port", m + " Usually 587, or 465 for TLS."));
        sessions.problem().ifPresent(m -> p.put("maxSessions", m));
        rate.problem().ifPresent(m -> p.put("ratePerSecond", m + " 0 is no limit."));
        if (p.isEmpty()) {
            try {
                draft().validated();
            } catch (dev.mailroom.model.common.InvalidInput bad) {
                bad.problems().forEach(p::putIfAbsent);
            }
        }
        return p;
    }

    /** What is typed, as the use case takes it; only once the numbers are numbers in range. */
    ConnectionDraft draft() {
        return new ConnectionDraft(
                name.get(),
                environment.get(),
                host.get(),
                port.value().orElseThrow(),
                security.get(),
                username.get(),
                password.get().isEmpty() ? Optional.empty() : Optional.of(Secret.of(password.get())),
                helo.get(),
                sessions.value().orElseThrow(),
                rate.value().orElseThrow());
    }

    private void revalidate() {
        if (attempted && !busy.get()) {
            errors.setAll(check());
        }
    }

    /** Saves in the background; {@code onSaved} gets the connection, problems show next to their fields. */
    public void save(Consumer<Connection> onSaved) {
        if (busy.get()) {
            return;
        }
        attempted = true;
        errors.clear();
        Map<String, String> problems = check();
        if (!problems.isEmpty()) {
            errors.setAll(problems);
            return;
        }
        ConnectionDraft d = draft();
        busy.set(true);
        runner.run(Task.of(
                isNew() ? "Adding the connection" : "Saving the connection",
                p -> existing.isPresent()
                        ? connections.update(actor, tenant, existing.get().id(), d)
                        : connections.create(actor, tenant, d),
                saved -> {
                    busy.set(false);
                    onSaved.accept(saved);
                },
                error -> {
                    busy.set(false);
                    errors.show(error);
                }));
    }

    static String usualPort(SmtpSecurity s) {
        return switch (s) {
            case STARTTLS_REQUIRED -> "587";
            case IMPLICIT_TLS -> "465";
            case PLAIN_LOCALHOST_ONLY -> "25";
        };
    }

    public StringProperty name() {
        return name;
    }

    public ObjectProperty<SendingEnvironment> environment() {
        return environment;
    }

    public StringProperty host() {
        return host;
    }

    public IntField port() {
        return port;
    }

    public ObjectProperty<SmtpSecurity> security() {
        return security;
    }

    public StringProperty username() {
        return username;
    }

    /** Empty when editing keeps the stored password. */
    public StringProperty password() {
        return password;
    }

    public StringProperty helo() {
        return helo;
    }

    public IntField sessions() {
        return sessions;
    }

    public IntField rate() {
        return rate;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }
}
