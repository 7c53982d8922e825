package dev.mailroom.model.domains.blocklist;

import java.time.Instant;
import java.util.List;

/** One subject (an IP address or a domain) against one list: listed or not, and what to do. */
public record BlocklistResult(
        Blocklist list,
        String subject,
        Status status,
        List<String> codes,
        String reason,
        String message,
        Instant checkedAt) {
    public enum Status {
        LISTED,
        NOT_LISTED,
        ERROR
    }

    public BlocklistResult {
        codes = List.copyOf(codes);
    }

    public boolean listed() {
        return status == Status.LISTED;
    }
}
