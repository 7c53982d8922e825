package dev.mailroom.mailer.templates;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where render time goes, stage by stage, summed over every render of a {@link HandlebarsTemplateRenderer}
 * made with it (the render benchmark prints it). {@link #OFF} costs a field read per stage.
 */
public final class RenderTimings {
    /** Measures nothing. */
    public static final RenderTimings OFF = new RenderTimings(false);

    public enum Stage {
        HANDLEBARS("Handlebars (subject, HTML, own text)"),
        HTML_CLEAN("HTML parse and clean-up"),
        CSS_INLINE("CSS inlining"),
        TEXT_PART("Text part from the HTML"),
        HTML_OUT("HTML written out");

        private final String label;

        Stage(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final boolean on;
    private final Map<Stage, LongAdder> nanos = new EnumMap<>(Stage.class);

    private RenderTimings(boolean on) {
        this.on = on;
        for (Stage s : Stage.values()) {
            nanos.put(s, new LongAdder());
        }
    }

    /** A new, empty set of timings that measures. */
    public static RenderTimings measuring() {
        return new RenderTimings(true);
    }

    long mark() {
        return on ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code mark} to the stage and returns a new mark. */
    long add(Stage stage, long mark) {
        if (!on) {
            return 0;
        }
        long now = System.nanoTime();
        nanos.get(stage).add(now - mark);
        return now;
    }

    public long nanos(Stage stage) {
        return nanos.get(stage).sum();
    }

    public void reset() {
        nanos.values().forEach(LongAdder::reset);
    }
}
