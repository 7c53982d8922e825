package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.UiSettings;
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
        DnsSettingsViewModel vm = new DnsSettingsViewModel(ui, runner);
        FieldErrors errors = vm.errors();
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("DNS settings");
        dialog.setHeaderText("How this console asks DNS, and which blocklists it watches.");

        TextField resolvers = new TextField();
        resolvers.textProperty().bindBidirectional(vm.resolvers());
        resolvers.setId("dns-resolvers");
        resolvers.setPromptText("Blank: the system's resolvers. Or addresses: 9.9.9.9, 127.0.0.1:5353");
        TextField timeout = new TextField();
        timeout.textProperty().bindBidirectional(vm.timeout());
        timeout.setId("dns-timeout");
        timeout.setPrefColumnCount(5);
        TextField lookups = new TextField();
        lookups.textProperty().bindBidirectional(vm.lookups());
        lookups.setId("dns-lookups");
        lookups.setPrefColumnCount(5);
        lookups.setTooltip(new javafx.scene.control.Tooltip(
                "How many DNS questions may wait for their answers at once when all domains are checked."));
        TextField recheck = new TextField();
        recheck.textProperty().bindBidirectional(vm.recheck());
        recheck.setId("dns-recheck");
        recheck.setPrefColumnCount(5);
        TextArea lists = new TextArea();
        lists.textProperty().bindBidirectional(vm.blocklists());
        lists.setId("dns-blocklists");
        lists.setPrefRowCount(8);
        lists.setStyle("-fx-font-family: monospace;");
        Hyperlink defaults = new Hyperlink("Restore the default blocklists");
        defaults.setOnAction(e -> vm.restoreDefaultBlocklists());
        TextField spf = new TextField();
        spf.textProperty().bindBidirectional(vm.relaySpf());
        spf.setId("relay-spf");
        TextField returnPath = new TextField();
        returnPath.textProperty().bindBidirectional(vm.returnPath());
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
        numbers.add(
                Forms.field("_Timeout (seconds)", timeout, Forms.error("error-timeout", errors.of("timeout"))), 0, 0);
        numbers.add(
                Forms.field("_Look-ups at once", lookups, Forms.error("error-lookups", errors.of("lookups"))), 1, 0);
        numbers.add(
                Forms.field("_Re-check every (hours)", recheck, Forms.error("error-recheck", errors.of("recheck"))),
                2,
                0);
        listsHint.setMinHeight(Region.USE_PREF_SIZE);
        inUse.setMinHeight(Region.USE_PREF_SIZE);
        VBox listsTitle = new VBox(0, listsHint, defaults);

        dialog.getDialogPane()
                .setContent(new VBox(
                        10,
                        Forms.field(
                                "DNS _resolvers", resolvers, Forms.error("error-resolvers", errors.of("resolvers"))),
                        inUse,
                        numbers,
                        Forms.field("_Blocklists", lists, Forms.error("error-blocklists", errors.of("blocklists"))),
                        listsTitle,
                        Forms.field(
                                "Relay's _SPF term for new domains",
                                spf,
                                Forms.error("error-relaySpf", errors.of("relaySpf"))),
                        Forms.field(
                                "Return-path _host for new domains",
                                returnPath,
                                Forms.error("error-returnPath", errors.of("returnPath"))),
                        Forms.error("form-error", errors.general())));
        dialog.getDialogPane().setPrefWidth(640);
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
        saveButton.setId("dns-settings-save");
        saveButton.disableProperty().bind(vm.saving());
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(dialog::close);
        });
        dialog.setResultConverter(b -> null);
        dialog.showAndWait();
    }
}
