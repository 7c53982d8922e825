package dev.mailroom.mailer.dmarc;

import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.TlsReport;
import dev.mailroom.model.suppressions.MailedReports;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Tells whether a message of a report mailbox carries DMARC aggregate reports (RFC 7489 §7.2.1.1: a
 * {@code application/zip}, {@code application/gzip}, {@code text/xml}… part, files named
 * {@code *.xml}, {@code *.xml.gz}, {@code *.zip}) or SMTP TLS reports (RFC 8460 §5.3:
 * {@code application/tlsrpt+gzip} or {@code +json} parts), and reads them with the file imports'
 * readers ({@link AggregateReportReader}, {@link TlsReportReader}), so the same size, bomb and XXE
 * limits hold.
 *
 * <p>A message counts as a report message when one of its parts gave a report, or when it says it is
 * one (subject "Report Domain: … Submitter: … Report-ID: …", a {@code TLS-Report-Domain} header,
 * {@code report-type=tlsrpt}, a {@code tlsrpt} part, a file named {@code receiver!domain!begin!end…})
 * even if every part is broken; ordinary mail that merely has a zip or XML attachment is not one.
 * Parts inside a returned message ({@code message/rfc822}) are never looked at: a bounce stays a bounce.
 */
public final class MailedReportReader {
    private static final Set<String> AGGREGATE_TYPES = Set.of(
            "application/zip",
            "application/x-zip",
            "application/x-zip-compressed",
            "application/gzip",
            "application/x-gzip",
            "text/xml",
            "application/xml");
    private static final int MAX_PARTS = 50;
    private static final int MAX_DEPTH = 8;

    private final AggregateReportReader aggregate = new AggregateReportReader();
    private final TlsReportReader tls = new TlsReportReader();
    private final Session session;

    public MailedReportReader() {
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        this.session = Session.getInstance(p);
    }

    /**
     * The reports {@code raw} carries; empty when it is no report message (then it is a bounce, a
     * complaint or ordinary mail). Never throws on bad input.
     *
     * @param cut whether {@code raw} is only the message's beginning: then a report message is refused
     *     as too large (a cut zip or gzip cannot be read); read it again whole where that is possible
     */
    public Optional<MailedReports> read(byte[] raw, boolean cut) {
        if (!mayCarry(raw)) {
            return Optional.empty();
        }
        MimeMessage m;
        List<Candidate> parts = new ArrayList<>();
        boolean says;
        try {
            m = new MimeMessage(session, new ByteArrayInputStream(raw));
            String subject =
                    Optional.ofNullable(m.getSubject()).orElse("").strip().toLowerCase(Locale.ROOT);
            String type = Optional.ofNullable(m.getContentType()).orElse("").toLowerCase(Locale.ROOT);
            says = subject.startsWith("report domain:")
                    || m.getHeader("TLS-Report-Domain") != null
                    || (type.startsWith("multipart/report") && type.contains("tlsrpt"));
        } catch (Exception | StackOverflowError e) {
            return Optional.empty();
        }
        try {
            collect(m, parts, 0);
        } catch (Exception | StackOverflowError e) {
            // A broken structure (a cut message, a missing boundary): the parts found so far count.
        }
        says = says || parts.stream().anyMatch(c -> c.tls() || c.name().contains("!"));
        if (cut) {
            // Only its beginning is here: a report message (by what it says) is refused as too large to
            // read; anything else goes on as a bounce or ordinary mail.
            if (!says) {
                return Optional.empty();
            }
            String tooLarge = "the message is larger than this mailbox reads at once (" + ((raw.length - 1) >> 10)
                    + " KiB) and could not be read whole; its report was not read.";
            boolean tlsOnly = !parts.isEmpty() && parts.stream().allMatch(Candidate::tls);
            return Optional.of(new MailedReports(
                    List.of(),
                    tlsOnly ? List.of() : List.of(tooLarge),
                    List.of(),
                    tlsOnly ? List.of(tooLarge) : List.of()));
        }
        if (parts.isEmpty()) {
            return says
                    ? Optional.of(new MailedReports(
                            List.of(), List.of("the message says it is a report but holds no report part; refused."),
                            List.of(), List.of()))
                    : Optional.empty();
        }
        List<AggregateReport> reports = new ArrayList<>();
        List<String> aggregateProblems = new ArrayList<>();
        List<TlsReport> tlsReports = new ArrayList<>();
        List<String> tlsProblems = new ArrayList<>();
        for (Candidate c : parts) {
            List<String> problems = c.tls() ? tlsProblems : aggregateProblems;
            byte[] body;
            try {
                body = readAll(c.part().getInputStream());
            } catch (Exception e) {
                problems.add(c.name() + ": the part could not be read ("
                        + e.getClass().getSimpleName() + ").");
                continue;
            }
            if (body == null) {
                problems.add(c.name() + ": larger than " + (DmarcService.MAX_FILE_BYTES >> 20) + " MiB; refused.");
            } else if (c.tls()) {
                if (!gzip(body) && firstNonBlank(body) != '{') {
                    tlsProblems.add(c.name() + ": neither JSON nor gzip; refused.");
                    continue;
                }
                TlsReportReader.Result r = tls.read(c.name(), body);
                tlsReports.addAll(r.reports());
                tlsProblems.addAll(r.problems());
            } else {
                if (!gzip(body) && !zip(body) && firstNonBlank(body) != '<') {
                    aggregateProblems.add(c.name() + ": neither XML, gzip nor zip; refused.");
                    continue;
                }
                AggregateReportReader.Result r = aggregate.read(c.name(), body);
                reports.addAll(r.reports());
                aggregateProblems.addAll(r.problems());
            }
        }
        if (reports.isEmpty() && tlsReports.isEmpty() && !says) {
            return Optional.empty();
        }
        return Optional.of(new MailedReports(reports, aggregateProblems, tlsReports, tlsProblems));
    }

    private record Candidate(Part part, String name, boolean tls) {}

    private static void collect(Part part, List<Candidate> out, int depth) throws Exception {
        if (depth > MAX_DEPTH || out.size() >= MAX_PARTS) {
            return;
        }
        if (part.isMimeType("message/*")) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            if (part.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount() && i < MAX_PARTS; i++) {
                    collect(mp.getBodyPart(i), out, depth + 1);
                }
            }
            return;
        }
        String type = baseType(part);
        String file = fileName(part);
        String name = file.isEmpty() ? "a " + (type.isEmpty() ? "body" : type) + " part" : file;
        String lower = file.toLowerCase(Locale.ROOT);
        if (type.startsWith("application/tlsrpt+")) {
            out.add(new Candidate(part, name, true));
        } else if (AGGREGATE_TYPES.contains(type)
                || lower.endsWith(".xml")
                || lower.endsWith(".xml.gz")
                || lower.endsWith(".zip")
                || (type.equals("application/octet-stream") && lower.endsWith(".gz"))) {
            out.add(new Candidate(part, name, false));
        }
    }

    private static String baseType(Part part) {
        try {
            String t = part.getContentType();
            return t == null ? "" : new ContentType(t).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return "";
        }
    }

    private static String fileName(Part part) {
        try {
            String f = part.getFileName();
            return f == null ? "" : f.strip().length() > 255 ? f.strip().substring(0, 255) : f.strip();
        } catch (Exception e) {
            return "";
        }
    }

    /** A quick look before any MIME parsing: a message without these words carries no report part. */
    static boolean mayCarry(byte[] raw) {
        return contains(raw, "zip") || contains(raw, "xml") || contains(raw, "tlsrpt");
    }

    /** ASCII, case-insensitive, linear in practice (needles are a few letters). */
    private static boolean contains(byte[] hay, String needle) {
        int n = needle.length();
        outer:
        for (int i = 0; i + n <= hay.length; i++) {
            for (int j = 0; j < n; j++) {
                int b = hay[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != needle.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The part's decoded bytes, or null when they are more than the file import reads. */
    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + (long) n > DmarcService.MAX_FILE_BYTES) {
                    return null;
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static boolean gzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b;
    }

    private static boolean zip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static int firstNonBlank(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            i = 3;
        }
        for (; i < b.length && i < 4096; i++) {
            if (!Character.isWhitespace(b[i])) {
                return b[i];
            }
        }
        return -1;
    }
}
