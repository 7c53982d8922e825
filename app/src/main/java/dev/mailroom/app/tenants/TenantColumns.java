package dev.mailroom.app.tenants;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.shell.AccentDot;
import dev.mailroom.model.tenants.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

/** Table columns over tenant records, shared by the overview and the tenants page. */
public final class TenantColumns {
    private TenantColumns() {}

    public static TableColumn<Tenant, String> text(String title, Function<Tenant, String> value, double width) {
        return dev.mailroom.app.common.Tables.text(title, value, width);
    }

    /** The name with the accent dot; sorts by name, case-insensitively. */
    public static TableColumn<Tenant, Tenant> name() {
        TableColumn<Tenant, Tenant> c = new TableColumn<>("Tenant");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setComparator((a, b) -> a.name().compareToIgnoreCase(b.name()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Tenant t, boolean empty) {
                super.updateItem(t, empty);
                if (empty || t == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                // A long name wraps onto a second line rather than being cut.
                setGraphic(AccentDot.of(t.accentColor(), 6));
                setGraphicTextGap(8);
                setWrapText(true);
                setText(t.name());
            }
        });
        c.setPrefWidth(240);
        return c;
    }

    public static TableColumn<Tenant, Tenant> status(Clock clock) {
        TableColumn<Tenant, Tenant> c = new TableColumn<>("Status");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setComparator((a, b) -> a.status().compareTo(b.status()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Tenant t, boolean empty) {
                super.updateItem(t, empty);
                setGraphic(empty || t == null ? null : statusChip(t, clock.instant()));
            }
        });
        c.setPrefWidth(190);
        return c;
    }

    public static Chip statusChip(Tenant t, Instant now) {
        if (!t.isArchived()) {
            return new Chip("Active", Chip.Tone.SUCCESS);
        }
        long days = t.daysUntilPurgeable(now).orElse(0L);
        return new Chip(days > 0 ? "Archived · " + days + " days left" : "Archived · can be purged", Chip.Tone.NEUTRAL);
    }

    /** Double-click or Enter on a row opens that tenant. */
    public static void openOnActivate(
            javafx.scene.control.TableView<Tenant> table, dev.mailroom.app.shell.Shell shell) {
        table.setRowFactory(tv -> {
            javafx.scene.control.TableRow<Tenant> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    shell.openTenant(row.getItem());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER
                    && table.getSelectionModel().getSelectedItem() != null) {
                shell.openTenant(table.getSelectionModel().getSelectedItem());
            }
        });
    }

    public static TableColumn<Tenant, Instant> created(Clock clock) {
        TableColumn<Tenant, Instant> c = new TableColumn<>("Created");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().createdAt()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Instant at, boolean empty) {
                super.updateItem(at, empty);
                setText(empty || at == null ? null : Formats.ago(at, clock.instant()));
                setTooltip(empty || at == null ? null : new Tooltip(Formats.exact(at)));
            }
        });
        c.setPrefWidth(120);
        return c;
    }
}
