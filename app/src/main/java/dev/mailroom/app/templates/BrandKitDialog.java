package dev.mailroom.app.templates;

import dev.mailroom.app.common.Forms;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.LogoType;
import dev.mailroom.model.templates.SocialLink;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * A client's brand kit: logo (PNG or SVG, at most 1 MB, read and checked off the FX thread), colours,
 * font stack, footer and social links. Templates that use the kit show a change at their next render.
 * The dialog builds nodes and binds them to a {@link BrandKitViewModel}, which reads, checks and saves.
 */
final class BrandKitDialog {
    private final BrandKitViewModel vm;
    private final Dialog<BrandKit> dialog = new Dialog<>();
    private final StackPane logoPreview = new StackPane();
    private final Label logoInfo = new Label();

    private BrandKitDialog(Window owner, BrandKitViewModel vm) {
        this.vm = vm;
        dialog.initOwner(owner);
        dialog.setTitle("Brand kit");
        dialog.setHeaderText(vm.tenant().name()
                + "'s brand kit. Every template that uses it shows a change at its next render."
                + (vm.editable() ? "" : "\nRead-only: your role in this client lets you see the kit, not change it."));
        dialog.setResizable(true);
    }

    /** Reads the kit in the background and opens the dialog once it is read. */
    static void show(Window owner, BrandKitViewModel vm) {
        BrandKitDialog d = new BrandKitDialog(owner, vm);
        vm.load(d::open);
    }

    private void open() {
        GridPane colourGrid = new GridPane();
        colourGrid.setHgap(16);
        colourGrid.setVgap(8);
        List<String> labels = List.of("_Primary", "_Secondary", "B_ackground", "_Text");
        for (int i = 0; i < BrandKitViewModel.COLOURS.size(); i++) {
            colourGrid.add(colourField(BrandKitViewModel.COLOURS.get(i), labels.get(i)), i % 2, i / 2);
        }
        TextField fontStack = new TextField();
        fontStack.setId("brand-fontStack");
        fontStack.textProperty().bindBidirectional(vm.fontStack());
        TextField companyName = new TextField();
        companyName.setId("brand-companyName");
        companyName.textProperty().bindBidirectional(vm.companyName());
        TextArea postalAddress = new TextArea();
        postalAddress.setId("brand-postalAddress");
        postalAddress.textProperty().bindBidirectional(vm.postalAddress());
        postalAddress.setPrefRowCount(3);
        postalAddress.setWrapText(true);

        GridPane socialGrid = new GridPane();
        socialGrid.setHgap(10);
        socialGrid.setVgap(6);
        int row = 0;
        for (String n : BrandKitViewModel.NETWORKS) {
            TextField url = new TextField();
            url.textProperty().bindBidirectional(vm.social(n));
            url.setId("brand-social-" + n);
            url.setPromptText("https://…");
            url.setPrefColumnCount(30);
            socialGrid.addRow(row++, new Label(new SocialLink(n, "").label()), url);
        }

        Button choose = new Button("_Choose a logo…");
        choose.setId("brand-logo-choose");
        choose.setOnAction(e -> chooseLogo());
        Button remove = new Button("_Remove");
        remove.setOnAction(e -> vm.removeLogo());
        logoPreview.getStyleClass().add("logo-preview");
        logoPreview.setMinSize(160, 64);
        logoPreview.setMaxSize(160, 64);
        logoInfo.getStyleClass().add("text-muted");
        vm.logo().addListener((o, was, now) -> showLogo(now));
        showLogo(vm.logo().get());
        HBox logoRow = new HBox(12, logoPreview, new VBox(6, logoInfo, new HBox(8, choose, remove)));
        logoRow.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(
                12,
                Forms.field("Logo (PNG or SVG, at most 1 MB)", logoRow, error("logo")),
                colourGrid,
                Forms.field("_Font stack", fontStack, error("fontStack")),
                Forms.field("Company _name (footer)", companyName, error("companyName")),
                Forms.field(
                        "Postal a_ddress (footer; the law asks for one in commercial email)",
                        postalAddress,
                        error("postalAddress")),
                Forms.field("Social links", socialGrid, error("social")),
                Forms.error("form-error", vm.errors().general()));
        form.setDisable(!vm.editable());
        form.setPrefWidth(560);
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        dialog.getDialogPane().setContent(scroll);

        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Node saveButton = dialog.getDialogPane().lookupButton(save);
        saveButton.setId("brand-save");
        if (vm.editable()) {
            saveButton.disableProperty().bind(vm.busy());
        } else {
            saveButton.setDisable(true);
        }
        // Saving runs in the background: keep the dialog open until it succeeds.
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            vm.save(saved -> {
                dialog.setResult(saved);
                dialog.close();
            });
        });
        dialog.show();
    }

    private Label error(String field) {
        return Forms.error("error-" + field, vm.errors().of(field));
    }

    private Node colourField(String field, String label) {
        TextField hex = new TextField();
        hex.setId("brand-" + field);
        hex.setPrefColumnCount(8);
        hex.textProperty().bindBidirectional(vm.colour(field));
        ColorPicker picker = new ColorPicker(parse(hex.getText()).orElse(Color.BLACK));
        picker.getStyleClass().add("button");
        picker.setOnAction(e -> hex.setText(toHex(picker.getValue())));
        hex.textProperty().addListener((o, was, now) -> parse(now).ifPresent(picker::setValue));
        HBox box = new HBox(6, hex, picker);
        box.setAlignment(Pos.CENTER_LEFT);
        return Forms.field(label + " colour", box, error(field));
    }

    private static Optional<Color> parse(String hex) {
        try {
            return Optional.of(Color.web(hex == null ? "" : hex.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String toHex(Color c) {
        return String.format(
                Locale.ROOT,
                "#%02X%02X%02X",
                Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    private void chooseLogo() {
        FileChooser fc = new FileChooser();
        fc.setTitle("Choose a logo");
        fc.getExtensionFilters()
                .setAll(
                        new FileChooser.ExtensionFilter("PNG or SVG images", "*.png", "*.svg"),
                        new FileChooser.ExtensionFilter("All files", "*.*"));
        File file = fc.showOpenDialog(dialog.getDialogPane().getScene().getWindow());
        if (file != null) {
            vm.readLogo(file.toPath());
        }
    }

    private void showLogo(Optional<Logo> logo) {
        if (logo.isEmpty()) {
            logoPreview.getChildren().setAll(new Label("No logo"));
            logoInfo.setText("Templates show the company name instead.");
            return;
        }
        Logo l = logo.get();
        logoInfo.setText(l.type() + ", " + Math.max(1, l.size() / 1024) + " KB"
                + (l.width() > 0 ? ", " + l.width() + "×" + l.height() : ""));
        if (l.type() == LogoType.PNG) {
            ImageView view = new ImageView(new Image(new ByteArrayInputStream(l.bytes())));
            view.setPreserveRatio(true);
            view.setFitWidth(150);
            view.setFitHeight(56);
            logoPreview.getChildren().setAll(view);
        } else {
            logoPreview.getChildren().setAll(new Label("SVG logo"));
        }
    }
}
