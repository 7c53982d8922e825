package dev.mailroom.app.shell;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Theme;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.app.session.Session;
import dev.mailroom.model.tenants.Tenant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: header with the tenant switcher and the tenant's accent stripe, navigation in two
 * groups (agency, current tenant), the current page, and the status bar.
 */
public final class MainWindow implements Shell {
    private static final KeyCombination SWITCH = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEW = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination FILTER = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    private static final KeyCombination SETTINGS = new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);
    /** The switcher never takes more of the header than this; a longer name is cut with "…" (whole in the tooltip). */
    static final double SWITCHER_MAX_WIDTH = 340;

    private final Session session;
    private final BackgroundRunner runner;
    private final UiSettings settings;
    private final SessionControl control;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final ToggleGroup navGroup = new ToggleGroup();
    private final List<NavEntry> entries;
    private final Map<String, Page> pages = new LinkedHashMap<>();
    private final VBox tenantNav = new VBox(2);
    private final Region stripe = new Region();
    private final String storeDescription;
    private String currentId;
    private Page current;
    private String pendingTenantPage;
    private Scene scene;
    private final Map<KeyCombination, Runnable> shortcuts = new LinkedHashMap<>();

    public MainWindow(
            Session session,
            BackgroundRunner runner,
            UiSettings settings,
            List<NavEntry> entries,
            SessionControl control,
            String storeDescription) {
        this.session = session;
        this.entries = entries.stream()
                .filter(e -> e.group() == NavEntry.Group.TENANT
                        || e.requires() == null
                        || session.access().mayAnywhere(e.requires()))
                .toList();
        this.runner = runner;
        this.settings = settings;
        this.control = control;
        this.storeDescription = storeDescription;
        root.setId("main-window");
        root.getStyleClass().add("main-window");
        VBox top = new VBox(header(), stripe);
        session.actor().impersonator().ifPresent(owner -> top.getChildren().add(actingBanner()));
        root.setTop(top);
        root.setLeft(navigation());
        content.getStyleClass().add("page-area");
        root.setCenter(content);
        root.setBottom(new StatusBar(runner.jobs(), storeDescription).root());
        stripe.getStyleClass().add("tenant-stripe");
        session.currentTenantProperty().addListener((o, was, now) -> tenantChanged(now));
        tenantChanged(null);
    }

    public Parent root() {
        return root;
    }

    /** Called once the root is in a scene: installs shortcuts, loads tenants, opens the first page. */
    public void start() {
        start(java.util.Optional.empty());
    }

    /** As {@link #start()}, opening the given page first when it exists for this person. */
    public void start(java.util.Optional<String> firstPage) {
        scene = root.getScene();
        shortcuts.put(SWITCH, this::openSwitcher);
        shortcuts.put(NEW, () -> currentPage().newItem());
        shortcuts.put(FILTER, () -> currentPage().focusFilter());
        shortcuts.put(REFRESH, () -> currentPage().refresh());
        shortcuts.put(SETTINGS, this::openSettings);
        scene.getAccelerators().putAll(shortcuts);
        show(firstPage
                .filter(id -> entries.stream().anyMatch(e -> e.id().equals(id) && e.group() == NavEntry.Group.AGENCY))
                .orElse(entries.get(0).id()));
        // A tenant screen can only open once the current tenant is known.
        pendingTenantPage = firstPage
                .filter(id -> entries.stream().anyMatch(e -> e.id().equals(id) && e.group() == NavEntry.Group.TENANT))
                .orElse(null);
        reloadTenants();
    }

    public void stop() {
        if (scene != null) {
            shortcuts.keySet().forEach(scene.getAccelerators()::remove);
        }
    }

    @Override
    public void openTenant(Tenant tenant) {
        session.currentTenantProperty().set(tenant);
        entries.stream()
                .filter(e -> e.group() == NavEntry.Group.TENANT)
                .findFirst()
                .ifPresent(e -> show(e.id()));
    }

    @Override
    public void reloadTenants() {
        runner.run(Task.of(
                "Loading tenants",
                p -> session.services().tenants().list(session.actor()),
                tenants -> {
                    session.setTenants(tenants);
                    if (session.currentTenant().isEmpty()) {
                        // The last tenant used, else the first active one: the header always names a client when there
                        // is one.
                        settings.get("tenant.last")
                                .flatMap(id -> find(tenants, id))
                                .or(() -> tenants.stream()
                                        .filter(t -> !t.isArchived())
                                        .findFirst())
                                .ifPresent(session.currentTenantProperty()::set);
                    }
                    if (pendingTenantPage != null && session.currentTenant().isPresent()) {
                        show(pendingTenantPage);
                        pendingTenantPage = null;
                    }
                },
                e -> Dialogs.showError(window(), "Could not load the tenants", e)));
    }

    @Override
    public UiSettings settings() {
        return settings;
    }

    @Override
    public Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    private static java.util.Optional<Tenant> find(List<Tenant> tenants, String id) {
        return tenants.stream()
                .filter(t -> Long.toString(t.id().value()).equals(id))
                .findFirst();
    }

    private Node header() {
        Label brand = new Label("Mailroom", Icons.mail());
        brand.getStyleClass().add("brand");
        Label agency = new Label("· " + session.agencyName());
        agency.getStyleClass().add("agency-name");

        Button switcher = new Button();
        switcher.setId("tenant-switcher");
        switcher.getStyleClass().add("tenant-switcher");
        Tooltip switcherTip = new Tooltip();
        switcherTip
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> session.currentTenant()
                                .map(t -> t.name() + "\nSwitch tenant (Ctrl+K)")
                                .orElse("Switch tenant (Ctrl+K)"),
                        session.currentTenantProperty()));
        switcher.setTooltip(switcherTip);
        // A long name is cut inside the button; the rest of the header keeps its room.
        switcher.setMaxWidth(SWITCHER_MAX_WIDTH);
        switcher.setMinWidth(120);
        switcher.setTextOverrun(javafx.scene.control.OverrunStyle.ELLIPSIS);
        switcher.setOnAction(e -> openSwitcher());
        switcher.setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
        switcher.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> session.currentTenant()
                                .map(t -> t.name() + (t.isArchived() ? "  (archived)" : ""))
                                .orElse("Choose a tenant"),
                        session.currentTenantProperty()));
        switcher.graphicProperty()
                .bind(Bindings.createObjectBinding(
                        () -> session.currentTenant()
                                .<Node>map(t -> AccentDot.of(t.accentColor(), 7))
                                .orElse(Icons.tenants()),
                        session.currentTenantProperty()));
        Label shortcut = new Label("Ctrl+K");
        shortcut.getStyleClass().add("shortcut-hint");
        shortcut.setMinWidth(Region.USE_PREF_SIZE);
        brand.setMinWidth(Region.USE_PREF_SIZE);
        agency.setMinWidth(60);
        agency.setTooltip(new Tooltip(session.agencyName()));

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        Button theme = new Button(null, Icons.theme());
        theme.setId("theme-toggle");
        theme.getStyleClass().addAll("flat", "button-icon");
        theme.setTooltip(new Tooltip("Switch between light and dark"));
        theme.setOnAction(e -> toggleTheme());

        MenuButton user = new MenuButton(session.actor().user().name(), Icons.user());
        user.setId("user-menu");
        user.getStyleClass().add("flat");
        MenuItem changePassword = new MenuItem("Change password…");
        changePassword.setId("change-password");
        changePassword.setDisable(session.actor().isActingAs());
        changePassword.setOnAction(e -> dev.mailroom.app.signin.ChangePasswordView.dialog(
                window(),
                new dev.mailroom.app.signin.ChangePasswordViewModel(
                        session.services().signIn(), runner, session.actor())));
        MenuItem signOut = new MenuItem("Sign out");
        signOut.setId("sign-out");
        signOut.setOnAction(e -> {
            stop();
            control.signOut();
        });
        MenuItem settingsItem = new MenuItem("Settings…");
        settingsItem.setId("open-settings");
        settingsItem.setAccelerator(SETTINGS);
        settingsItem.setOnAction(e -> openSettings());
        user.getItems().setAll(changePassword, settingsItem, new javafx.scene.control.SeparatorMenuItem(), signOut);
        user.setMinWidth(Region.USE_PREF_SIZE);
        theme.setMinWidth(Region.USE_PREF_SIZE);

        HBox header = new HBox(10, brand, agency, switcher, shortcut, spacer, theme, user);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("app-header");
        return header;
    }

    private Node actingBanner() {
        Label text = new Label();
        text.setId("acting-banner-text");
        text.setGraphic(Icons.warning());
        text.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "Acting as " + session.actor().user().name()
                                + session.currentTenant()
                                        .map(t -> " in " + t.name())
                                        .orElse("")
                                + ". Everything you do is recorded with your name and theirs.",
                        session.currentTenantProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button stopActing = new Button("_Stop acting");
        stopActing.setId("stop-acting");
        stopActing.setOnAction(e -> {
            stop();
            control.stopActing();
        });
        HBox banner = new HBox(10, text, spacer, stopActing);
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setId("acting-banner");
        banner.getStyleClass().add("acting-banner");
        return banner;
    }

    @Override
    public void actAs(dev.mailroom.model.common.UserId user) {
        stop();
        control.actAs(user);
    }

    private Node navigation() {
        Label agencyHeading = new Label("AGENCY");
        agencyHeading.getStyleClass().add("nav-heading");
        VBox agencyNav = new VBox(2, agencyHeading);

        Label tenantHeading = new Label();
        tenantHeading.setId("nav-tenant-heading");
        tenantHeading.getStyleClass().add("nav-heading");
        tenantHeading
                .textProperty()
                .bind(Bindings.createStringBinding(
                        () -> session.currentTenant()
                                .map(t -> t.name().toUpperCase())
                                .orElse(""),
                        session.currentTenantProperty()));
        tenantNav.getChildren().setAll(tenantHeading);

        for (NavEntry e : entries) {
            ToggleButton b = navButton(e.id(), e.label(), e.icon().get());
            if (e.group() == NavEntry.Group.TENANT && e.requires() != null) {
                // A tenant screen is listed only where the person may open it in the current tenant.
                var allowed = Bindings.createBooleanBinding(
                        () -> session.currentTenant()
                                .map(t -> session.access().may(t.id(), e.requires()))
                                .orElse(false),
                        session.currentTenantProperty());
                b.visibleProperty().bind(allowed);
                b.managedProperty().bind(allowed);
            }
            (e.group() == NavEntry.Group.AGENCY ? agencyNav : tenantNav)
                    .getChildren()
                    .add(b);
        }
        VBox nav = new VBox(18, agencyNav, tenantNav);
        nav.getStyleClass().add("side-nav");
        nav.setPrefWidth(210);
        return nav;
    }

    private ToggleButton navButton(String id, String label, FontIcon icon) {
        ToggleButton b = new ToggleButton(label, icon);
        b.setId("nav-" + id);
        b.setUserData(id);
        b.setToggleGroup(navGroup);
        b.getStyleClass().add("nav-item");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setAlignment(Pos.CENTER_LEFT);
        b.setOnAction(e -> show(id));
        return b;
    }

    private void show(String id) {
        NavEntry entry =
                entries.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
        Page page = pages.computeIfAbsent(id, k -> entry.page().apply(this));
        current = page;
        currentId = id;
        content.getChildren().setAll(page.root());
        navGroup.getToggles().stream()
                .filter(t -> id.equals(t.getUserData()))
                .findFirst()
                .ifPresent(t -> t.setSelected(true));
        page.refresh();
    }

    /** The id of the page shown ("overview", "domains" …), or "no page" before the first. */
    public String shownPageId() {
        return currentId == null ? "no page" : currentId;
    }

    private Page currentPage() {
        return current == null
                ? new Page() {
                    @Override
                    public Node root() {
                        return new Region();
                    }
                }
                : current;
    }

    private void openSwitcher() {
        TenantSwitcher.open(window(), session.tenants(), this::switchTenant);
    }

    /**
     * The switcher: the page stays the same where the person may open it in the new tenant (an agency
     * page always), else the tenant's first page.
     */
    void switchTenant(Tenant tenant) {
        session.currentTenantProperty().set(tenant);
        String here = currentId;
        NavEntry entry =
                entries.stream().filter(e -> e.id().equals(here)).findFirst().orElse(null);
        if (entry != null
                && (entry.group() == NavEntry.Group.AGENCY
                        || entry.requires() == null
                        || session.access().may(tenant.id(), entry.requires()))) {
            show(here);
            return;
        }
        entries.stream()
                .filter(e -> e.group() == NavEntry.Group.TENANT
                        && (e.requires() == null || session.access().may(tenant.id(), e.requires())))
                .findFirst()
                .ifPresent(e -> show(e.id()));
    }

    /** Ctrl+, and the user menu: the one Settings window (built by whoever started the session). */
    public void openSettings() {
        control.openSettings(window(), session, storeDescription);
    }

    private void tenantChanged(Tenant tenant) {
        boolean any = tenant != null;
        tenantNav.setVisible(any);
        tenantNav.setManaged(any);
        stripe.setStyle(any ? "-fx-background-color: " + tenant.accentColor() + ";" : "");
        if (any) {
            settings.put("tenant.last", Long.toString(tenant.id().value()));
        } else if (current != null
                && entries.stream().anyMatch(e -> e.group() == NavEntry.Group.TENANT && pages.get(e.id()) == current)) {
            show(entries.get(0).id());
        }
    }

    private void toggleTheme() {
        boolean dark = !Theme.isDark();
        Theme.apply(dark);
        settings.put("theme", dark ? "dark" : "light");
        runner.run(Task.of(
                "Saving settings",
                p -> {
                    settings.save();
                    return null;
                },
                ok -> {},
                e -> {}));
    }
}
