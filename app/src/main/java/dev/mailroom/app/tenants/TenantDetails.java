package dev.mailroom.app.tenants;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.AccentDot;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.tenants.DriftFinding;
import dev.mailroom.model.tenants.Tenant;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One tenant's profile with the actions the person may take on it: edit, archive, restore, purge.
 * Buttons follow the person's permissions in that tenant; the use cases check them again.
 */
public final class TenantDetails {
    private final TenantDetailsViewModel vm;
    private final Session session;
    private final BackgroundRunner runner;
    private final Shell shell;
    private final VBox root = new VBox(12);

    public TenantDetails(Session session, BackgroundRunner runner, Shell shell) {
        this(
                new TenantDetailsViewModel(
                        session.services().tenants(),
                        session.services().access(),
                        session.actor(),
                        session.services().clock(),
                        shell::reloadTenants,
                        runner),
                session,
                runner,
                shell);
    }

    TenantDetails(TenantDetailsViewModel vm, Session session, BackgroundRunner runner, Shell shell) {
        this.vm = vm;
        this.session = session;
        this.runner = runner;
        this.shell = shell;
        root.getStyleClass().add("detail-pane");
        root.setId("tenant-details");
        vm.shown().addListener((o, was, now) -> render());
        vm.problem().addListener((o, was, now) -> render());
        render();
    }

    public Node root() {
        return root;
    }

    public TenantDetailsViewModel viewModel() {
        return vm;
    }

    public void show(Optional<Tenant> selected) {
        vm.show(selected);
    }

    private void render() {
        Label problem = Forms.error("tenant-problem", vm.problem());
        TenantDetailsViewModel.Shown shown = vm.shown().get();
        if (shown == null) {
            if (vm.selected().isEmpty()) {
                Label none = new Label("Select a tenant to see its details.");
                none.getStyleClass().add("text-muted");
                root.getChildren().setAll(none, problem);
            } else {
                root.getChildren().setAll(problem);
            }
            return;
        }
        Tenant t = shown.tenant();
        Label name = new Label(t.name());
        name.getStyleClass().add("title-3");
        // A long name is the one thing cut (whole in its tooltip); the chip and the buttons keep their words.
        name.setMinWidth(0);
        name.setTooltip(new Tooltip(t.name()));
        Node chip = TenantColumns.statusChip(t, shown.now());
        if (chip instanceof Region r) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox title = new HBox(10, AccentDot.of(t.accentColor(), 8), name, chip);
        title.setAlignment(Pos.CENTER_LEFT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        title.getChildren().add(spacer);

        boolean mayEdit = shown.mayEdit();
        boolean mayArchive = shown.mayArchive();
        if (!t.isArchived()) {
            Button edit = action("_Edit", Icons.edit(), "tenant-edit", this::edit);
            edit.setDisable(!mayEdit);
            Button archive = action("_Archive…", Icons.archive(), "tenant-archive", this::archive);
            archive.setDisable(!mayArchive);
            title.getChildren().addAll(edit, archive);
            if (!mayEdit || !mayArchive) {
                title.getChildren()
                        .add(readOnlyNote(
                                mayEdit
                                        ? "Only the tenant's Owner may archive it."
                                        : "Your role here is read-only for the profile."));
            }
        } else {
            Button restore = action("_Restore", Icons.restore(), "tenant-restore", vm::restore);
            restore.setDisable(!mayArchive);
            long daysLeft = shown.purgeDaysLeft();
            Button purge = action("_Purge…", Icons.purge(), "tenant-purge", this::purge);
            purge.getStyleClass().add("danger");
            purge.setDisable(!shown.mayPurge());
            if (daysLeft > 0) {
                purge.setTooltip(new Tooltip(
                        "Archived tenants can be purged 90 days after archiving: " + daysLeft + " days left."));
            }
            title.getChildren().addAll(restore, purge);
        }

        GridPane facts = new GridPane();
        facts.setHgap(24);
        facts.setVgap(6);
        int row = 0;
        row = fact(facts, row, "Contact", blankAsDash(t.contactName()));
        row = fact(facts, row, "Contact email", blankAsDash(t.contactEmail()));
        row = fact(facts, row, "Infrastructure", t.ownership().label());
        row = fact(facts, row, "Partner access", t.partnerAccess().label());
        row = fact(facts, row, "Created", Formats.exact(t.createdAt()));
        if (t.isArchived()) {
            fact(
                    facts,
                    row,
                    "Archived",
                    t.archivedAt().map(Formats::exact).orElse("") + " · read-only · can be purged from "
                            + t.purgeableFrom().map(Formats::day).orElse(""));
        }
        root.getChildren().setAll(title, problem, facts);
        if (!t.isArchived()) {
            root.getChildren().add(driftBox(t, shown.drift()));
        }
    }

    /** Whether the people holding roles match the declared partner-access pattern. */
    private static Node driftBox(Tenant t, List<DriftFinding> drift) {
        Label heading = new Label("Partner access: " + t.partnerAccess().label());
        heading.getStyleClass().add("field-label");
        VBox box = new VBox(6, heading);
        box.setId("drift-box");
        if (drift.isEmpty()) {
            box.getChildren()
                    .add(new dev.mailroom.app.common.Chip(
                            "Roles match the pattern", dev.mailroom.app.common.Chip.Tone.SUCCESS));
        } else {
            for (DriftFinding f : drift) {
                Label l = new Label(f.message(), Icons.warning());
                l.setWrapText(true);
                l.getStyleClass().add("drift-finding");
                box.getChildren().add(l);
            }
            Label hint = new Label("Change the roles under Users, or the pattern with Edit, so that they agree.");
            hint.getStyleClass().add("text-muted");
            box.getChildren().add(hint);
        }
        return box;
    }

    private static Node readOnlyNote(String text) {
        Label l = new Label(text, Icons.warning());
        l.getStyleClass().add("text-muted");
        return l;
    }

    private static String blankAsDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static int fact(GridPane grid, int row, String label, String value) {
        Label l = new Label(label);
        l.getStyleClass().add("text-muted");
        Label v = new Label(value);
        v.setWrapText(true);
        grid.addRow(row, l, v);
        return row + 1;
    }

    private static Button action(String text, Node icon, String id, Runnable action) {
        Button b = new Button(text, icon);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> action.run());
        return b;
    }

    void edit() {
        Optional<Tenant> t = vm.selected();
        if (t.isEmpty() || t.get().isArchived()) {
            return;
        }
        TenantFormDialog.show(shell.window(), TenantFormDialog.viewModel(session, runner, t))
                .ifPresent(saved -> shell.reloadTenants());
    }

    private void archive() {
        vm.selected()
                .flatMap(t -> ConfirmByNameDialog.ask(
                        shell.window(),
                        "Archive " + t.name() + "?",
                        "The tenant becomes read-only: nothing can be changed or sent for it. It stays under \"Archived\" "
                                + "and can be restored for 90 days; after that the owner may purge it and everything it holds.",
                        t.name(),
                        "Archive"))
                .ifPresent(typed -> vm.archive());
    }

    private void purge() {
        vm.selected()
                .flatMap(t -> ConfirmByNameDialog.ask(
                        shell.window(),
                        "Purge " + t.name() + " for good?",
                        "This deletes the tenant and everything it holds: domains, keys, templates, events, users' roles in it. "
                                + "It cannot be undone. The audit log keeps its record.",
                        t.name(),
                        "Purge"))
                .ifPresent(vm::purge);
    }
}
