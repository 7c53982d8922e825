package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.dns.TestDnsServer;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Issue 4 end to end against a DNS server on 127.0.0.1 (never the internet): the wizard adds a domain,
 * the Records step shows what is missing, the records are published, and "Check again" finds them; a
 * record served with another value shows as different, with what was expected and what was found.
 */
class DomainsFlowTest extends ConsoleRobot {
    private TestDnsServer dns;

    @BeforeEach
    void dnsServer() {
        dns = TestDnsServer.start();
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void theWizardAddsADomainAndCheckAgainFindsThePublishedRecords() throws Exception {
        useDnsResolvers(dns.address());
        startConsole(true);
        waitUntil(() -> showing("#main-window") && showing("#nav-domains"));
        clickOn("#nav-domains");
        waitUntil(() -> rows("#domains-table").size() == 2); // the demo's two domains of Able Moose Group

        clickOn("#add-domain");
        waitUntil(() -> showing("#domain-name"));
        // Another client's domain is caught while typing.
        type("#domain-name", "northwind-logistics.co.uk");
        waitUntil(() ->
                showing("#domain-name-problem") && text("#domain-name-problem").contains("Northwind Logistics"));
        interact(() -> lookup("#domain-name")
                .queryAs(javafx.scene.control.TextField.class)
                .clear());
        type("#domain-name", "HelloMoose.com.");
        waitUntil(() -> text("#domain-name-hint").contains("hellomoose.com") && !showing("#domain-name-problem"));
        clickOn("#wizard-next");
        waitUntil(() -> showing("#spf-term"));
        clickOn("#wizard-next");

        // Records: nothing is published yet.
        waitUntil(() -> showing("#wizard-step-records") && showing("#record-status-spf") && !showing("#wizard-busy"));
        assertThat(text("#record-status-spf")).isEqualTo("Missing");
        assertThat(text("#record-status-dkim")).isEqualTo("Missing");
        assertThat(text("#record-status-dmarc")).isEqualTo("Missing");
        assertThat(text("#record-status-return-path")).isEqualTo("Missing");

        // Publish them as planned, except the return path, which points elsewhere.
        dns.addTxt("hellomoose.com", full("#record-expected-spf"));
        dns.addTxt(
                text("#record-host-dkim"), chunks(full("#record-expected-dkim")).toArray(String[]::new));
        dns.addTxt(text("#record-host-dmarc"), full("#record-expected-dmarc"));
        dns.cname(text("#record-host-return-path"), "elsewhere.example");
        snapshot("target/wizard-records-missing.png");
        clickOn("#wizard-check-again");
        waitUntil(() -> "OK".equals(text("#record-status-spf")) && !showing("#wizard-busy"));
        assertThat(text("#record-status-dkim")).isEqualTo("OK");
        assertThat(text("#record-status-dmarc")).isEqualTo("OK");
        assertThat(text("#record-status-return-path")).isEqualTo("Different");
        assertThat(text("#record-expected-return-path")).isEqualTo("bounces.relay.example");
        assertThat(text("#record-found-return-path")).contains("elsewhere.example");

        // The optional records are offered here, each with what it is for; a bad value is named next to its field.
        assertThat(shownWithItsParents("#optional-mx-exchange"))
                .as("fields appear only when ticked")
                .isFalse();
        interact(() -> lookup("#optional-mx")
                .queryAs(javafx.scene.control.CheckBox.class)
                .fire());
        type("#optional-mx-exchange", "not a host!");
        interact(() -> lookup("#optional-mta-sts")
                .queryAs(javafx.scene.control.CheckBox.class)
                .fire());
        type("#optional-mta-sts-mx", "mx1.hellomoose.com, *.mailhost.example");
        interact(() -> lookup("#wizard-add-optional").queryButton().fire());
        waitUntil(() -> showing("#error-mxExchange"));
        interact(() -> scrollIntoView(lookup("#wizard-add-optional").query()));
        snapshot("target/wizard-optional-records.png");
        assertThat(showing("#record-status-mx"))
                .as("nothing added while a value is wrong")
                .isFalse();
        interact(() -> lookup("#optional-mx-exchange")
                .queryAs(javafx.scene.control.TextField.class)
                .setText("mx1.hellomoose.com"));
        interact(() -> lookup("#wizard-add-optional").queryButton().fire());
        waitUntil(() -> showing("#record-status-mx") && showing("#record-status-mta-sts") && !showing("#wizard-busy"));
        assertThat(text("#record-expected-mx")).isEqualTo("10 mx1.hellomoose.com");
        assertThat(text("#record-status-mx")).isEqualTo("Missing");
        assertThat(text("#record-host-mta-sts")).isEqualTo("_mta-sts.hellomoose.com");
        assertThat(text("#record-status-spf"))
                .as("what was published is still found")
                .isEqualTo("OK");

        clickOn("#wizard-next");
        waitUntil(() -> showing("#wizard-save-zone"));
        clickOn("#wizard-next");
        waitUntil(() -> showing("#wizard-done"));
        clickOn("#wizard-next");

        // Back on the list, with the new domain's status from its checks.
        waitUntil(() -> showing("#domains-table") && rows("#domains-table").size() == 3);
        clickOn(cell("#domains-table", "hellomoose.com"));
        waitUntil(() ->
                showing("#detail-domain-name") && text("#detail-domain-name").equals("hellomoose.com"));
        assertThat(text("#record-status-return-path")).isEqualTo("Different");
        assertThat(text("#rotation-state")).contains("is published");
    }

    private boolean shownWithItsParents(String query) {
        for (javafx.scene.Node n = lookup(query).query(); n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aServerThatFailsIsCouldNotCheckInWordsNotAStackTrace() throws Exception {
        dns.fail("tryablemoose.com", TestDnsServer.Failure.SERVFAIL);
        useDnsResolvers(dns.address());
        startConsole(true);
        waitUntil(() -> showing("#main-window") && showing("#nav-domains"));
        clickOn("#nav-domains");
        waitUntil(() -> rows("#domains-table").size() == 2);
        clickOn(cell("#domains-table", "tryablemoose.com"));
        waitUntil(() -> showing("#domain-check-again"));
        clickOn("#domain-check-again");
        waitUntil(() -> showing("#record-status-spf") && "Could not check".equals(text("#record-status-spf")));
        assertThat(text("#record-message-spf")).contains("SERVFAIL").doesNotContain("Exception");
    }

    @Test
    void dnsSettingsChooseTheBlocklistsThatAreAsked() throws Exception {
        dns.add("tryablemoose.com.dbl.test", Type.A, "127.0.1.2")
                .addTxt("tryablemoose.com.dbl.test", "Listed: test listing")
                .add("dbl.test", Type.SOA, "ns.dbl.test. host.dbl.test. 1 3600 600 86400 60");
        useDnsResolvers(dns.address());
        startConsole(true);
        waitUntil(() -> showing("#main-window") && showing("#nav-domains"));
        clickOn("#nav-domains");
        waitUntil(() -> rows("#domains-table").size() == 2);

        clickOn("#dns-settings");
        waitUntil(() -> showing("#dns-blocklists"));
        interact(() -> lookup("#dns-blocklists")
                .queryAs(javafx.scene.control.TextArea.class)
                .setText("Test DBL | dbl.test | domains\n"));
        clickOn("#dns-settings-save");
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        waitUntil(() -> showing("#error-blocklists"));
        interact(() -> img[0] = lookup("#dns-blocklists").query().getScene().snapshot(null));
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(img[0], null),
                "png",
                new java.io.File("target/dns-settings.png"));
        // A line the console cannot read is named, and nothing is saved.
        waitUntil(() -> showing("#error-blocklists"));
        assertThat(text("#error-blocklists")).contains("Line 1").contains("ip or domain");
        interact(() -> lookup("#dns-blocklists")
                .queryAs(javafx.scene.control.TextArea.class)
                .setText("Test DBL | dbl.test | domain | https://dbl.test/lookup\n"));
        clickOn("#dns-settings-save");
        waitUntil(() -> !showing("#dns-blocklists"));
        assertThat(java.nio.file.Files.readString(dataDir.resolve("ui.properties")))
                .contains("dbl.test");

        clickOn(cell("#domains-table", "tryablemoose.com"));
        waitUntil(() -> showing("#check-blocklists"));
        // The button sits below the fold of the detail pane, where a robot's click would miss it.
        interact(() -> lookup("#check-blocklists").queryButton().fire());
        waitUntil(() -> labels().contains("Test DBL") && labels().contains("Listed"));
        // Only the configured list was asked: none of the default ones appear.
        assertThat(labels()).doesNotContain("Spamhaus DBL", "SURBL");
    }

    private List<String> labels() {
        return lookup(".label").queryAllAs(Label.class).stream()
                .filter(javafx.scene.Node::isVisible)
                .map(Label::getText)
                .toList();
    }

    /** A picture of the window for a person to look at; not an assertion. */
    private void snapshot(String file) throws Exception {
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        interact(() -> img[0] = lookup("#main-window").query().getScene().snapshot(null));
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(img[0], null), "png", new java.io.File(file));
    }

    private String full(String query) {
        return lookup(query).queryAs(Label.class).getTooltip().getText();
    }

    private static List<String> chunks(String value) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            out.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        return out;
    }
}
