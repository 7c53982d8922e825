package dev.mailroom.model.suppressions;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Optional;

/** Port: the report mailbox settings, one per tenant and one for the agency (scope empty). */
public interface ReportMailboxStore {
    Optional<ReportMailbox> find(Optional<TenantId> scope);

    /** The password as sealed by the vault, when one is stored. */
    Optional<byte[]> sealedPassword(Optional<TenantId> scope);

    /** Inserts or replaces the scope's mailbox; an empty password keeps the stored one. */
    void save(ReportMailbox mailbox, Optional<byte[]> sealedPassword, Instant at);
}
