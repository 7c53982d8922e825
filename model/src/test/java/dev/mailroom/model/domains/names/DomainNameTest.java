package dev.mailroom.model.domains.names;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import org.junit.jupiter.api.Test;

class DomainNameTest {
    @Test
    void keepsAsciiLowerCaseWithoutTheTrailingDot() {
        assertThat(DomainName.parse("  Acme.COM. ").ascii()).isEqualTo("acme.com");
        assertThat(DomainName.parse("mail.acme.co.uk").registrable().ascii()).isEqualTo("acme.co.uk");
        assertThat(DomainName.parse("acme.co.uk").isRegistrable()).isTrue();
        assertThat(DomainName.parse("mail.acme.co.uk").isRegistrable()).isFalse();
    }

    @Test
    void internationalNamesAreStoredAsPunycodeAndShownAsUnicode() {
        DomainName d = DomainName.parse("Bücher.de");
        assertThat(d.ascii()).isEqualTo("xn--bcher-kva.de");
        assertThat(d.unicode()).isEqualTo("bücher.de");
        assertThat(d.isInternational()).isTrue();
        assertThat(DomainName.parse("xn--bcher-kva.de")).isEqualTo(d);
        assertThat(DomainName.parse("例え.中国").unicode()).isEqualTo("例え.中国");
        assertThat(DomainName.parse("münchen。de").ascii()).isEqualTo("xn--mnchen-3ya.de");
    }

    @Test
    void junkGetsAClearMessage() {
        expect("", "Enter a domain name");
        expect("jo@acme.com", "without the part before the @");
        expect("https://acme.com/", "without http://");
        expect("acme .com", "no spaces");
        expect(".acme.com", "starts with a dot");
        expect("acme..com", "empty part between two dots");
        expect("192.0.2.1", "is an IP address");
        expect("localhost", "not a full domain name");
        expect("acme.cmo", "\".cmo\" is not a known domain ending");
        expect("co.uk", "is a public ending shared by many owners");
        expect("com", "not a full domain name");
        expect("acme_mail.com", "contains a character a domain name cannot have");
        expect("-acme.com", "hyphen");
        expect("a".repeat(64) + ".com", "longer than 63 characters");
        expect("acme.123", "ends in a number");
        expect("ac\u0007me.com", "control character");
    }

    private static void expect(String input, String message) {
        assertThatThrownBy(() -> DomainName.parse(input))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((InvalidInput) e).problems()).containsKey("domain"));
    }
}
