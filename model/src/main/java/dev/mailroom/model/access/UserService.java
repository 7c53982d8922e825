package dev.mailroom.model.access;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.common.UserId;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Console users and their roles: the agency owner manages everyone; a tenant's User Managers (and
 * Admins, Owners) manage that tenant's people, but only an Owner of the tenant may grant or remove
 * Owner. Acting as another user is the agency owner's alone, and always audited with both names.
 */
public final class UserService {
    private final UserStore users;
    private final MembershipStore memberships;
    private final TenantLookup tenants;
    private final AccessPolicy access;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final Transactions tx;

    public UserService(
            UserStore users,
            MembershipStore memberships,
            TenantLookup tenants,
            AccessPolicy access,
            PasswordHasher hasher,
            AuditTrail audit,
            Transactions tx) {
        this.users = users;
        this.memberships = memberships;
        this.tenants = tenants;
        this.access = access;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
    }

    /** The users the actor may manage, with their roles in the tenants the actor manages. */
    public List<UserAccount> list(Actor actor) {
        return tx.inTransaction(() -> {
            TenantScope managed = requireManagesSomewhere(actor);
            return users.list().stream()
                    .map(u -> new UserAccount(u, visibleRoles(u.id(), managed)))
                    .filter(a -> managed.all()
                            || !a.roles().isEmpty()
                            || a.user().homeTenant().filter(managed::includes).isPresent())
                    .sorted(Comparator.comparing(a -> a.user().name().toLowerCase()))
                    .toList();
        });
    }

    public UserAccount create(Actor actor, UserDraft draft) {
        draft.validate();
        String name = Text.trimmed(draft.name());
        String email = Text.trimmed(draft.email());
        String hash = hasher.hash(draft.firstPassword());
        return tx.inTransaction(() -> {
            Optional<TenantId> home = draft.staffKind() == StaffKind.CLIENT ? draft.homeTenant() : Optional.empty();
            if (home.isPresent()) {
                access.require(actor, home.get(), Permission.USERS_MANAGE);
            } else {
                requireOwnerFor(actor, "add agency staff");
            }
            if (users.findByEmailKey(Text.key(email)).isPresent()) {
                throw new InvalidInput("email", "A user with this email already exists.");
            }
            UserId id = users.insert(new NewUser(email, name, hash, false, draft.staffKind(), home, true));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("name", name);
            details.put("email", email);
            details.put("kind", draft.staffKind().label());
            recordFor(actor, home, "user.created", name, details);
            return account(id, access.tenantsWhere(actor, Permission.USERS_MANAGE));
        });
    }

    /** Sets exactly these roles for the user in the tenant. */
    public UserAccount setRoles(Actor actor, UserId target, TenantId tenant, Set<Role> roles) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.USERS_MANAGE);
            User user = load(target);
            requireVisible(actor, user);
            TenantLookup.TenantRef t = tenants.tenantRef(tenant).orElseThrow(() -> new NotFound("No such client."));
            if (t.archived()) {
                throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to change roles.");
            }
            if (user.agencyOwner()) {
                throw new Conflict(user.name() + " is the agency owner and already may do everything everywhere.");
            }
            Set<Role> before = memberships.roles(target, tenant);
            boolean ownerChanges = before.contains(Role.OWNER) != roles.contains(Role.OWNER);
            if (ownerChanges && !isOwnerOf(actor, tenant)) {
                throw new PermissionDenied("Only an Owner of this client may grant or remove the Owner role.");
            }
            for (Role r : before) {
                if (!roles.contains(r)) {
                    memberships.revoke(target, tenant, r);
                }
            }
            for (Role r : roles) {
                if (!before.contains(r)) {
                    memberships.grant(target, tenant, r);
                }
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("before", labels(before));
            details.put("after", labels(roles));
            audit.record(actor, tenant, t.name(), "user.roles-changed", user.name(), details);
            return account(target, access.tenantsWhere(actor, Permission.USERS_MANAGE));
        });
    }

    public UserAccount setActive(Actor actor, UserId target, boolean active) {
        return tx.inTransaction(() -> {
            User user = load(target);
            requireMayAdminister(actor, user, Permission.USERS_MANAGE, active ? "reactivate" : "deactivate");
            users.setActive(target, active);
            recordFor(
                    actor, user.homeTenant(), active ? "user.reactivated" : "user.deactivated", user.name(), Map.of());
            return account(target, access.tenantsWhere(actor, Permission.USERS_MANAGE));
        });
    }

    /** Owner-only: removes the user and their roles; the audit log keeps their name. */
    public void delete(Actor actor, UserId target) {
        tx.run(() -> {
            User user = load(target);
            requireMayAdminister(actor, user, Permission.USER_DELETE, "delete");
            memberships.revokeAll(target);
            users.delete(target);
            recordFor(actor, user.homeTenant(), "user.deleted", user.name(), Map.of("email", user.email()));
        });
    }

    /** The agency owner sets a new first password; the user must change it at next sign-in. */
    public void resetPassword(Actor actor, UserId target, char[] newPassword) {
        Problems problems = new Problems();
        PasswordRules.check(problems, "newPassword", newPassword);
        problems.throwIfAny();
        String hash = hasher.hash(newPassword);
        tx.run(() -> {
            requireOwnerFor(actor, "reset passwords");
            User user = load(target);
            users.updatePassword(target, hash, true);
            users.updateSignInState(target, 0, Optional.empty());
            audit.record(actor, "user.password-reset", user.name(), Map.of());
        });
    }

    /**
     * The agency owner starts seeing exactly what {@code target} sees. The returned actor carries both
     * identities, so every audit entry made with it names both.
     */
    public Actor actAs(Actor owner, UserId target) {
        return tx.inTransaction(() -> {
            if (owner.isActingAs()) {
                throw new Conflict("Stop acting as " + owner.user().name() + " first.");
            }
            requireOwnerFor(owner, "act as another user");
            User user = load(target);
            if (user.agencyOwner()) {
                throw new Conflict("You are already the agency owner.");
            }
            if (!user.active()) {
                throw new Conflict(user.name() + " is deactivated.");
            }
            Actor acting = new Actor(user.principal(), Optional.of(owner.user()));
            audit.record(acting, "actas.started", user.name(), Map.of());
            return acting;
        });
    }

    /** Ends acting as someone; returns the owner's own actor. */
    public Actor stopActing(Actor acting) {
        if (!acting.isActingAs()) {
            return acting;
        }
        tx.run(() -> audit.record(acting, "actas.stopped", acting.user().name(), Map.of()));
        return Actor.of(acting.impersonator().orElseThrow());
    }

    private TenantScope requireManagesSomewhere(Actor actor) {
        TenantScope managed = access.tenantsWhere(actor, Permission.USERS_MANAGE);
        if (!managed.all() && managed.tenants().isEmpty()) {
            throw new PermissionDenied("Managing users needs the User Manager, Admin or Owner role in a client.");
        }
        return managed;
    }

    private void requireOwnerFor(Actor actor, String what) {
        if (!access.isAgencyOwner(actor)) {
            throw new PermissionDenied("Only the agency owner may " + what + ".");
        }
    }

    /**
     * Agency staff are administered by the agency owner; client staff by whoever holds the permission
     * in their home tenant. Nobody administers themselves or the agency owner this way.
     */
    private void requireMayAdminister(Actor actor, User target, Permission permission, String verb) {
        if (target.agencyOwner()) {
            throw new Conflict("The agency owner cannot be " + verb + "d.");
        }
        if (target.id().equals(actor.userId())) {
            throw new Conflict("You cannot " + verb + " your own account.");
        }
        if (target.staffKind() == StaffKind.CLIENT && target.homeTenant().isPresent()) {
            access.require(actor, target.homeTenant().get(), permission);
        } else {
            requireOwnerFor(actor, verb + " agency staff");
        }
    }

    /** A tenant's manager sees only people of the tenants they manage; others "do not exist" for them. */
    private void requireVisible(Actor actor, User user) {
        TenantScope managed = access.tenantsWhere(actor, Permission.USERS_MANAGE);
        boolean visible = managed.all()
                || user.homeTenant().filter(managed::includes).isPresent()
                || memberships.rolesByTenant(user.id()).keySet().stream().anyMatch(managed::includes);
        if (!visible) {
            throw new NotFound("No such user.");
        }
    }

    private boolean isOwnerOf(Actor actor, TenantId tenant) {
        return access.isAgencyOwner(actor)
                || memberships.roles(actor.userId(), tenant).contains(Role.OWNER);
    }

    private void recordFor(
            Actor actor, Optional<TenantId> tenant, String action, String target, Map<String, String> details) {
        Optional<TenantLookup.TenantRef> t = tenant.flatMap(tenants::tenantRef);
        if (t.isPresent()) {
            audit.record(actor, t.get().id(), t.get().name(), action, target, details);
        } else {
            audit.record(actor, action, target, details);
        }
    }

    private User load(UserId id) {
        return users.find(id).orElseThrow(() -> new NotFound("No such user."));
    }

    private UserAccount account(UserId id, TenantScope managed) {
        return new UserAccount(load(id), visibleRoles(id, managed));
    }

    private Map<TenantId, Set<Role>> visibleRoles(UserId user, TenantScope managed) {
        Map<TenantId, Set<Role>> visible = new HashMap<>();
        memberships.rolesByTenant(user).forEach((tenant, roles) -> {
            if (managed.includes(tenant)) {
                visible.put(tenant, Set.copyOf(roles));
            }
        });
        return visible;
    }

    static String labels(Set<Role> roles) {
        if (roles.isEmpty()) {
            return "none";
        }
        EnumSet<Role> ordered = EnumSet.copyOf(roles);
        return ordered.stream().map(Role::label).collect(Collectors.joining(", "));
    }
}
