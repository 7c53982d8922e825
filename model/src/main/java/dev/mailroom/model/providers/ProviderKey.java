package dev.mailroom.model.providers;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A scoped key made at a provider for a tenant's application, as Mailroom remembers it: never its secret.
 *
 * @param connection the connection it was made with; empty once that connection was removed
 * @param providerKeyId the provider's id of the key (SendGrid's api_key_id, MailerSend's token id)
 * @param rotatedAt when this key replaced an older one (the "last rotated" time), if it did
 * @param graceEndsAt for a key being rotated out: when Mailroom revokes it
 */
public record ProviderKey(
        ProviderKeyId id,
        TenantId tenant,
        Optional<ConnectionId> connection,
        ConnectionKind provider,
        String providerKeyId,
        String name,
        Optional<String> domain,
        List<String> scopes,
        State state,
        Instant createdAt,
        Optional<Instant> rotatedAt,
        Optional<Instant> graceEndsAt,
        Optional<Instant> revokedAt) {
    public enum State {
        ACTIVE("Active"),
        /** Replaced by a new key; still works until its grace period ends. */
        ROTATING("Rotating out"),
        REVOKED("Revoked");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public ProviderKey {
        scopes = List.copyOf(scopes);
    }
}
