package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.demo.DemoData;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.dmarc.DomainTlsReports;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
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
 * The DMARC page's SMTP TLS reports section on the {@code --demo} store: the figures shown are those
 * the use case reads from the same store once the console has closed.
 */
@Tag("slow")
class TlsReportsFlowTest extends FxRobot {
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
        if (console != null) {
            Console c = console;
            FxToolkit.setupFixture(c::shutdown);
            console = null;
        }
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

    @Test
    void theTlsSectionShowsTheStoredSessions() throws Exception {
        console = new Console(
                new StartOptions(Optional.of(dataDir.toString()), true, Optional.empty(), Optional.empty()),
                Map.of(),
                CLOCK);
        Console c = console;
        FxToolkit.setupStage(c::start);
        WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> showing("#main-window"));
        waitUntil(() -> lookup("#tenant-switcher").queryButton().getText().equals("Able Moose Group"));
        clickOn("#nav-dmarc");
        waitUntil(() -> showing("#dmarc-page") && !text("#tls-sessions").equals("–"));

        String sessions = text("#tls-sessions");
        String policy = text("#tls-policy");
        TableView<?> failures = lookup("#tls-failures").queryAs(TableView.class);
        TableView<?> reporters = lookup("#tls-reporters").queryAs(TableView.class);
        int failureRows = failures.getItems().size();
        int reporterRows = reporters.getItems().size();
        assertThat(showing("#tls-empty")).isFalse();

        Node section = lookup("#tls-section").query();
        interact(() -> ConsoleRobot.scrollIntoView(section));
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<BufferedImage> image = new AtomicReference<>();
        interact(() -> image.set(SwingFXUtils.fromFXImage(
                lookup("#main-window").query().getScene().snapshot(null), null)));
        Files.createDirectories(SHOTS);
        ImageIO.write(image.get(), "png", SHOTS.resolve("dmarc-tls.png").toFile());

        FxToolkit.setupFixture(c::shutdown);
        console = null;
        try (Store store = Store.open(StoreConfig.h2(dataDir))) {
            Services s = Services.create(store, CLOCK);
            var owner = s.signIn()
                    .signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD.toCharArray())
                    .actor();
            Tenant able = s.tenants().list(owner).stream()
                    .filter(x -> x.name().equals("Able Moose Group"))
                    .findFirst()
                    .orElseThrow();
            DomainTlsReports d = s.tlsReports().domain(owner, able.id(), "tryablemoose.com", 30);
            assertThat(sessions).isEqualTo(String.format(Locale.ROOT, "%,d", d.sessions()));
            assertThat(d.failed()).isPositive();
            assertThat(failureRows).isEqualTo(d.failures().size());
            assertThat(reporterRows).isEqualTo(d.reporters().size()).isEqualTo(2);
            assertThat(policy).isEqualTo("MTA-STS");
        }
    }
}
