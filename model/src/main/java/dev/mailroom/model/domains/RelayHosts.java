package dev.mailroom.model.domains;

import dev.mailroom.model.common.TenantId;
import java.util.List;

/**
 * Port: the hosts (names or addresses) a tenant's mail leaves from, so their addresses can be asked of
 * the IP blocklists. The console answers with the hosts of the tenant's SMTP connections; it is read
 * inside the caller's transaction, after the caller's permission check.
 */
@FunctionalInterface
public interface RelayHosts {
    List<String> of(TenantId tenant);

    static RelayHosts none() {
        return tenant -> List.of();
    }
}
