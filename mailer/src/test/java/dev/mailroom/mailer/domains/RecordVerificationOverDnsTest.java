package dev.mailroom.mailer.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.dns.DnsjavaLookup;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.DomainSurvey;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.RecordVerifier;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimKeyPair;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.domains.names.DomainName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Plan, publish into a real DNS server on 127.0.0.1, verify through dnsjava: the whole loop. */
class RecordVerificationOverDnsTest {
    @Test
    void aPublishedPlanVerifiesAndAMisbehavingServerIsExplained() {
        Clock clock = Clock.systemUTC();
        DkimKeyPair rsa = new DkimKeyGenerator(clock, new SecureRandom()).generate(DkimAlgorithm.RSA, List.of());
        DkimKeyPair ed = new DkimKeyGenerator(clock, new SecureRandom())
                .generate(DkimAlgorithm.ED25519, List.of(rsa.selector()));
        try (TestDnsServer dns = TestDnsServer.start()) {
            dns.addTxt("acme.com", "v=spf1 include:_spf.google.com -all")
                    .addTxt("_spf.google.com", "v=spf1 ip4:198.51.100.0/24 ~all")
                    .addTxt("_spf.relay.example", "v=spf1 ip4:203.0.113.0/24 -all");
            DnsjavaLookup lookup = new DnsjavaLookup(ResolverSettings.parse(dns.address(), Duration.ofMillis(300), 1));
            RecordPlan plan = new DomainSurvey(lookup, clock)
                    .plan(
                            DomainName.parse("acme.com"),
                            RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                            List.of(rsa.publicKey(), ed.publicKey()));

            // Publish the plan as the client's IT would (the DKIM key as its 255-character strings).
            dns.truncateAllUdp(true);
            RecordVerifier verifier = new RecordVerifier(lookup, clock);
            assertThat(verifier.verify(plan, Optional.empty()))
                    .extracting(RecordCheck::status)
                    .containsExactly(
                            CheckStatus.DIFFERENT,
                            CheckStatus.MISSING,
                            CheckStatus.MISSING,
                            CheckStatus.MISSING,
                            CheckStatus.MISSING);
            for (PlannedRecord r : plan.records()) {
                switch (r.type()) {
                    case TXT -> {
                        if (r.kind() == RecordKind.SPF) {
                            continue;
                        }
                        dns.addTxt(r.host(), r.strings().toArray(String[]::new));
                    }
                    case CNAME -> dns.cname(r.host(), r.value());
                    default -> throw new IllegalStateException();
                }
            }
            dns.add("acme.com", Type.TXT, "\"v=spf1 include:_spf.google.com include:_spf.relay.example -all\"");
            dns.add("bounces.relay.example", Type.A, "203.0.113.5");
            List<RecordCheck> checks = verifier.verify(plan, Optional.of("203.0.113.5"));
            // acme.com now has two SPF records (the old and the merged): the check says so.
            assertThat(checks.get(0).status()).isEqualTo(CheckStatus.DIFFERENT);
            assertThat(checks.get(0).message()).contains("publishes 2 SPF records");
            assertThat(checks.subList(1, checks.size()))
                    .extracting(RecordCheck::status)
                    .containsOnly(CheckStatus.FOUND);
            assertThat(dns.tcpQueries()).isPositive();
        }
    }
}
