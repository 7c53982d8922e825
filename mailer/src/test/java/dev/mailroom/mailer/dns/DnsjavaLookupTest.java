package dev.mailroom.mailer.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.dns.TestDnsServer.Failure;
import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.ResolverSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/** The dnsjava adapter against a real DNS server on 127.0.0.1, misbehaving on purpose. */
class DnsjavaLookupTest {
    private TestDnsServer dns;
    private DnsjavaLookup lookup;

    @BeforeEach
    void start() {
        dns = TestDnsServer.start()
                .add("example.com", Type.A, "192.0.2.10")
                .add("example.com", Type.AAAA, "2001:db8::10")
                .add("example.com", Type.MX, "20 backup.example.com.")
                .add("example.com", Type.MX, "10 mx.example.com.")
                .add("example.com", Type.NS, "ns1.example.com.")
                .add("example.com", Type.SOA, "ns1.example.com. hostmaster.example.com. 2026110101 3600 600 604800 300")
                .addTxt("example.com", "v=spf1 ", "ip4:192.0.2.0/24 -all")
                .add("10.2.0.192.in-addr.arpa", Type.PTR, "mail.example.com.")
                .add("deep.sub.example.com", Type.A, "192.0.2.11");
        lookup = lookupWith(Duration.ofMillis(300), 2, dns.address());
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private static DnsjavaLookup lookupWith(Duration timeout, int attempts, String servers) {
        return new DnsjavaLookup(ResolverSettings.parse(servers, timeout, attempts));
    }

    @Test
    void findsEachTypeAndGluesTxtStringsTogether() {
        assertThat(lookup.lookup("example.com", DnsType.A).values()).containsExactly("192.0.2.10");
        assertThat(lookup.lookup("EXAMPLE.com.", DnsType.AAAA).values()).containsExactly("2001:db8:0:0:0:0:0:10");
        DnsAnswer mx = lookup.lookup("example.com", DnsType.MX);
        assertThat(mx.mxHosts()).containsExactly("mx.example.com", "backup.example.com");
        assertThat(lookup.txt("example.com").values()).containsExactly("v=spf1 ip4:192.0.2.0/24 -all");
        assertThat(lookup.lookup("example.com", DnsType.NS).values()).containsExactly("ns1.example.com");
        assertThat(lookup.lookup("example.com", DnsType.SOA).values().get(0)).startsWith("ns1.example.com. hostmaster");
        assertThat(lookup.lookup("10.2.0.192.in-addr.arpa", DnsType.PTR).values())
                .containsExactly("mail.example.com");
        DnsAnswer a = lookup.lookup("example.com", DnsType.A);
        assertThat(a.status()).isEqualTo(DnsStatus.FOUND);
        assertThat(a.explanation()).isEqualTo("Found an A record for example.com.");
    }

    @Test
    void tellsANameThatDoesNotExistFromANameWithoutThatRecord() {
        DnsAnswer nx = lookup.txt("nothing-here.example.com");
        assertThat(nx.status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(nx.explanation()).contains("does not exist").contains("NXDOMAIN");

        DnsAnswer none = lookup.txt("deep.sub.example.com");
        assertThat(none.status()).isEqualTo(DnsStatus.NO_DATA);
        assertThat(none.explanation()).isEqualTo("deep.sub.example.com exists in DNS but has no TXT record.");

        // An empty non-terminal exists although nothing is published at it.
        assertThat(lookup.txt("sub.example.com").status()).isEqualTo(DnsStatus.NO_DATA);
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithAnExplanation() {
        dns.fail("slow.example.com", Failure.TIMEOUT);
        long start = System.nanoTime();
        DnsAnswer a = lookup.txt("slow.example.com");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(a.status()).isEqualTo(DnsStatus.TIMEOUT);
        assertThat(a.status().isTemporary()).isTrue();
        assertThat(a.explanation())
                .contains("No DNS server answered")
                .contains(dns.address())
                .contains("twice")
                .contains("0.3 s")
                .contains("says nothing about whether the record exists");
        assertThat(ms).isLessThan(5_000);
        assertThat(dns.queries())
                .filteredOn(q -> q.name().equals("slow.example.com"))
                .hasSize(2);
    }

    @Test
    void servfailAndRefusedAreExplained() {
        dns.fail("broken.example.com", Failure.SERVFAIL).fail("closed.example.com", Failure.REFUSED);
        DnsAnswer s = lookup.txt("broken.example.com");
        assertThat(s.status()).isEqualTo(DnsStatus.SERVER_FAILURE);
        assertThat(s.explanation()).contains("SERVFAIL").contains("name servers are unreachable");
        DnsAnswer r = lookup.txt("closed.example.com");
        assertThat(r.status()).isEqualTo(DnsStatus.REFUSED);
        assertThat(r.explanation()).contains("refused").contains("Settings");
    }

    @Test
    void aTruncatedUdpAnswerIsAskedAgainOverTcp() throws Exception {
        dns.fail("example.com", Type.TXT, Failure.TRUNCATE_UDP);
        // The server really cuts the UDP answer...
        SimpleResolver raw = new SimpleResolver(new InetSocketAddress("127.0.0.1", dns.port()));
        raw.setIgnoreTruncation(true);
        Message cut =
                raw.send(Message.newQuery(Record.newRecord(Name.fromString("example.com."), Type.TXT, DClass.IN)));
        assertThat(cut.getHeader().getFlag(Flags.TC)).isTrue();
        assertThat(cut.getSection(1)).isEmpty();
        // ...and the adapter gets the whole answer over TCP.
        dns.clearQueries();
        assertThat(lookup.txt("example.com").values()).containsExactly("v=spf1 ip4:192.0.2.0/24 -all");
        assertThat(dns.tcpQueries()).isEqualTo(1);
    }

    @Test
    void aHugeTxtRecordArrivesWhole() {
        String big = "v=DKIM1; k=rsa; p=" + "A".repeat(20_000);
        dns.addTxt("huge.example.com", big);
        DnsAnswer a = lookup.txt("huge.example.com");
        assertThat(a.values()).containsExactly(big);
        assertThat(dns.tcpQueries()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void cnameChainsAreFollowedWhetherOrNotTheServerFollowsThem() {
        dns.cname("www.example.com", "web.example.com")
                .cname("web.example.com", "host.example.net")
                .add("host.example.net", Type.A, "192.0.2.80");
        for (boolean chase : List.of(true, false)) {
            dns.chaseCnames(chase);
            DnsAnswer a = lookup.lookup("www.example.com", DnsType.A);
            assertThat(a.values()).as("chase=" + chase).containsExactly("192.0.2.80");
            assertThat(a.cnameChain()).containsExactly("www.example.com", "web.example.com", "host.example.net");
            assertThat(a.explanation()).contains("www.example.com → web.example.com → host.example.net");
        }
        // Asking for the CNAME itself does not follow it.
        assertThat(lookup.lookup("www.example.com", DnsType.CNAME).values()).containsExactly("web.example.com");
        // A chain that ends nowhere is NXDOMAIN.
        dns.cname("dangling.example.com", "gone.example.org");
        DnsAnswer d = lookup.lookup("dangling.example.com", DnsType.A);
        assertThat(d.status()).isEqualTo(DnsStatus.NXDOMAIN);
        assertThat(d.cnameChain()).containsExactly("dangling.example.com", "gone.example.org");
    }

    @Test
    void cnameLoopsAndEndlessChainsAreStopped() {
        dns.cname("a.loop.example.com", "b.loop.example.com").cname("b.loop.example.com", "a.loop.example.com");
        for (int i = 0; i < 30; i++) {
            dns.cname("c" + i + ".chain.example.com", "c" + (i + 1) + ".chain.example.com");
        }
        dns.add("c30.chain.example.com", Type.A, "192.0.2.1");
        for (boolean chase : List.of(true, false)) {
            dns.chaseCnames(chase);
            DnsAnswer loop = lookup.lookup("a.loop.example.com", DnsType.TXT);
            assertThat(loop.status()).isEqualTo(DnsStatus.CNAME_LOOP);
            assertThat(loop.explanation())
                    .contains("a.loop.example.com → b.loop.example.com → a.loop.example.com")
                    .contains("leads back to a.loop.example.com");
            DnsAnswer endless = lookup.lookup("c0.chain.example.com", DnsType.A);
            assertThat(endless.status()).isEqualTo(DnsStatus.CNAME_LOOP);
            assertThat(endless.explanation()).contains("at most 10 aliases");
        }
    }

    @Test
    void namesThatCannotBeAskedAreExplained() {
        DnsAnswer longLabel = lookup.txt("a".repeat(64) + ".example.com");
        assertThat(longLabel.status()).isEqualTo(DnsStatus.BAD_NAME);
        assertThat(longLabel.explanation()).contains("longer than 63 characters");
        assertThat(lookup.txt("a..example.com").explanation()).contains("empty label");
        assertThat(lookup.txt("bücher.example").explanation())
                .contains("non-ASCII")
                .contains("xn--");
        assertThat(lookup.txt("").status()).isEqualTo(DnsStatus.BAD_NAME);
        assertThat(dns.queries()).isEmpty();
    }

    @Test
    void theNextServerIsAskedWhenOneIsDown() {
        try (TestDnsServer down = TestDnsServer.start().silent(true)) {
            DnsjavaLookup two = lookupWith(Duration.ofMillis(200), 1, down.address() + ", " + dns.address());
            assertThat(two.txt("example.com").found()).isTrue();
            assertThat(down.queries()).hasSize(1);
            DnsjavaLookup onlyDown = lookupWith(Duration.ofMillis(200), 1, down.address());
            assertThat(onlyDown.txt("example.com").explanation())
                    .contains("once")
                    .contains(down.address());
        }
    }

    @Test
    void aServerThatAnswersServfailIsFollowedByTheNext() {
        try (TestDnsServer failing = TestDnsServer.start()) {
            failing.fail("example.com", Failure.SERVFAIL);
            DnsjavaLookup two = lookupWith(Duration.ofMillis(300), 1, failing.address() + " " + dns.address());
            assertThat(two.lookup("example.com", DnsType.A).values()).containsExactly("192.0.2.10");
        }
    }
}
