package dev.mailroom.model.sending;

/** How the SMTP conversation is protected. */
public enum SmtpSecurity {
    /** Plain connect, then STARTTLS; refuses to go on when the server does not offer it. Usually port 587. */
    STARTTLS_REQUIRED("STARTTLS (required)"),
    /** TLS from the first byte. Usually port 465. */
    IMPLICIT_TLS("TLS (implicit)"),
    /** No encryption: only allowed to a relay on this computer, where nothing crosses a network. */
    PLAIN_LOCALHOST_ONLY("None (this computer only)");

    private final String label;

    SmtpSecurity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
