package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parser measured against the corpus of Perl's Mail::DeliveryStatus::BounceParser
 * ({@code fixtures/bounces-deliverystatus}, expectations in its {@code expected.csv}).
 *
 * <p>Per message, what "right" means:
 * <ul>
 *   <li><b>recipient</b> (messages whose expected rows name addresses): every named address is
 *       reported as failed or delayed, and nothing else is (no false recipient).</li>
 *   <li><b>no bogus address</b> ({@code reports=0}: spam texts full of address-like strings): no
 *       recipient reported.</li>
 *   <li><b>not a bounce</b> ({@code is_bounce=no}: auto-replies, challenge/response, a delayed
 *       DSN): no failure reported (a delay is allowed, it suppresses nobody).</li>
 *   <li><b>hard/soft</b> where the library's reason says it: {@code user_unknown} and
 *       {@code user_disabled} hard; {@code over_quota}, {@code spam} and message-too-large soft
 *       ({@code domain_error} mixes dead domains with relaying refusals and is not scored).</li>
 * </ul>
 * Messages with {@code is_bounce=yes} but no address (the library's tests do not name it) count
 * as "recognised" when at least one failure is reported.
 */
class DeliveryStatusFixturesTest {
    /** The figures reached when this test was written; raise them when the parser improves. */
    private static final int RECIPIENT_FLOOR = 39;

    private static final int HARD_SOFT_FLOOR = 92;
    private static final int RECOGNISED_FLOOR = 86;
    private static final int REASON_FLOOR = 100;

    private final BounceParser parser = new BounceParser();

    record Expected(String file, String isBounce, List<String> addresses, String reason, String note) {}

    @Test
    void measuresAgainstBounceParserExpectations() throws IOException {
        Path dir = Fixtures.dir("bounces-deliverystatus");
        Map<String, Expected> expected = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("expected.csv"));
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = csv(line);
            Expected prev = expected.get(f.get(0));
            List<String> addresses = prev == null ? new ArrayList<>() : prev.addresses();
            if (!f.get(2).isEmpty()) {
                addresses.add(f.get(2));
            }
            expected.put(f.get(0), new Expected(f.get(0), f.get(1), addresses, f.get(3), f.get(5)));
        }
        int recipientRows = 0, recipientRight = 0, bogusRows = 0, bogusRight = 0, notRows = 0, notRight = 0;
        int recognisedRows = 0, recognisedRight = 0, hardRows = 0, hardRight = 0, falseRecipients = 0;
        int reasonRows = 0, reasonRight = 0;
        StringBuilder table = new StringBuilder();
        for (Expected e : expected.values()) {
            InboundReport report =
                    parser.parse(Files.readAllBytes(dir.resolve("corpus").resolve(e.file())));
            List<ReportedRecipient> failed = report.recipients().stream()
                    .filter(r -> r.action() == DeliveryAction.FAILED || r.action() == DeliveryAction.DELAYED)
                    .toList();
            // The library names the final address; Mailroom records the one it sent to beside it.
            List<String> got = failed.stream()
                    .map(r -> (e.addresses().contains(r.recipient().toLowerCase(java.util.Locale.ROOT))
                                    ? r.recipient()
                                    : r.addressSentTo())
                            .toLowerCase(java.util.Locale.ROOT))
                    .distinct()
                    .toList();
            boolean ok = true;
            if (!e.addresses().isEmpty()) {
                recipientRows++;
                boolean right = got.containsAll(e.addresses()) && e.addresses().containsAll(got);
                recipientRight += right ? 1 : 0;
                falseRecipients += got.stream().anyMatch(a -> !e.addresses().contains(a)) ? 1 : 0;
                ok = right;
            } else if (e.note().contains("reports=0")) {
                bogusRows++;
                bogusRight += got.isEmpty() ? 1 : 0;
                ok = got.isEmpty();
            } else if (e.isBounce().equals("no")) {
                notRows++;
                boolean right = report.bounces().stream().noneMatch(r -> r.action() == DeliveryAction.FAILED);
                notRight += right ? 1 : 0;
                ok = right;
            } else if (e.isBounce().equals("yes")) {
                recognisedRows++;
                recognisedRight += got.isEmpty() ? 0 : 1;
                ok = !got.isEmpty();
            }
            Boolean wantHard = switch (e.reason()) {
                case "user_unknown", "user_disabled" -> true;
                case "over_quota", "spam" -> false;
                default -> e.file().startsWith("message-too-large") ? false : null;
            };
            if (wantHard != null) {
                hardRows++;
                boolean right = !failed.isEmpty() && failed.get(0).isHard() == wantHard;
                hardRight += right ? 1 : 0;
                ok &= right;
            }
            List<BounceReason> wantReason = switch (e.reason()) {
                // The library files disabled accounts under user_unknown too.
                case "user_unknown" -> List.of(BounceReason.USER_UNKNOWN, BounceReason.SUSPENDED);
                case "user_disabled" -> List.of(BounceReason.SUSPENDED, BounceReason.USER_UNKNOWN);
                case "over_quota" -> List.of(BounceReason.MAILBOX_FULL);
                case "spam" -> List.of(BounceReason.SPAM, BounceReason.FILTERED, BounceReason.POLICY);
                case "domain_error" -> List.of(BounceReason.HOST_UNKNOWN, BounceReason.FILTERED, BounceReason.POLICY);
                default ->
                    e.file().startsWith("message-too-large")
                            ? List.of(BounceReason.MESSAGE_TOO_BIG)
                            : List.<BounceReason>of();
            };
            if (!wantReason.isEmpty()) {
                reasonRows++;
                BounceReason got1 = failed.isEmpty()
                        ? null
                        : BounceReason.of(failed.get(0).status(), failed.get(0).diagnostic());
                boolean rr = wantReason.contains(got1);
                reasonRight += rr ? 1 : 0;
                if (!rr) {
                    table.append("REASON " + e.file() + " want " + wantReason + " got " + got1 + " | "
                            + (failed.isEmpty()
                                    ? ""
                                    : failed.get(0).status() + " "
                                            + failed.get(0).diagnostic()) + "\n");
                }
            }
            if (ok) {
                continue;
            }
            table.append(String.format(
                    "%s %-40s want %-5s %-28s %-13s | got %s %s%n",
                    ok ? "ok " : "BAD",
                    e.file(),
                    e.isBounce(),
                    e.addresses().isEmpty() ? "-" : String.join(" ", e.addresses()),
                    e.reason(),
                    report.kind(),
                    failed.stream()
                            .map(r -> r.addressSentTo() + " " + r.action() + " "
                                    + r.status().map(Object::toString).orElse("-") + " " + r.severity())
                            .toList()));
        }
        System.out.print(table);
        System.out.printf(
                "deliverystatus messages: %d; recipient right %d/%d (false recipient in %d), no bogus address %d/%d,"
                        + " non-bounces right %d/%d, unnamed bounces recognised %d/%d, hard/soft right %d/%d,"
                        + " reason right %d/%d%n",
                expected.size(),
                recipientRight,
                recipientRows,
                falseRecipients,
                bogusRight,
                bogusRows,
                notRight,
                notRows,
                recognisedRight,
                recognisedRows,
                hardRight,
                hardRows,
                reasonRight,
                reasonRows);
        assertThat(reasonRight).as("reason right").isGreaterThanOrEqualTo(REASON_FLOOR);
        assertThat(recipientRight).as("recipient right").isGreaterThanOrEqualTo(RECIPIENT_FLOOR);
        assertThat(hardRight).as("hard/soft right").isGreaterThanOrEqualTo(HARD_SOFT_FLOOR);
        assertThat(recognisedRight + bogusRight + notRight)
                .as("recognised, bogus-free and non-bounce rows right")
                .isGreaterThanOrEqualTo(RECOGNISED_FLOOR);
    }

    /** One CSV line with double-quoted cells. */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString());
        return out;
    }
}
