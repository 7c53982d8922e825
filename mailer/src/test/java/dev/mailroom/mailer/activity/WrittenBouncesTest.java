package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.activity.Severity;
import dev.mailroom.model.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The parser against bounces written in the shapes of many servers' notices
 * ({@code src/test/resources/bounces/written}, see its README): recipient right means exactly the
 * expected addresses were reported (by the address Mailroom sent to), no other; action and
 * hard/soft are checked on the first.
 */
class WrittenBouncesTest {
    /** The figures reached when this test was written; raise them when the parser improves. */
    private static final int RECIPIENT_FLOOR = 255;

    private static final int ALL_RIGHT_FLOOR = 255;

    @Test
    void measuresAgainstWrittenSamples() throws IOException {
        Path dir = Fixtures.resource("bounces/written");
        List<String> lines = Files.readAllLines(dir.resolve("expected.csv"));
        BounceParser parser = new BounceParser();
        int recipientRight = 0, actionRight = 0, severityRight = 0, allRight = 0, falseRecipients = 0;
        StringBuilder table = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            List<String> want = f[1].isEmpty() ? List.of() : Arrays.asList(f[1].split(" "));
            InboundReport r = parser.parse(Files.readAllBytes(dir.resolve(f[0])));
            List<ReportedRecipient> bounces = r.bounces();
            List<String> got = bounces.stream()
                    .map(b -> b.addressSentTo().toLowerCase(Locale.ROOT))
                    .distinct()
                    .toList();
            boolean rcpt = got.containsAll(want) && want.containsAll(got);
            falseRecipients += got.stream().anyMatch(a -> !want.contains(a)) ? 1 : 0;
            String action = bounces.isEmpty()
                    ? "none"
                    : bounces.get(0).action() == DeliveryAction.DELAYED ? "delayed" : "failed";
            String severity = bounces.isEmpty() ? "none" : bounces.get(0).severity() == Severity.HARD ? "hard" : "soft";
            boolean a = action.equals(f[2]);
            boolean s = severity.equals(f[3]);
            recipientRight += rcpt ? 1 : 0;
            actionRight += a ? 1 : 0;
            severityRight += s ? 1 : 0;
            allRight += rcpt && a && s ? 1 : 0;
            table.append(String.format(
                    "%s %-26s want %-26s %-7s %-4s | got %s %s %s — %s%n",
                    rcpt && a && s ? "ok " : "BAD",
                    f[0],
                    f[1],
                    f[2],
                    f[3],
                    got,
                    action,
                    severity,
                    bounces.isEmpty()
                            ? r.note()
                            : bounces.get(0).status().map(Object::toString).orElse("-")));
        }
        System.out.print(table);
        System.out.printf(
                "written samples: %d; recipient right %d (false recipient in %d), action right %d, hard/soft right %d,"
                        + " all right %d%n",
                lines.size() - 1, recipientRight, falseRecipients, actionRight, severityRight, allRight);
        assertThat(recipientRight).as("recipient right").isGreaterThanOrEqualTo(RECIPIENT_FLOOR);
        assertThat(allRight).as("all right").isGreaterThanOrEqualTo(ALL_RIGHT_FLOOR);
        assertThat(falseRecipients).as("messages with a false recipient").isZero();
    }
}
