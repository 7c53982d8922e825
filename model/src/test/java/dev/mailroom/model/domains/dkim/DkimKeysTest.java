package dev.mailroom.model.domains.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DkimKeysTest {
    private final DkimKeyGenerator generator = new DkimKeyGenerator(
            Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC), new SecureRandom());

    @Test
    void generatesRsa2048WithADatedSelectorAndARecordThatParses() throws Exception {
        DkimKeyPair k = generator.generate(DkimAlgorithm.RSA, List.of());
        assertThat(k.selector()).isEqualTo("mr202611");
        assertThat(k.bits()).isEqualTo(2048);
        assertThat(k.host("acme.com")).isEqualTo("mr202611._domainkey.acme.com");
        assertThat(k.txtValue()).startsWith("v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA");
        assertThat(k.txtStrings())
                .hasSizeGreaterThan(1)
                .allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", k.txtStrings())).isEqualTo(k.txtValue());
        DkimKeyRecord parsed = DkimKeyRecord.parse(k.txtValue());
        assertThat(parsed.keyBits()).isEqualTo(2048);
        assertThat(k.toString())
                .doesNotContain(java.util.Base64.getEncoder()
                        .encodeToString(k.privateKeyPkcs8())
                        .substring(0, 40))
                .contains("private key hidden");
    }

    @Test
    void generatesEd25519AndPicksFreeSelectors() throws Exception {
        DkimKeyPair e = generator.generate(DkimAlgorithm.ED25519, List.of("mr202611"));
        assertThat(e.selector()).isEqualTo("mr202611e");
        DkimKeyRecord r = DkimKeyRecord.parse(e.txtValue());
        assertThat(r.algorithm()).isEqualTo(DkimAlgorithm.ED25519);
        assertThat(e.txtStrings()).hasSize(1);
        assertThat(DkimKeyGenerator.selector(
                        LocalDate.of(2026, 11, 1), DkimAlgorithm.RSA, List.of("mr202611", "MR202611B")))
                .isEqualTo("mr202611c");
    }

    @Test
    void readsEveryKeyRecordOfTheDkimpyFixturesAndRefusesTheBadOnes() throws Exception {
        Path dir = Fixtures.dir("dkim-dkimpy");
        for (String f : List.of(
                "test.txt",
                "ed25519test.dns",
                "eximtest.dns",
                "test_tlsrpt.txt",
                "1024_testkey_wo_markers.pub.txt",
                "1024_testkey_wo_markers.pub.rsa.txt",
                "2048_testkey_wo_markers.pub.txt",
                "2048_testkey_wo_markers.pub.rsa.txt",
                "2048_testkey_PKCS8.key.pub.txt")) {
            DkimKeyRecord r = DkimKeyRecord.parse(read(dir.resolve(f)));
            assertThat(r.revoked()).as(f).isFalse();
            assertThat(r.keyBits()).as(f).isIn(256, 1024, 2048);
        }
        assertThat(DkimKeyRecord.parse(read(dir.resolve("test_tlsrpt.txt"))).serviceTypes())
                .containsExactly("tlsrpt");
        // Records from DNS-RECORDS.txt given inline.
        for (String line : Files.readAllLines(dir.resolve("DNS-RECORDS.txt"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || !line.contains("\t") || line.contains("(")) {
                continue;
            }
            String value = line.substring(line.indexOf('\t') + 1);
            assertThat(DkimKeyRecord.parse(value).revoked()).as(line).isFalse();
        }
        assertThatThrownBy(() -> DkimKeyRecord.parse(read(dir.resolve("badk.txt"))))
                .isInstanceOf(DkimKeyRecord.Invalid.class)
                .hasMessageContaining("k=ed25519-sha256 is not known");
        assertThatThrownBy(() -> DkimKeyRecord.parse(read(dir.resolve("badversion.txt"))))
                .isInstanceOf(DkimKeyRecord.Invalid.class)
                .hasMessageContaining("must say v=DKIM1");
    }

    @Test
    void explainsOtherBadRecords() throws Exception {
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; k=rsa")).hasMessageContaining("no public key");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; p=!!!")).hasMessageContaining("not valid base64");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=AAAA"))
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> DkimKeyRecord.parse("k=rsa; v=DKIM1; p=")).hasMessageContaining("first tag");
        assertThatThrownBy(() -> DkimKeyRecord.parse("v=DKIM1; p=AAAA; p=BBBB")).hasMessageContaining("appears twice");
        assertThat(DkimKeyRecord.parse("v=DKIM1; p=").revoked()).isTrue();
    }

    private static String read(Path p) throws Exception {
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("Test data missing: " + p);
        }
        return Files.readString(p, StandardCharsets.UTF_8).strip();
    }
}
