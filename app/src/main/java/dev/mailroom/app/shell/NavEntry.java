package dev.mailroom.app.shell;

import java.util.function.Function;
import java.util.function.Supplier;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One item of the navigation: which group it is in, how it is labelled, and how its page is made.
 * The composition root lists them, so the shell knows no screen by name.
 */
public record NavEntry(String id, Group group, String label, Supplier<FontIcon> icon, Function<Shell, Page> page) {
    public enum Group { AGENCY, TENANT }
}
