package dev.mailroom.mailer.providers.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.ApiResponse;
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
 * SendGrid API keys with scopes ({@code POST /v3/api_keys}, {@code DELETE /v3/api_keys/{api_key_id}}), for
 * the parent account or, with on-behalf-of, a subuser. The connection's key needs {@code api_keys.create}
 * and {@code api_keys.delete}; SendGrid gives a new key no scope its maker lacks, so the scopes recorded
 * are the ones its answer lists.
 */
public final class SendGridKeys implements ProviderKeys {
    private final RateLimitWaits http;

    public SendGridKeys(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public Created create(ApiEndpoint e, String name, List<String> scopes, Optional<String> domain) throws SyncFailure {
        ObjectNode body = Json.object().put("name", name);
        scopes.forEach(body.putArray("scopes")::add);
        ApiResponse r = call(e, "POST", "/v3/api_keys", Json.write(body));
        if (!r.ok()) {
            throw fault(e, r, "api_keys.create", "API keys");
        }
        JsonNode answer = Json.parseOrMissing(r.body());
        String id = answer.path("api_key_id").asText("");
        String secret = answer.path("api_key").asText("");
        if (id.isBlank() || id.length() > 128 || secret.isBlank()) {
            // never quote the body: it may hold the new key
            throw new SyncFailure(
                    SyncFailure.Kind.MALFORMED,
                    "SendGrid answered the new key without its id or key; look for “" + name
                            + "” among the account's API keys and delete it if it is there.",
                    Optional.empty());
        }
        List<String> granted = new ArrayList<>();
        answer.path("scopes").forEach(s -> granted.add(s.asText()));
        return new Created(id, Secret.of(secret), granted);
    }

    @Override
    public void revoke(ApiEndpoint e, String keyId) throws SyncFailure {
        ApiResponse r =
                call(e, "DELETE", "/v3/api_keys/" + SendGridAdapter.enc(keyId).replace("+", "%20"), null);
        if (!r.ok() && r.status() != 404) {
            throw fault(e, r, "api_keys.delete", "API keys");
        }
    }

    private ApiResponse call(ApiEndpoint e, String method, String path, String json) throws SyncFailure {
        return SendGridCalls.call(http, e, method, path, json);
    }

    private SyncFailure fault(ApiEndpoint e, ApiResponse r, String scope, String what) {
        return SendGridCalls.fault(http, e, r, scope, what);
    }
}
