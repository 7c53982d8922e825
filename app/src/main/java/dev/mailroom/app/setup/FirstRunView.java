package dev.mailroom.app.setup;

import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** The first start of an empty store: who the agency is and who owns it. */
public final class FirstRunView {
    private final Parent root;

    public FirstRunView(FirstRunViewModel vm) {
        Label title = new Label("Welcome to Mailroom", Icons.mail());
        title.getStyleClass().add("title-2");
        title.setWrapText(true);
        Label intro = new Label("This store is new. Name your agency and create the owner's account; "
                + "you can add clients and colleagues next.");
        intro.setWrapText(true);
        intro.getStyleClass().add("text-muted");

        TextField agency = new TextField();
        agency.setId("agency-name");
        agency.setPromptText("Brightwave Digital");
        agency.textProperty().bindBidirectional(vm.agencyName());
        TextField owner = new TextField();
        owner.setId("owner-name");
        owner.setPromptText("Ana Ortiz");
        owner.textProperty().bindBidirectional(vm.ownerName());
        TextField email = new TextField();
        email.setId("owner-email");
        email.setPromptText("ana@brightwave.com");
        email.textProperty().bindBidirectional(vm.ownerEmail());
        PasswordField password = new PasswordField();
        password.setId("password");
        password.setPromptText("At least 8 characters");
        password.textProperty().bindBidirectional(vm.password());
        PasswordField again = new PasswordField();
        again.setId("password-again");
        again.textProperty().bindBidirectional(vm.passwordAgain());

        Button create = new Button("_Create agency and sign in");
        create.setId("create-agency");
        create.setDefaultButton(true);
        create.getStyleClass().add("accent");
        create.disableProperty().bind(vm.busy());
        create.setOnAction(e -> vm.submit());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(22, 22);
        spinner.visibleProperty().bind(vm.busy());
        HBox actions = new HBox(12, create, spinner);

        var errors = vm.errors();
        root = Forms.centredCard(
                title,
                intro,
                Forms.field("_Agency name", agency, errors.labelFor("agencyName")),
                Forms.field("Your _name", owner, errors.labelFor("ownerName")),
                Forms.field("Your _email (you sign in with it)", email, errors.labelFor("ownerEmail")),
                Forms.field("_Password", password, errors.labelFor("password")),
                Forms.field("Password a_gain", again, errors.labelFor("passwordAgain")),
                errors.general(),
                actions);
        agency.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                agency.requestFocus();
            }
        });
    }

    public Parent root() {
        return root;
    }
}
