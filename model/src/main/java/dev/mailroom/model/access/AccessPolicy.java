package dev.mailroom.model.access;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one place where use cases ask "may this actor do this here?". Every use case calls
 * {@link #require(Actor, TenantId, Permission)} (or {@link #requireAgencyOwner(Actor)}) before it
 * touches data. A user without any role in a tenant is told the tenant does not exist, so that the
 * tenant's existence is not revealed.
 *
 * <p>When the agency owner acts as someone, the actor's {@code user} is that someone, so the check
 * sees exactly what they would see.
 */
public final class AccessPolicy {
    private final UserStore users;
    private final MembershipStore memberships;

    public AccessPolicy(UserStore users, MembershipStore memberships) {
        this.users = users;
        this.memberships = memberships;
    }

    public void require(Actor actor, TenantId tenant, Permission permission) {
        Set<Permission> granted = permissionsIn(actor, tenant);
        if (granted.isEmpty()) {
            throw new NotFound("No such client, or you have no access to it.");
        }
        if (!granted.contains(permission)) {
            throw new PermissionDenied("Your role in this client does not allow that (" + describe(permission) + ").");
        }
    }

    public boolean can(Actor actor, TenantId tenant, Permission permission) {
        return permissionsIn(actor, tenant).contains(permission);
    }

    public void requireAgencyOwner(Actor actor) {
        if (!isAgencyOwner(actor)) {
            throw new PermissionDenied("Only the agency owner may do that.");
        }
    }

    public boolean isAgencyOwner(Actor actor) {
        return activeUser(actor).map(User::agencyOwner).orElse(false);
    }

    public Set<Permission> permissionsIn(Actor actor, TenantId tenant) {
        Optional<User> user = activeUser(actor);
        if (user.isEmpty()) {
            return Set.of();
        }
        if (user.get().agencyOwner()) {
            return EnumSet.allOf(Permission.class);
        }
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        for (Role role : memberships.roles(actor.userId(), tenant)) {
            granted.addAll(role.permissions());
        }
        return granted;
    }

    public TenantScope scope(Actor actor) {
        Optional<User> user = activeUser(actor);
        if (user.isEmpty()) {
            return TenantScope.only(Set.of());
        }
        if (user.get().agencyOwner()) {
            return TenantScope.everything();
        }
        return TenantScope.only(memberships.rolesByTenant(actor.userId()).keySet());
    }

    /** Everything the actor may do, per tenant, for deciding what the UI offers. */
    public MyAccess myAccess(Actor actor) {
        Optional<User> user = activeUser(actor);
        if (user.isEmpty()) {
            return new MyAccess(false, java.util.Map.of());
        }
        if (user.get().agencyOwner()) {
            return new MyAccess(true, java.util.Map.of());
        }
        java.util.Map<TenantId, Set<Permission>> byTenant = new java.util.HashMap<>();
        memberships.rolesByTenant(actor.userId()).forEach((tenant, roles) -> {
            EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
            roles.forEach(r -> granted.addAll(r.permissions()));
            byTenant.put(tenant, granted);
        });
        return new MyAccess(false, byTenant);
    }

    /** The tenants in which the actor holds this permission (all of them for the agency owner). */
    public TenantScope tenantsWhere(Actor actor, Permission permission) {
        MyAccess mine = myAccess(actor);
        if (mine.agencyOwner()) {
            return TenantScope.everything();
        }
        return TenantScope.only(mine.byTenant().entrySet().stream()
                .filter(e -> e.getValue().contains(permission))
                .map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet()));
    }

    private Optional<User> activeUser(Actor actor) {
        return users.find(actor.userId()).filter(User::active);
    }

    private static String describe(Permission permission) {
        return permission.name().toLowerCase().replace('_', ' ');
    }
}
