package dev.mailroom.app.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Scene;

/** AtlantaFX Primer Light/Dark plus Mailroom's own stylesheet. */
public final class Theme {
    private static final String APP_CSS = Objects.requireNonNull(
                    Theme.class.getResource("/dev/mailroom/app/mailroom.css"))
            .toExternalForm();

    private Theme() {}

    public static void apply(boolean dark) {
        Application.setUserAgentStylesheet(
                dark ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    /** Whether the dark theme is the one applied now. */
    public static boolean isDark() {
        return String.valueOf(Application.getUserAgentStylesheet()).contains("dark");
    }

    public static void style(Scene scene) {
        if (!scene.getStylesheets().contains(APP_CSS)) {
            scene.getStylesheets().add(APP_CSS);
        }
    }

    /**
     * Whether the desktop asks for dark mode (GNOME's color-scheme, macOS' AppleInterfaceStyle, or
     * GTK_THEME). Runs a short external command: call it off the FX thread.
     */
    public static boolean osPrefersDark() {
        String gtk = System.getenv("GTK_THEME");
        if (gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark")) {
            return true;
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return ask("defaults", "read", "-g", "AppleInterfaceStyle")
                    .toLowerCase(Locale.ROOT)
                    .contains("dark");
        }
        if (os.contains("win")) {
            return ask(
                            "reg",
                            "query",
                            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                            "/v",
                            "AppsUseLightTheme")
                    .contains("0x0");
        }
        return ask("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")
                .contains("dark");
    }

    private static String ask(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
