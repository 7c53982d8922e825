package dev.mailroom.app.access;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.access.ApiToken;
import dev.mailroom.model.access.ApiTokenDraft;
import dev.mailroom.model.access.ApiTokenService;
import dev.mailroom.model.access.NewApiToken;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * Settings → Access: the signed-in person's API tokens (the agency owner's list holds everyone's), a
 * form to make one (its clients, what it may do as roles, when it expires) and revoking. A new token's
 * secret is held here only until the person has copied it ({@link #forgetSecret()}).
 */
public final class ApiTokensViewModel {
    /** How long a new token works. */
    public enum Expiry {
        DAYS_30("30 days", Optional.of(Duration.ofDays(30))),
        DAYS_90("90 days", Optional.of(Duration.ofDays(90))),
        YEAR("1 year", Optional.of(Duration.ofDays(365))),
        NEVER("Until revoked", Optional.empty());

        private final String label;
        private final Optional<Duration> length;

        Expiry(String label, Optional<Duration> length) {
            this.label = label;
            this.length = length;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final ApiTokenService service;
    private final TenantService tenants;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final Clock clock;

    private final ObservableList<ApiToken> tokens = FXCollections.observableArrayList();
    private final ObservableList<Tenant> clients = FXCollections.observableArrayList();
    private final StringProperty name = new SimpleStringProperty("");
    private final BooleanProperty allClients = new SimpleBooleanProperty();
    private final ObservableSet<TenantId> chosenClients = FXCollections.observableSet();
    private final ObservableSet<Role> chosenRoles = FXCollections.observableSet();
    private final ObjectProperty<Expiry> expiry = new SimpleObjectProperty<>(Expiry.DAYS_90);
    private final StringProperty secret = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(Set.of("name", "clients", "permissions", "expires"));
    private final StringProperty listError = new SimpleStringProperty("");

    public ApiTokensViewModel(
            ApiTokenService service, TenantService tenants, BackgroundRunner runner, Actor actor, Clock clock) {
        this.service = service;
        this.tenants = tenants;
        this.runner = runner;
        this.actor = actor;
        this.clock = clock;
    }

    /** A token is always one's own: not while the agency owner acts as someone. */
    public boolean mayCreate() {
        return !actor.isActingAs();
    }

    public void load() {
        runner.run(Task.of(
                "Reading API tokens",
                p -> new Loaded(service.list(actor), tenants.list(actor)),
                loaded -> {
                    listError.set("");
                    tokens.setAll(loaded.tokens());
                    clients.setAll(loaded.clients());
                },
                e -> listError.set(dev.mailroom.app.common.Dialogs.messageFor(e))));
    }

    private record Loaded(List<ApiToken> tokens, List<Tenant> clients) {}

    /** Makes the token; on success {@link #secret()} holds it, to be shown once. */
    public void create(Runnable onCreated) {
        if (busy.get()) {
            return;
        }
        errors.clear();
        Set<Role> roles = chosenRoles.isEmpty() ? Set.of() : EnumSet.copyOf(chosenRoles);
        ApiTokenDraft draft = new ApiTokenDraft(
                name.get(),
                allClients.get(),
                allClients.get() ? Set.of() : Set.copyOf(chosenClients),
                ApiTokenDraft.permissionsOf(roles),
                expiry.get().length.map(d -> clock.instant().plus(d)));
        busy.set(true);
        runner.run(Task.of(
                "Making an API token",
                p -> service.create(actor, draft),
                (NewApiToken made) -> {
                    busy.set(false);
                    secret.set(made.secret());
                    name.set("");
                    chosenClients.clear();
                    chosenRoles.clear();
                    allClients.set(false);
                    load();
                    onCreated.run();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public void revoke(ApiToken token) {
        runner.run(Task.of(
                "Revoking the token " + token.name(),
                p -> service.revoke(actor, token.id()),
                revoked -> load(),
                e -> listError.set(dev.mailroom.app.common.Dialogs.messageFor(e))));
    }

    /** The new token's secret is dropped once shown. */
    public void forgetSecret() {
        secret.set("");
    }

    // ---- what the table shows

    public String clientsOf(ApiToken t) {
        if (t.allTenants()) {
            return "All of " + (t.user().equals(actor.userId()) ? "yours" : t.userName() + "'s");
        }
        Map<TenantId, String> names = clients.stream().collect(Collectors.toMap(Tenant::id, Tenant::name));
        return t.tenants().stream()
                .map(id -> names.getOrDefault(id, "client " + id.value()))
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /** The roles whose permissions the token holds in full, else the number of permissions. */
    public String mayDo(ApiToken t) {
        List<String> roles = java.util.Arrays.stream(Role.values())
                .filter(r -> t.permissions().containsAll(r.permissions()))
                .map(Role::label)
                .toList();
        if (roles.contains(Role.OWNER.label())) {
            return "Everything";
        }
        return roles.isEmpty() ? t.permissions().size() + " permissions" : String.join(", ", roles);
    }

    public String state(ApiToken t) {
        return t.state(clock.instant()).label();
    }

    public Instant now() {
        return clock.instant();
    }

    public ObservableList<ApiToken> tokens() {
        return tokens;
    }

    public ObservableList<Tenant> clients() {
        return clients;
    }

    public StringProperty name() {
        return name;
    }

    public BooleanProperty allClients() {
        return allClients;
    }

    public ObservableSet<TenantId> chosenClients() {
        return chosenClients;
    }

    public ObservableSet<Role> chosenRoles() {
        return chosenRoles;
    }

    public ObjectProperty<Expiry> expiry() {
        return expiry;
    }

    public StringProperty secret() {
        return secret;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }

    public StringProperty listError() {
        return listError;
    }
}
