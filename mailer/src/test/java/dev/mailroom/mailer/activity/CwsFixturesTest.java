package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
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
 * The parser measured against the test messages of the PHP CwsMailBounceHandler
 * ({@code fixtures/bounces-cws}; its README says how {@code expected.csv} was made).
 *
 * <p>Per message, "right" means: for a bounce or delay that names addresses, exactly those are
 * reported failed (delayed for a delay) and nothing else; for a complaint, a complaint about the
 * named address; for a bounce without an address, some failure reported; for a non-bounce, no
 * failure. Hard/soft is scored where the library's code says it.
 */
class CwsFixturesTest {
    /** The figures reached when this test was written; raise them when the parser improves. */
    private static final int RIGHT_FLOOR = 121;

    private static final int HARD_SOFT_FLOOR = 86;
    private static final int REASON_FLOOR = 78;

    record Expected(String file, String type, String code, List<String> addresses, String note) {}

    @Test
    void measuresAgainstCwsMailBounceHandlerMessages() throws IOException {
        Path dir = Fixtures.dir("bounces-cws");
        Map<String, Expected> expected = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(dir.resolve("expected.csv"));
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = DeliveryStatusFixturesTest.csv(line);
            Expected prev = expected.get(f.get(0));
            List<String> addresses = prev == null ? new ArrayList<>() : prev.addresses();
            if (!f.get(3).isEmpty()) {
                addresses.add(f.get(3));
            }
            expected.put(f.get(0), new Expected(f.get(0), f.get(1), f.get(2), addresses, f.get(4)));
        }
        int right = 0, falseRecipients = 0;
        CorpusScore score = new CorpusScore();
        StringBuilder table = score.table;
        for (Expected e : expected.values()) {
            InboundReport report = new BounceParser()
                    .parse(Files.readAllBytes(dir.resolve("emls").resolve(e.file())));
            List<ReportedRecipient> failed = CorpusScore.failed(report);
            List<String> got = CorpusScore.addresses(failed, e.addresses());
            boolean ok;
            switch (e.type()) {
                case "complaint" ->
                    ok = report.kind() == ReportKind.FEEDBACK && (e.addresses().isEmpty() || got.equals(e.addresses()));
                case "not_bounce" -> ok = report.bounces().stream().noneMatch(r -> r.action() == DeliveryAction.FAILED);
                default -> {
                    if (e.addresses().isEmpty()) {
                        ok = !report.bounces().isEmpty();
                    } else {
                        DeliveryAction want = e.type().equals("delay") ? DeliveryAction.DELAYED : DeliveryAction.FAILED;
                        ok = got.containsAll(e.addresses())
                                && e.addresses().containsAll(got)
                                && failed.stream().allMatch(r -> r.action() == want);
                        falseRecipients +=
                                got.stream().anyMatch(a -> !e.addresses().contains(a)) ? 1 : 0;
                    }
                }
            }
            right += ok ? 1 : 0;
            ok &= score.hard(wantHard(e.code()), failed);
            score.reason(e.file(), wantReason(e.code()), failed);
            if (!ok) {
                table.append(String.format(
                        "BAD %-22s want %-10s %-6s %-40s | got %s %s%n",
                        e.file(),
                        e.type(),
                        e.code(),
                        String.join(" ", e.addresses()),
                        report.kind(),
                        CorpusScore.describe(failed)));
            }
        }
        System.out.print(table);
        System.out.printf(
                "cws messages: %d; right %d/%d (false recipient in %d), hard/soft right %d/%d, reason right %d/%d%n",
                expected.size(),
                right,
                expected.size(),
                falseRecipients,
                score.hardRight,
                score.hardRows,
                score.reasonRight,
                score.reasonRows);
        assertThat(score.reasonRight).as("reason right").isGreaterThanOrEqualTo(REASON_FLOOR);
        assertThat(falseRecipients).as("messages with a false recipient").isZero();
        assertThat(right).as("messages right").isGreaterThanOrEqualTo(RIGHT_FLOOR);
        assertThat(score.hardRight).as("hard/soft right").isGreaterThanOrEqualTo(HARD_SOFT_FLOOR);
    }

    /** The reasons the library's code allows; empty where it names none. */
    private static List<BounceReason> wantReason(String code) {
        return switch (code) {
            // The library files disabled accounts under 5.1.1 too.
            case "5.1.1" -> List.of(BounceReason.USER_UNKNOWN, BounceReason.SUSPENDED);
            case "5.1.2", "5.4.4" -> List.of(BounceReason.HOST_UNKNOWN);
            case "5.2.2", "4.2.2" -> List.of(BounceReason.MAILBOX_FULL);
            case "5.2.3", "5.3.4" -> List.of(BounceReason.MESSAGE_TOO_BIG);
            case "4.4.7" -> List.of(BounceReason.EXPIRED);
            case "5.7.0", "5.7.1" ->
                List.of(BounceReason.FILTERED, BounceReason.SPAM, BounceReason.POLICY, BounceReason.SECURITY);
            default -> List.of();
        };
    }

    /** Hard or soft as the library's code says it; null where the code does not say. */
    private static Boolean wantHard(String code) {
        if (code.isEmpty() || code.equals("5.0.0") || code.equals("5.2.0") || code.equals("5.5.0")) {
            return null;
        }
        if (code.startsWith("4.")) {
            return false;
        }
        return code.startsWith("5.1.") || code.equals("5.4.4");
    }
}
