package dev.mailroom.model.suppressions;

import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.activity.SentMessage;
import dev.mailroom.model.activity.SentMessageLookup;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Records what incoming bounces and complaints say: each reported recipient is matched to the
 * message that was sent (by the original Message-ID, else by the recipient when exactly one tenant
 * and domain sent to it in the last {@link #MATCH_WINDOW}), recorded as an event of that tenant and
 * domain, and the suppression list updated by {@link SuppressionRules}, all in one transaction.
 *
 * <p>It runs for the agency (a mailbox reader or a file import), not for a signed-in user: the
 * reports name no tenant, so there is no tenant to check a permission in before matching. What it
 * records is only ever what a recipient's own mail server said.
 *
 * <p>Reading the same report twice records nothing the second time ({@link
 * EventStore#markReportProcessed}).
 */
public final class ReportIngestService {
    public static final Duration MATCH_WINDOW = Duration.ofDays(30);
    /** ARF feedback types that are a complaint about the message; others (auth-failure…) record nothing. */
    private static final Set<String> COMPLAINT_TYPES = Set.of("abuse", "fraud", "virus", "other");

    private static final Set<String> OPT_OUT_TYPES = Set.of("opt-out", "optout", "unsubscribe");

    private final EventStore events;
    private final SuppressionStore suppressions;
    private final SentMessageLookup sent;
    private final Transactions tx;
    private final Clock clock;

    public ReportIngestService(
            EventStore events, SuppressionStore suppressions, SentMessageLookup sent, Transactions tx, Clock clock) {
        this.events = events;
        this.suppressions = suppressions;
        this.sent = sent;
        this.tx = tx;
        this.clock = clock;
    }

    /** What one report did. */
    public record Outcome(boolean alreadyProcessed, int recorded, int unmatched, int suppressed, String note) {}

    /**
     * @param reportKey identifies the incoming message for "read twice, record once": its own
     *     Message-ID, or a digest of its bytes when it has none
     */
    public Outcome ingest(String reportKey, InboundReport report) {
        return ingest(reportKey, report, Optional.empty());
    }

    /**
     * As {@link #ingest(String, InboundReport)}, recording only for {@code onlyTenant} when given: a
     * tenant's own report mailbox never writes another tenant's events or suppressions; a report about
     * another tenant's message counts as unmatched.
     */
    public Outcome ingest(String reportKey, InboundReport report, Optional<TenantId> onlyTenant) {
        Instant now = clock.instant();
        return tx.inTransaction(() -> {
            if (!events.markReportProcessed(reportKey, now)) {
                return new Outcome(true, 0, 0, 0, "Already processed; nothing recorded again.");
            }
            List<Event> toRecord = new ArrayList<>();
            int unmatched = 0;
            for (ReportedRecipient r : report.recipients()) {
                Optional<EventType> type = typeOf(report.kind(), r);
                if (type.isEmpty()) {
                    continue;
                }
                Optional<SentMessage> match = match(report.originalMessageId(), r, now)
                        .filter(m -> onlyTenant.isEmpty() || onlyTenant.get().equals(m.tenant()));
                if (match.isEmpty()) {
                    unmatched++;
                    continue;
                }
                SentMessage m = match.get();
                String recipient = r.recipient().isBlank() ? m.recipient() : r.addressSentTo();
                toRecord.add(new Event(
                        m.tenant(),
                        m.domain(),
                        now,
                        recipient,
                        Optional.of(m.messageId()),
                        type.get(),
                        new EventDetails(
                                r.smtpReply(),
                                r.status(),
                                r.diagnostic(),
                                type.get() == EventType.COMPLAINED || type.get() == EventType.UNSUBSCRIBED
                                        ? report.complaint()
                                        : Optional.empty())));
            }
            int suppressed = new SuppressingEvents(events, suppressions).record(toRecord);
            return new Outcome(false, toRecord.size(), unmatched, suppressed, report.note());
        });
    }

    static Optional<EventType> typeOf(ReportKind kind, ReportedRecipient r) {
        if (kind == ReportKind.FEEDBACK) {
            String t = r.feedbackType().orElse("abuse").toLowerCase(Locale.ROOT);
            if (COMPLAINT_TYPES.contains(t)) {
                return Optional.of(EventType.COMPLAINED);
            }
            return OPT_OUT_TYPES.contains(t) ? Optional.of(EventType.UNSUBSCRIBED) : Optional.empty();
        }
        if (kind != ReportKind.DELIVERY_STATUS) {
            return Optional.empty();
        }
        switch (r.action()) {
            case DELAYED:
                return Optional.of(EventType.DEFERRED);
            case DELIVERED:
                return Optional.of(EventType.DELIVERED);
            case FAILED:
                return Optional.of(r.isHard() ? EventType.HARD_BOUNCE : EventType.SOFT_BOUNCE);
            default:
                return Optional.empty();
        }
    }

    private Optional<SentMessage> match(Optional<String> originalMessageId, ReportedRecipient r, Instant now) {
        if (originalMessageId.isPresent()) {
            Optional<SentMessage> byId = sent.byMessageId(originalMessageId.get());
            if (byId.isPresent()) {
                return byId;
            }
        }
        if (r.recipient().isBlank()) {
            return Optional.empty();
        }
        List<SentMessage> candidates =
                new ArrayList<>(sent.byRecipient(r.addressSentTo(), now.minus(MATCH_WINDOW), 50));
        if (candidates.isEmpty() && r.originalRecipient().isPresent()) {
            candidates.addAll(sent.byRecipient(r.recipient(), now.minus(MATCH_WINDOW), 50));
        }
        long senders = candidates.stream()
                .map(m -> m.tenant().value() + "\u0000" + m.domain())
                .distinct()
                .count();
        // Sent to by more than one tenant or domain: a bounce without its Message-ID cannot say whose it is.
        return senders == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }
}
