package dev.mailroom.mailer.providers.mailersend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.mailer.providers.DomainRecordText;
import dev.mailroom.mailer.providers.Json;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.SyncFaults;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.providers.ProviderDomains;
import dev.mailroom.model.providers.SyncFailure;
import dev.mailroom.model.sending.ApiEndpoint;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * MailerSend's sending domains: {@code GET /v1/domains} (paged), {@code POST /v1/domains}, {@code GET
 * /v1/domains/{id}/dns-records}, {@code GET /v1/domains/{id}/verify} and {@code GET /v1/domains/{id}}. The
 * connection's token needs {@code domains_read}, and {@code domains_full} to add or verify. MailerSend's DNS
 * records carry no verdict of their own; its verification answers per kind (dkim, spf, rp_cname, tracking).
 * Its inbound-routing MX is for receiving and is left out.
 */
public final class MailerSendDomains implements ProviderDomains {
    private static final String P = MailerSendAdapter.PROVIDER;

    /** MailerSend's names in the DNS records answer, and the kind each is. */
    private static final Map<String, RecordKind> RECORDS = Map.of(
            "spf", RecordKind.SPF,
            "dkim", RecordKind.DKIM,
            "return_path", RecordKind.RETURN_PATH,
            "custom_tracking", RecordKind.TRACKING);

    private final MailerSendCalls calls;

    public MailerSendDomains(RateLimitWaits http) {
        this.calls = new MailerSendCalls(http);
    }

    @Override
    public List<Domain> list(ApiEndpoint e) throws SyncFailure {
        List<Domain> out = new ArrayList<>();
        for (int page = 1; page <= MailerSendCalls.MOST_PAGES; page++) {
            JsonNode body = calls.get(
                    e,
                    "/v1/domains?page=" + page + "&limit=" + MailerSendActivity.PAGE_SIZE,
                    "domains_read",
                    "domains");
            JsonNode data = body.path("data");
            if (!data.isArray()) {
                throw SyncFaults.malformed(P, "its list of domains", body.toString());
            }
            for (JsonNode d : data) {
                out.add(domain(d));
            }
            if (!MailerSendCalls.hasNext(body, data)) {
                break;
            }
        }
        return out;
    }

    @Override
    public Domain create(ApiEndpoint e, String name) throws SyncFailure {
        JsonNode answer =
                calls.send(e, "POST", "/v1/domains", Json.object().put("name", name), "domains_full", "domains");
        JsonNode data = answer.path("data");
        if (!data.isObject()) {
            throw SyncFaults.malformed(P, "the new domain", answer.toString());
        }
        return domain(data);
    }

    @Override
    public List<ProvidedRecords.Entry> records(ApiEndpoint e, String domainId) throws SyncFailure {
        JsonNode body = calls.get(e, path(domainId) + "/dns-records", "domains_read", "DNS records");
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw SyncFaults.malformed(P, "the domain's DNS records", body.toString());
        }
        List<ProvidedRecords.Entry> out = new ArrayList<>();
        for (String key : List.of("spf", "dkim", "return_path", "custom_tracking")) {
            JsonNode r = data.path(key);
            if (r.isObject()) {
                out.add(DomainRecordText.entry(
                        P,
                        RECORDS.get(key),
                        r.path("hostname").asText(""),
                        r.path("type").asText(""),
                        r.path("value").asText(""),
                        Optional.empty()));
            }
        }
        return out;
    }

    @Override
    public Verification verify(ApiEndpoint e, String domainId) throws SyncFailure {
        JsonNode body = calls.get(e, path(domainId) + "/verify", "domains_full", "domain verification");
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            throw SyncFaults.malformed(P, "the domain's verification", body.toString());
        }
        Map<RecordKind, Boolean> byKind = new EnumMap<>(RecordKind.class);
        put(byKind, RecordKind.DKIM, data.path("dkim"));
        put(byKind, RecordKind.SPF, data.path("spf"));
        put(byKind, RecordKind.RETURN_PATH, data.path("rp_cname"));
        put(byKind, RecordKind.TRACKING, data.path("tracking"));
        // MailerSend sends once SPF and DKIM are in place
        boolean verified =
                Boolean.TRUE.equals(byKind.get(RecordKind.DKIM)) && Boolean.TRUE.equals(byKind.get(RecordKind.SPF));
        return new Verification(verified, byKind, List.of());
    }

    @Override
    public Verification status(ApiEndpoint e, String domainId) throws SyncFailure {
        JsonNode body = calls.get(e, path(domainId), "domains_read", "domain");
        JsonNode data = body.path("data");
        if (!data.isObject() || !data.path("is_verified").isBoolean()) {
            throw SyncFaults.malformed(P, "the domain", body.toString());
        }
        Map<RecordKind, Boolean> byKind = new EnumMap<>(RecordKind.class);
        put(byKind, RecordKind.DKIM, data.path("dkim"));
        put(byKind, RecordKind.SPF, data.path("spf"));
        put(byKind, RecordKind.TRACKING, data.path("tracking"));
        return new Verification(data.path("is_verified").asBoolean(), byKind, List.of());
    }

    private static void put(Map<RecordKind, Boolean> m, RecordKind k, JsonNode v) {
        if (v.isBoolean()) {
            m.put(k, v.asBoolean());
        }
    }

    private static Domain domain(JsonNode d) throws SyncFailure {
        return new Domain(
                DomainRecordText.id(P, d.path("id").asText("")),
                DomainRecordText.name(P, d.path("name").asText("")),
                d.path("is_verified").asBoolean(false));
    }

    private static String path(String domainId) throws SyncFailure {
        return "/v1/domains/" + DomainRecordText.id(P, domainId);
    }
}
