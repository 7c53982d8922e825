package dev.mailroom.app.validation;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.validation.AddressVerdict;
import dev.mailroom.model.validation.Verdict;
import java.io.File;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Tenant › Check addresses: paste or open a list, see each address's verdict and why. Binds an {@link AddressCheckViewModel}. */
public final class AddressCheckPage implements Page {
    private final AddressCheckViewModel vm;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final ComboBox<Verdict> filter = new ComboBox<>();

    public AddressCheckPage(AddressCheckViewModel vm, Shell shell) {
        this.vm = vm;
        this.shell = shell;
        TextArea paste = new TextArea();
        paste.setId("address-check-paste");
        paste.setPromptText("Paste addresses, one a line (or separated by commas or semicolons)");
        paste.setPrefRowCount(5);
        paste.textProperty().bindBidirectional(vm.pasted());
        Button checkPasted = new Button("_Check pasted");
        checkPasted.setId("address-check-run");
        checkPasted.getStyleClass().add("accent");
        checkPasted.disableProperty().bind(vm.running());
        checkPasted.setOnAction(e -> vm.checkPasted());
        Button open = new Button("_Open CSV…");
        open.setId("address-check-open");
        open.disableProperty().bind(vm.running());
        open.setOnAction(e -> openFile());
        CheckBox dns = new CheckBox("Look up each domain in DNS");
        dns.setId("address-check-dns");
        dns.selectedProperty().bindBidirectional(vm.lookUpDomains());
        HBox actions = new HBox(8, checkPasted, open, dns);
        actions.setAlignment(Pos.CENTER_LEFT);

        filter.setId("address-check-filter");
        filter.getItems().setAll(null, Verdict.DELIVERABLE, Verdict.RISKY, Verdict.UNDELIVERABLE, Verdict.UNKNOWN);
        filter.setButtonCell(new VerdictCell());
        filter.setCellFactory(l -> new VerdictCell());
        filter.valueProperty().bindBidirectional(vm.filter());
        Button export = new Button("_Export CSV…");
        export.setId("address-check-export");
        export.disableProperty().bind(vm.exportable().not());
        export.setOnAction(e -> exportFile());
        Label summary = new Label();
        summary.setId("address-check-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summary());
        summary.visibleProperty().bind(vm.summary().isNotEmpty());
        summary.managedProperty().bind(summary.visibleProperty());
        Label source = new Label();
        source.getStyleClass().add("text-muted");
        source.textProperty().bind(vm.source());
        HBox bar = new HBox(8, new Label("Show"), filter, export, source);
        bar.setAlignment(Pos.CENTER_LEFT);

        TableView<AddressVerdict> table = new TableView<>(vm.shown());
        table.setId("address-check-table");
        table.getColumns().add(Tables.text("Address", v -> AddressLists.clip(v.shown(), 120), 260));
        var verdict = Tables.<AddressVerdict>text("Verdict", v -> v.verdict().word(), 130);
        verdict.setMinWidth(130);
        // The verdict as a chip in the colours every status has (UX.md): the word is there for screen readers.
        verdict.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String word, boolean empty) {
                super.updateItem(word, empty);
                setText(null);
                AddressVerdict row = empty ? null : getTableRow().getItem();
                Chip chip = row == null ? null : new Chip(word, tone(row.verdict()));
                if (chip != null) {
                    chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                }
                setGraphic(chip);
            }
        });
        table.getColumns().add(verdict);
        var why = Tables.<AddressVerdict>text("Why", v -> AddressLists.clip(v.reasonText(), 400), 460);
        // A reason is often longer than the column at 1280: the whole of it (clipped) in the cell's tooltip.
        why.setCellFactory(c -> new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty ? null : v);
                if (empty || v == null || v.isEmpty()) {
                    setTooltip(null);
                } else {
                    javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip(v);
                    tip.setWrapText(true);
                    tip.setMaxWidth(480);
                    setTooltip(tip);
                }
            }
        });
        table.getColumns().add(why);
        table.getColumns().add(Tables.text("Did you mean", v -> v.suggestion().orElse(""), 180));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("Paste addresses or open a CSV file: each gets a verdict (deliverable, risky, "
                + "undeliverable or unknown) and the reasons for it.");
        empty.setWrapText(true);
        empty.setMaxWidth(520);
        table.setPlaceholder(empty);
        VBox.setVgrow(table, Priority.ALWAYS);

        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Check addresses",
                                "Syntax, domain and mail server, disposable and role addresses, likely typos and this"
                                        + " client's suppressions, before you send."),
                        paste,
                        actions,
                        Forms.error("error-input", vm.errors().of("input")),
                        summary,
                        bar,
                        table);
        root.getStyleClass().add("page");
    }

    private static final class VerdictCell extends ListCell<Verdict> {
        @Override
        protected void updateItem(Verdict v, boolean empty) {
            super.updateItem(v, empty);
            setText(empty ? "" : v == null ? "All verdicts" : v.word());
        }
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void focusFilter() {
        filter.requestFocus();
    }

    private void openFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Check the addresses of a file");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV or text", "*.csv", "*.txt"));
        File file = chooser.showOpenDialog(shell.window());
        if (file != null) {
            vm.checkFile(file.toPath());
        }
    }

    private void exportFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the verdicts");
        chooser.setInitialFileName("address-check.csv");
        File file = chooser.showSaveDialog(shell.window());
        if (file != null) {
            vm.exportTo(file.toPath());
        }
    }

    static Chip.Tone tone(Verdict v) {
        return switch (v) {
            case DELIVERABLE -> Chip.Tone.SUCCESS;
            case RISKY -> Chip.Tone.WARNING;
            case UNDELIVERABLE -> Chip.Tone.DANGER;
            case UNKNOWN -> Chip.Tone.NEUTRAL;
        };
    }
}
