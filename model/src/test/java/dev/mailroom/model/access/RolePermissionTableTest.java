package dev.mailroom.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §2's role table, written out again here by hand, permission by permission. Every role ×
 * every permission is compared with {@link Role}, so a change to either side is a conscious one.
 */
class RolePermissionTableTest {
    // O=Owner A=Admin E=Editor D=Designer N=Analytics U=Auditor M=User Manager F=Finance
    private static final Map<Permission, String> TABLE = Map.ofEntries(
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

    @Test
    void theTableCoversEveryPermission() {
        assertThat(TABLE.keySet()).isEqualTo(EnumSet.allOf(Permission.class));
    }

    @Test
    void everyRoleHoldsExactlyThePermissionsOfTheTable() {
        for (Role role : Role.values()) {
            for (Permission permission : Permission.values()) {
                Set<Role> holders = EnumSet.noneOf(Role.class);
                TABLE.get(permission).chars().forEach(c -> holders.add(LETTERS.get((char) c)));
                assertThat(role.grants(permission))
                        .as("%s × %s", role.label(), permission)
                        .isEqualTo(holders.contains(role));
            }
        }
    }

    @Test
    void adminIsOwnerLessTheFourOwnerOnlyActions() {
        Set<Permission> ownerOnly = EnumSet.allOf(Permission.class);
        ownerOnly.removeAll(Role.ADMIN.permissions());
        assertThat(ownerOnly)
                .containsExactlyInAnyOrder(
                        Permission.TENANT_ARCHIVE,
                        Permission.BILLING_MANAGE,
                        Permission.CONNECTION_REMOVE,
                        Permission.USER_DELETE);
    }
}
