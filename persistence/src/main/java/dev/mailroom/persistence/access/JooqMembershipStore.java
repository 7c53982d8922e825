package dev.mailroom.persistence.access;

import static dev.mailroom.persistence.jooq.Tables.MEMBERSHIP;

import dev.mailroom.model.access.MembershipStore;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.persistence.store.JooqTransactions;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

public final class JooqMembershipStore implements MembershipStore {
    private final JooqTransactions tx;

    public JooqMembershipStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Set<Role> roles(UserId user, TenantId tenant) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        tx.dsl()
                .select(MEMBERSHIP.ROLE)
                .from(MEMBERSHIP)
                .where(MEMBERSHIP.USER_ID.eq(user.value()).and(MEMBERSHIP.TENANT_ID.eq(tenant.value())))
                .fetch(MEMBERSHIP.ROLE)
                .forEach(r -> roles.add(Role.valueOf(r)));
        return roles;
    }

    @Override
    public Map<TenantId, Set<Role>> rolesByTenant(UserId user) {
        Map<TenantId, Set<Role>> result = new HashMap<>();
        tx.dsl()
                .select(MEMBERSHIP.TENANT_ID, MEMBERSHIP.ROLE)
                .from(MEMBERSHIP)
                .where(MEMBERSHIP.USER_ID.eq(user.value()))
                .forEach(r -> result.computeIfAbsent(new TenantId(r.value1()), k -> EnumSet.noneOf(Role.class))
                        .add(Role.valueOf(r.value2())));
        return result;
    }

    @Override
    public void grant(UserId user, TenantId tenant, Role role) {
        if (!roles(user, tenant).contains(role)) {
            tx.dsl()
                    .insertInto(MEMBERSHIP)
                    .set(MEMBERSHIP.USER_ID, user.value())
                    .set(MEMBERSHIP.TENANT_ID, tenant.value())
                    .set(MEMBERSHIP.ROLE, role.name())
                    .execute();
        }
    }

    @Override
    public Map<UserId, Set<Role>> holders(TenantId tenant) {
        Map<UserId, Set<Role>> result = new HashMap<>();
        tx.dsl()
                .select(MEMBERSHIP.USER_ID, MEMBERSHIP.ROLE)
                .from(MEMBERSHIP)
                .where(MEMBERSHIP.TENANT_ID.eq(tenant.value()))
                .forEach(r -> result.computeIfAbsent(new UserId(r.value1()), k -> EnumSet.noneOf(Role.class))
                        .add(Role.valueOf(r.value2())));
        return result;
    }

    @Override
    public void revokeAll(UserId user) {
        tx.dsl()
                .deleteFrom(MEMBERSHIP)
                .where(MEMBERSHIP.USER_ID.eq(user.value()))
                .execute();
    }

    @Override
    public void revoke(UserId user, TenantId tenant, Role role) {
        tx.dsl()
                .deleteFrom(MEMBERSHIP)
                .where(MEMBERSHIP
                        .USER_ID
                        .eq(user.value())
                        .and(MEMBERSHIP.TENANT_ID.eq(tenant.value()))
                        .and(MEMBERSHIP.ROLE.eq(role.name())))
                .execute();
    }
}
