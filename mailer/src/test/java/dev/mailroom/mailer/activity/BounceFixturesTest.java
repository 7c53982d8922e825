package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.activity.Severity;
import dev.mailroom.model.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The parser measured against sisimai's expectations ({@code fixtures/bounces-sisimai} in the test resources).
 *
 * <p>{@code expected.csv} has one row per reported recipient: status code, reply code, sisimai's
 * reason, hard/soft, and for ARF the feedback type. It does not name the recipient, so
 * {@code src/test/resources/bounces/recipients.csv} adds the address for each row, written by hand
 * from reading each message: for a DSN the {@code Final-Recipient}; for a text bounce the failed
 * address it names; for a complaint the reported recipient ({@code Original-Rcpt-To}, else the
 * copy's {@code To}), empty where the report hides it.
 *
 * <p>What "a row right" means:
 * <ul>
 *   <li><b>recipient</b>: the parser reports an entry for the labelled address (case-insensitive).
 *       For an auto-reply row ({@code vacation}) there is no recipient to report: right when the
 *       message is read as {@link ReportKind#AUTO_REPLY}.</li>
 *   <li><b>status</b>: that entry's RFC 3463 code equals the expected one. sisimai's pseudo-codes
 *       ({@code 5.0.9xx}, {@code 4.0.9xx}, used where the server gave no code) match on the class
 *       alone. A complaint row is right when read as feedback with the expected feedback type; an
 *       auto-reply row when read as an auto-reply.</li>
 *   <li><b>hard/soft</b>: hard exactly when sisimai says {@code hardbounce=true}. (sisimai decides
 *       by its reason, Mailroom by the status code, see {@code BounceClassifier}; they differ on
 *       purpose for a few rows such as a {@code 4.1.1} "user unknown".)</li>
 *   <li><b>all right</b>: the three together.</li>
 * </ul>
 * The SMTP reply code is printed as a fourth figure but is not part of "all right".
 */
class BounceFixturesTest {
    /** The all-right count reached when this test was written; raise it when the parser improves. */
    private static final int ALL_RIGHT_FLOOR = 116;

    private final BounceParser parser = new BounceParser();

    record Row(String file, int index, String status, String reply, String reason, boolean hard, String feedback) {}

    @Test
    void measuresAgainstSisimaiExpectations() throws IOException {
        Path dir = Fixtures.dir("bounces-sisimai");
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("expected.csv"))
                .subList(1, Files.readAllLines(dir.resolve("expected.csv")).size())) {
            String[] f = line.split(",", -1);
            rows.add(new Row(f[0], Integer.parseInt(f[1]), f[2], f[3], f[4], Boolean.parseBoolean(f[5]), f[6]));
        }
        Map<String, String> labels = new HashMap<>();
        for (String line : Files.readAllLines(Fixtures.resource("bounces/recipients.csv"))) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("file,")) {
                continue;
            }
            String[] f = line.split(",", -1);
            labels.put(f[0] + "#" + f[1], f[2]);
        }
        Map<String, InboundReport> reports = new HashMap<>();
        int recipientRight = 0, statusRight = 0, hardRight = 0, replyRight = 0, allRight = 0, plainRuleRight = 0;
        StringBuilder table = new StringBuilder();
        for (Row row : rows) {
            InboundReport report = reports.computeIfAbsent(
                    row.file(), f -> parse(dir.resolve("eml").resolve(f)));
            String label = labels.getOrDefault(row.file() + "#" + row.index(), "?");
            boolean rcpt;
            boolean status;
            boolean hard;
            boolean reply;
            String got;
            if (row.reason().equals("vacation")) {
                rcpt = status = hard = reply = report.kind() == ReportKind.AUTO_REPLY;
                plainRuleRight += hard ? 1 : 0;
                got = report.kind().toString();
            } else {
                Optional<ReportedRecipient> entry = report.recipients().stream()
                        .filter(r -> r.recipient().equalsIgnoreCase(label))
                        .findFirst();
                rcpt = entry.isPresent();
                if (entry.isEmpty() && report.recipients().size() >= row.index()) {
                    entry = Optional.of(report.recipients().get(row.index() - 1));
                }
                if (row.reason().equals("feedback")) {
                    status = report.kind() == ReportKind.FEEDBACK
                            && entry.flatMap(ReportedRecipient::feedbackType)
                                    .orElse("")
                                    .equals(row.feedback());
                } else {
                    status = entry.flatMap(ReportedRecipient::status)
                            .map(s -> statusMatches(row.status(), s))
                            .orElse(false);
                }
                hard = entry.map(e -> e.isHard() == row.hard()).orElse(false);
                plainRuleRight += entry.map(e -> plainRule(e) == row.hard()).orElse(false) ? 1 : 0;
                reply = entry.map(e -> row.reply().isEmpty()
                                ? e.smtpReply().isEmpty()
                                : e.smtpReply().isPresent()
                                        && String.valueOf(e.smtpReply().getAsInt())
                                                .equals(row.reply()))
                        .orElse(false);
                got = entry.map(e -> e.recipient() + " "
                                + e.status().map(Object::toString).orElse("-") + " "
                                + (e.smtpReply().isPresent() ? e.smtpReply().getAsInt() : "-") + " " + e.severity()
                                + e.feedbackType().map(t -> " " + t).orElse(""))
                        .orElse(report.kind() + " (no entry) " + report.note());
            }
            recipientRight += rcpt ? 1 : 0;
            statusRight += status ? 1 : 0;
            hardRight += hard ? 1 : 0;
            replyRight += reply ? 1 : 0;
            boolean all = rcpt && status && hard;
            allRight += all ? 1 : 0;
            table.append(String.format(
                    "%s %-28s %d want %-28s %-8s %-4s %-5s | got %s%n",
                    all ? "ok " : "BAD",
                    row.file(),
                    row.index(),
                    label,
                    row.status().isEmpty() ? row.reason() + "/" + row.feedback() : row.status(),
                    row.reply(),
                    row.hard() ? "hard" : "soft",
                    got));
        }
        System.out.print(table);
        System.out.printf(
                "sisimai rows: %d; recipient right %d, status right %d, hard/soft right %d, all right %d"
                        + " (SMTP reply code right %d)%n",
                rows.size(), recipientRight, statusRight, hardRight, allRight, replyRight);
        System.out.printf(
                "for comparison, hard/soft right under the plain rule \"5.x.x hard except mailbox full,"
                        + " too big, expired\": %d%n",
                plainRuleRight);
        assertThat(allRight)
                .as("rows with recipient, status and hard/soft right")
                .isGreaterThanOrEqualTo(ALL_RIGHT_FLOOR);
    }

    /** The rule Mailroom did not take: every 5.x.x hard except the obviously passing conditions. */
    private static boolean plainRule(ReportedRecipient r) {
        if (r.status().isEmpty() || !r.status().get().isPermanent() || r.severity() == Severity.NONE) {
            return false;
        }
        String sd = r.status().get().subject() + "." + r.status().get().detail();
        return !(sd.equals("2.2") || sd.equals("2.3") || sd.equals("3.4") || sd.equals("4.7"));
    }

    private static boolean statusMatches(String expected, EnhancedStatus got) {
        EnhancedStatus want = EnhancedStatus.of(expected);
        boolean pseudo = want.subject() == 0 && want.detail() >= 900;
        return pseudo ? want.statusClass() == got.statusClass() : want.equals(got);
    }

    private InboundReport parse(Path file) {
        try {
            return parser.parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void messagesThatAreNotBouncesGiveNoBounce() throws IOException {
        Path dir = Fixtures.dir("bounces-sisimai").resolve("not-bounce");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                InboundReport r = parse(f);
                System.out.println(f.getFileName() + ": " + r.kind() + " — " + r.note());
                assertThat(r.bounces()).as(f.getFileName().toString()).isEmpty();
                assertThat(r.kind())
                        .as(f.getFileName().toString())
                        .isIn(ReportKind.NOT_A_REPORT, ReportKind.AUTO_REPLY);
            }
        }
    }

    @Test
    void dmarcFailureReportsParseAsAuthFailureFeedback() throws IOException {
        Path dir = Fixtures.dir("dmarc-parsedmarc").resolve("failure");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                InboundReport r = parse(f);
                System.out.println(f.getFileName() + ": " + r.kind() + " " + r.recipients() + " "
                        + r.originalMessageId() + " — " + r.note());
                assertThat(r.kind()).as(f.getFileName().toString()).isEqualTo(ReportKind.FEEDBACK);
                assertThat(r.recipients())
                        .as(f.getFileName().toString())
                        .allSatisfy(x -> assertThat(x.feedbackType()).contains("auth-failure"));
            }
        }
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.ISO_8859_1);
    }
}
