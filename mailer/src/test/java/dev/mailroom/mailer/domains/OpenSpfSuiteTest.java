package dev.mailroom.mailer.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.mailer.dns.DnsjavaLookup;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.domains.spf.SpfEvaluator;
import dev.mailroom.model.domains.spf.SpfOutcome;
import dev.mailroom.model.testing.Fixtures;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs the SPF evaluator against the OpenSPF RFC 7208 test suite, with each scenario's zone data served
 * by the test DNS server on 127.0.0.1 and looked up through the real dnsjava adapter.
 *
 * <p>Zone data is loaded as pyspf's test driver loads it: a name's SPF-type records are also served as TXT
 * unless the name lists TXT records of its own (or "TXT: NONE"); "TIMEOUT" makes the name never answer
 * for the types it has no records of, and "TYPE: TIMEOUT" makes that type never answer. A test that
 * accepts several results passes with any of them; a given explanation must match exactly.
 */
class OpenSpfSuiteTest {

    /** The pass count reached when this test was written: all of the suite. It must not drop. */
    static final int PASS_FLOOR = 203;

    @Test
    void passesTheOpenSpfRfc7208Suite() throws Exception {
        Path suite = Fixtures.file("spf-openspf", "rfc7208-tests.yml");
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true);
        int passed = 0;
        int total = 0;
        List<String> failures = new ArrayList<>();
        try (InputStream in = Files.newInputStream(suite)) {
            for (Object doc : new Yaml(options).loadAll(new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> scenario = (Map<String, Object>) doc;
                try (TestDnsServer dns = TestDnsServer.start()) {
                    serve(dns, scenario);
                    DnsjavaLookup lookup =
                            new DnsjavaLookup(ResolverSettings.parse(dns.address(), Duration.ofMillis(250), 1));
                    SpfEvaluator spf = new SpfEvaluator(
                            lookup,
                            Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC),
                            10,
                            2,
                            "DEFAULT",
                            "unknown");
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> tests = (Map<String, Map<String, Object>>) scenario.get("tests");
                    for (var t : tests.entrySet()) {
                        total++;
                        Map<String, Object> c = t.getValue();
                        SpfOutcome o = spf.checkMail(str(c.get("host")), str(c.get("mailfrom")), str(c.get("helo")));
                        List<String> expected = results(c.get("result"));
                        String exp = c.get("explanation") == null ? null : str(c.get("explanation"));
                        boolean ok = expected.contains(o.result().keyword())
                                && (exp == null || exp.equals(o.explanation().orElse(null)));
                        if (ok) {
                            passed++;
                        } else {
                            failures.add(t.getKey() + ": expected " + expected + (exp == null ? "" : " \"" + exp + "\"")
                                    + ", got " + o.result().keyword()
                                    + o.explanation().map(x -> " \"" + x + "\"").orElse("")
                                    + " — " + o.reason() + "\n      " + String.join("\n      ", o.trace()));
                        }
                    }
                }
            }
        }
        System.out.println("OpenSPF RFC 7208 suite: " + passed + " of " + total + " passed");
        failures.forEach(f -> System.out.println("  FAILED " + f));
        assertThat(passed)
                .as("OpenSPF RFC 7208 tests passed (failures: %s)", failures)
                .isGreaterThanOrEqualTo(PASS_FLOOR);
    }

    private static List<String> results(Object r) {
        List<String> out = new ArrayList<>();
        if (r instanceof List<?> l) {
            l.forEach(x -> out.add(str(x).toLowerCase(Locale.ROOT)));
        } else {
            out.add(str(r).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    @SuppressWarnings("unchecked")
    private static void serve(TestDnsServer dns, Map<String, Object> scenario) {
        Map<String, List<Object>> zone = (Map<String, List<Object>>) scenario.get("zonedata");
        if (zone == null) {
            return;
        }
        for (var e : zone.entrySet()) {
            String name = e.getKey();
            List<Object> entries = e.getValue() == null ? List.of() : e.getValue();
            boolean hasTxt = false;
            List<Object> spfValues = new ArrayList<>();
            for (Object entry : entries) {
                if ("TIMEOUT".equals(entry)) {
                    dns.fail(name, TestDnsServer.Failure.TIMEOUT);
                    continue;
                }
                Map<String, Object> m = (Map<String, Object>) entry;
                for (var r : m.entrySet()) {
                    String type = r.getKey().toUpperCase(Locale.ROOT);
                    Object v = r.getValue();
                    if (type.equals("TXT")) {
                        hasTxt = true;
                    }
                    if ("TIMEOUT".equals(v)) {
                        dns.fail(name, Type.value(type), TestDnsServer.Failure.TIMEOUT);
                        continue;
                    }
                    if ("NONE".equals(v)) {
                        continue;
                    }
                    switch (type) {
                        case "TXT" -> dns.addTxtBytes(name, Type.TXT, strings(v));
                        case "SPF" -> {
                            dns.addTxtBytes(name, Type.SPF, strings(v));
                            spfValues.add(v);
                        }
                        case "MX" -> {
                            List<Object> mx = (List<Object>) v;
                            String host = str(mx.get(1));
                            dns.add(name, Type.MX, mx.get(0) + " " + (host.endsWith(".") ? host : host + "."));
                        }
                        case "PTR", "CNAME" -> {
                            String host = str(v);
                            dns.add(name, Type.value(type), host.endsWith(".") ? host : host + ".");
                        }
                        default -> dns.add(name, Type.value(type), str(v));
                    }
                }
            }
            if (!hasTxt) {
                for (Object v : spfValues) {
                    dns.addTxtBytes(name, Type.TXT, strings(v));
                }
            }
        }
    }

    /** A TXT value as its strings: one string, or a list of them; longer than 255 bytes is split. */
    private static List<byte[]> strings(Object v) {
        List<String> parts = new ArrayList<>();
        if (v instanceof List<?> l) {
            l.forEach(x -> parts.add(str(x)));
        } else {
            parts.add(str(v));
        }
        List<byte[]> out = new ArrayList<>();
        for (String p : parts) {
            byte[] b = p.getBytes(StandardCharsets.UTF_8);
            if (b.length == 0) {
                out.add(b);
            }
            for (int i = 0; i < b.length; i += 255) {
                out.add(java.util.Arrays.copyOfRange(b, i, Math.min(b.length, i + 255)));
            }
        }
        return out;
    }
}
