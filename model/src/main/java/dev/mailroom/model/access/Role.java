package dev.mailroom.model.access;

import static dev.mailroom.model.access.Permission.*;

import java.util.EnumSet;
import java.util.Set;

/** The roles a user may hold in a tenant, exactly as the table in PRODUCT.md. */
public enum Role {
    OWNER("Owner", EnumSet.allOf(Permission.class)),
    ADMIN(
            "Admin",
            except(EnumSet.allOf(Permission.class), TENANT_ARCHIVE, BILLING_MANAGE, CONNECTION_REMOVE, USER_DELETE)),
    EDITOR(
            "Editor",
            EnumSet.of(
                    TENANT_VIEW,
                    DOMAINS_VIEW,
                    DOMAINS_MANAGE,
                    CONNECTIONS_MANAGE,
                    CREDENTIALS_MANAGE,
                    CREDENTIALS_REVEAL,
                    SENDING,
                    SUPPRESSIONS_MANAGE,
                    TEMPLATES_VIEW,
                    TEMPLATES_EDIT,
                    TEMPLATES_TEST_SEND)),
    DESIGNER("Designer", EnumSet.of(TENANT_VIEW, TEMPLATES_VIEW, TEMPLATES_EDIT, TEMPLATES_TEST_SEND)),
    ANALYTICS("Analytics", EnumSet.of(TENANT_VIEW, DOMAINS_VIEW, ANALYTICS_VIEW, REPORTS_EXPORT)),
    AUDITOR("Auditor", EnumSet.of(TENANT_VIEW, AUDIT_VIEW)),
    USER_MANAGER("User Manager", EnumSet.of(TENANT_VIEW, USERS_MANAGE)),
    FINANCE("Finance", EnumSet.of(TENANT_VIEW, USAGE_VIEW, BILLING_EXPORT));

    private final String label;
    private final Set<Permission> permissions;

    Role(String label, Set<Permission> permissions) {
        this.label = label;
        this.permissions = Set.copyOf(permissions);
    }

    public String label() {
        return label;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public boolean grants(Permission permission) {
        return permissions.contains(permission);
    }

    private static Set<Permission> except(EnumSet<Permission> all, Permission... removed) {
        for (Permission p : removed) {
            all.remove(p);
        }
        return all;
    }
}
