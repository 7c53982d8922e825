package dev.mailroom.model.domains.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResolverSettingsTest {
    private static final Duration T = Duration.ofSeconds(2);

    @Test
    void blankMeansTheSystemsResolvers() {
        assertThat(ResolverSettings.parse("  ", T, 2).usesSystemDefault()).isTrue();
        assertThat(ResolverSettings.systemDefault().describe()).isEqualTo("the system's DNS resolvers");
    }

    @Test
    void readsAddressesWithAndWithoutPorts() {
        ResolverSettings s = ResolverSettings.parse("9.9.9.9, 127.0.0.1:5353\n2620:fe::fe [::1]:5300", T, 1);
        assertThat(s.servers())
                .containsExactly(
                        new ResolverSettings.Server("9.9.9.9", 53),
                        new ResolverSettings.Server("127.0.0.1", 5353),
                        new ResolverSettings.Server("2620:fe::fe", 53),
                        new ResolverSettings.Server("::1", 5300));
        assertThat(s.describe()).isEqualTo("9.9.9.9, 127.0.0.1:5353, [2620:fe::fe], [::1]:5300");
    }

    @Test
    void junkIsExplained() {
        assertThatThrownBy(() -> ResolverSettings.parse("dns.google", T, 1))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("\"dns.google\" is not a DNS server address")
                .hasMessageContaining("host names are not accepted");
        assertThatThrownBy(() -> ResolverSettings.parse("300.1.1.1", T, 1)).hasMessageContaining("0 to 255");
        assertThatThrownBy(() -> ResolverSettings.parse("1.1.1.1:70000", T, 1)).hasMessageContaining("1 to 65535");
    }

    @Test
    void explanationsNameWhatWasAsked() {
        assertThat(DnsAnswer.of("example.com", DnsType.MX, DnsStatus.NO_DATA).explanation())
                .isEqualTo("example.com exists in DNS but has no MX record.");
        assertThat(DnsAnswer.found("example.com", DnsType.TXT, java.util.List.of("a", "b"))
                        .explanation())
                .isEqualTo("Found 2 TXT records for example.com.");
        assertThat(DnsAnswer.of("example.com", DnsType.AAAA, DnsStatus.SERVER_FAILURE)
                        .explanation())
                .startsWith("The DNS server could not answer for an AAAA record for example.com (SERVFAIL).");
    }
}
