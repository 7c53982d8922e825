package dev.mailroom.app.setup;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.FirstRunService;
import dev.mailroom.model.access.SignedIn;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The first-run form: the agency's name and its owner's account. */
public final class FirstRunViewModel {
    private final FirstRunService service;
    private final BackgroundRunner runner;
    private final StringProperty agencyName = new SimpleStringProperty("");
    private final StringProperty ownerName = new SimpleStringProperty("");
    private final StringProperty ownerEmail = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty passwordAgain = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FormErrors errors = new FormErrors();
    private Consumer<SignedIn> onSignedIn = s -> {};

    public FirstRunViewModel(FirstRunService service, BackgroundRunner runner) {
        this.service = service;
        this.runner = runner;
        errors.recheckSame(password, passwordAgain, "passwordAgain", "The passwords differ.");
    }

    public void submit() {
        if (busy.get()) {
            return;
        }
        errors.clear();
        busy.set(true);
        AgencySetup form = new AgencySetup(
                agencyName.get(),
                ownerName.get(),
                ownerEmail.get(),
                password.get().toCharArray(),
                passwordAgain.get().toCharArray());
        runner.run(Task.of(
                "Creating the agency",
                p -> service.setUp(form),
                signedIn -> {
                    busy.set(false);
                    password.set("");
                    passwordAgain.set("");
                    onSignedIn.accept(signedIn);
                },
                error -> {
                    busy.set(false);
                    errors.show(error);
                }));
    }

    public void onSignedIn(Consumer<SignedIn> action) {
        this.onSignedIn = action;
    }

    public StringProperty agencyName() {
        return agencyName;
    }

    public StringProperty ownerName() {
        return ownerName;
    }

    public StringProperty ownerEmail() {
        return ownerEmail;
    }

    public StringProperty password() {
        return password;
    }

    public StringProperty passwordAgain() {
        return passwordAgain;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FormErrors errors() {
        return errors;
    }
}
