package dev.mailroom.model.dmarc;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy advisor says about one domain: a stage, a headline in words, the evidence with
 * its numbers, the record to publish when a step is advised, and what that step would break.
 */
public record DmarcAdvice(
        Stage stage, String headline, List<String> evidence, Optional<String> record, List<String> wouldBreak) {

    public enum Stage {
        NOT_ENOUGH_DATA,
        FIX_SENDERS_FIRST,
        READY_FOR_QUARANTINE,
        READY_FOR_REJECT,
        AT_REJECT
    }

    public DmarcAdvice {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(headline, "headline");
        evidence = List.copyOf(evidence);
        Objects.requireNonNull(record, "record");
        wouldBreak = List.copyOf(wouldBreak);
    }
}
