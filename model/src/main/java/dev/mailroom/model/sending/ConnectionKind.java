package dev.mailroom.model.sending;

import java.util.Optional;

/**
 * How a connection reaches the world: Mailroom's own SMTP sender through a relay, or a provider's HTTP
 * API. A connection keeps its kind for life; another kind is another connection.
 */
public enum ConnectionKind {
    SMTP_RELAY("SMTP relay", Optional.empty(), "password"),
    MAILERSEND_API("MailerSend API", Optional.of("https://api.mailersend.com"), "API token"),
    SENDGRID_API("SendGrid API", Optional.of("https://api.sendgrid.com"), "API key");

    private final String label;
    private final Optional<String> defaultBaseUrl;
    private final String secretName;

    ConnectionKind(String label, Optional<String> defaultBaseUrl, String secretName) {
        this.label = label;
        this.defaultBaseUrl = defaultBaseUrl;
        this.secretName = secretName;
    }

    public String label() {
        return label;
    }

    /** The provider's API address, for the API kinds. */
    public Optional<String> defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** What the secret is called in sentences: "password", "API token", "API key". */
    public String secretName() {
        return secretName;
    }

    public boolean isApi() {
        return this != SMTP_RELAY;
    }

    /** Whether the provider lets a parent account act for a subuser ({@code on-behalf-of}). */
    public boolean hasSubusers() {
        return this == SENDGRID_API;
    }
}
