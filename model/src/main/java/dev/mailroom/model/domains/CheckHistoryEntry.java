package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dns.DnsType;
import java.time.Instant;

/** One stored result of a record check: the history of each record's status. */
public record CheckHistoryEntry(
        DomainId domain,
        RecordKind kind,
        String host,
        DnsType type,
        CheckStatus status,
        String expected,
        String found,
        String message,
        Instant checkedAt) {}
