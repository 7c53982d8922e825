package dev.mailroom.app.overview;

import dev.mailroom.app.analytics.Rates;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Formats;
import dev.mailroom.model.activity.HealthFlag;
import dev.mailroom.model.activity.TenantActivity;
import dev.mailroom.model.activity.TenantHealth;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.Tenant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableMap;
import javafx.geometry.Pos;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The overview's health columns: 30-day volume, bounce and complaint rates as chips against the
 * providers' thresholds, and the flags. They read a map filled in the background; a tenant missing
 * from it has had no mail in 30 days.
 */
final class HealthColumns {
    private final ObservableMap<TenantId, TenantHealth> health;

    HealthColumns(ObservableMap<TenantId, TenantHealth> health) {
        this.health = health;
    }

    TenantHealth of(Tenant t) {
        return health.getOrDefault(t.id(), TenantHealth.of(t.id(), TenantActivity.NONE));
    }

    List<TableColumn<Tenant, ?>> columns() {
        TableColumn<Tenant, Long> volume = new TableColumn<>("Volume 30d");
        volume.setId("health-volume");
        volume.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(of(cd.getValue()).volume30Days()));
        volume.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : Formats.count(n));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        volume.setPrefWidth(115);
        volume.setMinWidth(115);
        return List.of(volume,
                rate("Bounces", "health-bounce", t -> t.activity().last30Days().bounceRate(), Rates::bounceChip),
                rate("Complaints", "health-complaint", t -> t.activity().last30Days().complaintRate(), Rates::complaintChip),
                flags());
    }

    private TableColumn<Tenant, Double> rate(String title, String id, Function<TenantHealth, OptionalDouble> rate,
            Function<OptionalDouble, Chip> chip) {
        TableColumn<Tenant, Double> c = new TableColumn<>(title);
        c.setId(id);
        // Sorted by the rate; tenants without mail sort below zero.
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(rate.apply(of(cd.getValue())).orElse(-1)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double value, boolean empty) {
                super.updateItem(value, empty);
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    setGraphic(null);
                    return;
                }
                Chip shown = chip.apply(rate.apply(of(getTableRow().getItem())));
                shown.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                setGraphic(shown);
            }
        });
        c.setPrefWidth(105);
        c.setMinWidth(105);
        return c;
    }

    private TableColumn<Tenant, Integer> flags() {
        TableColumn<Tenant, Integer> c = new TableColumn<>("Flags");
        c.setId("health-flags");
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(of(cd.getValue()).flags().size()));
        c.setComparator(Comparator.naturalOrder());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer n, boolean empty) {
                super.updateItem(n, empty);
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                TenantHealth h = of(getTableRow().getItem());
                HBox chips = new HBox(4);
                chips.setAlignment(Pos.CENTER_LEFT);
                for (HealthFlag f : HealthFlag.values()) {
                    if (h.flags().contains(f)) {
                        Chip chip = new Chip(f.label(), f == HealthFlag.VOLUME_SPIKE ? Chip.Tone.WARNING : Chip.Tone.DANGER);
                        chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                        chips.getChildren().add(chip);
                    }
                }
                setGraphic(chips.getChildren().isEmpty() ? null : chips);
                setTooltip(h.flags().isEmpty() ? null : new Tooltip(h.flags().stream().sorted()
                        .map(HealthFlag::explanation).collect(java.util.stream.Collectors.joining("\n"))
                        + "\nSent today: " + Formats.count(h.activity().sentToday()) + "; 7-day mean: "
                        + Formats.count(Math.round(h.activity().sentPrevious7Days() / 7.0))));
            }
        });
        c.setPrefWidth(190);
        c.setMinWidth(180);
        return c;
    }

}
