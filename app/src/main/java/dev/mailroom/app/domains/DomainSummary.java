package dev.mailroom.app.domains;

import dev.mailroom.model.domains.CheckHistoryEntry;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.DkimKeyInfo;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A sending domain with what its latest check found (one row per record), its DKIM keys and the latest
 * answer of each blocklist: a line of the Domains list and the start of its detail.
 */
public record DomainSummary(
        SendingDomain domain, List<RecordRow> records, List<DkimKeyInfo> keys, List<BlocklistResult> blocklists) {

    /** How a check run spreads over time: rows older than this before the newest belong to earlier runs. */
    private static final Duration ONE_RUN = Duration.ofMinutes(10);

    public enum Overall {
        NOT_CHECKED,
        VERIFIED,
        PROBLEMS,
        UNKNOWN
    }

    public DomainSummary {
        records = List.copyOf(records);
        keys = List.copyOf(keys);
        blocklists = List.copyOf(blocklists);
    }

    /** From stored history (newest first): each record's latest status from the latest run, each list's latest answer. */
    static DomainSummary fromHistory(
            SendingDomain domain,
            List<DkimKeyInfo> keys,
            List<CheckHistoryEntry> history,
            List<BlocklistResult> blocklistHistory) {
        Set<String> liveSelectors = keys.stream()
                .filter(k -> k.state() != DkimKeyState.RETIRED)
                .map(k -> k.selector() + "._domainkey.")
                .collect(Collectors.toSet());
        Optional<Instant> newest =
                history.stream().map(CheckHistoryEntry::checkedAt).max(Comparator.naturalOrder());
        Map<String, RecordRow> latest = new LinkedHashMap<>();
        for (CheckHistoryEntry h : history) {
            if (newest.get().minus(ONE_RUN).isAfter(h.checkedAt())) {
                continue;
            }
            if (h.kind() == RecordKind.DKIM && liveSelectors.stream().noneMatch(h.host()::startsWith)) {
                continue; // a retired key's record may go
            }
            latest.putIfAbsent(h.kind() + " " + h.host(), RecordRow.of(h));
        }
        List<RecordRow> rows = new ArrayList<>(latest.values());
        rows.sort(Comparator.comparing(RecordRow::kind));
        Map<String, BlocklistResult> lists = new LinkedHashMap<>();
        for (BlocklistResult b : blocklistHistory) {
            lists.putIfAbsent(b.list().name() + " " + b.subject(), b);
        }
        return new DomainSummary(domain, rows, keys, new ArrayList<>(lists.values()));
    }

    DomainSummary withRecords(List<RecordRow> fresh) {
        return new DomainSummary(domain, fresh, keys, blocklists);
    }

    /** The worst status among the records of one kind: what the list's column shows. */
    public Optional<CheckStatus> statusOf(RecordKind kind) {
        return records.stream()
                .filter(r -> r.kind() == kind)
                .map(RecordRow::status)
                .flatMap(Optional::stream)
                .max(Comparator.comparingInt(DomainSummary::severity));
    }

    public Optional<Instant> lastChecked() {
        return records.stream()
                .map(RecordRow::checkedAt)
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    /** Records missing or different. */
    public long problems() {
        return records.stream()
                .filter(r -> r.status()
                        .map(s -> s == CheckStatus.MISSING || s == CheckStatus.DIFFERENT)
                        .orElse(false))
                .count();
    }

    boolean hasMissing() {
        return records.stream().anyMatch(r -> r.status().equals(Optional.of(CheckStatus.MISSING)));
    }

    public Overall overall() {
        if (records.isEmpty() || records.stream().allMatch(r -> r.status().isEmpty())) {
            return Overall.NOT_CHECKED;
        }
        if (problems() > 0) {
            return Overall.PROBLEMS;
        }
        return records.stream().allMatch(r -> r.status().equals(Optional.of(CheckStatus.FOUND)))
                ? Overall.VERIFIED
                : Overall.UNKNOWN;
    }

    public boolean listed() {
        return blocklists.stream().anyMatch(BlocklistResult::listed);
    }

    private static int severity(CheckStatus s) {
        return switch (s) {
            case FOUND -> 0;
            case UNKNOWN -> 1;
            case DIFFERENT -> 2;
            case MISSING -> 3;
        };
    }
}
