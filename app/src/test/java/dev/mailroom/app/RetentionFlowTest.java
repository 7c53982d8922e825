package dev.mailroom.app;

import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Test;

/** The agency owner changes how long raw events are kept from the Settings window; the store keeps it. */
class RetentionFlowTest extends ConsoleRobot {
    @Test
    void theOwnerSetsTheEventRetentionAndSeesItAgain() throws Exception {
        startConsole(true);
        // Making the demo store takes a while on a busy machine: more patience than for a step.
        // Wait for the signed-in window (its navigation and user menu), not only the first frame: a click on
        // a user menu that is replaced as the demo signs in hits a node that is no longer on screen.
        org.testfx.util.WaitForAsyncUtils.waitFor(
                300,
                java.util.concurrent.TimeUnit.SECONDS,
                () -> showing("#main-window")
                        && showing("#nav-outbox")
                        && onScreen("#user-menu").isPresent());
        waitUntil(() -> onScreen("#user-menu").isPresent());
        clickOn(onScreen("#user-menu").orElseThrow());
        waitUntil(() -> onScreen("#open-settings").isPresent());
        clickOn(onScreen("#open-settings").orElseThrow());
        waitUntil(() -> showing("#settings-tabs"));
        interact(() -> lookup("#settings-tabs")
                .queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel()
                .select(2));
        waitUntil(() -> showing("#settings-retention"));
        clickOn("#settings-retention");
        waitUntil(() -> showing("#retention-days"));
        Spinner<?> days = lookup("#retention-days").queryAs(Spinner.class);
        waitUntil(() -> Integer.valueOf(400).equals(days.getValue()));
        // For a person to look at: the dialog as it opens.
        java.util.concurrent.atomic.AtomicReference<java.awt.image.BufferedImage> shot =
                new java.util.concurrent.atomic.AtomicReference<>();
        interact(() -> shot.set(
                javafx.embed.swing.SwingFXUtils.fromFXImage(days.getScene().snapshot(null), null)));
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        javax.imageio.ImageIO.write(
                shot.get(),
                "png",
                java.nio.file.Path.of("target", "screenshots", "retention-dialog.png")
                        .toFile());

        clickOn(days.getEditor());
        interact(() -> days.getEditor().selectAll());
        write("180");
        clickOn("#retention-save");
        waitUntil(() -> !showing("#retention-days"));

        // Opened again, it reads the saved value from the store.
        clickOn("#settings-retention");
        waitUntil(() -> showing("#retention-days"));
        Spinner<?> again = lookup("#retention-days").queryAs(Spinner.class);
        waitUntil(() -> Integer.valueOf(180).equals(again.getValue()));
    }

    /** The node of this id that is on screen now (a replaced one may linger in a lookup without a scene). */
    private java.util.Optional<javafx.scene.Node> onScreen(String id) {
        return lookup(id)
                .match((javafx.scene.Node n) -> n.getScene() != null && n.isVisible())
                .tryQuery();
    }
}
