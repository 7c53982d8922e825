package dev.mailroom.model.activity;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: the event store. {@link #append} keeps the daily roll-up current in the same transaction
 * as the insert, following {@link DailyRollup}'s rule.
 */
public interface EventStore {
    void append(List<Event> events);

    /** Times of the recipient's soft bounces for this tenant and domain in {@code [since, until]}. */
    List<Instant> softBounceTimes(TenantId tenant, String domain, String recipient, Instant since, Instant until);

    /** Roll-up counts for one tenant over UTC days {@code [from, to]}, for one domain or all. */
    Map<RollupKey, Long> dailyCounts(TenantId tenant, Optional<String> domain, LocalDate from, LocalDate to);

    /**
     * Notes that an incoming report (by its key: its own Message-ID, or a digest of its bytes) has
     * been processed. False when it already was: the caller then records nothing.
     */
    boolean markReportProcessed(String reportKey, Instant at);
}
