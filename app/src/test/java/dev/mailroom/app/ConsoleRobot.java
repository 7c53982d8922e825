package dev.mailroom.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Drives a real {@link Console} on a temporary data folder, headless, the way a person would. */
@Tag("slow")
abstract class ConsoleRobot extends FxRobot {
    @TempDir
    Path dataDir;

    private Console console;

    private static javafx.stage.Stage primary;

    @BeforeAll
    static void toolkit() throws Exception {
        primary = FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stopConsole() throws Exception {
        // A test may end with a dialog still open (a send in progress, a confirmation): close every
        // window but the primary stage first, so the next test starts on a clean screen.
        FxToolkit.setupFixture(() -> new java.util.ArrayList<>(javafx.stage.Window.getWindows())
                .stream().filter(w -> w != primary).forEach(javafx.stage.Window::hide));
        if (console != null) {
            Console c = console;
            recordStalls(c);
            FxToolkit.setupFixture(c::shutdown);
            console = null;
        }
        // The primary stage is shared by every test: without this, the next test's first waits could find
        // this test's main window still on it (and click a node that is replaced a moment later).
        FxToolkit.setupFixture(() -> primary.setScene(null));
    }

    /**
     * Each flow runs with the console's stall watch on (--watch-stalls): its longest FX-thread stall is
     * added to target/fx-stalls.txt, a measurement of the screens' bulk jobs on the test data, not a check.
     */
    private void recordStalls(Console c) {
        c.stallWatch().ifPresent(w -> {
            try {
                java.nio.file.Files.writeString(
                        Path.of("target", "fx-stalls.txt"),
                        String.format(
                                java.util.Locale.ROOT,
                                "%s: longest FX-thread stall %d ms, %d over 100 ms%n",
                                getClass().getSimpleName(),
                                w.longest().toMillis(),
                                w.stalls()),
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.APPEND);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /** Starts a console; with {@code demo} a new store is seeded and its owner signed in. */
    void startConsole(boolean demo) throws Exception {
        console = new Console(
                new StartOptions(
                        Optional.of(dataDir.toString()),
                        demo,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        true),
                Map.of(),
                Clock.systemUTC());
        Console c = console;
        FxToolkit.setupStage(c::start);
    }

    /** Points the console's DNS resolvers at a server (a test server on 127.0.0.1), before it starts. */
    void useDnsResolvers(String addresses) throws java.io.IOException {
        java.nio.file.Files.writeString(dataDir.resolve("ui.properties"), "dns.resolvers=" + addresses + "\n");
    }

    /**
     * Clicks a button of the open dialog by its text. Never {@code clickOn("Cancel")}: the status bar
     * shows a "Cancel" of its own while a background job runs, and the robot may pick that one.
     */
    void clickDialogButton(String text) throws Exception {
        waitUntil(() -> dialogButton(text).isPresent());
        clickOn(dialogButton(text).orElseThrow());
    }

    private Optional<javafx.scene.control.Button> dialogButton(String text) {
        return lookup(".dialog-pane").queryAll().stream()
                .filter(Node::isVisible)
                .flatMap(pane -> from(pane)
                        .lookup((Node n) ->
                                n instanceof javafx.scene.control.Button b && text.equals(b.getText()) && b.isVisible())
                        .queryAll()
                        .stream())
                .map(javafx.scene.control.Button.class::cast)
                .findFirst();
    }

    /** The text of a label (or chip) found by a query. */
    String text(String query) {
        return lookup(query).queryAs(Labeled.class).getText();
    }

    static void waitUntil(Callable<Boolean> condition) throws Exception {
        // Generous: it returns as soon as the condition holds, and a loaded CI machine can be slow.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    boolean showing(String query) {
        return lookup(query)
                .tryQuery()
                .map(n -> n.isVisible() && n.getScene() != null)
                .orElse(false);
    }

    void type(String query, String text) {
        javafx.scene.Node field = lookup(query).query();
        interact(() -> scrollIntoView(field));
        clickOn(query);
        write(text);
    }

    /** A robot clicks at screen coordinates: a field scrolled out of its pane's view must first be scrolled to. */
    static void scrollIntoView(javafx.scene.Node node) {
        for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane pane && pane.getContent() != null) {
                javafx.scene.Node content = pane.getContent();
                double hidden = content.getLayoutBounds().getHeight()
                        - pane.getViewportBounds().getHeight();
                if (hidden > 0) {
                    double y = content.sceneToLocal(node.localToScene(node.getLayoutBounds()))
                            .getMinY();
                    pane.setVvalue(pane.getVmin()
                            + (pane.getVmax() - pane.getVmin()) * Math.max(0, Math.min(1, (y - 8) / hidden)));
                    pane.layout();
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    <T> List<T> rows(String table) {
        return List.copyOf(((TableView<T>) lookup(table).query()).getItems());
    }

    /** The cell (or label inside one) of the table that shows exactly this text. */
    Node cell(String table, String text) {
        return from(lookup(table).queryAll())
                .lookup((Node n) -> n instanceof Labeled l && text.equals(l.getText()))
                .query();
    }

    /**
     * Each visible column's header text is whole (its label as wide as it asks, as SettingsFlowTest checks the
     * brand), and the columns shown fit in the table, with no scroll bar needed to reach one.
     */
    static void assertColumnsWhole(String page, javafx.scene.control.TableView<?> table) {
        for (Node n : table.lookupAll(".column-header .label")) {
            javafx.scene.control.Label l = (javafx.scene.control.Label) n;
            if (l.isVisible() && l.getParent().isVisible() && l.getScene() != null) {
                org.assertj.core.api.Assertions.assertThat(l.getWidth())
                        .as(page + ": header \"" + l.getText() + "\" of " + table.getId() + " whole")
                        .isGreaterThanOrEqualTo(l.prefWidth(-1) - 0.5);
            }
        }
        double shown = table.getVisibleLeafColumns().stream()
                .mapToDouble(javafx.scene.control.TableColumn::getWidth)
                .sum();
        org.assertj.core.api.Assertions.assertThat(shown)
                .as(page + ": the columns of " + table.getId() + " fit in it")
                .isLessThanOrEqualTo(table.getWidth());
    }

    /**
     * Settings → Access with no token: every column of the token table in view (no scroll bar to reach
     * Expires, Last used, State) and its empty state whole inside the table. Call on the FX thread.
     */
    static void assertTokensTableWhole(javafx.scene.control.TableView<?> tokens) {
        org.assertj.core.api.Assertions.assertThat(tokens.getItems()).isEmpty();
        assertColumnsWhole("Settings, Access", tokens);
        double shown = tokens.getVisibleLeafColumns().stream()
                .mapToDouble(javafx.scene.control.TableColumn::getWidth)
                .sum();
        org.assertj.core.api.Assertions.assertThat(shown)
                .as("the token table's columns fit in it")
                .isLessThanOrEqualTo(tokens.getWidth());
        javafx.geometry.Bounds area = tokens.localToScene(tokens.getLayoutBounds());
        for (Node n : tokens.lookupAll(".empty-state .label")) {
            javafx.scene.control.Label l = (javafx.scene.control.Label) n;
            javafx.geometry.Bounds b = l.localToScene(l.getLayoutBounds());
            org.assertj.core.api.Assertions.assertThat(b.getMinX())
                    .as(l.getText())
                    .isGreaterThanOrEqualTo(area.getMinX());
            org.assertj.core.api.Assertions.assertThat(b.getMaxX())
                    .as(l.getText())
                    .isLessThanOrEqualTo(area.getMaxX());
            org.assertj.core.api.Assertions.assertThat(b.getMaxY())
                    .as(l.getText())
                    .isLessThanOrEqualTo(area.getMaxY());
            org.assertj.core.api.Assertions.assertThat(l.getHeight())
                    .as(l.getText())
                    .isGreaterThanOrEqualTo(l.prefHeight(l.getWidth()) - 0.5);
            org.assertj.core.api.Assertions.assertThat(l.getWidth())
                    .as(l.getText() + " not cut")
                    .isGreaterThanOrEqualTo(Math.min(l.prefWidth(-1), l.getMaxWidth()) - 0.5);
        }
    }

    /** The running console's services, for setting up what its screens cannot (on a background thread). */
    dev.mailroom.app.session.Services services() {
        return console.services();
    }

    /** Saves the main window as a person sees it (for looking at, not for asserting), e.g. under target/screenshots. */
    protected void saveScreen(String file) throws Exception {
        saveSceneOf("#main-window", file);
    }

    /** Saves the window holding the node (a dialog, when the node is in one), as {@link #saveScreen} does. */
    protected void saveSceneOf(String selector, String file) throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.awt.image.BufferedImage> shot =
                new java.util.concurrent.atomic.AtomicReference<>();
        javafx.scene.Node root = lookup(selector).query();
        interact(() -> shot.set(
                javafx.embed.swing.SwingFXUtils.fromFXImage(root.getScene().snapshot(null), null)));
        java.nio.file.Path path = java.nio.file.Path.of(file).toAbsolutePath();
        java.nio.file.Files.createDirectories(path.getParent());
        javax.imageio.ImageIO.write(shot.get(), "png", path.toFile());
    }
}
