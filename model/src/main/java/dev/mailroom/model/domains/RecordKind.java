package dev.mailroom.model.domains;

/** The records a sending domain may need, with what each is for, in words for the client's IT. */
public enum RecordKind {
    SPF("SPF", "Lists the servers allowed to send mail for the domain; the relay is added to it."),
    DKIM("DKIM", "The public key receivers use to check the signature Mailroom puts on each message."),
    RETURN_PATH("Return path", "Points the bounce address's domain at the relay, so bounces come back and SPF aligns."),
    DMARC("DMARC", "Tells receivers what to do with mail that fails SPF and DKIM, and where to send reports."),
    MX("MX", "Receives mail (bounces and replies) for the host."),
    TRACKING("Tracking", "Serves open and click tracking links under the domain's own name."),
    MTA_STS("MTA-STS", "Announces that the domain's inbound mail servers require encrypted connections."),
    TLS_RPT("TLS-RPT", "Where receivers send reports about encrypted-delivery problems.");

    private final String label;
    private final String purpose;

    RecordKind(String label, String purpose) {
        this.label = label;
        this.purpose = purpose;
    }

    public String label() {
        return label;
    }

    public String purpose() {
        return purpose;
    }
}
