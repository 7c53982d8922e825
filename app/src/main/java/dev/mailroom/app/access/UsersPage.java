package dev.mailroom.app.access;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.ColumnChoice;
import dev.mailroom.app.common.ColumnPicker;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Tables;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.AccentDot;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.User;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.Tenant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * Agency › Users: the people the signed-in person may manage, their roles per client, and what can
 * be done to their accounts. Everything offered here is checked again by the use cases.
 */
public final class UsersPage implements Page {
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(12);
    private final ObservableList<UserAccount> accounts = FXCollections.observableArrayList();
    private final FilteredList<UserAccount> shown = new FilteredList<>(accounts);
    private final TableView<UserAccount> table = new TableView<>();
    private final VBox detail = new VBox(12);
    private final TextField filter = new TextField();

    /**
     * The table's columns: at 1280 wide all five fit with Roles taking the rest; narrower, Works for and then
     * Status go to the Columns menu.
     */
    static final List<ColumnChoice.Column> COLUMNS = List.of(
            ColumnChoice.Column.required("name", "Name", 140),
            ColumnChoice.Column.required("email", "Email", 310), // "fay.okafor@northwind-logistics.example" whole
            ColumnChoice.Column.of("works-for", "Works for", 165, 2), // "Northwind Logistics" whole
            ColumnChoice.Column.of("status", "Status", 135, 1), // the "First password" chip whole
            ColumnChoice.Column.required("roles", "Roles", 245));

    public UsersPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        Button add = new Button("_Add user", Icons.add());
        add.setId("add-user");
        add.getStyleClass().add("accent");
        add.setOnAction(e -> newItem());

        filter.setId("user-filter");
        filter.setPromptText("Filter by name or email (Ctrl+F)");
        filter.setPrefWidth(300);
        filter.textProperty().addListener((o, was, q) -> {
            String s = q.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(a -> s.isEmpty()
                    || a.user().name().toLowerCase(Locale.ROOT).contains(s)
                    || a.user().email().toLowerCase(Locale.ROOT).contains(s));
        });

        table.setId("users-table");
        table.getColumns().add(Tables.text("name", "Name", a -> a.user().name(), 150));
        table.getColumns().add(Tables.text("email", "Email", a -> a.user().email(), 270));
        table.getColumns().add(Tables.wrapped("works-for", "Works for", this::worksFor, 150));
        TableColumn<UserAccount, UserAccount> status = new TableColumn<>("Status");
        status.setId("status");
        status.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(UserAccount a, boolean empty) {
                super.updateItem(a, empty);
                setGraphic(empty || a == null ? null : statusChip(a.user()));
            }
        });
        status.setSortable(false);
        table.getColumns().add(status);
        table.getColumns().add(Tables.wrapped("roles", "Roles", this::rolesSummary, 300));
        // Unconstrained: the columns shown fit the width and Roles takes the rest; should the ones picked not
        // fit, a scroll bar reaches them.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        MenuButton columns = ColumnPicker.of(
                table,
                new ColumnChoice(
                        "users",
                        COLUMNS,
                        shell.settings(),
                        session.actor().realPerson().id(),
                        runner),
                "roles");
        SortedList<UserAccount> sorted = new SortedList<>(shown);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setPlaceholder(new Label("No users you manage yet. Add one to give a colleague or a client access."));
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, a) -> renderDetail(Optional.ofNullable(a)));

        ScrollPane detailScroll = new ScrollPane(detail);
        detailScroll.setFitToWidth(true);
        detail.getStyleClass().add("detail-pane");
        SplitPane split = new SplitPane(table, detailScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        root.getChildren()
                .setAll(
                        PageHeader.of(
                                "Users",
                                "Console users and their roles per client. A user sees only the clients they hold a role in.",
                                columns,
                                add),
                        filter,
                        split);
        root.getStyleClass().add("page");
        renderDetail(Optional.empty());
    }

    private String worksFor(UserAccount a) {
        if (a.user().agencyOwner()) {
            return "Agency (owner)";
        }
        return a.user()
                .homeTenant()
                .flatMap(this::tenant)
                .map(t -> t.name())
                .orElse(a.user().staffKind().label());
    }

    private Optional<Tenant> tenant(TenantId id) {
        return session.tenants().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    private String rolesSummary(UserAccount a) {
        if (a.user().agencyOwner()) {
            return "Everything, in every client";
        }
        if (a.roles().isEmpty()) {
            return "—";
        }
        return a.roles().entrySet().stream()
                .map(e -> tenant(e.getKey()).map(Tenant::name).orElse("?") + ": "
                        + EnumSet.copyOf(e.getValue()).stream().map(Role::label).collect(Collectors.joining(", ")))
                .sorted()
                .collect(Collectors.joining("\n")); // one client a line: wrapped, never cut
    }

    static Chip statusChip(User u) {
        if (u.agencyOwner()) {
            return new Chip("Agency owner", Chip.Tone.ACCENT);
        } else if (!u.active()) {
            return new Chip("Deactivated", Chip.Tone.NEUTRAL);
        } else if (u.mustChangePassword()) {
            return new Chip("First password", Chip.Tone.WARNING);
        }
        return new Chip("Active", Chip.Tone.SUCCESS);
    }

    private void renderDetail(Optional<UserAccount> selected) {
        if (selected.isEmpty()) {
            Label none = new Label("Select a user to see and change their roles.");
            none.getStyleClass().add("text-muted");
            detail.getChildren().setAll(none);
            return;
        }
        UserAccount a = selected.get();
        User u = a.user();
        Label name = new Label(u.name());
        name.getStyleClass().add("title-3");
        Label email = new Label(u.email());
        email.getStyleClass().add("text-muted");
        HBox title = new HBox(10, name, email, statusChip(u));
        title.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        title.getChildren().add(spacer);
        boolean self = u.id().equals(session.actor().userId());
        if (!u.agencyOwner() && !self) {
            Button active = new Button(u.active() ? "_Deactivate" : "_Reactivate");
            active.setId("user-toggle-active");
            active.setOnAction(e -> change(
                    u.active() ? "Deactivating " : "Reactivating ",
                    u,
                    () -> session.services().users().setActive(session.actor(), u.id(), !u.active())));
            title.getChildren().add(active);
            if (session.isAgencyOwner()) {
                Button reset = new Button("Reset _password…");
                reset.setOnAction(e -> resetPassword(u));
                Button actAs = new Button("Act _as", Icons.actAs());
                actAs.setId("user-act-as");
                actAs.setDisable(!u.active());
                actAs.setOnAction(e -> shell.actAs(u.id()));
                title.getChildren().addAll(reset, actAs);
            }
            boolean mayDelete = session.isAgencyOwner()
                    || u.homeTenant()
                            .map(t -> session.access().may(t, Permission.USER_DELETE))
                            .orElse(false);
            if (mayDelete) {
                Button delete = new Button("De_lete…", Icons.purge());
                delete.getStyleClass().add("danger");
                delete.setOnAction(e -> {
                    if (Dialogs.confirm(
                            shell.window(),
                            "Delete " + u.name() + "?",
                            "Their account and every role they hold "
                                    + "are removed. The audit log keeps what they did, under their name.",
                            "Delete")) {
                        runner.run(Task.of(
                                "Deleting " + u.name(),
                                p -> {
                                    session.services().users().delete(session.actor(), u.id());
                                    return null;
                                },
                                ok -> refresh(),
                                err -> Dialogs.showError(shell.window(), "Could not delete " + u.name(), err)));
                    }
                });
                title.getChildren().add(delete);
            }
        }
        detail.getChildren().setAll(title);
        if (u.agencyOwner()) {
            detail.getChildren().add(new Label("The agency owner may do everything in every client; no roles to set."));
            return;
        }
        detail.getChildren().add(roleGrid(a));
    }

    /** One row per client the viewer manages, one box per role; Owner only where the viewer is an Owner. */
    private Node roleGrid(UserAccount a) {
        GridPane grid = new GridPane();
        grid.setId("role-grid");
        grid.setHgap(14);
        grid.setVgap(8);
        grid.add(new Label("Client"), 0, 0);
        Role[] roles = Role.values();
        for (int i = 0; i < roles.length; i++) {
            Label h = new Label(roles[i].label());
            h.getStyleClass().add("text-muted");
            grid.add(h, i + 1, 0);
        }
        int row = 1;
        for (Tenant t : session.tenants()) {
            if (t.isArchived() || !session.access().may(t.id(), Permission.USERS_MANAGE)) {
                continue;
            }
            HBox tenantLabel = new HBox(6, AccentDot.of(t.accentColor(), 5), new Label(t.name()));
            tenantLabel.setAlignment(Pos.CENTER_LEFT);
            grid.add(tenantLabel, 0, row);
            Set<Role> held = a.roles().getOrDefault(t.id(), Set.of());
            Map<Role, CheckBox> boxes = new EnumMap<>(Role.class);
            for (int i = 0; i < roles.length; i++) {
                CheckBox box = new CheckBox();
                box.setId("role-" + t.id().value() + "-" + roles[i].name());
                box.setSelected(held.contains(roles[i]));
                if (roles[i] == Role.OWNER && !session.access().may(t.id(), Permission.TENANT_ARCHIVE)) {
                    box.setDisable(true);
                    box.setTooltip(new javafx.scene.control.Tooltip(
                            "Only an Owner of this client may grant or remove Owner."));
                }
                boxes.put(roles[i], box);
                grid.add(box, i + 1, row);
            }
            Button save = new Button("Save");
            save.setId("roles-save-" + t.id().value());
            save.getStyleClass().add("small");
            save.setOnAction(e -> {
                Set<Role> chosen = boxes.entrySet().stream()
                        .filter(b -> b.getValue().isSelected())
                        .map(Map.Entry::getKey)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
                change(
                        "Saving roles of ",
                        a.user(),
                        () -> session.services()
                                .users()
                                .setRoles(session.actor(), a.user().id(), t.id(), chosen));
            });
            grid.add(save, roles.length + 1, row);
            row++;
        }
        if (row == 1) {
            return new Label("You manage no active client, so there are no roles to set here.");
        }
        return grid;
    }

    private void change(String what, User u, java.util.function.Supplier<Object> call) {
        runner.run(Task.of(
                what + u.name(),
                p -> call.get(),
                ok -> refresh(),
                e -> Dialogs.showError(shell.window(), "Could not change " + u.name(), e)));
    }

    private void resetPassword(User u) {
        TextInputDialog ask = new TextInputDialog();
        ask.initOwner(shell.window());
        ask.setTitle("Reset password");
        ask.setHeaderText("A new first password for " + u.name() + ". They must change it when they sign in.");
        PasswordField field = new PasswordField();
        ask.getDialogPane().setContent(new VBox(8, new Label("New password (at least 8 characters):"), field));
        ask.setResultConverter(b -> b == javafx.scene.control.ButtonType.OK ? field.getText() : null);
        ask.showAndWait()
                .ifPresent(pw -> runner.run(Task.of(
                        "Resetting the password of " + u.name(),
                        p -> {
                            session.services().users().resetPassword(session.actor(), u.id(), pw.toCharArray());
                            return null;
                        },
                        ok -> refresh(),
                        e -> Dialogs.showError(shell.window(), "Could not reset the password", e))));
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        Optional<dev.mailroom.model.common.UserId> selected = Optional.ofNullable(
                        table.getSelectionModel().getSelectedItem())
                .map(a -> a.user().id());
        runner.run(Task.of(
                "Loading users",
                p -> session.services().users().list(session.actor()),
                list -> {
                    accounts.setAll(list);
                    selected.flatMap(id -> table.getItems().stream()
                                    .filter(a -> a.user().id().equals(id))
                                    .findFirst())
                            .ifPresentOrElse(
                                    a -> table.getSelectionModel().select(a), () -> renderDetail(Optional.empty()));
                },
                e -> Dialogs.showError(shell.window(), "Could not load the users", e)));
    }

    @Override
    public void newItem() {
        UserFormDialog.show(shell.window(), session, runner).ifPresent(created -> refresh());
    }

    @Override
    public void focusFilter() {
        filter.requestFocus();
    }
}
