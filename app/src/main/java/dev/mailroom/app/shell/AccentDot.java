package dev.mailroom.app.shell;

import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/** The tenant's accent colour as a small dot, next to its name wherever the name appears. */
public final class AccentDot {
    private AccentDot() {}

    public static Circle of(String hex, double radius) {
        Circle c = new Circle(radius, parse(hex));
        c.getStyleClass().add("accent-dot");
        return c;
    }

    public static Color parse(String hex) {
        try {
            return Color.web(hex);
        } catch (IllegalArgumentException | NullPointerException e) {
            return Color.GRAY;
        }
    }
}
