package dev.mailroom.app.signin;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.model.access.SignInService;
import dev.mailroom.model.access.SignedIn;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

public final class SignInViewModel {
    private final SignInService service;
    private final BackgroundRunner runner;
    private final String agencyName;
    private final StringProperty email = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final StringProperty hint = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FormErrors errors = new FormErrors();
    private Consumer<SignedIn> onSignedIn = s -> {};

    public SignInViewModel(SignInService service, BackgroundRunner runner, String agencyName) {
        this.service = service;
        this.runner = runner;
        this.agencyName = agencyName;
    }

    public void submit() {
        if (busy.get()) {
            return;
        }
        errors.clear();
        busy.set(true);
        String typedEmail = email.get();
        char[] typedPassword = password.get().toCharArray();
        runner.run(Task.of(
                "Signing in",
                p -> service.signIn(typedEmail, typedPassword),
                signedIn -> {
                    busy.set(false);
                    password.set("");
                    onSignedIn.accept(signedIn);
                },
                error -> {
                    busy.set(false);
                    password.set("");
                    errors.show(error);
                }));
    }

    public void onSignedIn(Consumer<SignedIn> action) {
        this.onSignedIn = action;
    }

    public String agencyName() {
        return agencyName;
    }

    public StringProperty email() {
        return email;
    }

    public StringProperty password() {
        return password;
    }

    public StringProperty hint() {
        return hint;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FormErrors errors() {
        return errors;
    }
}
