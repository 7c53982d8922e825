package dev.mailroom.model.sending;

import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import java.nio.charset.StandardCharsets;

/** Turns a stored connection into an {@link SmtpEndpoint}, decrypting its password. No permission check: callers do that. */
public final class EndpointResolver {
    private final ConnectionStore store;
    private final SecretVault cipher;

    public EndpointResolver(ConnectionStore store, SecretVault cipher) {
        this.store = store;
        this.cipher = cipher;
    }

    /** Call inside a transaction. */
    public SmtpEndpoint resolve(TenantId tenant, ConnectionId id) {
        Connection c = store.find(tenant, id).orElseThrow(() -> new NotFound("This connection no longer exists."));
        return new SmtpEndpoint(
                c.id(),
                c.host(),
                c.port(),
                c.security(),
                c.username(),
                store.sealedPassword(tenant, id)
                        .map(box -> Secret.of(new String(cipher.decrypt(box), StandardCharsets.UTF_8))),
                c.heloName(),
                c.maxSessions(),
                c.ratePerSecond());
    }
}
