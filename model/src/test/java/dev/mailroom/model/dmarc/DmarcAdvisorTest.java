package dev.mailroom.model.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DmarcAdvisorTest {
    private static PublishedPolicy policy(String p, int pct) {
        return new PublishedPolicy("client.example", p, "", pct, "r", "r");
    }

    private static SourceStats source(String ip, long messages, long pass) {
        return new SourceStats(ip, messages, pass, pass, pass / 2, 0, 0, 2);
    }

    @Test
    void waitsForEnoughReports() {
        DmarcAdvice a = DmarcAdvisor.advise(
                "client.example", Optional.of(policy("none", 100)), List.of(source("192.0.2.1", 5000, 5000)), 6, "");
        assertThat(a.stage()).isEqualTo(DmarcAdvice.Stage.NOT_ENOUGH_DATA);
        assertThat(a.headline()).contains("6 days").contains("14 days");
        assertThat(a.record()).isEmpty();
    }

    @Test
    void cleanSendersAtNoneAreReadyForQuarantineWithTheRecordAndItsNumbers() {
        DmarcAdvice a = DmarcAdvisor.advise(
                "client.example",
                Optional.of(policy("none", 100)),
                List.of(source("192.0.2.1", 9_900, 9_890), source("198.51.100.7", 40, 0)),
                20,
                "mailto:dmarc@agency.example");
        assertThat(a.stage()).isEqualTo(DmarcAdvice.Stage.READY_FOR_QUARANTINE);
        assertThat(a.record())
                .contains("_dmarc.client.example. TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@agency.example\"");
        assertThat(a.evidence().get(0))
                .contains("9,890 of 9,940 messages (99.5%)")
                .contains("20 days");
        assertThat(a.wouldBreak()).first().asString().startsWith("198.51.100.7: 40 failing messages");
    }

    @Test
    void aSenderBelowTheBarOrABigUnalignedSourceMustBeFixedFirst() {
        DmarcAdvice partly = DmarcAdvisor.advise(
                "client.example",
                Optional.of(policy("none", 100)),
                List.of(source("192.0.2.1", 10_000, 9_000)),
                20,
                "");
        assertThat(partly.stage()).isEqualTo(DmarcAdvice.Stage.FIX_SENDERS_FIRST);
        assertThat(partly.wouldBreak()).singleElement().asString().contains("1,000 of 10,000 messages (10%) failed");

        DmarcAdvice crm = DmarcAdvisor.advise(
                "client.example",
                Optional.of(policy("none", 100)),
                List.of(source("192.0.2.1", 10_000, 10_000), source("203.0.113.9", 900, 10)),
                20,
                "");
        assertThat(crm.stage()).isEqualTo(DmarcAdvice.Stage.FIX_SENDERS_FIRST);
        assertThat(crm.wouldBreak()).singleElement().asString().contains("Unaligned source 203.0.113.9");
    }

    @Test
    void quarantineBecomesRejectOnlyAfterThirtyDays() {
        List<SourceStats> clean = List.of(source("192.0.2.1", 10_000, 10_000));
        assertThat(DmarcAdvisor.advise("client.example", Optional.of(policy("quarantine", 100)), clean, 20, "")
                        .stage())
                .isEqualTo(DmarcAdvice.Stage.NOT_ENOUGH_DATA);
        DmarcAdvice ready =
                DmarcAdvisor.advise("client.example", Optional.of(policy("quarantine", 100)), clean, 30, "");
        assertThat(ready.stage()).isEqualTo(DmarcAdvice.Stage.READY_FOR_REJECT);
        assertThat(ready.record()).contains("_dmarc.client.example. TXT \"v=DMARC1; p=reject\"");
        assertThat(DmarcAdvisor.advise("client.example", Optional.of(policy("reject", 100)), clean, 30, "")
                        .stage())
                .isEqualTo(DmarcAdvice.Stage.AT_REJECT);
    }
}
