package dev.mailroom.model.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.FakeDns;
import dev.mailroom.model.domains.names.DomainName;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainSuggestionsTest {
    @Test
    void suggestsBrandAdjacentNamesUnderTheSameEnding() {
        assertThat(DomainSuggestions.candidates(DomainName.parse("mail.acme.co.uk")))
                .extracting(DomainName::ascii)
                .containsExactly(
                        "tryacme.co.uk",
                        "getacme.co.uk",
                        "useacme.co.uk",
                        "helloacme.co.uk",
                        "teamacme.co.uk",
                        "acmehq.co.uk",
                        "acmemail.co.uk",
                        "acmeapp.co.uk",
                        "acmenews.co.uk");
        assertThat(DomainSuggestions.candidates(DomainName.parse("bücher.de"))
                        .get(0)
                        .unicode())
                .isEqualTo("trybücher.de");
    }

    @Test
    void saysWhichAppearUnregisteredAndNeverPromises() {
        FakeDns dns = new FakeDns()
                .add("getacme.com", DnsType.NS, "ns1.parking.example")
                .add("acmehq.com", DnsType.A, "192.0.2.1")
                .fail("tryacme.com", DnsStatus.TIMEOUT);
        List<DomainSuggestions.Suggestion> s = new DomainSuggestions(dns).suggest(DomainName.parse("acme.com"));
        assertThat(s.get(0).availability()).isEqualTo(DomainSuggestions.Availability.UNKNOWN);
        assertThat(s.get(1).availability()).isEqualTo(DomainSuggestions.Availability.REGISTERED);
        assertThat(s.get(2).availability()).isEqualTo(DomainSuggestions.Availability.APPEARS_UNREGISTERED);
        assertThat(s.get(2).note()).contains("appears unregistered").contains("check with a registrar");
        assertThat(s.stream()
                        .filter(x -> x.name().ascii().equals("acmehq.com"))
                        .findFirst()
                        .orElseThrow()
                        .availability())
                .isEqualTo(DomainSuggestions.Availability.REGISTERED);
    }
}
