package dev.mailroom.model.sending;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the transport needs to reach one connection, secret decrypted. Lives only in memory;
 * the password prints as a mask. For a provider API connection {@link #api()} is present and the SMTP
 * fields only describe the API's host: the transport and the probe route on it, so the outbox does not
 * care whether a message leaves over SMTP or HTTP.
 *
 * @param maxSessions SMTP sessions, or HTTP requests in flight, at most at once
 */
public record SmtpEndpoint(
        ConnectionId connection,
        String host,
        int port,
        SmtpSecurity security,
        String username,
        Optional<Secret> password,
        String heloName,
        int maxSessions,
        int ratePerSecond,
        Optional<ApiEndpoint> api) {

    public SmtpEndpoint {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(password, "password");
        username = username == null ? "" : username;
        api = api == null ? Optional.empty() : api;
        if (maxSessions < 1) {
            throw new IllegalArgumentException("at least one session");
        }
    }

    /** An SMTP relay. */
    public SmtpEndpoint(
            ConnectionId connection,
            String host,
            int port,
            SmtpSecurity security,
            String username,
            Optional<Secret> password,
            String heloName,
            int maxSessions,
            int ratePerSecond) {
        this(
                connection,
                host,
                port,
                security,
                username,
                password,
                heloName,
                maxSessions,
                ratePerSecond,
                Optional.empty());
    }

    public boolean authenticates() {
        return !username.isEmpty();
    }

    /** Whether messages go through a provider's HTTP API rather than SMTP. */
    public boolean viaApi() {
        return api.isPresent();
    }

    /** "smtp.example.com:587" (or "SendGrid API (subuser acme)") for messages to people. */
    public String address() {
        return api.map(ApiEndpoint::describe).orElse(host + ":" + port);
    }
}
