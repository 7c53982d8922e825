package dev.mailroom.app.templates;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.LogoType;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.model.tenants.Tenant;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 */
final class BrandKitDialog {
    private static final List<String> NETWORKS = List.of("facebook", "instagram", "linkedin", "x", "youtube", "tiktok");

    private final Session session;
    private final BackgroundRunner runner;
    private final Tenant tenant;
    private final boolean editable;
    private final Dialog<BrandKit> dialog = new Dialog<>();
    private final FormErrors errors = new FormErrors();
    private final Map<String, TextField> colours = new LinkedHashMap<>();
    private final TextField fontStack = new TextField();
    private final TextField companyName = new TextField();
    private final TextArea postalAddress = new TextArea();
    private final Map<String, TextField> social = new LinkedHashMap<>();
    private final StackPane logoPreview = new StackPane();
    private final Label logoInfo = new Label();
    private Optional<Logo> logo = Optional.empty();
    private List<SocialLink> otherSocial = List.of();

    private BrandKitDialog(Window owner, Session session, BackgroundRunner runner, Tenant tenant, boolean editable) {
        this.session = session;
        this.runner = runner;
        this.tenant = tenant;
        this.editable = editable;
        dialog.initOwner(owner);
        dialog.setTitle("Brand kit");
        dialog.setHeaderText(tenant.name()
                + "'s brand kit. Every template that uses it shows a change at its next render."
                + (editable ? "" : "\nRead-only: your role in this client lets you see the kit, not change it."));
        dialog.setResizable(true);
    }

    static void show(Window owner, Session session, BackgroundRunner runner, Tenant tenant, boolean editable) {
        BrandKitDialog d = new BrandKitDialog(owner, session, runner, tenant, editable);
        runner.run(Task.of(
                "Loading the brand kit",
                p -> session.services().templates().brandKit(session.actor(), tenant.id()),
                kit -> d.open(kit.orElse(BrandKit.neutral(tenant.name()))),
                e -> Dialogs.showError(owner, "Could not load the brand kit", e)));
    }

    private void open(BrandKit kit) {
        logo = kit.logo();
        GridPane colourGrid = new GridPane();
        colourGrid.setHgap(16);
        colourGrid.setVgap(8);
        int i = 0;
        for (String[] c : List.of(
                new String[] {"primaryColor", "_Primary", kit.primaryColor()},
                new String[] {"secondaryColor", "_Secondary", kit.secondaryColor()},
                new String[] {"backgroundColor", "B_ackground", kit.backgroundColor()},
                new String[] {"textColor", "_Text", kit.textColor()})) {
            colourGrid.add(colourField(c[0], c[1], c[2]), i % 2, i / 2);
            i++;
        }
        fontStack.setId("brand-fontStack");
        fontStack.setText(kit.fontStack());
        companyName.setId("brand-companyName");
        companyName.setText(kit.companyName());
        postalAddress.setId("brand-postalAddress");
        postalAddress.setText(kit.postalAddress());
        postalAddress.setPrefRowCount(3);
        postalAddress.setWrapText(true);

        GridPane socialGrid = new GridPane();
        socialGrid.setHgap(10);
        socialGrid.setVgap(6);
        int row = 0;
        for (String n : NETWORKS) {
            TextField url = new TextField(kit.socialUrl(n).orElse(""));
            url.setId("brand-social-" + n);
            url.setPromptText("https://…");
            url.setPrefColumnCount(30);
            social.put(n, url);
            socialGrid.addRow(row++, new Label(new SocialLink(n, "").label()), url);
        }
        otherSocial = kit.social().stream()
                .filter(s -> !NETWORKS.contains(s.network()))
                .toList();

        Button choose = new Button("_Choose a logo…");
        choose.setId("brand-logo-choose");
        choose.setOnAction(e -> chooseLogo());
        Button remove = new Button("_Remove");
        remove.setOnAction(e -> {
            logo = Optional.empty();
            showLogo();
        });
        logoPreview.getStyleClass().add("logo-preview");
        logoPreview.setMinSize(160, 64);
        logoPreview.setMaxSize(160, 64);
        logoInfo.getStyleClass().add("text-muted");
        showLogo();
        HBox logoRow = new HBox(12, logoPreview, new VBox(6, logoInfo, new HBox(8, choose, remove)));
        logoRow.setAlignment(Pos.CENTER_LEFT);

        VBox form = new VBox(
                12,
                Forms.field("Logo (PNG or SVG, at most 1 MB)", logoRow, errors.labelFor("logo")),
                colourGrid,
                Forms.field("_Font stack", fontStack, errors.labelFor("fontStack")),
                Forms.field("Company _name (footer)", companyName, errors.labelFor("companyName")),
                Forms.field(
                        "Postal a_ddress (footer; the law asks for one in commercial email)",
                        postalAddress,
                        errors.labelFor("postalAddress")),
                Forms.field("Social links", socialGrid, errors.labelFor("social")),
                errors.general());
        form.setDisable(!editable);
        form.setPrefWidth(560);
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(560);
        dialog.getDialogPane().setContent(scroll);

        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CANCEL, save);
        Node saveButton = dialog.getDialogPane().lookupButton(save);
        saveButton.setId("brand-save");
        saveButton.setDisable(!editable);
        // Saving runs in the background: keep the dialog open until it succeeds.
        saveButton.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            save(saveButton);
        });
        dialog.show();
    }

    private Node colourField(String field, String label, String value) {
        TextField hex = new TextField(value);
        hex.setId("brand-" + field);
        hex.setPrefColumnCount(8);
        ColorPicker picker = new ColorPicker(parse(value).orElse(Color.BLACK));
        picker.getStyleClass().add("button");
        picker.setOnAction(e -> hex.setText(toHex(picker.getValue())));
        hex.textProperty().addListener((o, was, now) -> parse(now).ifPresent(picker::setValue));
        HBox box = new HBox(6, hex, picker);
        box.setAlignment(Pos.CENTER_LEFT);
        colours.put(field, hex);
        return Forms.field(label + " colour", box, errors.labelFor(field));
    }

    private static Optional<Color> parse(String hex) {
        try {
            return Optional.of(Color.web(hex.strip()));
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
            readLogo(file.toPath());
        }
    }

    private void readLogo(Path file) {
        errors.clear();
        runner.run(Task.of(
                "Reading the logo",
                p -> {
                    // Check the size before reading: a wrong pick could be a large video.
                    if (Files.size(file) > Logo.MAX_BYTES) {
                        throw new InvalidInput(
                                "logo",
                                String.format(
                                        Locale.ROOT,
                                        "%s is %.1f MB; the limit is 1 MB. Export it smaller.",
                                        file.getFileName(),
                                        Files.size(file) / (1024.0 * 1024.0)));
                    }
                    return Logo.of(Files.readAllBytes(file));
                },
                read -> {
                    logo = Optional.of(read);
                    showLogo();
                },
                errors::show));
    }

    private void showLogo() {
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

    private void save(Node saveButton) {
        List<SocialLink> links = new ArrayList<>();
        social.forEach((network, url) -> {
            if (!url.getText().isBlank()) {
                links.add(new SocialLink(network, url.getText()));
            }
        });
        links.addAll(otherSocial);
        BrandKit kit = new BrandKit(
                logo,
                colours.get("primaryColor").getText(),
                colours.get("secondaryColor").getText(),
                colours.get("backgroundColor").getText(),
                colours.get("textColor").getText(),
                fontStack.getText(),
                companyName.getText(),
                postalAddress.getText(),
                links);
        errors.clear();
        saveButton.setDisable(true);
        runner.run(Task.of(
                "Saving the brand kit",
                p -> session.services().templates().saveBrandKit(session.actor(), tenant.id(), kit),
                saved -> {
                    dialog.setResult(saved);
                    dialog.close();
                },
                e -> {
                    saveButton.setDisable(false);
                    if (!errors.show(e)) {
                        Dialogs.showError(
                                dialog.getDialogPane().getScene().getWindow(), "Could not save the brand kit", e);
                    }
                }));
    }
}
