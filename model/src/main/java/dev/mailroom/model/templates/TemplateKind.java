package dev.mailroom.model.templates;

/** What a template is for. The starter library has one of each kind except {@link #OTHER}. */
public enum TemplateKind {
    ONE_TIME_PASSWORD("One-time password"),
    PASSWORD_RESET("Password reset"),
    EMAIL_VERIFICATION("Email verification"),
    WELCOME("Welcome"),
    ORDER_CONFIRMATION("Order confirmation"),
    SHIPPING_NOTIFICATION("Shipping notification"),
    INVOICE("Invoice / receipt"),
    BOOKING_CONFIRMATION("Booking confirmation"),
    APPOINTMENT_REMINDER("Appointment reminder"),
    TRIAL_ENDING("Trial ending"),
    OTHER("Other");

    private final String label;

    TemplateKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
