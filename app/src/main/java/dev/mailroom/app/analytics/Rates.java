package dev.mailroom.app.analytics;

import dev.mailroom.app.common.Chip;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Thresholds;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/** Rates as people read them, and as chips against the providers' thresholds; shared with the overview. */
public final class Rates {
    /** UX.md's event colours, the same in every chart. */
    public static final Map<EventType, String> COLOURS = Map.of(
            EventType.DELIVERED, "#16a34a",
            EventType.SENT, "#16a34a",
            EventType.DEFERRED, "#d97706",
            EventType.SOFT_BOUNCE, "#ea580c",
            EventType.HARD_BOUNCE, "#dc2626",
            EventType.COMPLAINED, "#7c3aed",
            EventType.OPENED, "#2563eb",
            EventType.CLICKED, "#0d9488",
            EventType.REJECTED, "#6b7280");

    private Rates() {}

    /** "9.12%", "0.45%", "0%": up to two decimals. */
    public static String percent(double fraction) {
        return new DecimalFormat("0.##%", DecimalFormatSymbols.getInstance(Locale.getDefault())).format(fraction);
    }

    public static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? percent(fraction.getAsDouble()) : "–";
    }

    public static Chip bounceChip(OptionalDouble rate) {
        return chip(rate, r -> Thresholds.bounce(r));
    }

    public static Chip complaintChip(OptionalDouble rate) {
        return chip(rate, r -> Thresholds.complaint(r));
    }

    private static Chip chip(OptionalDouble rate, java.util.function.DoubleFunction<Thresholds.Level> level) {
        if (rate.isEmpty()) {
            return new Chip("No mail", Chip.Tone.NEUTRAL);
        }
        // The rate is the chip's word; the tooltip names the line it crossed.
        Chip chip = switch (level.apply(rate.getAsDouble())) {
            case OK -> new Chip(percent(rate.getAsDouble()), Chip.Tone.SUCCESS);
            case WARNING -> new Chip(percent(rate.getAsDouble()), Chip.Tone.WARNING);
            case OVER_LIMIT -> new Chip(percent(rate.getAsDouble()), Chip.Tone.DANGER);
        };
        chip.setTooltip(new javafx.scene.control.Tooltip(
                switch (level.apply(rate.getAsDouble())) {
                    case OK -> "Within the providers' limits";
                    case WARNING -> "Above the warning line";
                    case OVER_LIMIT -> "Over the providers' limit: mail may be blocked";
                }));
        return chip;
    }

    /** For a headline card whose number is already shown: the level in words. */
    public static Chip levelChip(OptionalDouble rate, java.util.function.DoubleFunction<Thresholds.Level> level) {
        if (rate.isEmpty()) {
            return new Chip("No mail", Chip.Tone.NEUTRAL);
        }
        return switch (level.apply(rate.getAsDouble())) {
            case OK -> new Chip("Within limits", Chip.Tone.SUCCESS);
            case WARNING -> new Chip("Above warning", Chip.Tone.WARNING);
            case OVER_LIMIT -> new Chip("Over the limit", Chip.Tone.DANGER);
        };
    }

    public static String label(EventType type) {
        String s = type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
