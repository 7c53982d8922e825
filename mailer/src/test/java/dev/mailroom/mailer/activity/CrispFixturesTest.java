package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The parser measured against the bounce texts of Crisp's email-bounce-parser
 * ({@code fixtures/bounces-crisp}; its README says how {@code expected.csv} was made).
 *
 * <p>Upstream keeps only the text of each notice, so every body is read inside the same plain
 * message from a mailer daemon; the subject says nothing of failure or delay, so what is found comes
 * from the text. Per message, "right" means: for a bounce, exactly the named address is reported
 * failed; for a delay, exactly that address delayed; for a non-bounce, no failure. Hard/soft is
 * scored where the library's type says it (no such recipient or unknown host with a 5xx: hard; a
 * 4xx, a full mailbox, spam, reputation, rate limits, authentication: soft).
 */
class CrispFixturesTest {
    /** The figures reached when this test was written; raise them when the parser improves. */
    private static final int RIGHT_FLOOR = 111;

    private static final int HARD_SOFT_FLOOR = 86;
    private static final int REASON_FLOOR = 77;

    record Expected(String file, String type, String address, String smtpCode, String status, String crispType) {}

    /** The one envelope every upstream body is read in. */
    static byte[] wrap(String body) {
        String head = "Return-Path: <>\r\n"
                + "From: Mail Delivery System <MAILER-DAEMON@mailer.example.net>\r\n"
                + "To: news@sender.example.org\r\n"
                + "Subject: Delivery Status Notification\r\n"
                + "Date: Mon, 2 Oct 2023 10:00:00 +0000\r\n"
                + "Message-ID: <notice-1@mailer.example.net>\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n"
                + "\r\n";
        return (head + body).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void measuresAgainstCrispBounceTexts() throws IOException {
        Path dir = Fixtures.dir("bounces-crisp");
        List<String> lines = Files.readAllLines(dir.resolve("expected.csv"));
        int right = 0, falseRecipients = 0, falseBounces = 0, total = 0;
        CorpusScore score = new CorpusScore();
        StringBuilder table = score.table;
        for (String line : lines.subList(1, lines.size())) {
            List<String> f = DeliveryStatusFixturesTest.csv(line);
            Expected e = new Expected(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(6));
            total++;
            String body = Files.readString(dir.resolve("bodies").resolve(e.file()), StandardCharsets.UTF_8);
            InboundReport report = new BounceParser().parse(wrap(body));
            List<ReportedRecipient> failed = CorpusScore.failed(report);
            List<String> got = CorpusScore.addresses(failed, List.of(e.address()));
            boolean ok;
            if (e.type().equals("not_bounce")) {
                ok = failed.isEmpty();
                falseBounces += ok ? 0 : 1;
            } else {
                DeliveryAction want = e.type().equals("delay") ? DeliveryAction.DELAYED : DeliveryAction.FAILED;
                ok = got.equals(List.of(e.address())) && failed.stream().allMatch(r -> r.action() == want);
                falseRecipients += got.stream().anyMatch(a -> !a.equals(e.address())) ? 1 : 0;
            }
            right += ok ? 1 : 0;
            Boolean wantHard = wantHard(e);
            ok &= score.hard(wantHard, failed);
            score.reason(e.file(), wantReason(e.crispType()), failed);
            if (!ok) {
                table.append(String.format(
                        "BAD %-45s want %-10s %-35s hard=%s | got %s %s%n",
                        e.file(), e.type(), e.address(), wantHard, report.kind(), CorpusScore.describe(failed)));
            }
        }
        System.out.print(table);
        System.out.printf(
                "crisp messages: %d; right %d/%d (false recipient in %d, non-bounce counted as bounce %d),"
                        + " hard/soft right %d/%d, reason right %d/%d%n",
                total,
                right,
                total,
                falseRecipients,
                falseBounces,
                score.hardRight,
                score.hardRows,
                score.reasonRight,
                score.reasonRows);
        assertThat(falseRecipients).as("messages with a false recipient").isZero();
        assertThat(falseBounces).as("non-bounces counted as bounces").isZero();
        assertThat(right).as("messages right").isGreaterThanOrEqualTo(RIGHT_FLOOR);
        assertThat(score.hardRight).as("hard/soft right").isGreaterThanOrEqualTo(HARD_SOFT_FLOOR);
        assertThat(score.reasonRight).as("reason right").isGreaterThanOrEqualTo(REASON_FLOOR);
    }

    /** Hard or soft as the library's type and code say it; null where they do not say. */
    private static Boolean wantHard(Expected e) {
        boolean permanent = e.smtpCode().startsWith("5") || e.status().startsWith("5.");
        boolean temporary = e.smtpCode().startsWith("4") || e.status().startsWith("4.");
        if (temporary || e.type().equals("delay")) {
            return false;
        }
        return switch (e.crispType()) {
            case "no_such_recipient", "server_unknown" ->
                permanent || e.smtpCode().isEmpty() ? true : null;
            case "mailbox_full",
                    "mailbox_over_quota",
                    "spam_content",
                    "ip_blocked_spam",
                    "reputation",
                    "authentication_failure",
                    "action_not_taken_mailbox_rate_limited" -> false;
            default -> null;
        };
    }

    /** The reasons that fit the library's type; empty where it names none. */
    private static List<BounceReason> wantReason(String crispType) {
        return switch (crispType) {
            case "no_such_recipient" -> List.of(BounceReason.USER_UNKNOWN);
            case "server_unknown" -> List.of(BounceReason.HOST_UNKNOWN);
            case "mailbox_full", "mailbox_over_quota" -> List.of(BounceReason.MAILBOX_FULL);
            case "spam_content", "ip_blocked_spam", "reputation" ->
                List.of(BounceReason.SPAM, BounceReason.FILTERED, BounceReason.RATE_LIMITED);
            case "authentication_failure" -> List.of(BounceReason.POLICY, BounceReason.SECURITY);
            case "action_not_taken_mailbox_rate_limited" -> List.of(BounceReason.RATE_LIMITED);
            case "recipient_disabled_or_recipient_rate_limited" ->
                List.of(BounceReason.SUSPENDED, BounceReason.USER_UNKNOWN, BounceReason.RATE_LIMITED);
            default -> List.of();
        };
    }
}
