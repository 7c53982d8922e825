package dev.mailroom.mailer.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.dns.DnsjavaLookup;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.mailer.dns.TestDnsServer.Failure;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.validation.AddressChecker;
import dev.mailroom.model.validation.AddressVerdict;
import dev.mailroom.model.validation.MailDomainChecker;
import dev.mailroom.model.validation.MailDomainStatus;
import dev.mailroom.model.validation.MailDomainStatus.Kind;
import dev.mailroom.model.validation.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

/** Domain checks of issue 14 against the dnsjava responder on 127.0.0.1, through the real adapter. */
class MailDomainOverDnsTest {
    private TestDnsServer dns;
    private MailDomainChecker checker;
    private final AddressChecker addresses = AddressChecker.withBundledLists();

    @BeforeEach
    void start() {
        dns = TestDnsServer.start()
                .add("acme.io", Type.MX, "10 mx1.acme.io.")
                .add("acme.io", Type.MX, "20 mx2.acme.io.")
                .add("nomail.io", Type.MX, "0 .")
                .add("nomail.io", Type.A, "192.0.2.7")
                .add("plainhost.io", Type.A, "192.0.2.8")
                .add("v6only.io", Type.AAAA, "2001:db8::8")
                .addTxt("parked.io", "v=spf1 -all")
                .add("flaky.io", Type.A, "192.0.2.9")
                .add("xn--bcher-kva.ch", Type.MX, "5 mx.xn--bcher-kva.ch.")
                .fail("broken.io", Failure.SERVFAIL)
                .fail("slow.io", Failure.TIMEOUT);
        checker = new MailDomainChecker(
                new DnsjavaLookup(ResolverSettings.parse(dns.address(), Duration.ofMillis(300), 1)));
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    private AddressVerdict verdict(String address) {
        AddressChecker.Examined e = addresses.examine(address);
        return addresses.judge(e, checker.check(e.domainToLookUp().orElseThrow()), Optional.empty());
    }

    @Test
    void mxRecordsMakeItDeliverable() {
        MailDomainStatus s = checker.check("acme.io");
        assertThat(s.kind()).isEqualTo(Kind.ACCEPTS_MAIL);
        assertThat(s.hosts()).containsExactly("mx1.acme.io", "mx2.acme.io");
        assertThat(verdict("jane@ACME.io").verdict()).isEqualTo(Verdict.DELIVERABLE);
        assertThat(verdict("kim@Bücher.ch").verdict()).isEqualTo(Verdict.DELIVERABLE);
    }

    @Test
    void nullMxAcceptsNoMailEvenWithAnAddress() {
        AddressVerdict v = verdict("jane@nomail.io");
        assertThat(v.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(v.reasonText())
                .isEqualTo("The domain nomail.io publishes a null MX (RFC 7505): it says it accepts no mail.");
    }

    @Test
    void withoutMxTheAddressRecordTakesMail() {
        assertThat(checker.check("plainhost.io").kind()).isEqualTo(Kind.ACCEPTS_MAIL);
        assertThat(checker.check("plainhost.io").detail()).contains("RFC 5321 §5.1");
        assertThat(checker.check("v6only.io").kind()).isEqualTo(Kind.ACCEPTS_MAIL);
        AddressVerdict none = verdict("jane@parked.io");
        assertThat(none.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(none.reasonText()).contains("no mail server: no MX record and no address");
    }

    @Test
    void nxdomainIsUndeliverable() {
        AddressVerdict v = verdict("jane@nosuchdomain.io");
        assertThat(v.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(v.reasonText()).isEqualTo("The domain nosuchdomain.io does not exist (DNS answered NXDOMAIN).");
        // a typo that does not exist says both
        AddressVerdict typo = verdict("jane@gmial.com");
        assertThat(typo.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(typo.reasonText()).contains("does not exist").contains("did you mean jane@gmail.com?");
    }

    @Test
    void servfailAndTimeoutAreUnknownNeverUndeliverable() {
        AddressVerdict servfail = verdict("jane@broken.io");
        assertThat(servfail.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(servfail.reasonText())
                .isEqualTo(
                        "DNS could not answer about broken.io (the DNS server answered SERVFAIL); check again later.");
        AddressVerdict timeout = verdict("jane@slow.io");
        assertThat(timeout.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(timeout.reasonText()).contains("no DNS server answered in time");
    }

    @Test
    void manyDomainsAreEachAskedOnceOnBoundedThreads() {
        dns.clearQueries();
        List<String> domains = List.of("acme.io", "nomail.io", "acme.io", "plainhost.io", "acme.io", "parked.io");
        Map<String, MailDomainStatus> all = checker.checkAll(domains, 3, new Cancellation());
        assertThat(all).hasSize(4);
        assertThat(all.get("nomail.io").kind()).isEqualTo(Kind.NULL_MX);
        assertThat(dns.queries().stream().filter(q -> q.name().startsWith("acme.io") && q.type() == Type.MX))
                .hasSize(1);
        Cancellation cancelled = new Cancellation();
        cancelled.cancel();
        assertThat(checker.checkAll(List.of("acme.io", "plainhost.io"), 2, cancelled))
                .isEmpty();
    }
}
