package dev.mailroom.app.validation;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.Formats;
import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.validation.AddressPolicy;
import dev.mailroom.model.validation.AddressPolicyService;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * The tenant profile's "Risky addresses" setting: send, hold or drop (issue 14). Everyone in the tenant
 * sees it; changing it needs {@link Permission#LIMITS_MANAGE}, which the use case checks again.
 */
public final class AddressPolicyViewModel {
    private final AddressPolicyService policies;
    private final AccessPolicy access;
    private final Actor actor;
    private final BackgroundRunner runner;

    private final ObjectProperty<RiskyAddressPolicy> risky = new SimpleObjectProperty<>();
    private final SimpleBooleanProperty mayChange = new SimpleBooleanProperty();
    private final SimpleBooleanProperty loaded = new SimpleBooleanProperty();
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty();
    private final SimpleStringProperty note = new SimpleStringProperty("");
    private final SimpleStringProperty saved = new SimpleStringProperty("");
    private final FieldErrors errors = new FieldErrors(Set.of("risky"));
    private final StringBinding explanation = Bindings.createStringBinding(
            () -> risky.get() == null ? "" : risky.get().explanation(), risky);
    private TenantId tenant;
    private AddressPolicy before;

    public AddressPolicyViewModel(
            AddressPolicyService policies, AccessPolicy access, Actor actor, BackgroundRunner runner) {
        this.policies = policies;
        this.access = access;
        this.actor = actor;
        this.runner = runner;
        risky.addListener(o -> saved.set(""));
    }

    private record Facts(AddressPolicy policy, Set<Permission> permissions) {}

    /** Reads the tenant's setting; a later call for another tenant wins over an earlier one still running. */
    public void show(TenantId t) {
        tenant = t;
        errors.clear();
        loaded.set(false);
        runner.run(Task.of(
                "Reading the address settings",
                p -> new Facts(policies.policy(actor, t), access.permissionsIn(actor, t)),
                facts -> {
                    if (t.equals(tenant)) {
                        render(facts);
                    }
                },
                errors::show));
    }

    private void render(Facts facts) {
        before = facts.policy();
        mayChange.set(facts.permissions().contains(Permission.LIMITS_MANAGE));
        risky.set(before.risky());
        note.set(before.setBy()
                .map(by -> "Set by " + by
                        + before.setAt().map(at -> " on " + Formats.exact(at)).orElse("") + ".")
                .orElse("The default: nobody has changed it for this client."));
        saved.set("");
        loaded.set(true);
    }

    /** Saves the choice when it changed. */
    public void save() {
        TenantId t = tenant;
        RiskyAddressPolicy choice = risky.get();
        if (t == null || before == null || busy.get()) {
            return;
        }
        errors.clear();
        if (choice == null) {
            errors.setAll(java.util.Map.of("risky", "Choose what happens to messages to risky addresses."));
            return;
        }
        if (choice == before.risky() && before.setBy().isPresent()) {
            saved.set("Nothing changed.");
            return;
        }
        busy.set(true);
        runner.run(Task.of(
                "Saving the address settings",
                p -> policies.setRiskyPolicy(actor, t, choice),
                after -> {
                    busy.set(false);
                    if (t.equals(tenant)) {
                        render(new Facts(after, Set.of(Permission.LIMITS_MANAGE)));
                        saved.set("Saved.");
                    }
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public ObjectProperty<RiskyAddressPolicy> risky() {
        return risky;
    }

    /** What the chosen setting means, in a sentence. */
    public StringBinding explanation() {
        return explanation;
    }

    public ReadOnlyBooleanProperty mayChange() {
        return mayChange;
    }

    public ReadOnlyBooleanProperty loaded() {
        return loaded;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** Who set it and when, or that it is the default. */
    public ReadOnlyStringProperty note() {
        return note;
    }

    public ReadOnlyStringProperty saved() {
        return saved;
    }

    public FieldErrors errors() {
        return errors;
    }
}
