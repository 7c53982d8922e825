package dev.mailroom.mailer.dmarc;

import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.PublishedPolicy;
import dev.mailroom.model.dmarc.ReportRow;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads DMARC aggregate reports from what arrives: plain XML, {@code .xml.gz}, {@code .zip}, or a
 * whole report e-mail (its XML, gzip or zip attachments). Never throws on bad input: each file or
 * attachment that cannot be read becomes a problem in words, and what could be read is kept.
 *
 * <p>Limits against hostile files: at most {@link #MAX_XML_BYTES} of XML per report, a compressed
 * part may expand at most {@link #MAX_RATIO} times its size, a zip at most {@link #MAX_ZIP_ENTRIES}
 * entries, an e-mail at most 50 parts; DTDs and entities refused, nesting bounded (see
 * {@link XmlTree}).
 */
public final class AggregateReportReader implements dev.mailroom.model.dmarc.ReportDecoder {
    public static final int MAX_XML_BYTES = 32 * 1024 * 1024;
    public static final int MAX_RATIO = 200;
    public static final int MAX_ZIP_ENTRIES = 16;

    /** What one file gave: its reports, and a sentence for each part that could not be read. */
    public record Result(List<AggregateReport> reports, List<String> problems) {
        public Result {
            reports = List.copyOf(reports);
            problems = List.copyOf(problems);
        }
    }

    private final Session session;

    public AggregateReportReader() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        this.session = Session.getInstance(p);
    }

    @Override
    public Decoded decode(String name, byte[] bytes) {
        Result r = read(name, bytes);
        return new Decoded(r.reports(), r.problems());
    }

    public Result read(String name, byte[] bytes) {
        List<AggregateReport> reports = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        readInto(name, bytes, 0, reports, problems);
        return new Result(reports, problems);
    }

    private void readInto(String name, byte[] bytes, int level, List<AggregateReport> out, List<String> problems) {
        try {
            if (bytes.length == 0) {
                problems.add(name + ": the file is empty; there is no report in it.");
                return;
            }
            if (bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b) {
                byte[] xml = inflate(new GZIPInputStream(new ByteArrayInputStream(bytes)), bytes.length, name);
                out.add(report(name, xml));
                return;
            }
            if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
                readZip(name, bytes, out, problems);
                return;
            }
            if (looksLikeXml(bytes)) {
                if (bytes.length > MAX_XML_BYTES) {
                    throw new Refused(name + ": the report is larger than " + (MAX_XML_BYTES >> 20) + " MiB; refused.");
                }
                out.add(report(name, bytes));
                return;
            }
            if (level == 0) {
                readMail(name, bytes, out, problems);
                return;
            }
            problems.add(name + ": neither XML, gzip nor zip; skipped.");
        } catch (Refused e) {
            problems.add(e.getMessage());
        } catch (XmlTree.XmlRefused e) {
            problems.add(name + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            problems.add(name + ": could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        }
    }

    private void readZip(String name, byte[] bytes, List<AggregateReport> out, List<String> problems)
            throws IOException, Refused {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            int entries = 0;
            while ((e = zip.getNextEntry()) != null) {
                if (e.isDirectory()) {
                    continue;
                }
                if (++entries > MAX_ZIP_ENTRIES) {
                    problems.add(
                            name + ": more than " + MAX_ZIP_ENTRIES + " files in the zip; the rest were not read.");
                    return;
                }
                byte[] inner = inflate(zip, bytes.length, name + "/" + e.getName());
                try {
                    out.add(report(name + "/" + e.getName(), inner));
                } catch (XmlTree.XmlRefused | Refused r) {
                    problems.add(name + "/" + e.getName() + ": " + r.getMessage());
                }
            }
            if (entries == 0) {
                problems.add(name + ": the zip holds no file.");
            }
        }
    }

    private void readMail(String name, byte[] bytes, List<AggregateReport> out, List<String> problems) {
        MimeMessage m;
        try {
            m = new MimeMessage(session, new ByteArrayInputStream(bytes));
        } catch (Exception e) {
            problems.add(name + ": neither a report nor an e-mail that could be read.");
            return;
        }
        int before = out.size() + problems.size();
        List<Part> parts = new ArrayList<>();
        collect(m, parts, 0);
        for (Part p : parts) {
            try {
                String type =
                        p.getContentType() == null ? "" : p.getContentType().toLowerCase(Locale.ROOT);
                String file = p.getFileName() == null ? "" : p.getFileName().toLowerCase(Locale.ROOT);
                boolean report = type.contains("gzip")
                        || type.contains("zip")
                        || type.contains("xml")
                        || file.endsWith(".xml")
                        || file.endsWith(".gz")
                        || file.endsWith(".zip")
                        || (type.startsWith("application/octet-stream") && !file.isEmpty());
                if (!report) {
                    continue;
                }
                byte[] body = readAll(p.getInputStream(), MAX_XML_BYTES);
                readInto(name + " (" + (file.isEmpty() ? type : file) + ")", body, 1, out, problems);
            } catch (Exception e) {
                problems.add(name + ": an attachment could not be read (" + e.getMessage() + ").");
            }
        }
        if (out.size() + problems.size() == before) {
            problems.add(name + ": an e-mail without a DMARC aggregate report attached.");
        }
    }

    private static void collect(Part part, List<Part> out, int depth) {
        if (depth > 8 || out.size() > 50) {
            return;
        }
        try {
            if (part.isMimeType("multipart/*")) {
                Multipart mp = (Multipart) part.getContent();
                for (int i = 0; i < mp.getCount() && i < 50; i++) {
                    BodyPart child = mp.getBodyPart(i);
                    collect(child, out, depth + 1);
                }
                return;
            }
        } catch (Exception e) {
            return;
        }
        out.add(part);
    }

    private static boolean looksLikeXml(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            i = 3;
        }
        while (i < b.length && i < 4096 && Character.isWhitespace(b[i])) {
            i++;
        }
        return i < b.length && b[i] == '<';
    }

    /** Inflates at most {@link #MAX_RATIO} times the compressed size (and never past the XML limit). */
    private static byte[] inflate(InputStream in, int compressedSize, String name) throws IOException, Refused {
        long limit = Math.min((long) MAX_XML_BYTES, Math.max(64L * 1024, (long) compressedSize * MAX_RATIO));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
            if (out.size() + n > limit) {
                throw new Refused(name + ": expands to more than " + (limit >> 10) + " KiB (over " + MAX_RATIO
                        + " times its compressed size or the " + (MAX_XML_BYTES >> 20)
                        + " MiB limit); refused as a likely zip bomb.");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in, int limit) throws IOException, Refused {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limit) {
                    throw new Refused("an attachment is larger than " + (limit >> 20) + " MiB; refused.");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            // Not UTF-8 whatever it says (parsedmarc's invalid_utf_8.xml): read byte for byte.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    static AggregateReport report(String name, byte[] xml) throws XmlTree.XmlRefused, Refused {
        if (xml.length == 0) {
            throw new Refused(name + ": the file is empty; there is no report in it.");
        }
        if (!looksLikeXml(xml)) {
            throw new Refused(name + ": not XML; skipped.");
        }
        XmlTree.Node top = XmlTree.parse(decode(xml));
        // Some reporters wrap the report (an "xs:schema" around it): the first <feedback> counts.
        XmlTree.Node root = feedback(top, 0);
        if (root == null) {
            throw new Refused(
                    name + ": not a DMARC aggregate report (no <feedback> element; the root is <" + top.name + ">).");
        }
        String domain = root.text("policy_published/domain").toLowerCase(Locale.ROOT);
        if (domain.isEmpty()) {
            throw new Refused(name + ": the report names no policy domain; skipped.");
        }
        String reportId = root.text("report_metadata/report_id");
        if (reportId.isEmpty()) {
            throw new Refused(name + ": the report has no report_id; skipped.");
        }
        Instant begin = epoch(root.text("report_metadata/date_range/begin"));
        Instant end = epoch(root.text("report_metadata/date_range/end"));
        if (begin == null || end == null) {
            throw new Refused(name + ": the report's date range is missing or not a number; skipped.");
        }
        int pct = 100;
        try {
            String v = root.text("policy_published/pct");
            if (!v.isEmpty()) {
                pct = Math.max(0, Math.min(100, Integer.parseInt(v)));
            }
        } catch (NumberFormatException e) {
            pct = 100;
        }
        PublishedPolicy policy = new PublishedPolicy(
                domain,
                word(root.text("policy_published/p")),
                word(root.text("policy_published/sp")),
                pct,
                word(root.text("policy_published/adkim")),
                word(root.text("policy_published/aspf")));
        List<ReportRow> rows = new ArrayList<>();
        for (XmlTree.Node record : root.all("record")) {
            XmlTree.Node row = record.child("row").orElse(record);
            long count;
            try {
                count = Long.parseLong(row.text("count"));
            } catch (NumberFormatException e) {
                count = 0;
            }
            if (count <= 0) {
                continue;
            }
            List<String> dkimDomains = new ArrayList<>();
            String spfDomain = "";
            XmlTree.Node auth = record.child("auth_results").orElse(null);
            if (auth != null) {
                for (XmlTree.Node d : auth.all("dkim")) {
                    String dd = d.text("domain").toLowerCase(Locale.ROOT);
                    if (!dd.isEmpty() && !dkimDomains.contains(dd)) {
                        dkimDomains.add(dd);
                    }
                }
                for (XmlTree.Node s : auth.all("spf")) {
                    spfDomain = s.text("domain").toLowerCase(Locale.ROOT);
                    break;
                }
            }
            rows.add(new ReportRow(
                    row.text("source_ip"),
                    count,
                    word(row.text("policy_evaluated/disposition")),
                    word(row.text("policy_evaluated/dkim")).equals("pass"),
                    word(row.text("policy_evaluated/spf")).equals("pass"),
                    record.text("identifiers/header_from").toLowerCase(Locale.ROOT),
                    record.text("identifiers/envelope_from").toLowerCase(Locale.ROOT),
                    String.join(",", dkimDomains),
                    spfDomain));
        }
        return new AggregateReport(
                root.text("report_metadata/org_name"),
                root.text("report_metadata/email"),
                reportId,
                begin,
                end,
                policy,
                rows);
    }

    private static XmlTree.Node feedback(XmlTree.Node node, int depth) {
        if (node.name.equals("feedback")) {
            return node;
        }
        if (depth >= 3) {
            return null;
        }
        for (XmlTree.Node c : node.children) {
            XmlTree.Node f = feedback(c, depth + 1);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static String word(String v) {
        return v.trim().toLowerCase(Locale.ROOT);
    }

    private static Instant epoch(String v) {
        try {
            String t = v.trim();
            int dot = t.indexOf('.');
            return Instant.ofEpochSecond(Long.parseLong(dot >= 0 ? t.substring(0, dot) : t));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }

    /** A file or part refused, with the reason in words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }
}
