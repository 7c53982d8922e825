package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Optional;

/**
 * A tenant's connection as shown to people: the password or API key is never part of it. For an API
 * connection the SMTP fields describe the API's host ({@code host}, port 443) and {@code hasPassword}
 * says whether a key is stored.
 *
 * @param onBehalfOf SendGrid subuser driven with the parent account's key
 * @param apiBaseUrl an API address other than the provider's own (a regional or test endpoint)
 */
public record Connection(
        ConnectionId id,
        TenantId tenant,
        String name,
        SendingEnvironment environment,
        String host,
        int port,
        SmtpSecurity security,
        String username,
        boolean hasPassword,
        String heloName,
        int maxSessions,
        int ratePerSecond,
        Instant createdAt,
        ConnectionKind kind,
        Optional<String> onBehalfOf,
        Optional<String> apiBaseUrl) {

    public Connection {
        kind = kind == null ? ConnectionKind.SMTP_RELAY : kind;
        onBehalfOf = onBehalfOf == null ? Optional.empty() : onBehalfOf;
        apiBaseUrl = apiBaseUrl == null ? Optional.empty() : apiBaseUrl;
    }

    /** An SMTP relay connection. */
    public Connection(
            ConnectionId id,
            TenantId tenant,
            String name,
            SendingEnvironment environment,
            String host,
            int port,
            SmtpSecurity security,
            String username,
            boolean hasPassword,
            String heloName,
            int maxSessions,
            int ratePerSecond,
            Instant createdAt) {
        this(
                id,
                tenant,
                name,
                environment,
                host,
                port,
                security,
                username,
                hasPassword,
                heloName,
                maxSessions,
                ratePerSecond,
                createdAt,
                ConnectionKind.SMTP_RELAY,
                Optional.empty(),
                Optional.empty());
    }

    /** "smtp.example.com:587 (STARTTLS (required))", or "SendGrid API (subuser acme)". */
    public String address() {
        if (kind.isApi()) {
            return kind.label()
                    + onBehalfOf.map(s -> " (subuser " + s + ")").orElse("")
                    + apiBaseUrl.map(u -> " at " + u).orElse("");
        }
        return host + ":" + port + " (" + security.label() + ")";
    }

    /** The API address in use, for an API connection. */
    public Optional<String> baseUrl() {
        return apiBaseUrl.or(kind::defaultBaseUrl);
    }
}
