package dev.mailroom.model.access;

/** Whether a console user works for the agency or for one of its clients. */
public enum StaffKind {
    AGENCY("Agency staff"),
    CLIENT("Client staff");

    private final String label;

    StaffKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
