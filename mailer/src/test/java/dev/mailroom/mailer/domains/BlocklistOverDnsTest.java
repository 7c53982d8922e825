package dev.mailroom.mailer.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.dns.DnsjavaLookup;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.domains.blocklist.Blocklist;
import dev.mailroom.model.domains.blocklist.BlocklistChecker;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.domains.names.DomainName;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Test zones on the local DNS server act as blocklists. */
class BlocklistOverDnsTest {
    private static final Blocklist IPS =
            new Blocklist("Test IP list", "bl.test", Blocklist.Kind.IP, "https://bl.test/lookup");
    private static final Blocklist DOMAINS = new Blocklist("Test domain list", "dbl.test", Blocklist.Kind.DOMAIN, "");
    private static final Blocklist PICKY = new Blocklist("Picky list", "picky.test", Blocklist.Kind.IP, "");
    private static final Blocklist DOWN = new Blocklist("Down list", "down.test", Blocklist.Kind.IP, "");

    @Test
    void listedNotListedRefusedAndUnreachableAreToldApart() {
        try (TestDnsServer dns = TestDnsServer.start()) {
            dns.add("5.113.0.203.bl.test", Type.A, "127.0.0.2")
                    .addTxt("5.113.0.203.bl.test", "Listed for spam traps; see https://bl.test/lookup?ip=203.0.113.5")
                    .add("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.bl.test", Type.A, "127.0.0.3")
                    .add("spammy.example.com.dbl.test", Type.A, "127.0.1.2")
                    .add("6.113.0.203.picky.test", Type.A, "127.255.255.254")
                    .add("bl.test", Type.SOA, "ns.bl.test. host.bl.test. 1 3600 600 86400 60")
                    .fail("6.113.0.203.down.test", TestDnsServer.Failure.TIMEOUT);
            BlocklistChecker checker = new BlocklistChecker(
                    new DnsjavaLookup(ResolverSettings.parse(dns.address(), Duration.ofMillis(250), 1)),
                    Clock.systemUTC());

            List<BlocklistResult> r = checker.check(
                    List.of(IPS, DOMAINS),
                    List.of("203.0.113.5", "203.0.113.6", "2001:db8::1"),
                    List.of(DomainName.parse("spammy.example.com"), DomainName.parse("clean.example.com")));
            assertThat(r)
                    .extracting(BlocklistResult::status)
                    .containsExactly(
                            BlocklistResult.Status.LISTED,
                            BlocklistResult.Status.NOT_LISTED,
                            BlocklistResult.Status.LISTED,
                            BlocklistResult.Status.LISTED,
                            BlocklistResult.Status.NOT_LISTED);
            assertThat(r.get(0).message())
                    .startsWith("203.0.113.5 is listed on Test IP list (127.0.0.2): Listed for spam traps")
                    .contains("What to do")
                    .contains("ask for removal at https://bl.test/lookup");
            assertThat(r.get(2).codes()).containsExactly("127.0.0.3");
            assertThat(r.get(3).subject()).isEqualTo("spammy.example.com");

            BlocklistResult refused = checker.checkIp(PICKY, "203.0.113.6");
            assertThat(refused.status()).isEqualTo(BlocklistResult.Status.ERROR);
            assertThat(refused.message())
                    .contains("refused to answer (127.255.255.254)")
                    .contains("own resolver");

            BlocklistResult down = checker.checkIp(DOWN, "203.0.113.6");
            assertThat(down.status()).isEqualTo(BlocklistResult.Status.ERROR);
            assertThat(down.message()).contains("could not be asked").contains("No DNS server answered");
        }
        assertThat(BlocklistChecker.queryName(IPS, "192.0.2.99")).contains("99.2.0.192.bl.test");
    }

    @Test
    void relayHostsAreLookedUpAndEachPublicAddressAsked() {
        try (TestDnsServer dns = TestDnsServer.start()) {
            dns.add("smtp.relay.test", Type.A, "203.0.113.5")
                    .add("smtp.relay.test", Type.AAAA, "2001:db8::1")
                    .add("5.113.0.203.bl.test", Type.A, "127.0.0.2")
                    .add("internal.relay.test", Type.A, "10.1.2.3")
                    .add("relay.test", Type.SOA, "ns.relay.test. host.relay.test. 1 3600 600 86400 60")
                    .add("bl.test", Type.SOA, "ns.bl.test. host.bl.test. 1 3600 600 86400 60");
            BlocklistChecker checker = new BlocklistChecker(
                    new DnsjavaLookup(ResolverSettings.parse(dns.address(), Duration.ofMillis(250), 1)),
                    Clock.systemUTC());

            List<BlocklistResult> r = checker.checkRelays(
                    List.of(IPS, DOMAINS),
                    List.of(
                            "smtp.relay.test",
                            "localhost",
                            "127.0.0.1",
                            "internal.relay.test",
                            "gone.relay.test",
                            "198.51.100.7"));

            assertThat(r)
                    .extracting(BlocklistResult::subject)
                    .containsExactly(
                            "203.0.113.5 (smtp.relay.test)",
                            "2001:db8::1 (smtp.relay.test)",
                            "gone.relay.test",
                            "198.51.100.7");
            assertThat(r)
                    .extracting(BlocklistResult::status)
                    .containsExactly(
                            BlocklistResult.Status.LISTED,
                            BlocklistResult.Status.NOT_LISTED,
                            BlocklistResult.Status.ERROR,
                            BlocklistResult.Status.NOT_LISTED);
            assertThat(r.get(0).message()).startsWith("203.0.113.5 (smtp.relay.test) is listed on Test IP list");
            assertThat(r.get(2).message())
                    .contains("The relay gone.relay.test could not be looked up")
                    .contains("Check the connection's host name");
            assertThat(checker.checkRelays(List.of(DOMAINS), List.of("smtp.relay.test")))
                    .isEmpty();
        }
    }
}
