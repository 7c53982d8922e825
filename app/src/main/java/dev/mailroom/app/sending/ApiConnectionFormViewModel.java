package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Add or change a provider API connection (MailerSend or SendGrid). The kind is chosen when adding and
 * fixed afterwards; the key is never shown here, and empty when editing keeps the stored one.
 */
public final class ApiConnectionFormViewModel {
    /** The kinds this form offers. */
    public static final List<ConnectionKind> KINDS =
            List.of(ConnectionKind.SENDGRID_API, ConnectionKind.MAILERSEND_API);

    private final ConnectionService connections;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final TenantId tenant;
    private final Optional<Connection> editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<SendingEnvironment> environment =
            new SimpleObjectProperty<>(SendingEnvironment.PRODUCTION);
    private final ObjectProperty<ConnectionKind> kind = new SimpleObjectProperty<>(ConnectionKind.SENDGRID_API);
    private final StringProperty key = new SimpleStringProperty("");
    private final BooleanProperty subuser = new SimpleBooleanProperty();
    private final StringProperty onBehalfOf = new SimpleStringProperty("");
    private final StringProperty maxRequests = new SimpleStringProperty("4");
    private final StringProperty ratePerSecond = new SimpleStringProperty("0");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FormErrors errors = new FormErrors();
    private final BooleanBinding subusersOffered =
            Bindings.createBooleanBinding(() -> kind.get() != null && kind.get().hasSubusers(), kind);
    private final StringBinding keyLabel = Bindings.createStringBinding(
            () -> kind.get() == null ? "Key" : kind.get() == ConnectionKind.MAILERSEND_API ? "API _token" : "API _key",
            kind);
    private final StringBinding hint = Bindings.createStringBinding(
            () -> kind.get() == ConnectionKind.MAILERSEND_API
                    ? "MailerSend: Integrations → API tokens. Give the token email_full, domains_read and "
                            + "suppressions_read."
                    : "SendGrid: Settings → API Keys. A restricted key with Mail Send, Suppressions (read) and Stats "
                            + "(read) is enough. For a subuser, use the parent account's key and name the subuser.",
            kind);

    public ApiConnectionFormViewModel(
            ConnectionService connections,
            Actor actor,
            BackgroundRunner runner,
            TenantId tenant,
            Optional<Connection> editing) {
        this.connections = connections;
        this.actor = actor;
        this.runner = runner;
        this.tenant = tenant;
        this.editing = editing;
        editing.ifPresent(c -> {
            name.set(c.name());
            environment.set(c.environment());
            kind.set(c.kind());
            subuser.set(c.onBehalfOf().isPresent());
            onBehalfOf.set(c.onBehalfOf().orElse(""));
            maxRequests.set(Integer.toString(c.maxSessions()));
            ratePerSecond.set(Integer.toString(c.ratePerSecond()));
        });
    }

    public boolean isNew() {
        return editing.isEmpty();
    }

    /** Saves in the background; calls {@code onSaved} on success, shows problems inline otherwise. */
    public void save(Consumer<Connection> onSaved) {
        if (busy.get()) {
            return;
        }
        errors.clear();
        Optional<Integer> requests = number(maxRequests.get());
        Optional<Integer> rate = number(ratePerSecond.get());
        if (requests.isEmpty() || rate.isEmpty()) {
            errors.show(new dev.mailroom.model.common.InvalidInput(
                    requests.isEmpty() ? "maxRequests" : "ratePerSecond",
                    requests.isEmpty()
                            ? "Enter how many requests may be in flight at once (1 to 32)."
                            : "Enter a number of requests per second, or 0 for no limit of our own."));
            return;
        }
        ApiConnectionDraft draft = new ApiConnectionDraft(
                name.get(),
                environment.get(),
                kind.get(),
                key.get() == null || key.get().isBlank() ? Optional.empty() : Optional.of(Secret.of(key.get())),
                subuser.get() && subusersOffered.get() ? Optional.of(onBehalfOf.get()) : Optional.empty(),
                editing.flatMap(Connection::apiBaseUrl),
                requests.get(),
                rate.get());
        busy.set(true);
        var service = connections;
        runner.run(Task.of(
                isNew() ? "Adding the connection" : "Saving the connection",
                p -> editing.map(c -> service.updateApi(actor, tenant, c.id(), draft))
                        .orElseGet(() -> service.createApi(actor, tenant, draft)),
                saved -> {
                    busy.set(false);
                    key.set("");
                    onSaved.accept(saved);
                },
                error -> {
                    busy.set(false);
                    errors.show(error);
                }));
    }

    private static Optional<Integer> number(String s) {
        try {
            return Optional.of(Integer.parseInt(s == null ? "" : s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    public StringProperty name() {
        return name;
    }

    public ObjectProperty<SendingEnvironment> environment() {
        return environment;
    }

    public ObjectProperty<ConnectionKind> kind() {
        return kind;
    }

    public StringProperty key() {
        return key;
    }

    public BooleanProperty subuser() {
        return subuser;
    }

    public StringProperty onBehalfOf() {
        return onBehalfOf;
    }

    public StringProperty maxRequests() {
        return maxRequests;
    }

    public StringProperty ratePerSecond() {
        return ratePerSecond;
    }

    public BooleanBinding subusersOffered() {
        return subusersOffered;
    }

    public StringBinding keyLabel() {
        return keyLabel;
    }

    public StringBinding hint() {
        return hint;
    }

    /** Whether the key field may be left empty (editing keeps the stored key). */
    public boolean keyOptional() {
        return editing.filter(Connection::hasPassword).isPresent();
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FormErrors errors() {
        return errors;
    }
}
