package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import java.util.Map;
import java.util.Set;

/** Port: which roles each user holds in each tenant. */
public interface MembershipStore {
    Set<Role> roles(UserId user, TenantId tenant);

    /** Every tenant in which the user holds at least one role, with those roles. */
    Map<TenantId, Set<Role>> rolesByTenant(UserId user);

    void grant(UserId user, TenantId tenant, Role role);

    void revoke(UserId user, TenantId tenant, Role role);

    /** Who holds which roles in the tenant. */
    Map<UserId, Set<Role>> holders(TenantId tenant);

    /** Removes every role the user holds anywhere. */
    void revokeAll(UserId user);
}
