package dev.mailroom.model.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * PRODUCT.md §2's role table, written out again by hand ({@link RoleTable}), permission by permission.
 * Every role × every permission is compared with {@link Role}, so a change to either side is a
 * conscious one.
 */
class RolePermissionTableTest {
    @Test
    void theTableCoversEveryPermission() {
        assertThat(RoleTable.TABLE.keySet()).isEqualTo(EnumSet.allOf(Permission.class));
    }

    @Test
    void everyRoleHoldsExactlyThePermissionsOfTheTable() {
        for (Role role : Role.values()) {
            for (Permission permission : Permission.values()) {
                assertThat(role.grants(permission))
                        .as("%s × %s", role.label(), permission)
                        .isEqualTo(RoleTable.grants(role, permission));
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
