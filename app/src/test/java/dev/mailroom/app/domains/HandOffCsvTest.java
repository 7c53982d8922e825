package dev.mailroom.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.domains.PlanAction;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.names.DomainName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DNS hand-off's CSV export goes through the one writer: RFC 4180 and formula-safe. */
class HandOffCsvTest {
    @Test
    void theCsvIsQuotedAndFormulaSafe() {
        RecordPlan plan = new RecordPlan(
                DomainName.parse("acme.com"),
                List.of(
                        new PlannedRecord(
                                RecordKind.SPF,
                                "acme.com",
                                DnsType.TXT,
                                "v=spf1 include:_spf.relay.example ~all",
                                PlanAction.ADD,
                                Optional.empty(),
                                false,
                                List.of()),
                        new PlannedRecord(
                                RecordKind.DMARC,
                                "_dmarc.acme.com",
                                DnsType.TXT,
                                "=HYPERLINK(\"http://evil\")",
                                PlanAction.UPDATE,
                                Optional.of("v=DMARC1; p=none"),
                                false,
                                List.of())),
                List.of(),
                Optional.empty());
        String csv = DomainsViewModel.handOffText(
                plan, DomainsViewModel.HandOffFormat.CSV, "Agency", "Acme", 3600, Instant.EPOCH);
        assertThat(csv.split("\r\n"))
                .startsWith(
                        "Record,Action,Type,Host,Name in zone,Value,TTL,Purpose",
                        "SPF,Add,TXT,acme.com,@,v=spf1 include:_spf.relay.example ~all,3600,"
                                + "Lists the servers allowed to send mail for the domain; the relay is added to it.");
        assertThat(csv)
                .contains("DMARC,Change,TXT,_dmarc.acme.com,_dmarc,\"'=HYPERLINK(\"\"http://evil\"\")\",3600,")
                .doesNotContain(",\"=HYPERLINK");
    }
}
