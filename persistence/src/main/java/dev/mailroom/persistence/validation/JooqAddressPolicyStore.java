package dev.mailroom.persistence.validation;

import static dev.mailroom.persistence.jooq.Tables.TENANT_ADDRESS_POLICY;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.validation.AddressPolicy;
import dev.mailroom.model.validation.AddressPolicyStore;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.util.Optional;

/** Tenants' address settings on H2 and PostgreSQL. */
public final class JooqAddressPolicyStore implements AddressPolicyStore {
    private final JooqTransactions tx;

    public JooqAddressPolicyStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<AddressPolicy> find(TenantId tenant) {
        return tx.dsl()
                .selectFrom(TENANT_ADDRESS_POLICY)
                .where(TENANT_ADDRESS_POLICY.TENANT_ID.eq(tenant.value()))
                .fetchOptional(r -> new AddressPolicy(
                        tenant,
                        riskyOf(r.getRisky()),
                        Optional.ofNullable(r.getSetBy()),
                        Optional.ofNullable(r.getSetAt()).map(Times::fromDb)));
    }

    @Override
    public void put(AddressPolicy p) {
        var at = p.setAt().map(Times::toDb).orElse(null);
        tx.dsl()
                .insertInto(TENANT_ADDRESS_POLICY)
                .set(TENANT_ADDRESS_POLICY.TENANT_ID, p.tenant().value())
                .set(TENANT_ADDRESS_POLICY.RISKY, p.risky().name())
                .set(TENANT_ADDRESS_POLICY.SET_BY, p.setBy().orElse(null))
                .set(TENANT_ADDRESS_POLICY.SET_AT, at)
                .onConflict(TENANT_ADDRESS_POLICY.TENANT_ID)
                .doUpdate()
                .set(TENANT_ADDRESS_POLICY.RISKY, p.risky().name())
                .set(TENANT_ADDRESS_POLICY.SET_BY, p.setBy().orElse(null))
                .set(TENANT_ADDRESS_POLICY.SET_AT, at)
                .execute();
    }

    /** A value this version does not know (written by a newer one) reads as the default, never as "send". */
    private static RiskyAddressPolicy riskyOf(String name) {
        for (RiskyAddressPolicy p : RiskyAddressPolicy.values()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return RiskyAddressPolicy.DEFAULT;
    }
}
