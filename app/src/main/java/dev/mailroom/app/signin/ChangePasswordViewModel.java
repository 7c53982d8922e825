package dev.mailroom.app.signin;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.model.access.SignInService;
import dev.mailroom.model.common.Actor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Changing one's own password: forced after a first or reset password, or from the user menu. */
public final class ChangePasswordViewModel {
    private final SignInService service;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final StringProperty current = new SimpleStringProperty("");
    private final StringProperty next = new SimpleStringProperty("");
    private final StringProperty again = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FormErrors errors = new FormErrors();

    public ChangePasswordViewModel(SignInService service, BackgroundRunner runner, Actor actor) {
        this.service = service;
        this.runner = runner;
        this.actor = actor;
        errors.recheckSame(next, again, "newPasswordAgain", "The passwords differ.");
    }

    public void submit(Runnable onChanged) {
        if (busy.get()) {
            return;
        }
        errors.clear();
        busy.set(true);
        char[] c = current.get().toCharArray();
        char[] n = next.get().toCharArray();
        char[] a = again.get().toCharArray();
        runner.run(Task.of(
                "Changing the password",
                p -> {
                    service.changePassword(actor, c, n, a);
                    return null;
                },
                ok -> {
                    busy.set(false);
                    current.set("");
                    next.set("");
                    again.set("");
                    onChanged.run();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public StringProperty current() {
        return current;
    }

    public StringProperty next() {
        return next;
    }

    public StringProperty again() {
        return again;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FormErrors errors() {
        return errors;
    }
}
