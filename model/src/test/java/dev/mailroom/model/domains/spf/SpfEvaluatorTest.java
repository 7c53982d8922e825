package dev.mailroom.model.domains.spf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.FakeDns;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SpfEvaluatorTest {
    private final FakeDns dns = new FakeDns()
            .add("acme.com", DnsType.TXT, "v=spf1 include:_spf.relay.example mx ~all", "google-site-verification=x")
            .add("acme.com", DnsType.MX, "10 mx.acme.com")
            .add("mx.acme.com", DnsType.A, "198.51.100.25")
            .add("_spf.relay.example", DnsType.TXT, "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all");
    private final SpfEvaluator spf = new SpfEvaluator(dns, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));

    @Test
    void passesThroughAnIncludeAndSaysWhy() {
        SpfOutcome o = spf.checkHost("192.0.2.77", "acme.com", "bounce@acme.com", "relay.example");
        assertThat(o.result()).isEqualTo(SpfResult.PASS);
        assertThat(o.decidedBy())
                .contains("acme.com: include:_spf.relay.example → _spf.relay.example: ip4:192.0.2.0/24");
        assertThat(o.reason())
                .isEqualTo("192.0.2.77 is authorised by \"include:_spf.relay.example\" in acme.com's SPF record.");
        assertThat(o.dnsLookups()).isEqualTo(1);
        assertThat(spf.checkHost("2001:db8::5", "acme.com", "a@acme.com", "h").result())
                .isEqualTo(SpfResult.PASS);
        assertThat(spf.checkHost("198.51.100.25", "acme.com", "a@acme.com", "h").result())
                .isEqualTo(SpfResult.PASS);
    }

    @Test
    void softfailsAnUnknownAddressAndExplainsAFail() {
        SpfOutcome o = spf.checkHost("203.0.113.9", "acme.com", "a@acme.com", "h");
        assertThat(o.result()).isEqualTo(SpfResult.SOFTFAIL);
        assertThat(o.summary()).startsWith("softfail: 203.0.113.9 is probably not authorised");
        dns.add("strict.example", DnsType.TXT, "v=spf1 -all");
        SpfOutcome f = spf.checkHost("203.0.113.9", "strict.example", "a@strict.example", "h");
        assertThat(f.explanation())
                .contains("strict.example has not authorised 203.0.113.9 to send its mail (SPF fail)");
    }

    @Test
    void errorsAreExplained() {
        dns.add("two.example", DnsType.TXT, "v=spf1 -all", "v=spf1 +all");
        assertThat(spf.checkHost("192.0.2.1", "two.example", "a@two.example", "h")
                        .reason())
                .contains("publishes 2 SPF records; there must be exactly one");
        dns.add("bad.example", DnsType.TXT, "v=spf1 ip4:192.0.2.300 -all");
        assertThat(spf.checkHost("192.0.2.1", "bad.example", "a@bad.example", "h")
                        .summary())
                .startsWith("permerror: bad.example's SPF record is not valid: \"ip4:192.0.2.300\"");
        dns.fail("down.example", DnsStatus.TIMEOUT);
        assertThat(spf.checkHost("192.0.2.1", "down.example", "a@down.example", "h")
                        .result())
                .isEqualTo(SpfResult.TEMPERROR);
        assertThat(spf.checkHost("192.0.2.1", "nothing.example", "a@nothing.example", "h")
                        .result())
                .isEqualTo(SpfResult.NONE);
    }

    @Test
    void tooManyLookupsIsAPermerror() {
        StringBuilder rec = new StringBuilder("v=spf1");
        for (int i = 0; i < 11; i++) {
            rec.append(" a:h").append(i).append(".many.example");
            dns.add("h" + i + ".many.example", DnsType.A, "198.51.100." + i);
        }
        dns.add("many.example", DnsType.TXT, rec + " -all");
        SpfOutcome o = spf.checkHost("192.0.2.1", "many.example", "a@many.example", "h");
        assertThat(o.result()).isEqualTo(SpfResult.PERMERROR);
        assertThat(o.reason()).contains("more than 10 DNS look-ups");
    }

    @Test
    void macrosExpandAsRfc7208Shows() throws Exception {
        // RFC 7208 §7.4: sender strong-bad@email.example.com, IP 192.0.2.3.
        var values = java.util.Map.of(
                's',
                "strong-bad@email.example.com",
                'o',
                "email.example.com",
                'd',
                "email.example.com",
                'i',
                "192.0.2.3",
                'l',
                "strong-bad");
        java.util.function.Function<Character, String> v = c -> values.get(c);
        assertThat(SpfMacros.expand("%{s}", false, v)).isEqualTo("strong-bad@email.example.com");
        assertThat(SpfMacros.expand("%{d4}", false, v)).isEqualTo("email.example.com");
        assertThat(SpfMacros.expand("%{d2}", false, v)).isEqualTo("example.com");
        assertThat(SpfMacros.expand("%{d1}", false, v)).isEqualTo("com");
        assertThat(SpfMacros.expand("%{dr}", false, v)).isEqualTo("com.example.email");
        assertThat(SpfMacros.expand("%{d2r}", false, v)).isEqualTo("example.email");
        assertThat(SpfMacros.expand("%{l}", false, v)).isEqualTo("strong-bad");
        assertThat(SpfMacros.expand("%{l-}", false, v)).isEqualTo("strong.bad");
        assertThat(SpfMacros.expand("%{lr-}", false, v)).isEqualTo("bad.strong");
        assertThat(SpfMacros.expand("%{l1r-}", false, v)).isEqualTo("strong");
        assertThat(SpfMacros.expand("%{ir}.%{v}._spf.%{d2}", false, c -> c == 'v' ? "in-addr" : v.apply(c)))
                .isEqualTo("3.2.0.192.in-addr._spf.example.com");
        assertThat(SpfMacros.expand("%{S}", false, v)).isEqualTo("strong-bad%40email.example.com");
        assertThat(IpAddresses.dotted(IpAddresses.parse("2001:db8::cb01").orElseThrow()))
                .isEqualTo("2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.C.B.0.1");
        assertThat(IpAddresses.human(IpAddresses.parse("2001:DB8:0:0:1:0:0:1").orElseThrow()))
                .isEqualTo("2001:db8::1:0:0:1");
    }
}
