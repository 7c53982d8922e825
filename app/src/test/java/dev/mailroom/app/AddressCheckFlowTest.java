package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.validation.AddressVerdict;
import dev.mailroom.model.validation.Verdict;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListCell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/**
 * Issue 14, the "Check addresses" tool end to end against a DNS server on 127.0.0.1 (never the internet): a
 * mixed list is pasted and checked, each address gets its verdict with the reasons in the table, and the
 * filter shows one verdict at a time.
 */
class AddressCheckFlowTest extends ConsoleRobot {
    private TestDnsServer dns;

    @BeforeEach
    void dnsServer() {
        dns = TestDnsServer.start()
                .add("acme.io", Type.MX, "10 mx.acme.io.")
                .add("nomail.io", Type.MX, "0 .")
                .fail("broken.io", TestDnsServer.Failure.SERVFAIL);
    }

    @AfterEach
    void stopDns() {
        dns.close();
    }

    @Test
    void aPastedMixedListGetsAVerdictPerAddressWithReasonsAndCanBeFiltered() throws Exception {
        useDnsResolvers(dns.address());
        startConsole(true);
        // Making the demo store takes a while on a busy machine: more patience than for a step.
        org.testfx.util.WaitForAsyncUtils.waitFor(
                300,
                java.util.concurrent.TimeUnit.SECONDS,
                () -> showing("#main-window") && showing("#nav-address-check"));
        clickOn("#nav-address-check");
        waitUntil(() -> showing("#address-check-paste"));

        // Nothing pasted: said next to the field.
        clickOn("#address-check-run");
        waitUntil(() -> showing("#error-input") && !text("#error-input").isEmpty());
        assertThat(text("#error-input")).isEqualTo("Paste at least one address, one a line.");

        type(
                "#address-check-paste",
                "jane@acme.io\njane..doe@acme.io\ninfo@acme.io\nbob@nomail.io\nann@example.invalid\nx@broken.io");
        clickOn("#address-check-run");
        waitUntil(() -> rows("#address-check-table").size() == 6 && showing("#address-check-summary"));
        assertThat(showing("#error-input") && !text("#error-input").isEmpty())
                .as("the field's message goes once there is a list")
                .isFalse();

        Map<String, AddressVerdict> byInput = this.<AddressVerdict>rows("#address-check-table").stream()
                .collect(Collectors.toMap(AddressVerdict::input, Function.identity()));
        assertThat(byInput.get("jane@acme.io").verdict()).isEqualTo(Verdict.DELIVERABLE);
        assertThat(byInput.get("jane..doe@acme.io").verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(byInput.get("jane..doe@acme.io").reasonText()).startsWith("Not an address: ");
        assertThat(byInput.get("info@acme.io").verdict()).isEqualTo(Verdict.RISKY);
        assertThat(byInput.get("bob@nomail.io").verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(byInput.get("bob@nomail.io").reasonText()).contains("null MX");
        assertThat(byInput.get("ann@example.invalid").verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(byInput.get("x@broken.io").verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(text("#address-check-summary")).isNotBlank();
        // The reasons are in the table, in words, not only in the model; a long one is whole in its tooltip.
        assertThat(shownInTable(byInput.get("bob@nomail.io").reasonText())).isTrue();
        assertThat(tooltipOf(byInput.get("info@acme.io").reasonText()))
                .isEqualTo(byInput.get("info@acme.io").reasonText());
        // The verdict is a chip, whole at 1280 (not "undeliver…").
        javafx.scene.Node chip = cell("#address-check-table", "undeliverable");
        assertThat(chip).isInstanceOf(dev.mailroom.app.common.Chip.class);
        assertThat(((javafx.scene.control.Label) chip).getWidth())
                .isGreaterThanOrEqualTo(((javafx.scene.control.Label) chip).prefWidth(-1) - 0.5);
        saveScreen("target/screenshots/address-check.png");

        // Filter by verdict, as a person does: open the list and pick "undeliverable".
        choose("undeliverable");
        waitUntil(() -> rows("#address-check-table").size() == 3);
        assertThat(this.<AddressVerdict>rows("#address-check-table"))
                .extracting(AddressVerdict::input)
                .containsExactlyInAnyOrder("jane..doe@acme.io", "bob@nomail.io", "ann@example.invalid");
        assertThat(shownInTable(byInput.get("jane..doe@acme.io").reasonText())).isTrue();
        choose("risky");
        waitUntil(() -> rows("#address-check-table").size() == 1);
        assertThat(this.<AddressVerdict>rows("#address-check-table"))
                .extracting(AddressVerdict::input)
                .containsExactly("info@acme.io");
        choose("All verdicts");
        waitUntil(() -> rows("#address-check-table").size() == 6);
    }

    private void choose(String word) throws Exception {
        clickOn("#address-check-filter");
        waitUntil(() -> popupCell(word).isPresent());
        clickOn(popupCell(word).orElseThrow());
    }

    private java.util.Optional<Node> popupCell(String word) {
        return lookup((Node n) -> n instanceof ListCell<?> c
                        && word.equals(c.getText())
                        && n.isVisible()
                        && n.getScene() != null
                        && n.getScene().getWindow() instanceof javafx.stage.PopupWindow)
                .tryQuery();
    }

    /** Whether a label in the results table shows this text (a reason, clipped as the table clips it). */
    private boolean shownInTable(String text) {
        String shown = dev.mailroom.app.validation.AddressLists.clip(text, 400);
        List<Node> found = from(lookup("#address-check-table").queryAll())
                .lookup((Node n) -> n instanceof Labeled l && shown.equals(l.getText()) && n.isVisible())
                .queryAll()
                .stream()
                .toList();
        return !found.isEmpty();
    }

    /** The tooltip of the table cell that shows this text. */
    private String tooltipOf(String text) {
        return from(lookup("#address-check-table").queryAll())
                .lookup((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c && text.equals(c.getText()))
                .queryAs(javafx.scene.control.TableCell.class)
                .getTooltip()
                .getText();
    }
}
