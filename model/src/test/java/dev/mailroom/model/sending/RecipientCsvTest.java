package dev.mailroom.model.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.sending.RecipientCsv.Parsed;
import dev.mailroom.model.sending.RecipientCsv.Recipient;
import dev.mailroom.model.sending.RecipientCsv.RowError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecipientCsvTest {
    @Test
    void keepsGoodRowsAndListsBrokenOnesByLine() {
        String csv = "\uFEFFName,Email,Plan\r\n"
                + "Ann,ann@example.net,Gold\r\n"
                + "\"Bob, Jr.\",bob@example.net,\"Silver \"\"plus\"\"\"\r\n"
                + "Carl,not-an-address,Gold\r\n"
                + "Dee,dee@example.net\r\n"
                + "\r\n"
                + "Ann again,ANN@example.net,Gold\r\n"
                + "\"Multi\nline\",eve@example.net,Bronze\r\n";
        Parsed p = RecipientCsv.parse(csv);
        assertThat(p.recipients())
                .extracting(Recipient::address)
                .containsExactly("ann@example.net", "bob@example.net", "eve@example.net");
        assertThat(p.recipients().get(1).variables()).isEqualTo(Map.of("Name", "Bob, Jr.", "Plan", "Silver \"plus\""));
        assertThat(p.recipients().get(2).line()).isEqualTo(8);
        assertThat(p.errors()).extracting(RowError::line).containsExactly(4, 5, 7);
        assertThat(p.errors().get(0).problem()).contains("\"not-an-address\" is not an email address");
        assertThat(p.errors().get(1).problem()).contains("Expected 3 columns, found 2");
        assertThat(p.errors().get(2).problem()).contains("more than once");
    }

    @Test
    void aPlainListHasOneAddressPerLineAndSemicolonsWork() {
        assertThat(RecipientCsv.parse("ann@example.net\nbob@example.net\n").recipients())
                .extracting(Recipient::address)
                .containsExactly("ann@example.net", "bob@example.net");
        assertThat(RecipientCsv.parse("email;name\nann@example.net;Ann").recipients())
                .singleElement()
                .satisfies(r -> assertThat(r.variables()).containsEntry("name", "Ann"));
    }

    @Test
    void anUnclosedQuoteIsReportedNotSwallowed() {
        Parsed p = RecipientCsv.parse("email,name\nann@example.net,Ann\nbob@example.net,\"Bob\n");
        assertThat(p.recipients()).extracting(Recipient::address).containsExactly("ann@example.net");
        assertThat(p.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.problem()).contains("never closed");
        });
    }

    @Test
    void twentyThousandRowsParse() {
        StringBuilder sb = new StringBuilder("email,first\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append(i % 1000 == 999 ? "broken" : "r" + i + "@example.net")
                    .append(",N")
                    .append(i)
                    .append('\n');
        }
        Parsed p = RecipientCsv.parse(sb.toString());
        assertThat(p.recipients()).hasSize(19_980);
        assertThat(p.errors()).hasSize(20);
    }
}
