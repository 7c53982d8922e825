package dev.mailroom.model.tenants;

/** Who owns the tenant's sending infrastructure (domains, provider accounts). */
public enum OwnershipModel {
    CLIENT_OWNED("Client-owned"),
    AGENCY_OWNED("Agency-owned");

    private final String label;

    OwnershipModel(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
