package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.analytics.Rates;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.demo.DemoData;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.StackedAreaChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The analytics screen and the overview's health on the {@code --demo} store: what the screen shows
 * is compared with what the use case reads from the same store once the console has closed.
 */
@Tag("slow")
class AnalyticsFlowTest extends FxRobot {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-02T15:00:00Z"), ZoneOffset.UTC);
    private static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    Path dataDir;

    private Console console;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void stop() throws Exception {
        closeConsole();
    }

    private void closeConsole() throws Exception {
        if (console != null) {
            Console c = console;
            FxToolkit.setupFixture(c::shutdown);
            console = null;
        }
    }

    private void startDemo() throws Exception {
        console = new Console(
                new StartOptions(Optional.of(dataDir.toString()), true, Optional.empty(), Optional.empty()),
                Map.of(),
                CLOCK);
        Console c = console;
        FxToolkit.setupStage(c::start);
        // Making the demo store takes a while on a busy machine: more patience than for a step.
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> showing("#main-window"));
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private boolean showing(String query) {
        return lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }

    private String text(String query) {
        return lookup(query).queryAs(Label.class).getText();
    }

    private void screenshot(String name) throws Exception {
        AtomicReference<BufferedImage> image = new AtomicReference<>();
        interact(() -> image.set(SwingFXUtils.fromFXImage(
                lookup("#main-window").query().getScene().snapshot(null), null)));
        Files.createDirectories(SHOTS);
        ImageIO.write(image.get(), "png", SHOTS.resolve(name).toFile());
    }

    /** What the owner's use case reads from the demo store, after the console has let go of it. */
    private AnalyticsReport expected(String tenantName, int days) {
        try (Store store = Store.open(StoreConfig.h2(dataDir))) {
            Services s = Services.create(store, CLOCK);
            var owner = s.signIn()
                    .signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD.toCharArray())
                    .actor();
            Tenant t = s.tenants().list(owner).stream()
                    .filter(x -> x.name().equals(tenantName))
                    .findFirst()
                    .orElseThrow();
            return s.analytics()
                    .report(
                            owner,
                            t.id(),
                            Optional.empty(),
                            Period.lastDays(days, s.analytics().today()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void analyticsCardsAndChartsShowTheStoredNumbers() throws Exception {
        startDemo();
        waitUntil(() -> lookup("#tenant-switcher").queryButton().getText().equals("Able Moose Group"));
        clickOn("#nav-analytics");
        waitUntil(() -> showing("#analytics-page") && !text("#card-sent").equals("–"));
        String sent30 = text("#card-sent");

        clickOn("#period-90");
        waitUntil(() -> !text("#card-sent").equals(sent30));
        Map<String, String> cards = Map.of(
                "sent",
                text("#card-sent"),
                "delivered",
                text("#card-delivered"),
                "bounce",
                text("#card-bounce"),
                "complaint",
                text("#card-complaint"),
                "open",
                text("#card-open"));
        String bounceChip = text("#chip-bounce");
        List<XYChart.Series<Number, Number>> volume = new ArrayList<>(
                lookup("#chart-volume").queryAs(StackedAreaChart.class).getData());
        List<String> bars = new ArrayList<>();
        for (XYChart.Data<Number, String> d : ((BarChart<Number, String>)
                        lookup("#chart-bouncing-domains").queryAs(BarChart.class))
                .getData()
                .get(0)
                .getData()) {
            bars.add(0, d.getYValue() + "=" + d.getXValue());
        }
        screenshot("analytics.png");
        interact(() -> lookup("#analytics-scroll")
                .queryAs(javafx.scene.control.ScrollPane.class)
                .setVvalue(1));
        WaitForAsyncUtils.waitForFxEvents();
        screenshot("analytics-lower.png");
        closeConsole();

        AnalyticsReport r = expected("Able Moose Group", 90);
        assertThat(r.totals().sent()).isPositive();
        assertThat(cards)
                .containsEntry("sent", Formats.count(r.totals().sent()))
                .containsEntry("delivered", Rates.percent(r.totals().deliveryRate()))
                .containsEntry("bounce", Rates.percent(r.totals().bounceRate()))
                .containsEntry("complaint", Rates.percent(r.totals().complaintRate()))
                .containsEntry("open", Rates.percent(r.totals().openRate()));
        assertThat(bounceChip).isEqualTo("Within limits");
        assertThat(sent30).isNotEqualTo(cards.get("sent"));

        assertThat(volume)
                .extracting(XYChart.Series::getName)
                .containsExactly(
                        "Delivered",
                        "Deferred",
                        "Soft bounce",
                        "Hard bounce",
                        "Complained",
                        "Opened",
                        "Clicked",
                        "Rejected");
        for (XYChart.Series<Number, Number> s : volume) {
            EventType type = EventType.valueOf(s.getName().toUpperCase().replace(' ', '_'));
            assertThat(s.getData()).hasSize(90);
            assertThat(s.getData().stream()
                            .mapToLong(d -> d.getYValue().longValue())
                            .sum())
                    .as(s.getName())
                    .isEqualTo(r.totals().count(type));
        }
        assertThat(bars)
                .isNotEmpty()
                .containsExactlyElementsOf(r.topBouncingDomains().stream()
                        .map((CountedName c) -> c.name() + "=" + c.count())
                        .toList());
    }

    @Test
    @SuppressWarnings("unchecked")
    void overviewFlagsTheTenantInTrouble() throws Exception {
        startDemo();
        waitUntil(() -> showing("#overview-table")
                && lookup("#overview-table .chip").queryAllAs(Label.class).stream()
                        .anyMatch(l -> l.getText().equals("Bounces")));
        TableView<Tenant> table = lookup("#overview-table").queryAs(TableView.class);
        assertThat(table.getItems())
                .extracting(Tenant::name)
                .containsExactlyInAnyOrder("Able Moose Group", "Northwind Logistics", "Riverbend Legal");
        screenshot("overview.png");

        clickOn("#needs-attention");
        waitUntil(() -> table.getItems().size() == 2);
        assertThat(table.getItems())
                .extracting(Tenant::name)
                .containsExactlyInAnyOrder("Northwind Logistics", "Riverbend Legal");
        List<String> chips = lookup("#overview-table .chip").queryAllAs(Label.class).stream()
                .filter(Node::isVisible)
                .map(Label::getText)
                .toList();
        // Northwind's second flag (complaints) is a "+1" beside the first; all are in the cell's tooltip.
        assertThat(chips).contains("Bounces", "+1", "Spike");

        clickOn("#needs-attention");
        waitUntil(() -> table.getItems().size() == 3);
    }
}
