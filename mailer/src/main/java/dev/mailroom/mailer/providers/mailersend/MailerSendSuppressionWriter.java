package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.model.providers.SuppressionTarget;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Writes MailerSend's suppression lists. An address Mailroom suppresses goes on the domain's blocklist
 * ({@code POST /v1/suppressions/blocklist}); one Mailroom lets through again is looked for in the blocklist,
 * hard bounces, spam complaints and unsubscribes (MailerSend deletes by entry id, and has no search) and
 * deleted where found.
 */
public final class MailerSendSuppressionWriter implements SuppressionTarget {
    private record Source(String path, String words) {}

    private static final List<Source> LISTS = List.of(
            new Source("blocklist", "blocklist"),
            new Source("hard-bounces", "hard bounces"),
            new Source("spam-complaints", "spam complaints"),
            new Source("unsubscribes", "unsubscribes"));

    private final MailerSendCalls calls;

    public MailerSendSuppressionWriter(RateLimitWaits http) {
        this.calls = new MailerSendCalls(http);
    }

    @Override
    public String add(ApiEndpoint e, String domain, String address) throws SyncFailure {
        String domainId = domainId(e, domain);
        ObjectNode body = Json.object().put("domain_id", domainId);
        body.putArray("recipients").add(address);
        calls.send(e, "POST", "/v1/suppressions/blocklist", body, "suppressions_full", "the blocklist");
        return "MailerSend: " + address + " is on the blocklist of " + domain + ".";
    }

    @Override
    public String remove(ApiEndpoint e, String domain, String address) throws SyncFailure {
        String domainId = domainId(e, domain);
        List<String> removedFrom = new ArrayList<>();
        boolean tooLong = false;
        for (Source src : LISTS) {
            List<String> ids = new ArrayList<>();
            boolean finished = false;
            for (int page = 1; page <= MailerSendCalls.MOST_PAGES; page++) {
                JsonNode body = calls.get(
                        e,
                        "/v1/suppressions/" + src.path() + "?domain_id=" + MailerSendCalls.enc(domainId) + "&page="
                                + page + "&limit=" + MailerSendActivity.PAGE_SIZE,
                        "suppressions_read",
                        "the " + src.words());
                JsonNode data = body.path("data");
                for (JsonNode entry : data) {
                    String held = src.path().equals("blocklist")
                            ? entry.path("pattern").asText("")
                            : entry.path("recipient").path("email").asText("");
                    String id = entry.path("id").asText("");
                    if (address.equalsIgnoreCase(held) && !id.isBlank() && id.length() <= 64) {
                        ids.add(id);
                    }
                }
                if (!data.isArray() || !MailerSendCalls.hasNext(body, data)) {
                    finished = true;
                    break;
                }
            }
            tooLong |= !finished;
            if (!ids.isEmpty()) {
                ObjectNode body = Json.object().put("domain_id", domainId);
                ids.forEach(body.putArray("ids")::add);
                calls.send(
                        e, "DELETE", "/v1/suppressions/" + src.path(), body, "suppressions_full", "the " + src.words());
                removedFrom.add(src.words());
            }
        }
        String done = removedFrom.isEmpty()
                ? "MailerSend had " + address + " on none of its lists for " + domain
                : "MailerSend: " + address + " removed from " + String.join(", ", removedFrom);
        return done
                + (tooLong
                        ? "; a list was longer than Mailroom reads ("
                                + MailerSendCalls.MOST_PAGES * MailerSendActivity.PAGE_SIZE
                                + " entries), so look in MailerSend's dashboard too."
                        : ".");
    }

    private String domainId(ApiEndpoint e, String domain) throws SyncFailure {
        return calls.domainId(e, domain)
                .orElseThrow(() -> new SyncFailure(
                        SyncFailure.Kind.NOT_AVAILABLE,
                        "MailerSend has no domain " + domain
                                + " in this account; its suppressions are kept per domain.",
                        Optional.empty()));
    }
}
