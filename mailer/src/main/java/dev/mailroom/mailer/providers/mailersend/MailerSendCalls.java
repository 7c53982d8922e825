package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.mailer.providers.ApiCallFailure;
import dev.mailroom.mailer.providers.ApiResponse;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.SyncFaults;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** MailerSend requests other than sending: the headers it wants, its answers as JSON objects or failures in words. */
final class MailerSendCalls {
    /** Pages of a list read at most when looking for one entry. */
    static final int MOST_PAGES = 20;

    private final RateLimitWaits http;

    MailerSendCalls(RateLimitWaits http) {
        this.http = http;
    }

    RateLimitWaits http() {
        return http;
    }

    /** A JSON object answer; anything else a {@link SyncFailure} naming the scope the request needs. */
    JsonNode get(ApiEndpoint e, String pathAndQuery, String scope, String what) throws SyncFailure {
        return exchange(e, base(e, pathAndQuery).GET(), scope, what);
    }

    /** A request with a JSON body; the answer (an empty object when it has none). */
    JsonNode send(ApiEndpoint e, String method, String path, JsonNode body, String scope, String what)
            throws SyncFailure {
        return exchange(
                e,
                base(e, path)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)),
                scope,
                what);
    }

    /**
     * A request with a JSON body whose answer holds a secret (a new token): an answer Mailroom cannot read
     * is reported without quoting any of it.
     */
    JsonNode sendForSecret(ApiEndpoint e, String method, String path, JsonNode body, String scope, String what)
            throws SyncFailure {
        ApiResponse r = raw(
                e,
                base(e, path)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8)),
                scope,
                what,
                false);
        return Json.parse(r.body())
                .filter(JsonNode::isObject)
                .orElseThrow(() -> SyncFaults.malformed(MailerSendAdapter.PROVIDER, what, ""));
    }

    /** A DELETE without a body; false when MailerSend answers 404 (it has nothing of that id). */
    boolean delete(ApiEndpoint e, String path, String scope, String what) throws SyncFailure {
        return raw(e, base(e, path).DELETE(), scope, what, true).status() != 404;
    }

    private ApiResponse raw(
            ApiEndpoint e, HttpRequest.Builder request, String scope, String what, boolean notFoundIsAnswer)
            throws SyncFailure {
        ApiResponse r;
        try {
            r = http.exchange(MailerSendAdapter.PROVIDER, request::build);
        } catch (ApiCallFailure f) {
            throw SyncFaults.of(f);
        }
        if (!r.ok() && !(notFoundIsAnswer && r.status() == 404)) {
            throw SyncFaults.of(
                    MailerSendAdapter.PROVIDER, r, MailerSendAdapter.said(r), e.key(), scope, what, http.clock());
        }
        return r;
    }

    private JsonNode exchange(ApiEndpoint e, HttpRequest.Builder request, String scope, String what)
            throws SyncFailure {
        ApiResponse r;
        try {
            r = http.exchange(MailerSendAdapter.PROVIDER, request::build);
        } catch (ApiCallFailure f) {
            throw SyncFaults.of(f);
        }
        if (!r.ok()) {
            throw SyncFaults.of(
                    MailerSendAdapter.PROVIDER, r, MailerSendAdapter.said(r), e.key(), scope, what, http.clock());
        }
        if (r.body() == null || r.body().isBlank()) {
            return Json.object();
        }
        return Json.parse(r.body())
                .filter(JsonNode::isObject)
                .orElseThrow(() -> SyncFaults.malformed(MailerSendAdapter.PROVIDER, what, r.body()));
    }

    /** The id MailerSend gives the domain of this name in the account, if it has one. */
    Optional<String> domainId(ApiEndpoint e, String domain) throws SyncFailure {
        for (int page = 1; page <= MOST_PAGES; page++) {
            JsonNode body = get(
                    e,
                    "/v1/domains?page=" + page + "&limit=" + MailerSendActivity.PAGE_SIZE,
                    "domains_read",
                    "domains");
            JsonNode data = body.path("data");
            if (!data.isArray()) {
                throw SyncFaults.malformed(MailerSendAdapter.PROVIDER, "its list of domains", body.toString());
            }
            for (JsonNode d : data) {
                String id = d.path("id").asText("");
                if (domain.equalsIgnoreCase(d.path("name").asText("")) && !id.isBlank() && id.length() <= 64) {
                    return Optional.of(id);
                }
            }
            if (!hasNext(body, data)) {
                break;
            }
        }
        return Optional.empty();
    }

    static boolean hasNext(JsonNode body, JsonNode data) {
        JsonNode next = body.path("links").path("next");
        return !data.isEmpty() && next.isTextual() && !next.asText().isBlank();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder base(ApiEndpoint e, String pathAndQuery) {
        return http.call()
                .request(URI.create(e.baseUrl() + pathAndQuery))
                .header("Authorization", "Bearer " + e.key().reveal())
                .header("Accept", "application/json")
                .header("X-Requested-With", "XMLHttpRequest");
    }
}
