package dev.mailroom.app.overview;

import dev.mailroom.app.analytics.Rates;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Formats;
import dev.mailroom.model.activity.HealthFlag;
import dev.mailroom.model.activity.TenantHealth;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.tenants.Tenant;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
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
    private final OverviewViewModel vm;

    HealthColumns(OverviewViewModel vm) {
        this.vm = vm;
    }

    /** Whether this row's figures are hidden from this person: shown as "—" with the reason, never as 0. */
    boolean hidden(Tenant t) {
        return t != null && vm.figuresHidden(t);
    }

    static final String HIDDEN = OverviewViewModel.HIDDEN;

    static Tooltip hiddenTip(Tenant t) {
        return new Tooltip("Your role in " + t.name()
                + " does not include analytics, so its volume, rates and flags are not shown to you.");
    }

    /** Shows "—" with the reason when the row is hidden from this person; true when it did. */
    private static boolean showHidden(TableCell<Tenant, ?> cell, HealthColumns columns) {
        Tenant row = cell.getTableRow() == null ? null : cell.getTableRow().getItem();
        if (cell.isEmpty() || row == null || !columns.hidden(row)) {
            return false;
        }
        cell.setGraphic(null);
        cell.setText(HIDDEN);
        cell.setTooltip(hiddenTip(row));
        return true;
    }

    TenantHealth of(Tenant t) {
        return vm.healthOf(t);
    }

    List<TableColumn<Tenant, ?>> columns() {
        TableColumn<Tenant, Long> volume = new TableColumn<>("30 days");
        volume.setId("volume");
        volume.setCellValueFactory(
                cd -> new ReadOnlyObjectWrapper<>(of(cd.getValue()).volume30Days()));
        volume.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long n, boolean empty) {
                super.updateItem(n, empty);
                setAlignment(Pos.CENTER_RIGHT);
                setTooltip(null);
                if (showHidden(this, HealthColumns.this)) {
                    return;
                }
                setText(empty || n == null ? null : Formats.count(n));
            }
        });

        return List.of(
                volume,
                rate("Bounces", "bounces", t -> t.activity().last30Days().bounceRate(), Rates::bounceChip),
                rate("Complaints", "complaints", t -> t.activity().last30Days().complaintRate(), Rates::complaintChip),
                flags());
    }

    private TableColumn<Tenant, Double> rate(
            String title, String id, Function<TenantHealth, OptionalDouble> rate, Function<OptionalDouble, Chip> chip) {
        TableColumn<Tenant, Double> c = new TableColumn<>(title);
        c.setId(id);
        // Sorted by the rate; tenants without mail sort below zero.
        c.setCellValueFactory(
                cd -> new ReadOnlyObjectWrapper<>(rate.apply(of(cd.getValue())).orElse(-1)));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double value, boolean empty) {
                super.updateItem(value, empty);
                setText(null);
                setTooltip(null);
                if (showHidden(this, HealthColumns.this)) {
                    return;
                }
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    setGraphic(null);
                    return;
                }
                Chip shown = chip.apply(rate.apply(of(getTableRow().getItem())));
                shown.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                setGraphic(shown);
            }
        });
        return c;
    }

    private TableColumn<Tenant, Integer> flags() {
        TableColumn<Tenant, Integer> c = new TableColumn<>("Flags");
        c.setId("flags");
        c.setCellValueFactory(
                cd -> new ReadOnlyObjectWrapper<>(of(cd.getValue()).flags().size()));
        c.setComparator(Comparator.naturalOrder());
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer n, boolean empty) {
                super.updateItem(n, empty);
                setText(null);
                if (showHidden(this, HealthColumns.this)) {
                    return;
                }
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    setGraphic(null);
                    setTooltip(null);
                    return;
                }
                TenantHealth h = of(getTableRow().getItem());
                HBox chips = new HBox(4);
                chips.setAlignment(Pos.CENTER_LEFT);
                // The first flag as a chip, "+N" for the rest: every flag is in the tooltip, none cut at the edge.
                for (HealthFlag f : HealthFlag.values()) {
                    if (h.flags().contains(f) && !chips.getChildren().isEmpty()) {
                        Chip more = new Chip("+" + (h.flags().size() - 1), Chip.Tone.NEUTRAL);
                        more.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                        chips.getChildren().add(more);
                        break;
                    }
                    if (h.flags().contains(f)) {
                        Chip chip = new Chip(
                                f.label(), f == HealthFlag.VOLUME_SPIKE ? Chip.Tone.WARNING : Chip.Tone.DANGER);
                        chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                        chips.getChildren().add(chip);
                    }
                }
                setGraphic(chips.getChildren().isEmpty() ? null : chips);
                setTooltip(
                        h.flags().isEmpty()
                                ? null
                                : new Tooltip(h.flags().stream()
                                                .sorted()
                                                .map(HealthFlag::explanation)
                                                .collect(java.util.stream.Collectors.joining("\n"))
                                        + "\nSent today: "
                                        + Formats.count(h.activity().sentToday()) + "; 7-day mean: "
                                        + Formats.count(Math.round(h.activity().sentPrevious7Days() / 7.0))));
            }
        });
        return c;
    }

    /**
     * "Warm-up": the least advanced plan still ramping ("Day 4 · 40/day" as an amber chip, every plan's stage in
     * the tooltip), "Warmed up" when all are done, — without plans. "Probation": the daily cap, or —.
     */
    List<TableColumn<Tenant, ?>> limitColumns() {
        TableColumn<Tenant, Integer> warmup = new TableColumn<>("Warm-up");
        warmup.setId("warmup");
        // Sorted by today's allowance of the least advanced ramping plan: who ramps slowest comes first.
        warmup.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(limitsOf(cd.getValue())
                .flatMap(l -> l.ramping().stream().findFirst())
                .map(SendingLimitService.PlanStatus::allowedToday)
                .orElse(Integer.MAX_VALUE)));
        warmup.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer v, boolean empty) {
                super.updateItem(v, empty);
                Tenant row =
                        empty || getTableRow() == null ? null : getTableRow().getItem();
                var l = limitsOf(row);
                setText(null);
                if (l.isEmpty() || l.get().plans().isEmpty()) {
                    setGraphic(null);
                    setTooltip(null);
                    // A dash, as Probation shows for no cap: the row was looked at and has no plan.
                    setText(row == null ? null : "—");
                    return;
                }
                var ramping = l.get().ramping();
                Chip chip = ramping.isEmpty()
                        ? new Chip("Warmed up", Chip.Tone.SUCCESS)
                        : new Chip(
                                ramping.get(0).stage().startsWith("Starts")
                                        ? "Not started"
                                        : ramping.get(0)
                                                .stage()
                                                .replaceFirst(" of plan: ", ": ")
                                                .replaceFirst(",.*", ""),
                                Chip.Tone.WARNING);
                chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                setGraphic(chip);
                setTooltip(new Tooltip(l.get().plans().stream()
                        .map(p -> p.plan().scope() + ": " + p.stage())
                        .collect(java.util.stream.Collectors.joining("\n"))));
            }
        });

        TableColumn<Tenant, Integer> probation = new TableColumn<>("Probation");
        probation.setId("probation");
        probation.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(limitsOf(cd.getValue())
                .flatMap(l -> l.settings().probationCap().isPresent()
                        ? java.util.Optional.of(l.settings().probationCap().getAsInt())
                        : java.util.Optional.empty())
                .orElse(Integer.MAX_VALUE)));
        probation.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Integer cap, boolean empty) {
                super.updateItem(cap, empty);
                setGraphic(null);
                setTooltip(null);
                if (empty || cap == null) {
                    setText(null);
                } else if (cap == Integer.MAX_VALUE) {
                    setText("—");
                } else {
                    Chip chip = new Chip(Formats.count(cap) + "/day", Chip.Tone.WARNING);
                    chip.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                    setText(null);
                    setGraphic(chip);
                    limitsOf(getTableRow() == null ? null : getTableRow().getItem())
                            .ifPresent(l -> setTooltip(
                                    new Tooltip("On probation: at most " + Formats.count(cap) + " messages a day"
                                            + l.settings()
                                                    .probationBy()
                                                    .map(by -> ", set by " + by)
                                                    .orElse("")
                                            + l.settings()
                                                    .probationAt()
                                                    .map(at -> " on " + Formats.exact(at))
                                                    .orElse(""))));
                }
            }
        });
        return List.of(warmup, probation);
    }

    private java.util.Optional<SendingLimitService.Limits> limitsOf(Tenant t) {
        return t == null
                ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(vm.limits().get(t.id()));
    }
}
