package dev.mailroom.app.shell;

import dev.mailroom.model.access.Permission;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One item of the navigation: its group, label, the permission that makes it visible (anywhere for
 * agency items, in the current tenant for tenant items; null for always), and how its page is made.
 * The composition root lists them, so the shell knows no screen by name.
 */
public record NavEntry(
        String id,
        Group group,
        String label,
        Supplier<FontIcon> icon,
        Permission requires,
        Function<Shell, Page> page) {
    public enum Group {
        AGENCY,
        TENANT
    }
}
