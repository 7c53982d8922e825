package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tenant's sending-limit settings.
 *
 * @param probationCap the daily cap while the tenant is on probation; empty when it is not
 * @param probationBy who last put the tenant on probation or lifted it (a name), empty if nobody ever did
 * @param probationAt when that was
 */
public record TenantLimits(
        TenantId tenant,
        OptionalInt probationCap,
        OverLimitPolicy overLimit,
        Optional<String> probationBy,
        Optional<Instant> probationAt) {

    public TenantLimits {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(probationCap, "probationCap");
        Objects.requireNonNull(overLimit, "overLimit");
        Objects.requireNonNull(probationBy, "probationBy");
        Objects.requireNonNull(probationAt, "probationAt");
    }

    /** A tenant nobody set limits for: no probation, messages over a plan wait. */
    public static TenantLimits defaults(TenantId tenant) {
        return new TenantLimits(tenant, OptionalInt.empty(), OverLimitPolicy.WAIT, Optional.empty(), Optional.empty());
    }

    public boolean onProbation() {
        return probationCap.isPresent();
    }
}
