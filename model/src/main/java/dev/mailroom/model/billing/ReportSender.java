package dev.mailroom.model.billing;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import java.util.Objects;

/**
 * How client reports go out by e-mail: through this client's connection (the agency, set up as a client of
 * its own), from an address at one of that client's verified domains.
 */
public record ReportSender(TenantId tenant, ConnectionId connection, String fromAddress, String fromName) {
    public ReportSender {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(fromAddress, "fromAddress");
        fromName = fromName == null ? "" : fromName;
    }
}
