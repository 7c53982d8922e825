package dev.mailroom.model.sending;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the SMTP transport needs to reach one relay, password decrypted. Lives only in memory;
 * the password prints as a mask.
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
        int ratePerSecond) {

    public SmtpEndpoint {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(password, "password");
        username = username == null ? "" : username;
        if (maxSessions < 1) {
            throw new IllegalArgumentException("at least one session");
        }
    }

    public boolean authenticates() {
        return !username.isEmpty();
    }

    /** "smtp.example.com:587" for messages to people. */
    public String address() {
        return host + ":" + port;
    }
}
