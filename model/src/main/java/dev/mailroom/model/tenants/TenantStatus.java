package dev.mailroom.model.tenants;

public enum TenantStatus {
    ACTIVE("Active"),
    /** Read-only; kept for {@link Tenant#RETENTION} before the owner may purge it. */
    ARCHIVED("Archived");

    private final String label;

    TenantStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
