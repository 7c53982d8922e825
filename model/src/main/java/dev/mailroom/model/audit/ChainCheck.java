package dev.mailroom.model.audit;

import java.util.OptionalLong;

/** The result of verifying the audit log's hash chain. */
public record ChainCheck(long entries, OptionalLong firstBroken) {
    public boolean intact() {
        return firstBroken.isEmpty();
    }
}
