package dev.mailroom.model.domains;

/** What the person who runs the domain's DNS has to do with a planned record. */
public enum PlanAction {
    /** Publish a new record. */
    ADD("Add"),
    /** Replace the existing record with this value (the SPF record with the relay merged in). */
    UPDATE("Change"),
    /** A suitable record already exists and is kept as it is; it is shown, not overwritten. */
    KEEP("Keep"),
    /** Already published as planned: nothing to do. */
    NONE("Nothing to do");

    private final String label;

    PlanAction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
