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
    private final ApiTokenStore tokens;
    private final java.time.Clock clock;

    /** A policy for actors who signed in with a password only: an actor with an API token is refused everything. */
    public AccessPolicy(UserStore users, MembershipStore memberships) {
        this(users, memberships, ApiTokenStore.NONE, java.time.Clock.systemUTC());
    }

    /**
     * @param tokens the API tokens: an actor who signed in with one gets the user's permissions narrowed to
     *     the token's clients and permissions, and nothing once it is revoked or expired (checked on every call)
     */
    public AccessPolicy(UserStore users, MembershipStore memberships, ApiTokenStore tokens, java.time.Clock clock) {
        this.users = users;
        this.memberships = memberships;
        this.tokens = tokens;
        this.clock = clock;
    }

    public void require(Actor actor, TenantId tenant, Permission permission) {
        requireUsableToken(actor);
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
        requireUsableToken(actor);
        if (!isAgencyOwner(actor)) {
            throw new PermissionDenied("Only the agency owner may do that.");
        }
    }

    /** The agency owner, signed in with a password or with a token for every client and every permission. */
    public boolean isAgencyOwner(Actor actor) {
        return activeUser(actor).map(User::agencyOwner).orElse(false)
                && token(actor)
                        .map(t -> t.map(ApiToken::unrestricted).orElse(false))
                        .orElse(true);
    }

    public Set<Permission> permissionsIn(Actor actor, TenantId tenant) {
        Optional<User> user = activeUser(actor);
        Optional<Optional<ApiToken>> token = token(actor);
        if (user.isEmpty()
                || token.map(t -> t.isEmpty() || !t.get().covers(tenant)).orElse(false)) {
            return Set.of();
        }
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        if (user.get().agencyOwner()) {
            granted.addAll(EnumSet.allOf(Permission.class));
        } else {
            for (Role role : memberships.roles(actor.userId(), tenant)) {
                granted.addAll(role.permissions());
            }
        }
        token.ifPresent(t -> granted.retainAll(t.get().permissions()));
        return granted;
    }

    public TenantScope scope(Actor actor) {
        Optional<User> user = activeUser(actor);
        if (user.isEmpty()) {
            return TenantScope.only(Set.of());
        }
        TenantScope scope = user.get().agencyOwner()
                ? TenantScope.everything()
                : TenantScope.only(memberships.rolesByTenant(actor.userId()).keySet());
        return narrow(actor, scope);
    }

    /**
     * Everything the actor may do, per tenant, for deciding what the UI offers. (An agency owner's token
     * for every client but not every permission is answered as no tenant here: the console never signs
     * in with a token, and {@link #tenantsWhere} answers such a token exactly.)
     */
    public MyAccess myAccess(Actor actor) {
        Optional<User> user = activeUser(actor);
        if (user.isEmpty()) {
            return new MyAccess(false, java.util.Map.of());
        }
        if (isAgencyOwner(actor)) {
            return new MyAccess(true, java.util.Map.of());
        }
        Optional<Optional<ApiToken>> token = token(actor);
        java.util.Map<TenantId, Set<Permission>> byTenant = new java.util.HashMap<>();
        if (user.get().agencyOwner()) {
            token.flatMap(t -> t)
                    .filter(t -> !t.allTenants())
                    .ifPresent(t -> t.tenants().forEach(tenant -> byTenant.put(tenant, t.permissions())));
            return new MyAccess(false, byTenant);
        }
        memberships.rolesByTenant(actor.userId()).forEach((tenant, roles) -> {
            EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
            roles.forEach(r -> granted.addAll(r.permissions()));
            if (token.isPresent()) {
                if (token.get().isEmpty() || !token.get().get().covers(tenant)) {
                    return;
                }
                granted.retainAll(token.get().get().permissions());
            }
            byTenant.put(tenant, granted);
        });
        return new MyAccess(false, byTenant);
    }

    /** The tenants in which the actor holds this permission (all of them for the agency owner). */
    public TenantScope tenantsWhere(Actor actor, Permission permission) {
        Optional<User> user = activeUser(actor);
        if (user.isPresent() && user.get().agencyOwner()) {
            Optional<Optional<ApiToken>> token = token(actor);
            if (token.isPresent()
                    && token.get()
                            .filter(t -> t.permissions().contains(permission))
                            .isEmpty()) {
                return TenantScope.only(Set.of());
            }
            return narrow(actor, TenantScope.everything());
        }
        MyAccess mine = myAccess(actor);
        return TenantScope.only(mine.byTenant().entrySet().stream()
                .filter(e -> e.getValue().contains(permission))
                .map(java.util.Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toSet()));
    }

    private Optional<User> activeUser(Actor actor) {
        return users.find(actor.userId()).filter(User::active);
    }

    /**
     * Empty when the actor signed in with a password; else the token, if it is still this user's and
     * usable (an empty inner value: revoked, expired or unknown, so nothing is allowed).
     */
    private Optional<Optional<ApiToken>> token(Actor actor) {
        return actor.token()
                .map(id -> tokens.find(id)
                        .filter(t -> t.user().equals(actor.userId()))
                        .filter(t -> t.state(clock.instant()) == ApiToken.State.ACTIVE));
    }

    private TenantScope narrow(Actor actor, TenantScope scope) {
        Optional<Optional<ApiToken>> token = token(actor);
        if (token.isEmpty()) {
            return scope;
        }
        if (token.get().isEmpty()) {
            return TenantScope.only(Set.of());
        }
        ApiToken t = token.get().get();
        if (t.allTenants()) {
            return scope;
        }
        if (scope.all()) {
            return TenantScope.only(t.tenants());
        }
        Set<TenantId> both = new java.util.HashSet<>(scope.tenants());
        both.retainAll(t.tenants());
        return TenantScope.only(both);
    }

    /** A revoked or expired token is said as such, not as "no such client". */
    private void requireUsableToken(Actor actor) {
        Optional<Optional<ApiToken>> token = token(actor);
        if (token.isPresent() && token.get().isEmpty()) {
            throw new PermissionDenied("This API token is revoked or expired; make a new one in Settings → Access.");
        }
    }

    private static String describe(Permission permission) {
        return permission.name().toLowerCase().replace('_', ' ');
    }
}
