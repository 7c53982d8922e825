package dev.mailroom.app;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --screenshot FILE}: waits for the window (and the page's background work) to settle, writes a
 * PNG of it and quits. Kept apart from {@link Console}, which only navigates; used for the README's
 * pictures, never in a normal start.
 */
final class Screenshot {
    private static final Logger log = LoggerFactory.getLogger(Screenshot.class);

    private final Stage stage;
    private final Scene scene;
    private final BackgroundRunner runner;
    private final Optional<String> page;

    Screenshot(Stage stage, Scene scene, BackgroundRunner runner, Optional<String> page) {
        this.stage = stage;
        this.scene = scene;
        this.runner = runner;
        this.page = page;
    }

    /**
     * Waits for the window to settle and for the page's background work to finish (up to 30 s, so the
     * picture shows data, not "Loading…"), writes a PNG of it off the FX thread, then quits.
     */
    void takeThenExit(Path file) {
        // The template editor creates its WebView and renders first: give it longer.
        boolean editor = page.filter(p -> p.startsWith("template-editor")).isPresent();
        // The demo sends (send-dialog, outbox-sent) start a relay, queue, and send until the relay stalls: longer
        // still.
        boolean demoSend = page.filter(p -> p.equals("send-dialog") || p.equals("outbox-sent"))
                .isPresent();
        double seconds = editor ? 6 : demoSend ? 10 : 1.5;
        PauseTransition settle = new PauseTransition(Duration.seconds(seconds));
        // Wait for the page's background work too (the editor's render and highlighting at most 60 s, others 30 s);
        // a demo send never goes idle (its relay stalls on purpose), so it is taken as it is.
        long waitFor = demoSend ? 0 : editor ? 60_000_000_000L : 30_000_000_000L;
        settle.setOnFinished(e -> whenIdle(waitFor == 0 ? 0 : System.nanoTime() + waitFor, () -> {
            // An open dialog (the send dialog) is what the screenshot is of.
            Scene shown = javafx.stage.Window.getWindows().stream()
                    .filter(w -> w.isShowing() && w != stage && w instanceof Stage)
                    .reduce((a, b) -> b)
                    .map(javafx.stage.Window::getScene)
                    .orElse(scene);
            WritableImage image = shown.snapshot(null);
            BufferedImage png = SwingFXUtils.fromFXImage(image, null);
            runner.run(Task.of(
                    "Saving the screenshot",
                    p -> {
                        Path parent = file.toAbsolutePath().getParent();
                        if (parent != null) {
                            Files.createDirectories(parent);
                        }
                        ImageIO.write(png, "png", file.toFile());
                        return file;
                    },
                    saved -> {
                        log.info("Screenshot written to {}", saved);
                        exitClosingDialogs();
                    },
                    error -> {
                        Dialogs.showError(stage, "Could not write the screenshot", error);
                        exitClosingDialogs();
                    }));
        }));
        settle.play();
    }

    /**
     * Quits after closing any open dialog: exiting while a dialog's nested event loop runs crashed GTK's
     * glass (SIGSEGV in destroy_and_delete_ctx) after the send-dialog screenshot.
     */
    private void exitClosingDialogs() {
        new java.util.ArrayList<>(javafx.stage.Window.getWindows())
                .stream().filter(w -> w != stage).forEach(javafx.stage.Window::hide);
        Platform.runLater(Platform::exit);
    }

    /** Runs {@code then} once no background job is left (and the WebView had a second to draw), or at the deadline. */
    private void whenIdle(long deadline, Runnable then) {
        boolean idle = runner.jobs().isEmpty();
        if (deadline == 0 || System.nanoTime() > deadline || idle) {
            PauseTransition draw = new PauseTransition(Duration.seconds(deadline == 0 ? 0.01 : 1));
            draw.setOnFinished(e -> then.run());
            draw.play();
            return;
        }
        PauseTransition again = new PauseTransition(Duration.millis(250));
        again.setOnFinished(e -> whenIdle(deadline, then));
        again.play();
    }
}
