package dev.mailroom.app.settings;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Theme;
import dev.mailroom.app.common.UiSettings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * One place for the console's settings (Ctrl+, and the user menu): the theme, DNS, event retention,
 * where the store is and how big it has grown, and one's API tokens for the command line (Access). Each section says what it changes; the detailed forms
 * open from here.
 */
public final class SettingsWindow {
    private SettingsWindow() {}

    /** What the window shows and opens; the composition root fills it in. */
    public record Sections(
            UiSettings settings,
            BackgroundRunner runner,
            String dnsInUse,
            Runnable openDns,
            /** Empty when this person may not change retention (only the agency owner may). */
            java.util.Optional<Runnable> openRetention,
            String storeDescription,
            /** The store's size and "Compact now". */
            StoreViewModel store,
            Runnable onThemeChanged,
            /** The signed-in person's API tokens (the Access tab). */
            dev.mailroom.app.access.ApiTokensViewModel apiTokens) {}

    public static void show(Window owner, Sections s) {
        Dialog<Void> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Settings");
        dialog.setHeaderText(null);
        TabPane tabs = new TabPane(
                tab("Appearance", appearance(s)),
                tab("DNS", dns(s)),
                tab("Event retention", retention(s)),
                tab("Store", store(s)),
                tab("Access", dev.mailroom.app.access.ApiTokensPane.build(s.apiTokens(), () -> owner)));
        tabs.setId("settings-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setPrefSize(860, 400);
        dialog.getDialogPane().setContent(tabs);
        // AtlantaFX caps a dialog pane at 600 px: the window asked for 860 and got 600, which cut the Access
        // tab's token table (three columns behind a scroll bar) and its empty state.
        // The theme's stylesheet sets that cap, so only an inline style lifts it.
        dialog.getDialogPane().setStyle("-fx-max-width: 900px;");
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.CLOSE);
        dialog.getDialogPane().setId("settings-window");
        dialog.showAndWait();
    }

    private static Tab tab(String title, Node body) {
        Tab t = new Tab(title, body);
        t.setId("settings-" + title.toLowerCase().replace(' ', '-'));
        return t;
    }

    private static VBox section(Node... children) {
        VBox box = new VBox(12, children);
        box.setPadding(new Insets(16));
        return box;
    }

    private static Label about(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static Node appearance(Sections s) {
        ToggleGroup group = new ToggleGroup();
        RadioButton light = new RadioButton("_Light");
        light.setId("settings-theme-light");
        RadioButton dark = new RadioButton("_Dark");
        dark.setId("settings-theme-dark");
        light.setToggleGroup(group);
        dark.setToggleGroup(group);
        boolean isDark = Theme.isDark();
        (isDark ? dark : light).setSelected(true);
        group.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                boolean d = now == dark;
                Theme.apply(d);
                s.settings().put("theme", d ? "dark" : "light");
                s.runner()
                        .run(Task.of(
                                "Saving settings",
                                p -> {
                                    s.settings().save();
                                    return null;
                                },
                                ok -> s.onThemeChanged().run(),
                                e -> {}));
            }
        });
        return section(
                about("Mailroom follows your system's light or dark setting at first; your choice here is kept. "
                        + "The ◐ button in the header switches too."),
                light,
                dark);
    }

    private static Node dns(Sections s) {
        Label inUse = new Label("Resolvers in use: " + s.dnsInUse());
        inUse.setId("settings-dns-in-use");
        inUse.setWrapText(true);
        Button change = new Button("Change _DNS settings…");
        change.setId("settings-dns");
        change.setOnAction(e -> s.openDns().run());
        return section(
                about(
                        "Which resolvers domain checks ask, how long they wait, how often domains are re-checked, "
                                + "the blocklists watched, and the relay's SPF and return-path records new domains start with."),
                inUse,
                change);
    }

    private static Node retention(Sections s) {
        Button change = new Button("Change event _retention…");
        change.setId("settings-retention");
        s.openRetention().ifPresentOrElse(open -> change.setOnAction(e -> open.run()), () -> change.setDisable(true));
        Label who = about(
                s.openRetention().isPresent()
                        ? "Raw events are dropped once a day after this many days; daily counts stay."
                        : "Only the agency owner may change how long raw events are kept.");
        return section(
                about("Each event (sent, delivered, bounced, opened…) is kept with its recipient for the message log "
                        + "for a number of days; analytics and the overview use daily counts, which stay."),
                who,
                change);
    }

    private static Node store(Sections s) {
        Label where = new Label(s.storeDescription());
        where.setId("settings-store-location");
        where.setWrapText(true);
        StoreViewModel vm = s.store();
        Label size = new Label();
        size.setId("settings-store-size");
        size.setWrapText(true);
        size.textProperty().bind(vm.size());
        Button compact = new Button("_Compact now");
        compact.setId("settings-store-compact");
        compact.disableProperty().bind(vm.compactable().not().or(vm.busy()));
        Label outcome = new Label();
        outcome.setId("settings-store-outcome");
        outcome.setWrapText(true);
        outcome.textProperty().bind(vm.outcome());
        Label who = about(
                vm.mayCompact()
                        ? "The file grows as Mailroom writes and gives space back when it compacts: a little while the console"
                                + " is idle, and at exit. Compacting now keeps the console usable; Cancel in the status bar"
                                + " stops it."
                        : "The file grows as Mailroom writes and gives space back when it compacts, while idle and at exit."
                                + " Only the agency owner may compact it now.");
        vm.load();
        return section(
                about("Where this console keeps its data. An H2 file store is this computer's alone; a PostgreSQL "
                        + "store is shared by a team (--jdbc-url)."),
                where,
                size,
                who,
                compact,
                outcome);
    }

    /** 1,234,567 bytes as "1.2 MB". */
    static String bytes(long n) {
        if (n < 1024) {
            return Formats.count(n) + " bytes";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
