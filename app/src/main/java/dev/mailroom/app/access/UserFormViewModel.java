package dev.mailroom.app.access;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.access.UserService;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.tenants.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Add a console user. The draft's own checks run on Save and then as the person types, so a problem
 * they fix goes away at once; what only the store knows (an email in use) comes back from the use case.
 */
public final class UserFormViewModel {
    static final Set<String> FIELDS = Set.of("name", "email", "staffKind", "homeTenant", "firstPassword");

    private final UserService users;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final List<StaffKind> kinds;
    private final List<Tenant> homes;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty email = new SimpleStringProperty("");
    private final ObjectProperty<StaffKind> staffKind = new SimpleObjectProperty<>();
    private final ObjectProperty<Tenant> homeTenant = new SimpleObjectProperty<>();
    private final StringProperty firstPassword = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(FIELDS);
    private boolean attempted;

    /**
     * {@code kinds}: agency staff only for the agency owner; {@code homes}: the clients the actor may add
     * users to; {@code current}: the client chosen at first when it is one of them.
     */
    public UserFormViewModel(
            UserService users,
            Actor actor,
            BackgroundRunner runner,
            List<StaffKind> kinds,
            List<Tenant> homes,
            Optional<Tenant> current) {
        this.users = users;
        this.actor = actor;
        this.runner = runner;
        this.kinds = List.copyOf(kinds);
        this.homes = List.copyOf(homes);
        staffKind.set(kinds.isEmpty() ? null : kinds.get(0));
        current.filter(this.homes::contains).ifPresent(homeTenant::set);
        for (Observable p : new Observable[] {name, email, staffKind, homeTenant, firstPassword}) {
            p.addListener(o -> revalidate());
        }
    }

    UserDraft draft() {
        return new UserDraft(
                name.get(),
                email.get(),
                staffKind.get(),
                Optional.ofNullable(homeTenant.get()).map(Tenant::id),
                firstPassword.get().toCharArray());
    }

    Map<String, String> check() {
        try {
            draft().validate();
            return Map.of();
        } catch (InvalidInput bad) {
            return bad.problems();
        }
    }

    private void revalidate() {
        if (attempted && !busy.get()) {
            errors.setAll(check());
        }
    }

    /** Adds the user in the background; {@code onAdded} gets the account, problems show next to their fields. */
    public void save(Consumer<UserAccount> onAdded) {
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
        UserDraft d = draft();
        busy.set(true);
        runner.run(Task.of(
                "Adding the user",
                p -> users.create(actor, d),
                created -> {
                    busy.set(false);
                    onAdded.accept(created);
                },
                error -> {
                    busy.set(false);
                    errors.show(error);
                }));
    }

    public List<StaffKind> kinds() {
        return kinds;
    }

    public List<Tenant> homes() {
        return homes;
    }

    public StringProperty name() {
        return name;
    }

    public StringProperty email() {
        return email;
    }

    public ObjectProperty<StaffKind> staffKind() {
        return staffKind;
    }

    public ObjectProperty<Tenant> homeTenant() {
        return homeTenant;
    }

    public StringProperty firstPassword() {
        return firstPassword;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }
}
