package dev.mailroom.model.domains;

/** Where a DKIM key is in its life: new → published (verified in DNS) → signing → retiring → retired. */
public enum DkimKeyState {
    /** Generated; its record is not seen in DNS yet. */
    NEW("New: waiting for its DNS record"),
    /** Its record is in DNS; signing can switch to it. */
    PUBLISHED("Published"),
    /** Mail is signed with it. */
    SIGNING("Signing"),
    /** Replaced by a newer key; its record stays in DNS until the retirement date. */
    RETIRING("Retiring"),
    /** No longer used; its record can be removed from DNS. */
    RETIRED("Retired");

    private final String label;

    DkimKeyState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
