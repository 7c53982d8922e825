package dev.mailroom.model.providers;

import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Secret;
import java.util.List;
import java.util.Optional;

/**
 * Port: scoped keys made at a provider with a connection's own key (which needs the provider's key
 * management scope: SendGrid {@code api_keys.*}, MailerSend {@code tokens_full}). A refusal or no answer
 * throws with words, never a key.
 */
public interface ProviderKeys {
    /**
     * What the provider made. The secret exists only here: it is shown once and stored nowhere.
     *
     * @param scopes the scopes the provider says the key has (which may be fewer than asked for)
     */
    record Created(String keyId, Secret secret, List<String> scopes) {
        public Created {
            scopes = List.copyOf(scopes);
        }

        @Override
        public String toString() {
            return "Created[keyId=" + keyId + ", scopes=" + scopes + "]";
        }
    }

    /** @param domain the sending domain a MailerSend token is bound to; SendGrid keys are account-wide */
    Created create(ApiEndpoint endpoint, String name, List<String> scopes, Optional<String> domain) throws SyncFailure;

    /** Deletes the key at the provider; a key the provider no longer knows counts as revoked. */
    void revoke(ApiEndpoint endpoint, String keyId) throws SyncFailure;
}
