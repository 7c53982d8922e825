package dev.mailroom.model.validation;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's address settings: what happens to messages to risky addresses, and who set it when (empty
 * while it is the default).
 */
public record AddressPolicy(
        TenantId tenant, RiskyAddressPolicy risky, Optional<String> setBy, Optional<Instant> setAt) {
    public AddressPolicy {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(risky, "risky");
        setBy = setBy == null ? Optional.empty() : setBy;
        setAt = setAt == null ? Optional.empty() : setAt;
    }

    /** What a tenant nobody set it for gets. */
    public static AddressPolicy defaults(TenantId tenant) {
        return new AddressPolicy(tenant, RiskyAddressPolicy.DEFAULT, Optional.empty(), Optional.empty());
    }
}
