package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;

/** A tenant's SMTP relay connection as shown to people: the password is never part of it. */
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
        Instant createdAt) {

    /** "smtp.example.com:587 (STARTTLS (required))" */
    public String address() {
        return host + ":" + port + " (" + security.label() + ")";
    }
}
