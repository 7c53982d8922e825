package dev.mailroom.model.domains.spf;

import java.util.List;
import java.util.Optional;

/**
 * The answer of an SPF check: the result, the reason in plain words, the explanation a receiver would
 * give for a fail (from the domain's {@code exp=}, or the default), which term decided, how many
 * DNS-querying terms and void look-ups were used, and the steps taken.
 */
public record SpfOutcome(
        SpfResult result,
        String reason,
        Optional<String> explanation,
        Optional<String> decidedBy,
        int dnsLookups,
        int voidLookups,
        List<String> trace) {

    public SpfOutcome {
        trace = List.copyOf(trace);
        explanation = explanation == null ? Optional.empty() : explanation;
        decidedBy = decidedBy == null ? Optional.empty() : decidedBy;
    }

    /** "pass: …" — the result and its reason in one line for a person. */
    public String summary() {
        return result.keyword() + ": " + reason;
    }
}
