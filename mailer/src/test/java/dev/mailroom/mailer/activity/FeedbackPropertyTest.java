package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.testing.Fixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Mutated complaint reports (ARF, RFC 5965) through the parser: byte flips, truncation, fields
 * repeated thousands of times or hundreds of kilobytes long, boundaries lost, parts nested deep,
 * long runs of dashes, blanks and line breaks. Whatever comes in, no exception escapes and none is
 * swallowed into the note, the answer is either a complaint whose kept fields are bounded or a
 * refusal in words, and it comes in time (the inputs are at most about 1.5 MB; a parse that is not
 * linear takes minutes on them).
 *
 * <p>The seeds are the real reports of {@link FeedbackReportTest}: the RFC's example and sisimai's
 * ARF messages (fixture sets with their licences).
 */
class FeedbackPropertyTest {
    private static final Duration BUDGET = Duration.ofSeconds(10);
    private static final List<String> FIELD_NAMES = List.of(
            "Feedback-Type",
            "User-Agent",
            "Source-IP",
            "Arrival-Date",
            "Reported-Domain",
            "Reported-URI",
            "Authentication-Results",
            "Original-Mail-From",
            "Original-Rcpt-To",
            "Removal-Recipient",
            "Incidents",
            "Subject",
            "From",
            "Content-Type");

    private static final List<byte[]> SEEDS = seeds();

    private final BounceParser parser = new BounceParser();

    private static List<byte[]> seeds() {
        try {
            List<byte[]> out = new ArrayList<>();
            out.add(Files.readAllBytes(Fixtures.resource("complaints/rfc5965-appendix-b2.eml")));
            for (Path p : Fixtures.files("bounces-sisimai", "eml")) {
                String name = p.getFileName().toString();
                if (name.startsWith("arf-")) {
                    out.add(Files.readAllBytes(p));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One change to a message. */
    interface Mutation {
        String apply(String message);
    }

    record Flip(double at, char to) implements Mutation {
        public String apply(String m) {
            if (m.isEmpty()) {
                return m;
            }
            int i = (int) (at * (m.length() - 1));
            return m.substring(0, i) + to + m.substring(i + 1);
        }
    }

    record Truncate(double at) implements Mutation {
        public String apply(String m) {
            return m.substring(0, (int) (at * m.length()));
        }
    }

    /** The field given {@code times} times (distinct values) in the report's field block. */
    record Repeat(String field, int times) implements Mutation {
        public String apply(String m) {
            StringBuilder b = new StringBuilder(times * (field.length() + 30));
            for (int i = 0; i < times; i++) {
                b.append(field).append(": ").append(value(field, i)).append("\r\n");
            }
            return insertInFields(m, b.toString());
        }
    }

    /** One field of {@code size} characters, on one line or folded over many. */
    record Huge(String field, int size, char fill, boolean folded) implements Mutation {
        public String apply(String m) {
            StringBuilder b = new StringBuilder(size + size / 60 * 3 + 40);
            b.append(field).append(": ");
            for (int i = 0; i < size; i++) {
                if (folded && i > 0 && i % 60 == 0) {
                    b.append("\r\n ");
                }
                b.append(fill);
            }
            b.append("\r\n");
            return insertInFields(m, b.toString());
        }
    }

    /** Every boundary line gone (or its dashes): the parts run together. */
    record DropBoundaries(boolean dashesOnly) implements Mutation {
        public String apply(String m) {
            StringBuilder b = new StringBuilder(m.length());
            for (String line : m.split("\n", -1)) {
                if (line.startsWith("--")) {
                    if (dashesOnly) {
                        b.append(line.substring(2)).append('\n');
                    }
                    continue;
                }
                b.append(line).append('\n');
            }
            return b.toString();
        }
    }

    /** The message inside {@code depth} levels of multipart/mixed (and of message/rfc822 when {@code asMessages}). */
    record Nest(int depth, boolean asMessages, boolean closed) implements Mutation {
        public String apply(String m) {
            String inner = m;
            for (int d = depth; d > 0; d--) {
                String boundary = "nest-" + d;
                StringBuilder b = new StringBuilder(inner.length() + 200);
                b.append("From: reports@example.net\r\nSubject: nested ")
                        .append(d)
                        .append("\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"")
                        .append(boundary)
                        .append("\"\r\n\r\n--")
                        .append(boundary)
                        .append("\r\n");
                if (asMessages) {
                    b.append("Content-Type: message/rfc822\r\n\r\n").append(inner);
                } else {
                    // The inner message's own headers become the part's headers.
                    b.append(inner);
                }
                if (closed) {
                    b.append("\r\n--").append(boundary).append("--\r\n");
                }
                inner = b.toString();
            }
            return inner;
        }
    }

    /** A run of one character (dashes, blanks, line breaks, colons) somewhere in the message. */
    record Run(double at, char c, int length) implements Mutation {
        public String apply(String m) {
            int i = (int) (at * m.length());
            return m.substring(0, i) + String.valueOf(c).repeat(length) + m.substring(i);
        }
    }

    private static String value(String field, int i) {
        return switch (field) {
            case "Source-IP" -> "192.0." + (i / 250 % 250) + "." + (i % 250);
            case "Original-Rcpt-To", "Removal-Recipient", "Original-Mail-From", "From" -> "user" + i + "@example.com";
            case "Reported-Domain" -> "d" + i + ".example";
            case "Reported-URI" -> "http://example.net/" + i;
            case "Arrival-Date" -> "Thu, 8 Mar 2005 14:00:" + (i % 60) + " EDT";
            case "Incidents" -> Integer.toString(i);
            case "Subject" -> "dmarc failure " + i;
            case "Content-Type" -> "multipart/mixed; boundary=\"b" + i + "\"";
            default -> "value " + i;
        };
    }

    /** After the Feedback-Type line when there is one (the report's fields), else after the first line. */
    private static String insertInFields(String m, String fields) {
        int at = m.indexOf("Feedback-Type:");
        if (at < 0) {
            at = m.indexOf("feedback-type:");
        }
        int eol = m.indexOf('\n', Math.max(at, 0));
        int i = eol < 0 ? m.length() : eol + 1;
        return m.substring(0, i) + fields + m.substring(i);
    }

    @Provide
    Arbitrary<byte[]> seed() {
        return Arbitraries.of(SEEDS);
    }

    @Provide
    Arbitrary<Mutation> mutation() {
        Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
        Arbitrary<String> field = Arbitraries.of(FIELD_NAMES);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4,
                        Combinators.combine(at, Arbitraries.chars().range('\0', '\u00ff'))
                                .as(Flip::new)),
                net.jqwik.api.Tuple.of(2, at.map(Truncate::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(
                                        field,
                                        Arbitraries.integers()
                                                .between(2, 20_000)
                                                .edgeCases(c -> c.add(11).add(20_000)))
                                .as(Repeat::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(
                                        field,
                                        Arbitraries.integers().between(1000, 400_000),
                                        Arbitraries.of('a', '-', ' ', ';', '@', '<', '"', '\t', '('),
                                        Arbitraries.of(true, false))
                                .as(Huge::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(DropBoundaries::new)),
                net.jqwik.api.Tuple.of(
                        1,
                        Combinators.combine(
                                        Arbitraries.integers().between(1, 120),
                                        Arbitraries.of(true, false),
                                        Arbitraries.of(true, false))
                                .as(Nest::new)),
                net.jqwik.api.Tuple.of(
                        2,
                        Combinators.combine(
                                        at,
                                        Arbitraries.of('-', '\n', ' ', ':', '\r', '='),
                                        Arbitraries.integers().between(1, 128 * 1024))
                                .as(Run::new)));
    }

    @Property(tries = 300)
    void aMutatedComplaintIsReadWithBoundedFieldsOrRefusedInWords(
            @ForAll("seed") byte[] seed,
            @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("mutation") Mutation> mutations) {
        String message = new String(seed, StandardCharsets.ISO_8859_1);
        for (Mutation m : mutations) {
            message = m.apply(message);
        }
        check(message.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The hostile shapes at their largest, each alone on the RFC's example. */
    @Example
    void theLargestHostileShapesFinishInTime() {
        String rfc = new String(SEEDS.get(0), StandardCharsets.ISO_8859_1);
        List<Mutation> shapes = List.of(
                new Huge("Authentication-Results", 1_000_000, 'a', false),
                new Huge("Authentication-Results", 1_000_000, ' ', true),
                new Huge("Subject", 1_000_000, 'd', false),
                new Huge("Original-Rcpt-To", 1_000_000, '<', false),
                new Huge("From", 1_000_000, '(', false),
                new Repeat("Original-Rcpt-To", 50_000),
                new Repeat("Reported-Domain", 50_000),
                new Repeat("Subject", 50_000),
                new Repeat("Content-Type", 20_000),
                new Run(0.5, '-', 1_000_000),
                new Run(0.5, '\n', 1_000_000),
                new Run(0.7, ':', 1_000_000),
                new Nest(400, false, true),
                new Nest(400, true, false));
        for (Mutation shape : shapes) {
            check(shape.apply(rfc).getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private void check(byte[] message) {
        InboundReport r = assertTimeoutPreemptively(BUDGET, () -> parser.parse(message));
        assertThat(r.note()).as("the answer says what it is").isNotBlank();
        // BounceParser's last resort: an exception the reading did not expect, caught and shown.
        assertThat(r.note())
                .as("no unexpected exception was caught and shown instead of an answer")
                .doesNotContain("The message could not be read (");
        if (r.kind() == ReportKind.FEEDBACK) {
            assertThat(r.recipients()).hasSizeBetween(1, ComplaintReport.MAX_VALUES);
            for (ReportedRecipient rcpt : r.recipients()) {
                assertThat(rcpt.recipient().length()).isLessThanOrEqualTo(ComplaintReport.MAX_VALUE);
                assertThat(rcpt.diagnostic().length()).isLessThanOrEqualTo(Feedback.MAX_DETAILS);
            }
            r.complaint().ifPresent(FeedbackPropertyTest::bounded);
        } else {
            assertThat(r.complaint()).isEmpty();
        }
    }

    private static void bounded(ComplaintReport c) {
        List<Optional<String>> ones = List.of(
                c.userAgent(),
                c.version(),
                c.sourceIp(),
                c.arrivalDate(),
                c.originalMailFrom(),
                c.originalEnvelopeId(),
                c.reportingMta());
        for (Optional<String> v : ones) {
            v.ifPresent(FeedbackPropertyTest::oneBoundedLine);
        }
        oneBoundedLine(c.feedbackType());
        for (List<String> list :
                List.of(c.reportedDomains(), c.reportedUris(), c.authenticationResults(), c.originalRcptTo())) {
            assertThat(list).hasSizeLessThanOrEqualTo(ComplaintReport.MAX_VALUES);
            list.forEach(FeedbackPropertyTest::oneBoundedLine);
        }
    }

    private static void oneBoundedLine(String v) {
        assertThat(v.length()).isLessThanOrEqualTo(ComplaintReport.MAX_VALUE);
        assertThat(v).doesNotContain("\n", "\r");
    }
}
