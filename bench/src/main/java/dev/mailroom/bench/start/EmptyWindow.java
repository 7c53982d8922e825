package dev.mailroom.bench.start;

import atlantafx.base.theme.PrimerLight;
import java.time.Duration;
import java.time.Instant;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * The baseline of bench/start-ratio.sh (issue 19): an empty AtlantaFX window of the console's size, timed
 * from the process's start to its first WINDOW_SHOWN exactly as the console times its own first window,
 * printed as {@code shown-ms N}, then closed.
 */
public final class EmptyWindow {
    private EmptyWindow() {}

    /** Not an Application itself: the java launcher refuses one from the class path ("runtime components missing"). */
    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    /** The window. */
    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
            stage.setScene(new Scene(new StackPane(), 1280, 800));
            stage.setTitle("Empty");
            stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
                Instant now = Instant.now();
                long ms = Duration.between(
                                ProcessHandle.current().info().startInstant().orElse(now), now)
                        .toMillis();
                System.out.println("shown-ms " + ms);
                Platform.runLater(Platform::exit);
            });
            stage.show();
        }
    }
}
