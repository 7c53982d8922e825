package dev.mailroom.app.domains;

import dev.mailroom.app.common.Icons;
import dev.mailroom.app.domains.DomainsViewModel.HandOffFormat;
import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** "Save for the client's IT": the BIND snippet, the CSV or the printable sheet, to a file the person picks. */
final class HandOffButtons {
    private HandOffButtons() {}

    /** The chooser runs on the FX thread; {@code save} writes off it. */
    static MenuButton menu(Supplier<Window> owner, Supplier<String> domainName, BiConsumer<HandOffFormat, Path> save) {
        MenuButton menu = new MenuButton("Save for the client's IT", Icons.save());
        menu.setId("handoff-menu");
        for (HandOffFormat f : HandOffFormat.values()) {
            MenuItem item = new MenuItem(f.label + "…");
            item.setId("handoff-" + f.extension);
            item.setOnAction(e -> choose(owner.get(), domainName.get(), f).ifPresent(p -> save.accept(f, p)));
            menu.getItems().add(item);
        }
        return menu;
    }

    static Optional<Path> choose(Window owner, String domain, HandOffFormat format) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save " + format.label);
        chooser.setInitialFileName(domain.replace('*', '_') + "-dns." + format.extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(format.label, format.glob));
        File f = chooser.showSaveDialog(owner);
        return Optional.ofNullable(f).map(File::toPath);
    }
}
