package dev.mailroom.app.common;

import javafx.scene.control.Label;

/** A status chip: always a word, coloured by its tone, the same on every screen. */
public final class Chip extends Label {
    public enum Tone {
        SUCCESS,
        WARNING,
        DANGER,
        NEUTRAL,
        ACCENT
    }

    public Chip(String text, Tone tone) {
        super(text);
        getStyleClass().add("chip");
        setTone(tone);
    }

    public void setTone(Tone tone) {
        getStyleClass().removeIf(c -> c.startsWith("chip-"));
        getStyleClass().add("chip-" + tone.name().toLowerCase());
    }
}
