package dev.mailroom.model.suppressions;

/** How the IMAP connection to a report mailbox is protected. */
public enum ImapSecurity {
    /** TLS from the first byte. Usually port 993. */
    IMPLICIT_TLS("TLS (implicit)", 993),
    /** Plain connect, then STARTTLS; refuses to go on when the server does not offer it. Usually port 143. */
    STARTTLS_REQUIRED("STARTTLS (required)", 143),
    /** No encryption: only to a server on this computer, where the password crosses no network. */
    PLAIN_LOCALHOST_ONLY("None (this computer only)", 143);

    private final String label;
    private final int defaultPort;

    ImapSecurity(String label, int defaultPort) {
        this.label = label;
        this.defaultPort = defaultPort;
    }

    public String label() {
        return label;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
