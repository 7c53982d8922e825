package dev.mailroom.mailer.providers.sendgrid;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.ApiResponse;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.model.providers.SuppressionTarget;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes SendGrid's suppression lists, account-wide (the subuser's with on-behalf-of): an address Mailroom
 * suppresses becomes a global unsubscribe ({@code POST /v3/asm/suppressions/global}); one Mailroom lets
 * through again is deleted from the global unsubscribes, bounces, spam reports and blocks, after asking
 * each list whether it holds the address, so the words say where it was.
 */
public final class SendGridSuppressionWriter implements SuppressionTarget {
    private record Source(String path, String words) {}

    private static final List<Source> LISTS = List.of(
            new Source("/v3/asm/suppressions/global/", "global unsubscribes"),
            new Source("/v3/suppression/bounces/", "bounces"),
            new Source("/v3/suppression/spam_reports/", "spam reports"),
            new Source("/v3/suppression/blocks/", "blocks"));

    private final RateLimitWaits http;

    public SendGridSuppressionWriter(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public String add(ApiEndpoint e, String domain, String address) throws SyncFailure {
        ObjectNode body = Json.object();
        body.putArray("recipient_emails").add(address);
        ApiResponse r = call(e, "POST", "/v3/asm/suppressions/global", Json.write(body));
        if (!r.ok()) {
            throw fault(e, r, "asm.suppressions.global.create", "global unsubscribes");
        }
        return "SendGrid: " + address + " is a global unsubscribe now; SendGrid will not send to it.";
    }

    @Override
    public String remove(ApiEndpoint e, String domain, String address) throws SyncFailure {
        List<String> removedFrom = new ArrayList<>();
        for (Source src : LISTS) {
            String path = src.path() + SendGridAdapter.enc(address).replace("+", "%20");
            ApiResponse held = call(e, "GET", path, null);
            if (held.status() == 404 || (held.ok() && isEmpty(held.body()))) {
                continue;
            }
            if (!held.ok()) {
                throw fault(e, held, "suppression.read", src.words());
            }
            ApiResponse r = call(e, "DELETE", path, null);
            if (!r.ok() && r.status() != 404) {
                throw fault(e, r, "suppression.delete", src.words());
            }
            removedFrom.add(src.words());
        }
        return removedFrom.isEmpty()
                ? "SendGrid had " + address + " on none of its lists."
                : "SendGrid: " + address + " removed from " + String.join(", ", removedFrom) + ".";
    }

    /** SendGrid answers a lookup of an address it does not hold with an empty list or object, or 404. */
    private static boolean isEmpty(String body) {
        var n = Json.parseOrMissing(body);
        return n.isMissingNode()
                || n.isEmpty()
                || (n.has("recipient_email")
                        && n.path("recipient_email").asText("").isBlank());
    }

    private ApiResponse call(ApiEndpoint e, String method, String path, String json) throws SyncFailure {
        return SendGridCalls.call(http, e, method, path, json);
    }

    private SyncFailure fault(ApiEndpoint e, ApiResponse r, String scope, String what) {
        return SendGridCalls.fault(http, e, r, scope, what);
    }
}
