package dev.mailroom.app.signin;

import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

public final class SignInView {
    private final Parent root;

    public SignInView(SignInViewModel vm) {
        Label title = new Label("Sign in", Icons.mail());
        title.getStyleClass().add("title-2");
        Label agency = new Label(vm.agencyName().isBlank() ? "Mailroom" : vm.agencyName());
        agency.setId("signin-agency");
        agency.setWrapText(true);
        agency.getStyleClass().add("title-4");
        Label hint = new Label();
        hint.setId("signin-hint");
        hint.textProperty().bind(vm.hint());
        hint.getStyleClass().add("text-muted");
        hint.setWrapText(true);
        hint.managedProperty().bind(vm.hint().isNotEmpty());

        TextField email = new TextField();
        email.setId("signin-email");
        email.textProperty().bindBidirectional(vm.email());
        PasswordField password = new PasswordField();
        password.setId("signin-password");
        password.textProperty().bindBidirectional(vm.password());

        Button signIn = new Button("_Sign in");
        signIn.setId("signin-button");
        signIn.setDefaultButton(true);
        signIn.getStyleClass().add("accent");
        signIn.disableProperty().bind(vm.busy());
        signIn.setOnAction(e -> vm.submit());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(vm.busy());

        var errors = vm.errors();
        root = Forms.centredCard(
                title,
                agency,
                hint,
                Forms.field("_Email", email, errors.labelFor("email")),
                Forms.field("_Password", password, errors.labelFor("password")),
                errors.general(),
                new HBox(12, signIn, spinner));
        email.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                (vm.email().get().isBlank() ? email : password).requestFocus();
            }
        });
    }

    public Parent root() {
        return root;
    }
}
