package dev.mailroom.model.domains.names;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The bundled list and its algorithm against the PSL project's own test vectors (test_psl.txt). */
class PublicSuffixListTest {
    private static final Pattern CHECK = Pattern.compile("^checkPublicSuffix\\((null|'[^']*'), (null|'[^']*')\\);");

    @Test
    void agreesWithEveryVectorOfTestPsl() throws Exception {
        Path file = Fixtures.file("public-suffix-list", "test_psl.txt");
        PublicSuffixList psl = PublicSuffixList.bundled();
        int checked = 0;
        List<String> wrong = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Matcher m = CHECK.matcher(line.strip());
            if (!m.find()) {
                continue;
            }
            String input = unquote(m.group(1));
            String expected = unquote(m.group(2));
            String got = psl.registrableDomain(input).orElse(null);
            checked++;
            if (!java.util.Objects.equals(expected, got)) {
                wrong.add(input + " → " + got + " (expected " + expected + ")");
            }
        }
        assertThat(checked).isGreaterThan(70);
        assertThat(wrong).isEmpty();
    }

    @Test
    void knowsSuffixesOfEachKind() {
        PublicSuffixList psl = PublicSuffixList.bundled();
        assertThat(psl.publicSuffix("mail.acme.co.uk")).contains("co.uk");
        assertThat(psl.registrableDomain("mail.acme.co.uk")).contains("acme.co.uk");
        assertThat(psl.registrableDomain("brand.github.io")).contains("brand.github.io");
        assertThat(psl.registrableDomain("www.ck")).contains("www.ck"); // exception rule
        assertThat(psl.registrableDomain("a.b.c.ck")).contains("b.c.ck"); // wildcard rule
        assertThat(psl.registrableDomain("bücher.example.de")).contains("example.de");
        assertThat(psl.knowsTld("com")).isTrue();
        assertThat(psl.knowsTld("cmo")).isFalse();
    }

    private static String unquote(String s) {
        return s.equals("null") ? null : s.substring(1, s.length() - 1);
    }
}
