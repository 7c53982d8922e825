package dev.mailroom.mailer.activity;

import dev.mailroom.model.activity.BounceReason;
import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportedRecipient;
import java.util.List;
import java.util.Locale;

/**
 * What the corpus tests (Cws, Crisp) tally the same way: the failed or delayed recipients of a report, the
 * addresses they name, hard/soft and reason rows where the corpus says them, and the lines printed for
 * the rows that are wrong.
 */
final class CorpusScore {
    int hardRows;
    int hardRight;
    int reasonRows;
    int reasonRight;
    final StringBuilder table = new StringBuilder();

    /** The report's failed and delayed recipients. */
    static List<ReportedRecipient> failed(InboundReport report) {
        return report.recipients().stream()
                .filter(r -> r.action() == DeliveryAction.FAILED || r.action() == DeliveryAction.DELAYED)
                .toList();
    }

    /**
     * The addresses found, lower case: the recipient as written where it is one the corpus expects, else the
     * address it was sent to.
     */
    static List<String> addresses(List<ReportedRecipient> failed, List<String> expected) {
        return failed.stream()
                .map(r -> (expected.contains(r.recipient().toLowerCase(Locale.ROOT))
                                ? r.recipient()
                                : r.addressSentTo())
                        .toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
    }

    /** Counts a hard/soft row where the corpus says one; whether it was right (true where it says none). */
    boolean hard(Boolean want, List<ReportedRecipient> failed) {
        if (want == null) {
            return true;
        }
        hardRows++;
        boolean right = !failed.isEmpty() && failed.get(0).isHard() == want;
        hardRight += right ? 1 : 0;
        return right;
    }

    /** Counts a reason row where the corpus names allowed reasons; a wrong one is added to the table. */
    void reason(String file, List<BounceReason> want, List<ReportedRecipient> failed) {
        if (want.isEmpty()) {
            return;
        }
        reasonRows++;
        BounceReason got = failed.isEmpty()
                ? null
                : BounceReason.of(failed.get(0).status(), failed.get(0).diagnostic());
        boolean right = got != null && want.contains(got);
        reasonRight += right ? 1 : 0;
        if (!right) {
            table.append("REASON " + file + " want " + want + " got " + got + "\n");
        }
    }

    /** The failed recipients as a wrong row's table line shows them. */
    static List<String> describe(List<ReportedRecipient> failed) {
        return failed.stream()
                .map(r -> r.addressSentTo() + " " + r.action() + " "
                        + r.status().map(Object::toString).orElse("-") + " " + r.severity())
                .toList();
    }
}
