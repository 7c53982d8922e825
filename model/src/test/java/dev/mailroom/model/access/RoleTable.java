package dev.mailroom.model.access;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * PRODUCT.md §2's role table written out by hand, independently of {@link Role}: the oracle of
 * {@code RolePermissionTableTest} (which compares it with {@link Role}) and of the tenant-isolation
 * property test in app. Never derive it from {@code Role.permissions()}, the code under test.
 */
public final class RoleTable {
    private RoleTable() {}

    // O=Owner A=Admin E=Editor D=Designer N=Analytics U=Auditor M=User Manager F=Finance
    public static final Map<Permission, String> TABLE = Map.ofEntries(
            Map.entry(Permission.TENANT_VIEW, "OAEDNUMF"),
            Map.entry(Permission.TENANT_EDIT, "OA"),
            Map.entry(Permission.TENANT_ARCHIVE, "O"),
            Map.entry(Permission.BILLING_MANAGE, "O"),
            Map.entry(Permission.CONNECTION_REMOVE, "O"),
            Map.entry(Permission.USER_DELETE, "O"),
            Map.entry(Permission.DOMAINS_VIEW, "OAEN"),
            Map.entry(Permission.DOMAINS_MANAGE, "OAE"),
            Map.entry(Permission.CONNECTIONS_MANAGE, "OAE"),
            Map.entry(Permission.CREDENTIALS_MANAGE, "OAE"),
            Map.entry(Permission.CREDENTIALS_REVEAL, "OAE"),
            Map.entry(Permission.SENDING, "OAE"),
            Map.entry(Permission.SUPPRESSIONS_MANAGE, "OAE"),
            // Admin is "everything except the four Owner-only actions"; Editor manages sending, not its limits.
            Map.entry(Permission.LIMITS_MANAGE, "OA"),
            // Escalation (restrict, suspend, pause policy, probation review) and the onboarding checklist are an
            // account manager's work: Admin and Owner. A ban archives the tenant, so it needs TENANT_ARCHIVE (Owner).
            Map.entry(Permission.ESCALATION_MANAGE, "OA"),
            Map.entry(Permission.ONBOARDING_MANAGE, "OA"),
            Map.entry(Permission.TEMPLATES_VIEW, "OAED"),
            Map.entry(Permission.TEMPLATES_EDIT, "OAED"),
            Map.entry(Permission.TEMPLATES_TEST_SEND, "OAED"),
            Map.entry(Permission.ANALYTICS_VIEW, "OAN"),
            Map.entry(Permission.REPORTS_EXPORT, "OAN"),
            Map.entry(Permission.AUDIT_VIEW, "OAU"),
            Map.entry(Permission.USERS_MANAGE, "OAM"),
            Map.entry(Permission.USAGE_VIEW, "OAF"),
            Map.entry(Permission.BILLING_EXPORT, "OAF"));

    private static final Map<Character, Role> LETTERS = Map.of(
            'O',
            Role.OWNER,
            'A',
            Role.ADMIN,
            'E',
            Role.EDITOR,
            'D',
            Role.DESIGNER,
            'N',
            Role.ANALYTICS,
            'U',
            Role.AUDITOR,
            'M',
            Role.USER_MANAGER,
            'F',
            Role.FINANCE);

    /** Whether the table gives the role the permission. */
    public static boolean grants(Role role, Permission permission) {
        String holders = TABLE.get(permission);
        for (char c : holders.toCharArray()) {
            if (LETTERS.get(c) == role) {
                return true;
            }
        }
        return false;
    }

    /** Every permission the table gives to any of the roles. */
    public static Set<Permission> permissions(Set<Role> roles) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (Permission p : Permission.values()) {
            for (Role r : roles) {
                if (grants(r, p)) {
                    result.add(p);
                }
            }
        }
        return result;
    }
}
