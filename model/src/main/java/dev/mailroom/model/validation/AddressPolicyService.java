package dev.mailroom.model.validation;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant's address settings (issue 14): whether messages to risky addresses are sent, held or dropped.
 * Everyone in the tenant may read it ({@link Permission#TENANT_VIEW}: the send dialog says what will
 * happen); changing it needs {@link Permission#LIMITS_MANAGE} (Admin and Owner, like the over-limit policy)
 * and is audited in the same transaction.
 */
public final class AddressPolicyService {
    private final AddressPolicyStore store;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public AddressPolicyService(
            AddressPolicyStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public AddressPolicy policy(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TENANT_VIEW);
            return store.find(tenant).orElse(AddressPolicy.defaults(tenant));
        });
    }

    public AddressPolicy setRiskyPolicy(Actor actor, TenantId tenant, RiskyAddressPolicy risky) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.LIMITS_MANAGE);
            if (risky == null) {
                throw new InvalidInput(Map.of("risky", "Choose what happens to messages to risky addresses."));
            }
            AddressPolicy before = store.find(tenant).orElse(AddressPolicy.defaults(tenant));
            AddressPolicy after = new AddressPolicy(
                    tenant, risky, Optional.of(actor.realPerson().name()), Optional.of(clock.instant()));
            store.put(after);
            String name = tenants.find(tenant).map(t -> t.name()).orElse(tenant.toString());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("risky", risky.name());
            details.put("before", before.risky().name());
            audit.record(actor, tenant, name, "validation.risky-policy.set", name, details);
            return after;
        });
    }
}
