package dev.mailroom.app.domains;

import dev.mailroom.model.domains.CheckHistoryEntry;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.dns.DnsType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One record as the screens show it, whether it comes from a fresh check, the stored history or a plan
 * not checked yet: where, what is expected, what was found, and what that means.
 */
public record RecordRow(
        RecordKind kind,
        String host,
        DnsType type,
        String expected,
        Optional<CheckStatus> status,
        List<String> found,
        String message,
        Optional<Instant> checkedAt,
        List<String> notes) {

    public RecordRow {
        found = List.copyOf(found);
        notes = List.copyOf(notes);
    }

    static RecordRow of(RecordCheck c) {
        PlannedRecord r = c.record();
        return new RecordRow(
                r.kind(),
                r.host(),
                r.type(),
                c.expected(),
                Optional.of(c.status()),
                c.found(),
                c.message(),
                Optional.of(c.checkedAt()),
                r.notes());
    }

    static RecordRow of(CheckHistoryEntry h) {
        List<String> found = h.found() == null || h.found().isBlank()
                ? List.of()
                : List.of(h.found().split("\n"));
        return new RecordRow(
                h.kind(),
                h.host(),
                h.type(),
                h.expected(),
                Optional.of(h.status()),
                found,
                h.message() == null ? "" : h.message(),
                Optional.of(h.checkedAt()),
                List.of());
    }

    static RecordRow planned(PlannedRecord r) {
        return new RecordRow(
                r.kind(),
                r.host(),
                r.type(),
                r.value(),
                Optional.empty(),
                List.of(),
                "Not checked yet.",
                Optional.empty(),
                r.notes());
    }

    /** What was found differs from what is expected: worth showing both. */
    public boolean showsFound() {
        return status.map(s -> s == CheckStatus.DIFFERENT).orElse(false) && !found.isEmpty();
    }
}
