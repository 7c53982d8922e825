package dev.mailroom.app;

import java.time.Duration;
import java.time.Instant;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the first window took to show, from the process's start (issue 19): written to the log at every
 * start. With {@code -Dmailroom.exitWhenShown=true} it is also printed as {@code shown-ms N} and the
 * console closes, which is how bench/start-ratio.sh compares Mailroom's start with an empty window's.
 */
final class FirstWindow {
    private static final Logger log = LoggerFactory.getLogger(FirstWindow.class);

    private FirstWindow() {}

    static void timeOnceShown(Stage stage) {
        EventHandler<WindowEvent> once = new EventHandler<>() {
            @Override
            public void handle(WindowEvent e) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                long ms = sinceStart().toMillis();
                log.info("First window shown {} ms after the process started", ms);
                if (Boolean.getBoolean("mailroom.exitWhenShown")) {
                    System.out.println("shown-ms " + ms);
                    Platform.runLater(Platform::exit);
                }
            }
        };
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, once);
    }

    /** Since the operating system started this process (not the JVM's own later start of its clock). */
    static Duration sinceStart() {
        Instant now = Instant.now();
        return Duration.between(ProcessHandle.current().info().startInstant().orElse(now), now);
    }
}
