package dev.mailroom.model.sending;

import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Turns a stored connection into an {@link SmtpEndpoint} (with its {@link ApiEndpoint} for an API), decrypting its secret. No permission check: callers do that. */
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
        Optional<Secret> secret = store.sealedPassword(tenant, id)
                .map(box -> Secret.of(new String(cipher.decrypt(box), StandardCharsets.UTF_8)));
        Optional<ApiEndpoint> api = Optional.empty();
        if (c.kind().isApi()) {
            Secret key = secret.orElseThrow(() -> new NotFound(
                    "\"" + c.name() + "\" has no " + c.kind().secretName() + " stored. Edit it and enter one."));
            api = Optional.of(new ApiEndpoint(c.kind(), c.baseUrl().orElseThrow(), key, c.onBehalfOf()));
            secret = Optional.empty();
        }
        return new SmtpEndpoint(
                c.id(),
                c.host(),
                c.port(),
                c.security(),
                c.username(),
                secret,
                c.heloName(),
                c.maxSessions(),
                c.ratePerSecond(),
                api);
    }
}
