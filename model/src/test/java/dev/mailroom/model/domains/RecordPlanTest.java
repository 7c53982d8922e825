package dev.mailroom.model.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.Table;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimKeyPair;
import dev.mailroom.model.domains.dkim.DkimPublicKey;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.FakeDns;
import dev.mailroom.model.domains.names.DomainName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecordPlanTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final DomainName ACME = DomainName.parse("acme.com");
    private static final RecordPlanSettings SETTINGS = RecordPlanSettings.builtIn(
                    "include:_spf.relay.example", "bounces.relay.example")
            .withDmarcReports("dmarc@agency.example");
    private static final DkimKeyPair RSA =
            new DkimKeyGenerator(CLOCK, new SecureRandom()).generate(DkimAlgorithm.RSA, List.of());
    private static final DkimKeyPair ED =
            new DkimKeyGenerator(CLOCK, new SecureRandom()).generate(DkimAlgorithm.ED25519, List.of("mr202611"));

    private final FakeDns dns = new FakeDns()
            .add("_spf.relay.example", DnsType.TXT, "v=spf1 ip4:203.0.113.0/24 -all")
            .add("_spf.google.com", DnsType.TXT, "v=spf1 ip4:198.51.100.0/24 ~all");

    private RecordPlan plan(RecordPlanSettings s, List<DkimPublicKey> keys) {
        return new DomainSurvey(dns, CLOCK).plan(ACME, s, keys);
    }

    private static Map<RecordKind, PlannedRecord> byKind(RecordPlan p) {
        return p.records().stream().collect(Collectors.toMap(PlannedRecord::kind, Function.identity(), (a, b) -> a));
    }

    @Test
    void mergesTheRelayIntoTheExistingSpfRecordKeepingItsAll() {
        dns.add("acme.com", DnsType.TXT, "v=spf1 include:_spf.google.com -all", "google-site-verification=abc");
        PlannedRecord spf = byKind(plan(SETTINGS, List.of())).get(RecordKind.SPF);
        assertThat(spf.value()).isEqualTo("v=spf1 include:_spf.google.com include:_spf.relay.example -all");
        assertThat(spf.action()).isEqualTo(PlanAction.UPDATE);
        assertThat(spf.existing()).contains("v=spf1 include:_spf.google.com -all");
        assertThat(spf.notes())
                .anyMatch(n -> n.contains("including -all"))
                .anyMatch(n -> n.equals("DNS look-ups needed: 2 of 10; void look-ups: 0 of 2."));
    }

    @Test
    void writesANewSpfRecordOrLeavesAGoodOneAlone() {
        assertThat(byKind(plan(SETTINGS, List.of())).get(RecordKind.SPF).value())
                .isEqualTo("v=spf1 include:_spf.relay.example ~all");
        dns.add("acme.com", DnsType.TXT, "v=spf1 mx include:_spf.relay.example ?all");
        PlannedRecord spf = byKind(plan(SETTINGS, List.of())).get(RecordKind.SPF);
        assertThat(spf.action()).isEqualTo(PlanAction.NONE);
        assertThat(spf.value()).isEqualTo("v=spf1 mx include:_spf.relay.example ?all");
    }

    @Test
    void twoSpfRecordsBecomeOne() {
        dns.add("acme.com", DnsType.TXT, "v=spf1 mx -all", "v=spf1 ip4:192.0.2.1 redirect=_spf.google.com");
        RecordPlan p = plan(SETTINGS, List.of());
        PlannedRecord spf = byKind(p).get(RecordKind.SPF);
        assertThat(spf.value()).isEqualTo("v=spf1 mx ip4:192.0.2.1 include:_spf.relay.example -all");
        assertThat(spf.notes()).anyMatch(n -> n.contains("publishes 2 SPF records"));
    }

    @Test
    void warnsPastTenLookupsAndPastTwoVoidLookups() {
        StringBuilder big = new StringBuilder("v=spf1");
        for (int i = 0; i < 4; i++) {
            big.append(" include:s").append(i).append(".example");
            dns.add("s" + i + ".example", DnsType.TXT, "v=spf1 a mx include:n" + i + ".example ~all");
            dns.add("s" + i + ".example", DnsType.A, "192.0.2." + i);
            dns.add("s" + i + ".example", DnsType.MX, "10 mx.s" + i + ".example");
            dns.add("n" + i + ".example", DnsType.TXT, "v=spf1 ip4:192.0.2.0/24 -all");
        }
        dns.add("acme.com", DnsType.TXT, big + " -all");
        RecordPlan p = plan(SETTINGS, List.of());
        assertThat(byKind(p).get(RecordKind.SPF).notes()).anyMatch(n -> n.startsWith("DNS look-ups needed: 17 of 10"));
        assertThat(p.warnings())
                .anyMatch(w -> w.startsWith("SPF: The record needs 17 DNS look-ups") && w.contains("permerror"));

        dns.add("void.example", DnsType.TXT, "v=spf1 a:gone1.example a:gone2.example exists:gone3.example -all");
        dns.add("acme.org", DnsType.TXT, "v=spf1 include:void.example -all");
        RecordPlan v = new DomainSurvey(dns, CLOCK).plan(DomainName.parse("acme.org"), SETTINGS, List.of());
        assertThat(v.warnings()).anyMatch(w -> w.contains("3 terms point at names that do not exist"));
    }

    @Test
    void dkimRecordsComeSplitIntoStringsOfAtMost255() {
        RecordPlan p = plan(SETTINGS, List.of(RSA.publicKey(), ED.publicKey()));
        List<PlannedRecord> dkim = p.of(RecordKind.DKIM);
        assertThat(dkim)
                .extracting(PlannedRecord::host)
                .containsExactly("mr202611._domainkey.acme.com", "mr202611e._domainkey.acme.com");
        assertThat(dkim.get(0).strings())
                .hasSize(2)
                .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", dkim.get(0).strings())).isEqualTo(RSA.txtValue());
    }

    @Test
    void dmarcStartsAtNoneAndAnExistingRecordIsKept() {
        PlannedRecord d = byKind(plan(SETTINGS, List.of())).get(RecordKind.DMARC);
        assertThat(d.host()).isEqualTo("_dmarc.acme.com");
        assertThat(d.value()).isEqualTo("v=DMARC1; p=none; rua=mailto:dmarc@agency.example");
        assertThat(d.action()).isEqualTo(PlanAction.ADD);

        dns.add("_dmarc.acme.com", DnsType.TXT, "v=DMARC1; p=reject; rua=mailto:d@acme.com");
        PlannedRecord kept = byKind(plan(SETTINGS, List.of())).get(RecordKind.DMARC);
        assertThat(kept.action()).isEqualTo(PlanAction.KEEP);
        assertThat(kept.value()).isEqualTo("v=DMARC1; p=reject; rua=mailto:d@acme.com");
    }

    @Test
    void optionalRecordsAndTheMtaStsPolicy() {
        RecordPlanSettings s = SETTINGS.withMx(new RecordPlanSettings.Mx("bounce", "mx.relay.example.", 10))
                .withTracking(new RecordPlanSettings.Tracking("track", "track.relay.example"))
                .withMtaSts(
                        new RecordPlanSettings.MtaSts("testing", List.of("mx1.acme.com", "*.mail.acme.com"), 604800),
                        "tls@agency.example");
        RecordPlan p = plan(s, List.of());
        Map<RecordKind, PlannedRecord> r = byKind(p);
        assertThat(r.get(RecordKind.RETURN_PATH).host()).isEqualTo("bounce.acme.com");
        assertThat(r.get(RecordKind.RETURN_PATH).value()).isEqualTo("bounces.relay.example");
        assertThat(r.get(RecordKind.MX).value()).isEqualTo("10 mx.relay.example");
        assertThat(r.get(RecordKind.TRACKING).host()).isEqualTo("track.acme.com");
        assertThat(r.get(RecordKind.MTA_STS).value()).isEqualTo("v=STSv1; id=20261122T100000");
        assertThat(r.get(RecordKind.TLS_RPT).host()).isEqualTo("_smtp._tls.acme.com");
        assertThat(r.get(RecordKind.TLS_RPT).value()).isEqualTo("v=TLSRPTv1; rua=mailto:tls@agency.example");
        assertThat(p.mtaStsPolicy())
                .contains(
                        "version: STSv1\r\nmode: testing\r\nmx: mx1.acme.com\r\nmx: *.mail.acme.com\r\nmax_age: 604800\r\n");
    }

    @Test
    void badSettingsAreExplainedPerField() {
        RecordPlanSettings bad = new RecordPlanSettings(
                "relay.example",
                "bad label!",
                "x",
                Optional.of("not-an-address"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                5);
        assertThatThrownBy(bad::validated)
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems())
                                .containsKeys(
                                        "spfMechanism",
                                        "returnPathLabel",
                                        "returnPathTarget",
                                        "dmarcReportAddress",
                                        "ttl"));
    }

    @Test
    void verificationSaysFoundMissingOrDifferentWithBothValues() {
        RecordPlanSettings s = SETTINGS.withTracking(new RecordPlanSettings.Tracking("track", "track.relay.example"));
        RecordPlan p = plan(s, List.of(RSA.publicKey()));
        RecordVerifier verifier = new RecordVerifier(dns, CLOCK);
        assertThat(verifier.verify(p, Optional.empty()))
                .extracting(RecordCheck::status)
                .containsOnly(CheckStatus.MISSING);

        dns.add("acme.com", DnsType.TXT, "v=spf1 include:_spf.relay.example ~all");
        dns.add("mr202611._domainkey.acme.com", DnsType.TXT, RSA.txtValue().replace("; ", ";"));
        dns.add("bounce.acme.com", DnsType.CNAME, "bounces.relay.example");
        dns.add("_dmarc.acme.com", DnsType.TXT, "v=DMARC1; p=none; rua=mailto:dmarc@agency.example");
        dns.add("track.acme.com", DnsType.CNAME, "elsewhere.example");
        List<RecordCheck> checks = verifier.verify(p, Optional.of("203.0.113.7"));
        Map<RecordKind, RecordCheck> c =
                checks.stream().collect(Collectors.toMap(x -> x.record().kind(), Function.identity()));
        assertThat(c.get(RecordKind.SPF).status()).isEqualTo(CheckStatus.FOUND);
        assertThat(c.get(RecordKind.SPF).message()).contains("Mail from the relay (203.0.113.7) would pass SPF.");
        assertThat(c.get(RecordKind.DKIM).status()).isEqualTo(CheckStatus.FOUND);
        assertThat(c.get(RecordKind.RETURN_PATH).status()).isEqualTo(CheckStatus.FOUND);
        assertThat(c.get(RecordKind.DMARC).status()).isEqualTo(CheckStatus.FOUND);
        RecordCheck track = c.get(RecordKind.TRACKING);
        assertThat(track.status()).isEqualTo(CheckStatus.DIFFERENT);
        assertThat(track.expected()).isEqualTo("track.relay.example");
        assertThat(track.found()).containsExactly("elsewhere.example");
        assertThat(track.message())
                .isEqualTo("track.acme.com points to elsewhere.example instead of track.relay.example.");

        assertThat(verifier.verify(p, Optional.of("192.0.2.99")).get(0).message())
                .contains("would get SPF softfail");
    }

    @Test
    void aDkimKeyCutShortIsDifferentAndATimeoutIsUnknown() {
        RecordPlan p = plan(SETTINGS, List.of(RSA.publicKey()));
        String cut = RSA.txtValue().substring(0, 255);
        dns.add("mr202611._domainkey.acme.com", DnsType.TXT, cut);
        dns.fail("acme.com", DnsStatus.TIMEOUT);
        RecordVerifier verifier = new RecordVerifier(dns, CLOCK);
        List<RecordCheck> checks = verifier.verify(p, Optional.empty());
        RecordCheck dkim = checks.stream()
                .filter(x -> x.record().kind() == RecordKind.DKIM)
                .findFirst()
                .orElseThrow();
        assertThat(dkim.status()).isEqualTo(CheckStatus.DIFFERENT);
        assertThat(dkim.message())
                .contains("but the public key (p=) is not valid base64. Copy the value again")
                .contains("cut short");
        RecordCheck spf = checks.get(0);
        assertThat(spf.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(spf.message()).contains("No DNS server answered");
    }

    @Test
    void handsOffABindSnippetAndACsv() {
        dns.add("_dmarc.acme.com", DnsType.TXT, "v=DMARC1; p=quarantine");
        RecordPlan p = plan(SETTINGS, List.of(RSA.publicKey()));
        String zone = HandOff.bindSnippet(p, "Northwind \"Digital\"", 3600, NOW);
        assertThat(zone)
                .contains("$ORIGIN acme.com.\n")
                .contains("prepared by Northwind \"Digital\" with Mailroom on 22 Nov 2026")
                .contains("@                   3600 IN TXT   \"v=spf1 include:_spf.relay.example ~all\"")
                .contains("mr202611._domainkey 3600 IN TXT   (\n    \"v=DKIM1; k=rsa; p=")
                .contains("bounce              3600 IN CNAME bounces.relay.example.")
                .contains(
                        "; already published, keep as it is:\n; _dmarc              3600 IN TXT   \"v=DMARC1; p=quarantine\"");
        Table table = HandOff.table(p, 3600);
        assertThat(table.header())
                .containsExactly("Record", "Action", "Type", "Host", "Name in zone", "Value", "TTL", "Purpose");
        assertThat(table.rows())
                .anySatisfy(r -> assertThat(r.subList(0, 7))
                        .containsExactly(
                                "SPF", "Add", "TXT", "acme.com", "@", "v=spf1 include:_spf.relay.example ~all", "3600"))
                .anySatisfy(r -> assertThat(r.subList(0, 7))
                        .containsExactly(
                                "DMARC", "Keep", "TXT", "_dmarc.acme.com", "_dmarc", "v=DMARC1; p=quarantine", "3600"))
                .anySatisfy(
                        r -> assertThat(r.get(7))
                                .isEqualTo(
                                        "Points the bounce address's domain at the relay, so bounces come back and SPF aligns."));
    }

    @Test
    void internationalDomainsArePlannedInPunycodeAndNamedInUnicode() {
        DomainName idn = DomainName.parse("bücher.de");
        RecordPlan p = new DomainSurvey(dns, CLOCK).plan(idn, SETTINGS, List.of());
        assertThat(p.records().get(0).host()).isEqualTo("xn--bcher-kva.de");
        assertThat(HandOff.bindSnippet(p, "A", 300, NOW)).startsWith("; DNS records for bücher.de (xn--bcher-kva.de)");
    }

    @Test
    void theInstructionSheetIsPrintableHtmlWithTheAgencysName() {
        dns.add("_dmarc.acme.com", DnsType.TXT, "v=DMARC1; p=quarantine");
        RecordPlan p = plan(
                SETTINGS.withMtaSts(new RecordPlanSettings.MtaSts("testing", List.of("mx1.acme.com"), 86400), null),
                List.of(RSA.publicKey()));
        String html = HandOff.instructionSheetHtml(p, "Northwind <Digital> & Co", "Acme", 3600, NOW);
        assertThat(html)
                .startsWith("<!DOCTYPE html>")
                .contains("Prepared by Northwind &lt;Digital&gt; &amp; Co for Acme on 22 Nov 2026")
                .contains("<h2>To add or change</h2>")
                .contains("<code>mr202611._domainkey.acme.com</code>")
                .contains(RSA.txtValue())
                .contains("<h2>Already in place: keep as they are</h2>")
                .contains("v=DMARC1; p=quarantine")
                .contains("https://mta-sts.acme.com/.well-known/mta-sts.txt")
                .doesNotContain("<script");
    }
}
