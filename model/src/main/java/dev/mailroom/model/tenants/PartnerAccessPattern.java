package dev.mailroom.model.tenants;

/** How the agency and the client share administration of the tenant. */
public enum PartnerAccessPattern {
    AGENCY_MANAGED("Agency-managed"),
    CO_MANAGED("Co-managed"),
    CLIENT_MANAGED_WITH_AGENCY_FALLBACK("Client-managed, agency fallback");

    private final String label;

    PartnerAccessPattern(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
