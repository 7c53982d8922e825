package dev.mailroom.app;

import java.time.Clock;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: hands the primary stage to a {@link Console}. */
public final class MailroomApp extends Application {
    private Console console;

    @Override
    public void start(Stage stage) {
        StartOptions options = StartOptions.parse(getParameters().getRaw(), System.getenv());
        console = new Console(options, System.getenv(), Clock.systemDefaultZone());
        FirstWindow.timeOnceShown(stage);
        console.start(stage);
    }

    @Override
    public void stop() {
        if (console != null) {
            console.shutdown();
        }
    }
}
