package dev.mailroom.mailer.dmarc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.model.dmarc.TlsReport;
import dev.mailroom.model.dmarc.TlsReportDecoder;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;

/**
 * Reads SMTP TLS reports (RFC 8460): JSON, gzip-compressed JSON, or a report e-mail with an
 * {@code application/tlsrpt+json} or {@code +gzip} part. Limits as for aggregate reports: 8 MiB of
 * JSON, gzip at most 200× its size, JSON nesting at most 32 deep. Never throws on bad input.
 */
public final class TlsReportReader implements TlsReportDecoder {
    public static final int MAX_JSON_BYTES = 8 * 1024 * 1024;

    public record Result(List<TlsReport> reports, List<String> problems) {
        public Result {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
        }
    }

    private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(32)
                    .maxStringLength(1_000_000)
                    .build())
            .build());

    @Override
    public Decoded decode(String name, byte[] bytes) {
        Result r = read(name, bytes);
        return new Decoded(r.reports(), r.problems());
    }

    public Result read(String name, byte[] bytes) {
        List<TlsReport> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            if (bytes.length == 0) {
                problems.add(name + ": the file is empty; there is no report in it.");
            } else if ((bytes[0] & 0xff) == 0x1f && bytes.length > 1 && (bytes[1] & 0xff) == 0x8b) {
                out.add(report(inflate(bytes)));
            } else if (firstNonBlank(bytes) == '{') {
                out.add(report(bytes));
            } else {
                readMail(name, bytes, out, problems);
            }
        } catch (Refused e) {
            problems.add(name + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            problems.add(name + ": not a TLS report that could be read ("
                    + e.getClass().getSimpleName() + ").");
        }
        return new Result(out, problems);
    }

    private void readMail(String name, byte[] bytes, List<TlsReport> out, List<String> problems) throws IOException {
        try {
            Properties p = new Properties();
            p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
            MimeMessage m = new MimeMessage(Session.getInstance(p), new ByteArrayInputStream(bytes));
            if (!(m.getContent() instanceof Multipart mp)) {
                problems.add(name + ": neither JSON nor a TLS report e-mail.");
                return;
            }
            int before = out.size();
            for (int i = 0; i < mp.getCount() && i < 50; i++) {
                BodyPart part = mp.getBodyPart(i);
                String type = part.getContentType() == null
                        ? ""
                        : part.getContentType().toLowerCase(Locale.ROOT);
                if (!type.contains("tlsrpt")) {
                    continue;
                }
                byte[] body = readAll(part.getInputStream());
                try {
                    out.add(report(
                            type.contains("gzip") || (body.length > 1 && (body[0] & 0xff) == 0x1f)
                                    ? inflate(body)
                                    : body));
                } catch (Refused r) {
                    problems.add(name + ": " + r.getMessage());
                }
            }
            if (out.size() == before && problems.isEmpty()) {
                problems.add(name + ": an e-mail without a TLS report attached.");
            }
        } catch (jakarta.mail.MessagingException e) {
            problems.add(name + ": neither JSON nor an e-mail that could be read.");
        }
    }

    TlsReport report(byte[] bytes) throws IOException, Refused {
        if (bytes.length > MAX_JSON_BYTES) {
            throw new Refused("larger than " + (MAX_JSON_BYTES >> 20) + " MiB; refused.");
        }
        JsonNode root = json.readTree(bytes);
        if (root == null || !root.isObject() || !root.has("policies")) {
            throw new Refused("not an SMTP TLS report (no \"policies\").");
        }
        List<TlsReport.Policy> policies = new ArrayList<>();
        for (JsonNode p : root.path("policies")) {
            JsonNode policy = p.path("policy");
            Map<String, Long> byType = new LinkedHashMap<>();
            for (JsonNode f : p.path("failure-details")) {
                String type = f.path("result-type").asText("unknown");
                byType.merge(type, f.path("failed-session-count").asLong(0), Long::sum);
            }
            Map<String, Long> sorted = new LinkedHashMap<>();
            byType.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                    .forEach(e -> sorted.put(e.getKey(), e.getValue()));
            policies.add(new TlsReport.Policy(
                    policy.path("policy-domain").asText("").toLowerCase(Locale.ROOT),
                    policy.path("policy-type").asText(""),
                    p.path("summary").path("total-successful-session-count").asLong(0),
                    p.path("summary").path("total-failure-session-count").asLong(0),
                    sorted));
        }
        return new TlsReport(
                root.path("organization-name").asText(""),
                root.path("report-id").asText(""),
                instant(root.path("date-range").path("start-datetime").asText("")),
                instant(root.path("date-range").path("end-datetime").asText("")),
                policies);
    }

    private static Instant instant(String v) throws Refused {
        try {
            return Instant.parse(v.trim());
        } catch (DateTimeParseException e) {
            throw new Refused("the report's date range is missing or not a date.");
        }
    }

    private static byte[] inflate(byte[] gz) throws IOException, Refused {
        long limit = Math.min((long) MAX_JSON_BYTES, Math.max(64L * 1024, (long) gz.length * 200));
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limit) {
                    throw new Refused("expands to more than " + (limit >> 10) + " KiB; refused as a likely zip bomb.");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0 && out.size() < MAX_JSON_BYTES) {
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static int firstNonBlank(byte[] b) {
        for (int i = 0; i < b.length && i < 4096; i++) {
            if (!Character.isWhitespace(b[i])) {
                return b[i];
            }
        }
        return -1;
    }

    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }
}
