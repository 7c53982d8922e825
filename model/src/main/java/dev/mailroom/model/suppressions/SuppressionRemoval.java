package dev.mailroom.model.suppressions;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;

/**
 * A suppression a person removed, kept so that "why may we send to this address again?" has an answer.
 *
 * @param was the entry as it was before removal
 * @param removedBy the person's name
 * @param why the reason the person gave
 */
public record SuppressionRemoval(TenantId tenant, Suppression was, Instant removedAt, String removedBy, String why) {}
