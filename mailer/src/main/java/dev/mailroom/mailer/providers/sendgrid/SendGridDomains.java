package dev.mailroom.mailer.providers.sendgrid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mailroom.mailer.providers.ApiResponse;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SendGrid's domain authentication ({@code /v3/whitelabel/domains}): list (paged by limit and offset),
 * authenticate a domain (with automated security: SendGrid then asks for CNAMEs only and manages SPF and
 * DKIM rotation itself), read one with its DNS records, and validate. The parent account's or, with
 * on-behalf-of, a subuser's. The key needs {@code whitelabel.read}, {@code whitelabel.create} and
 * {@code whitelabel.update}.
 */
public final class SendGridDomains implements ProviderDomains {
    private static final String P = SendGridAdapter.PROVIDER;
    static final int PAGE = 50;
    static final int MOST_PAGES = 20;

    private final RateLimitWaits http;

    public SendGridDomains(RateLimitWaits http) {
        this.http = http;
    }

    @Override
    public List<Domain> list(ApiEndpoint e) throws SyncFailure {
        List<Domain> out = new ArrayList<>();
        for (int page = 0; page < MOST_PAGES; page++) {
            JsonNode body = read(
                    e,
                    "GET",
                    "/v3/whitelabel/domains?limit=" + PAGE + "&offset=" + page * PAGE,
                    null,
                    "whitelabel.read",
                    "authenticated domains");
            if (!body.isArray()) {
                throw SyncFaults.malformed(P, "its list of authenticated domains", body.toString());
            }
            for (JsonNode d : body) {
                out.add(domain(d));
            }
            if (body.size() < PAGE) {
                break;
            }
        }
        return out;
    }

    @Override
    public Domain create(ApiEndpoint e, String name) throws SyncFailure {
        String json = Json.write(Json.object().put("domain", name).put("automatic_security", true));
        JsonNode body = read(e, "POST", "/v3/whitelabel/domains", json, "whitelabel.create", "authenticated domains");
        if (!body.isObject()) {
            throw SyncFaults.malformed(P, "the new authenticated domain", body.toString());
        }
        return domain(body);
    }

    @Override
    public List<ProvidedRecords.Entry> records(ApiEndpoint e, String domainId) throws SyncFailure {
        JsonNode dns = one(e, domainId).path("dns");
        List<ProvidedRecords.Entry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = dns.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            Optional<RecordKind> kind = kindOf(r.getKey());
            if (kind.isEmpty() || !r.getValue().isObject()) {
                continue;
            }
            JsonNode v = r.getValue();
            out.add(DomainRecordText.entry(
                    P,
                    kind.get(),
                    v.path("host").asText(""),
                    v.path("type").asText(""),
                    v.path("data").asText(""),
                    v.path("valid").isBoolean() ? Optional.of(v.path("valid").asBoolean()) : Optional.empty()));
        }
        return out;
    }

    @Override
    public Verification verify(ApiEndpoint e, String domainId) throws SyncFailure {
        JsonNode body = read(e, "POST", path(domainId) + "/validate", null, "whitelabel.update", "domain validation");
        if (!body.path("valid").isBoolean()) {
            throw SyncFaults.malformed(P, "the domain's validation", body.toString());
        }
        Map<RecordKind, Boolean> byKind = new EnumMap<>(RecordKind.class);
        List<String> reasons = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        body.path("validation_results").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            Optional<RecordKind> kind = kindOf(r.getKey());
            JsonNode valid = r.getValue().path("valid");
            if (kind.isPresent() && valid.isBoolean()) {
                byKind.merge(kind.get(), valid.asBoolean(), Boolean::logicalAnd);
            }
            String reason = r.getValue().path("reason").asText("");
            if (!reason.isBlank() && !valid.asBoolean(false) && reasons.size() < 6) {
                reasons.add(clip(reason));
            }
        }
        return new Verification(body.path("valid").asBoolean(), byKind, reasons);
    }

    @Override
    public Verification status(ApiEndpoint e, String domainId) throws SyncFailure {
        JsonNode d = one(e, domainId);
        Map<RecordKind, Boolean> byKind = new EnumMap<>(RecordKind.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = d.path("dns").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> r = it.next();
            Optional<RecordKind> kind = kindOf(r.getKey());
            JsonNode valid = r.getValue().path("valid");
            if (kind.isPresent() && valid.isBoolean()) {
                byKind.merge(kind.get(), valid.asBoolean(), Boolean::logicalAnd);
            }
        }
        return new Verification(d.path("valid").asBoolean(false), byKind, List.of());
    }

    /** SendGrid's names in its dns object: dkim1/dkim2 (or dkim), mail_cname, mail_server, subdomain_spf. */
    static Optional<RecordKind> kindOf(String key) {
        if (key.startsWith("dkim")) {
            return Optional.of(RecordKind.DKIM);
        }
        return switch (key) {
            case "mail_cname" -> Optional.of(RecordKind.RETURN_PATH);
            case "mail_server" -> Optional.of(RecordKind.MX);
            case "subdomain_spf", "spf" -> Optional.of(RecordKind.SPF);
            default -> Optional.empty();
        };
    }

    private JsonNode one(ApiEndpoint e, String domainId) throws SyncFailure {
        JsonNode d = read(e, "GET", path(domainId), null, "whitelabel.read", "authenticated domain");
        if (!d.isObject() || !d.path("dns").isObject()) {
            throw SyncFaults.malformed(P, "the authenticated domain", d.toString());
        }
        return d;
    }

    private JsonNode read(ApiEndpoint e, String method, String path, String json, String scope, String what)
            throws SyncFailure {
        ApiResponse r = SendGridCalls.call(http, e, method, path, json);
        if (!r.ok()) {
            throw SendGridCalls.fault(http, e, r, scope, what);
        }
        return Json.parse(r.body()).orElseThrow(() -> SyncFaults.malformed(P, what, r.body()));
    }

    private static Domain domain(JsonNode d) throws SyncFailure {
        JsonNode id = d.path("id");
        if (!id.isIntegralNumber() && !id.isTextual()) {
            throw SyncFaults.malformed(P, "an authenticated domain without its id", d.toString());
        }
        return new Domain(
                DomainRecordText.id(P, id.asText("")),
                DomainRecordText.name(P, d.path("domain").asText("")),
                d.path("valid").asBoolean(false));
    }

    private static String path(String domainId) throws SyncFailure {
        return "/v3/whitelabel/domains/" + DomainRecordText.id(P, domainId);
    }

    private static String clip(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
