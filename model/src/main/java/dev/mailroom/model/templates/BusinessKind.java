package dev.mailroom.model.templates;

/** How the starter library is grouped: by the kind of business that sends the email. */
public enum BusinessKind {
    ECOMMERCE("E-commerce"),
    SAAS("SaaS"),
    HOSPITALITY("Hospitality"),
    SERVICES("Services");

    private final String label;

    BusinessKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
