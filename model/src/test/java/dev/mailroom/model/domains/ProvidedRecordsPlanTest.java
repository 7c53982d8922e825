package dev.mailroom.model.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimPublicKey;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.FakeDns;
import dev.mailroom.model.domains.names.DomainName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a provider's records enter a domain's plan (decision 0074). */
class ProvidedRecordsPlanTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final DomainName ACME = DomainName.parse("acme.com");
    private static final RecordPlanSettings SETTINGS = RecordPlanSettings.builtIn(
                    "include:_spf.relay.example", "bounces.relay.example")
            .withDmarcReports("dmarc@agency.example")
            .withTracking(new RecordPlanSettings.Tracking("links", "track.relay.example"));
    private static final List<DkimPublicKey> OURS = List.of(new DkimKeyGenerator(CLOCK, new SecureRandom())
            .generate(DkimAlgorithm.ED25519, List.of())
            .publicKey());

    private static final ProvidedRecords MAILERSEND = new ProvidedRecords(
            "MailerSend",
            List.of(
                    new ProvidedRecords.Entry(
                            RecordKind.SPF,
                            "acme.com",
                            DnsType.TXT,
                            "v=spf1 include:_spf.mailersend.net ~all",
                            Optional.of(false)),
                    new ProvidedRecords.Entry(
                            RecordKind.DKIM,
                            "mlsend2._domainkey.acme.com",
                            DnsType.TXT,
                            "v=DKIM1;t=s;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDSzu8kBan8FU5qCOnCvJko8etd7RKm",
                            Optional.of(true)),
                    new ProvidedRecords.Entry(
                            RecordKind.RETURN_PATH,
                            "MTA.acme.com.",
                            DnsType.CNAME,
                            "mailersend.net.",
                            Optional.empty()),
                    new ProvidedRecords.Entry(
                            RecordKind.TRACKING,
                            "email.acme.com",
                            DnsType.CNAME,
                            "links.mailersend.net",
                            Optional.empty())));

    private final FakeDns dns = new FakeDns()
            .add("_spf.google.com", DnsType.TXT, "v=spf1 ip4:198.51.100.0/24 ~all")
            .add("_spf.mailersend.net", DnsType.TXT, "v=spf1 ip4:192.0.2.0/24 ~all");

    @Test
    void theProvidersDkimReturnPathAndTrackingTakeThePlaceOfOursAndItsSpfTermIsMergedIntoTheExistingRecord() {
        dns.add("acme.com", DnsType.TXT, "v=spf1 include:_spf.google.com -all");
        RecordPlan p = new DomainSurvey(dns, CLOCK).plan(ACME, SETTINGS, OURS, Optional.of(MAILERSEND));

        PlannedRecord spf = p.of(RecordKind.SPF).get(0);
        assertThat(spf.value()).isEqualTo("v=spf1 include:_spf.google.com include:_spf.mailersend.net -all");
        assertThat(spf.action()).isEqualTo(PlanAction.UPDATE);
        assertThat(spf.notes().get(0))
                .isEqualTo("MailerSend asks for include:_spf.mailersend.net. MailerSend has not verified it yet.");
        assertThat(p.of(RecordKind.SPF)).hasSize(1);

        assertThat(p.of(RecordKind.DKIM)).singleElement().satisfies(r -> {
            assertThat(r.host()).isEqualTo("mlsend2._domainkey.acme.com");
            assertThat(r.notes().get(0)).endsWith("MailerSend says it is verified.");
        });
        assertThat(p.of(RecordKind.RETURN_PATH)).singleElement().satisfies(r -> {
            assertThat(r.host()).isEqualTo("mta.acme.com");
            assertThat(r.value()).isEqualTo("mailersend.net");
            assertThat(r.type()).isEqualTo(DnsType.CNAME);
        });
        assertThat(p.of(RecordKind.TRACKING)).singleElement().satisfies(r -> {
            assertThat(r.host()).isEqualTo("email.acme.com");
            assertThat(r.optional()).isTrue();
        });
        assertThat(p.of(RecordKind.DMARC))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("v=DMARC1; p=none; rua=mailto:dmarc@agency.example"));
    }

    @Test
    void withoutAProvidersSpfTheConnectionsTermStaysAndWithoutProvidedRecordsThePlanIsAsBefore() {
        ProvidedRecords cnamesOnly = new ProvidedRecords(
                "SendGrid",
                List.of(new ProvidedRecords.Entry(
                        RecordKind.DKIM,
                        "s1._domainkey.acme.com",
                        DnsType.CNAME,
                        "s1.domainkey.u1.wl.sendgrid.net",
                        Optional.empty())));
        RecordPlan p = new DomainSurvey(dns, CLOCK).plan(ACME, SETTINGS, OURS, Optional.of(cnamesOnly));
        assertThat(p.of(RecordKind.SPF).get(0).value()).isEqualTo("v=spf1 include:_spf.relay.example ~all");
        assertThat(p.of(RecordKind.DKIM)).extracting(PlannedRecord::type).containsExactly(DnsType.CNAME);
        assertThat(p.of(RecordKind.RETURN_PATH))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("bounces.relay.example"));

        RecordPlan plain = new DomainSurvey(dns, CLOCK).plan(ACME, SETTINGS, OURS, Optional.empty());
        assertThat(plain).isEqualTo(new DomainSurvey(dns, CLOCK).plan(ACME, SETTINGS, OURS));
        assertThat(plain.of(RecordKind.DKIM))
                .singleElement()
                .satisfies(r -> assertThat(r.type()).isEqualTo(DnsType.TXT));
        assertThat(plain.of(RecordKind.TRACKING))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("track.relay.example"));
    }

    @Test
    void ourCheckLooksForAProvidersDkimCnameAndATxtKeyItCannotParseByItsText() {
        ProvidedRecords odd = new ProvidedRecords(
                "SendGrid",
                List.of(
                        new ProvidedRecords.Entry(
                                RecordKind.DKIM,
                                "s1._domainkey.acme.com",
                                DnsType.CNAME,
                                "s1.domainkey.u1.wl.sendgrid.net",
                                Optional.empty()),
                        new ProvidedRecords.Entry(
                                RecordKind.DKIM, "acme.com", DnsType.TXT, "k=rsa; t=s p=publicKey", Optional.empty())));
        dns.add("s1._domainkey.acme.com", DnsType.CNAME, "s1.domainkey.u1.wl.sendgrid.net.");
        dns.add("acme.com", DnsType.TXT, "k=rsa; t=s p=publicKey");
        RecordPlan p = new DomainSurvey(dns, CLOCK).plan(ACME, SETTINGS, OURS, Optional.of(odd));
        List<RecordCheck> checks = new RecordVerifier(dns, CLOCK).verify(p, Optional.empty());
        assertThat(checks)
                .filteredOn(c -> c.record().kind() == RecordKind.DKIM)
                .extracting(RecordCheck::status)
                .containsExactly(CheckStatus.FOUND, CheckStatus.FOUND);
    }
}
