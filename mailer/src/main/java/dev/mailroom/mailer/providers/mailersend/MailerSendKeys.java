package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.model.providers.ProviderKeys;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MailerSend API tokens ({@code POST /v1/token} with a name, the domain's id and scopes; {@code DELETE
 * /v1/token/{token_id}}). Each token belongs to one sending domain; the connection's token needs {@code
 * tokens_full} (and {@code domains_read} to find the domain's id).
 */
public final class MailerSendKeys implements ProviderKeys {
    private final MailerSendCalls calls;

    public MailerSendKeys(RateLimitWaits http) {
        this.calls = new MailerSendCalls(http);
    }

    @Override
    public Created create(ApiEndpoint e, String name, List<String> scopes, Optional<String> domain) throws SyncFailure {
        String d = domain.orElseThrow(() -> new SyncFailure(
                SyncFailure.Kind.REJECTED,
                "MailerSend binds each token to one sending domain: choose it.",
                Optional.empty()));
        String domainId = calls.domainId(e, d)
                .orElseThrow(() -> new SyncFailure(
                        SyncFailure.Kind.NOT_AVAILABLE,
                        "MailerSend has no domain " + d + " in this account; add it there first.",
                        Optional.empty()));
        ObjectNode body = Json.object().put("name", name).put("domain_id", domainId);
        scopes.forEach(body.putArray("scopes")::add);
        JsonNode answer = calls.sendForSecret(e, "POST", "/v1/token", body, "tokens_full", "tokens");
        JsonNode data = answer.path("data");
        String id = data.path("id").asText("");
        String secret = data.path("accessToken").asText("");
        if (id.isBlank() || id.length() > 128 || secret.isBlank()) {
            throw new SyncFailure(
                    SyncFailure.Kind.MALFORMED,
                    "MailerSend answered the new token without its id or token; look for “" + name
                            + "” among the account's API tokens and delete it if it is there.",
                    Optional.empty());
        }
        List<String> granted = new ArrayList<>();
        data.path("scopes").forEach(s -> granted.add(s.asText()));
        return new Created(id, Secret.of(secret), granted);
    }

    @Override
    public void revoke(ApiEndpoint e, String keyId) throws SyncFailure {
        // false: MailerSend no longer knows the token, which is as revoked as it gets
        calls.delete(e, "/v1/token/" + MailerSendCalls.enc(keyId).replace("+", "%20"), "tokens_full", "tokens");
    }
}
