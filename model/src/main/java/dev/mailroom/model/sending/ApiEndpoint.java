package dev.mailroom.model.sending;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything an API adapter needs to reach a provider account, key decrypted. Lives only in memory;
 * the key prints as a mask.
 *
 * @param baseUrl the provider's API address without a trailing slash ("https://api.sendgrid.com")
 * @param onBehalfOf for a SendGrid subuser driven with the parent account's key: the subuser's name
 */
public record ApiEndpoint(ConnectionKind kind, String baseUrl, Secret key, Optional<String> onBehalfOf) {
    public ApiEndpoint {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        if (!kind.isApi()) {
            throw new IllegalArgumentException("not an API kind: " + kind);
        }
        baseUrl = Objects.requireNonNull(baseUrl, "baseUrl").replaceAll("/+$", "");
        onBehalfOf = onBehalfOf == null ? Optional.empty() : onBehalfOf;
    }

    /** "SendGrid API (subuser acme)" for messages to people. */
    public String describe() {
        return kind.label() + onBehalfOf.map(s -> " (subuser " + s + ")").orElse("");
    }
}
