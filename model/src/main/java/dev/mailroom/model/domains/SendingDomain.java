package dev.mailroom.model.domains;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.names.DomainName;
import java.time.Instant;

/** A domain a tenant sends from, with the settings its record plan is made from. */
public record SendingDomain(
        DomainId id, TenantId tenant, DomainName name, RecordPlanSettings settings, Instant createdAt) {}
