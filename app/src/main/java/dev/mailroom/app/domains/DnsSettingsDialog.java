package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.model.domains.blocklist.Blocklist;
import javafx.event.ActionEvent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * DNS settings of this console: resolvers and their timeout, the re-check interval, the blocklists to
 * ask, and the relay's SPF term and return-path host new domains start with. Blocklists, the interval
 * and the relay's records count from the next check or wizard; resolvers from the next start, since
 * every open look-up uses them.
 */
public final class DnsSettingsDialog {
    private DnsSettingsDialog() {}

    public static void show(Window owner, UiSettings ui, BackgroundRunner runner, String resolversInUse) {
        DnsPreferences now = DnsPreferences.from(ui);
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("DNS settings");
        dialog.setHeaderText("How this console asks DNS, and which blocklists it watches.");
        FormErrors errors = new FormErrors();

        TextField resolvers = new TextField(now.resolvers());
        resolvers.setId("dns-resolvers");
        resolvers.setPromptText("Blank: the system's resolvers. Or addresses: 9.9.9.9, 127.0.0.1:5353");
        TextField timeout = new TextField(Double.toString(now.timeoutSeconds()));
        timeout.setId("dns-timeout");
        timeout.setPrefColumnCount(5);
        TextField recheck = new TextField(Double.toString(now.recheckHours()));
        recheck.setId("dns-recheck");
        recheck.setPrefColumnCount(5);
        TextArea lists = new TextArea(Blocklist.toLines(now.blocklists()));
        lists.setId("dns-blocklists");
        lists.setPrefRowCount(8);
        lists.setStyle("-fx-font-family: monospace;");
        Hyperlink defaults = new Hyperlink("Restore the default blocklists");
        defaults.setOnAction(e -> lists.setText(Blocklist.toLines(Blocklist.defaults())));
        TextField spf = new TextField(now.relaySpf());
        spf.setId("relay-spf");
        TextField returnPath = new TextField(now.returnPathTarget());
        returnPath.setId("relay-return-path");

        Label inUse =
                new Label("In use now: " + resolversInUse + ". A change of resolvers counts from the next start.");
        inUse.getStyleClass().add("text-muted");
        inUse.setWrapText(true);
        Label listsHint =
                new Label("One list a line: name | zone | ip or domain | lookup URL. IP lists are asked about "
                        + "the addresses of each client's relays, domain lists about the sending domains.");
        listsHint.getStyleClass().add("text-muted");
        listsHint.setWrapText(true);

        GridPane numbers = new GridPane();
        numbers.setHgap(16);
        numbers.add(Forms.field("_Timeout (seconds)", timeout, errors.labelFor("timeout")), 0, 0);
        numbers.add(Forms.field("_Re-check every (hours)", recheck, errors.labelFor("recheck")), 1, 0);
        listsHint.setMinHeight(Region.USE_PREF_SIZE);
        inUse.setMinHeight(Region.USE_PREF_SIZE);
        VBox listsTitle = new VBox(0, listsHint, defaults);

        dialog.getDialogPane()
                .setContent(new VBox(
                        10,
                        Forms.field("DNS _resolvers", resolvers, errors.labelFor("resolvers")),
                        inUse,
                        numbers,
                        Forms.field("_Blocklists", lists, errors.labelFor("blocklists")),
                        listsTitle,
                        Forms.field("Relay's _SPF term for new domains", spf, errors.labelFor("relaySpf")),
                        Forms.field("Return-path _host for new domains", returnPath, errors.labelFor("returnPath")),
                        errors.general()));
        dialog.getDialogPane().setPrefWidth(640);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("dns-settings-save");
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            errors.clear();
            DnsPreferences read;
            try {
                read = DnsPreferences.read(
                        resolvers.getText(),
                        timeout.getText(),
                        recheck.getText(),
                        lists.getText(),
                        spf.getText(),
                        returnPath.getText());
            } catch (RuntimeException invalid) {
                errors.show(invalid);
                return;
            }
            saveButton.setDisable(true);
            runner.run(Task.of(
                    "Saving the DNS settings",
                    p -> {
                        read.writeTo(ui);
                        try {
                            ui.saveOrThrow();
                        } catch (java.io.IOException io) {
                            throw new java.io.UncheckedIOException(
                                    "The settings could not be written to the data folder: " + io.getMessage(), io);
                        }
                        return read;
                    },
                    saved -> dialog.close(),
                    error -> {
                        saveButton.setDisable(false);
                        errors.show(error);
                    }));
        });
        dialog.setResultConverter(b -> null);
        dialog.showAndWait();
    }
}
