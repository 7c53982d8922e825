package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.RelayHosts;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.providers.ProviderDomainLink;
import dev.mailroom.model.providers.ProviderDomainService;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.providers.JooqProviderDomainStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sending domains at a provider through the wizard's use cases, on a loopback stub and H2: MailerSend's
 * recorded answers (its SDK's DomainsTest recordings) and SendGrid's domain authentication, every SendGrid
 * request checked against its published spec and answered with the spec's own examples. The provider's
 * records land in the domain's plan in place of Mailroom's DKIM and return path; faults come back in words
 * and are audited; an import twice is one domain; permissions and tenants hold.
 */
class ProviderDomainServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();
    private static final String SG_KEY = "SG.domains-key-0001.DOMAINSKEYDOMAINSKEYDOMAINSKEYDOMAINS01";
    private static final String MS_KEY = "mlsn.domainstokendomainstokendomainstokendomainstoken02";
    private static final RecordPlanSettings SETTINGS =
            RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example");
    private static final String SPEC_FILE = "/fixtures/provider-api-sendgrid/tsg_domain_authentication_v3.json";

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private ProviderAdapters adapters;
    private JooqProviderDomainStore links;
    private JooqDomainStore domainStore;
    private MapDns dns;
    private DomainService domains;
    private ProviderDomainService service;
    private final AtomicInteger waits = new AtomicInteger();

    /** DNS as a map: what a test publishes is what look-ups find; everything else does not exist. */
    static final class MapDns implements DnsLookup {
        final Map<String, List<String>> records = new ConcurrentHashMap<>();

        void put(String name, DnsType type, String... values) {
            records.put(name.toLowerCase() + "/" + type, List.of(values));
        }

        @Override
        public DnsAnswer lookup(String name, DnsType type) {
            List<String> v = records.get(name.toLowerCase() + "/" + type);
            return v == null ? DnsAnswer.of(name, type, DnsStatus.NXDOMAIN) : DnsAnswer.found(name, type, v);
        }
    }

    @BeforeEach
    void start() throws Exception {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = new ApiStub(r -> r.path().startsWith("/v3/") ? SPEC.violations(r) : List.of());
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                f.clock,
                d -> waits.incrementAndGet(),
                3,
                Duration.ofSeconds(30));
        adapters = new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
        links = new JooqProviderDomainStore(f.tx);
        domainStore = new JooqDomainStore(f.tx);
        dns = new MapDns();
        domains = new DomainService(
                domainStore,
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                f.clock,
                f.cipher,
                new DkimKeyGenerator(f.clock, new SecureRandom()),
                dns,
                RelayHosts.none(),
                ProviderDomainService.lookup(links));
        service = new ProviderDomainService(
                links,
                domainStore,
                f.connections,
                f.endpoints,
                new ProviderDomainAdapters(http),
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    @AfterEach
    void stop() {
        stub.close();
        store.close();
        assertThat(stub.violations())
                .as("requests outside SendGrid's OpenAPI specs")
                .isEmpty();
    }

    @Test
    void mailerSendsDomainIsLinkedItsRecordsReplaceOursInThePlanAndItsVerificationIsKept() {
        Connection c = connection(ConnectionKind.MAILERSEND_API, MS_KEY, Optional.empty(), stub.baseUrl());
        DomainId id = addDomain(f.acme, "test-sdk.com");
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        stub.on(
                "GET",
                "/v1/domains/jpzkmgq7e5vl059v/dns-records",
                r -> Recorded.mailerSend("DomainsTest_DomainDnsRecordsTest()", 200));
        stub.on("GET", "/v1/domains/jpzkmgq7e5vl059v", r -> Recorded.mailerSend("DomainsTest_SingleDomainTest()", 200));
        stub.on(
                "GET",
                "/v1/domains/jpzkmgq7e5vl059v/verify",
                r -> Recorded.mailerSend("DomainsTest_VerifyDomainTest()", 200));

        assertThat(service.list(f.editor, f.acme, c.id())).singleElement().satisfies(row -> {
            assertThat(row.domain().name()).isEqualTo("test-sdk.com");
            assertThat(row.inTenant()).contains(id);
        });

        ProviderDomainLink link = service.create(f.editor, f.acme, id, c.id());

        assertThat(stub.requests()).noneMatch(r -> r.method().equals("POST")); // the account had it: linked
        assertThat(link.providerDomainId()).isEqualTo("jpzkmgq7e5vl059v");
        assertThat(link.records())
                .extracting(ProvidedRecords.Entry::kind, ProvidedRecords.Entry::host, ProvidedRecords.Entry::type)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(RecordKind.SPF, "test-sdk.com", DnsType.TXT),
                        org.assertj.core.groups.Tuple.tuple(
                                RecordKind.DKIM, "mlsend._domainkey.test-sdk.com", DnsType.TXT),
                        org.assertj.core.groups.Tuple.tuple(RecordKind.RETURN_PATH, "mta.test-sdk.com", DnsType.CNAME),
                        org.assertj.core.groups.Tuple.tuple(RecordKind.TRACKING, "email.test-sdk.com", DnsType.CNAME));
        // the recorded single domain: verified as a whole, its DKIM and SPF flags false
        assertThat(link.verified()).contains(true);
        assertThat(link.statusWords()).isEqualTo("MailerSend: verified.");
        assertThat(link.records().get(1).verified()).contains(false);
        assertThat(link.records().get(2).verified()).isEmpty();
        assertThat(stub.requests()).allSatisfy(r -> {
            assertThat(r.header("authorization")).isEqualTo("Bearer " + MS_KEY);
            assertThat(r.header("x-requested-with")).isEqualTo("XMLHttpRequest");
        });

        RecordPlan plan = domains.plan(f.editor, f.acme, id);
        assertThat(plan.of(RecordKind.DKIM)).singleElement().satisfies(r -> {
            assertThat(r.host()).isEqualTo("mlsend._domainkey.test-sdk.com");
            assertThat(r.value()).startsWith("v=DKIM1;t=s;p=MIGfMA0GCSqGSIb3DQEB");
            assertThat(r.notes().get(0)).startsWith("From MailerSend: its DKIM key");
        });
        assertThat(plan.of(RecordKind.RETURN_PATH))
                .singleElement()
                .satisfies(r -> assertThat(r.host() + " " + r.value()).isEqualTo("mta.test-sdk.com mailersend.net"));
        assertThat(plan.of(RecordKind.SPF)).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo("v=spf1 include:_spf.mailersend.net ~all");
            assertThat(r.notes().get(0)).startsWith("MailerSend asks for include:_spf.mailersend.net");
        });
        assertThat(plan.of(RecordKind.TRACKING))
                .singleElement()
                .satisfies(r -> assertThat(r.optional()).isTrue());
        assertThat(plan.of(RecordKind.DMARC)).hasSize(1);
        assertThat(plan.warnings()).noneMatch(w -> w.contains("No DKIM key"));

        // Our own DNS check looks for the provider's records.
        dns.put("mta.test-sdk.com", DnsType.CNAME, "mailersend.net.");
        dns.put(
                "mlsend._domainkey.test-sdk.com",
                DnsType.TXT,
                plan.of(RecordKind.DKIM).get(0).value());
        List<RecordCheck> checks = domains.verify(f.editor, f.acme, id, Optional.empty());
        assertThat(checks)
                .filteredOn(x -> x.record().kind() == RecordKind.RETURN_PATH
                        || x.record().kind() == RecordKind.DKIM)
                .extracting(RecordCheck::status)
                .containsExactly(CheckStatus.FOUND, CheckStatus.FOUND);

        ProviderDomainLink verified = service.verify(f.editor, f.acme, id);
        // the recorded verification: every record false
        assertThat(verified.verified()).contains(false);
        assertThat(verified.statusWords())
                .isEqualTo("MailerSend: not verified yet (SPF, DKIM, Return path, Tracking not verified).");
        assertThat(verified.checkedAt()).contains(f.clock.instant());
        assertThat(verified.records()).allSatisfy(r -> assertThat(r.verified()).contains(false));
        assertThat(service.link(f.editor, f.acme, id)).contains(verified);

        assertThat(actions())
                .contains("provider-domain.linked", "provider-domain.records-pulled", "provider-domain.verify-asked");
    }

    @Test
    void mailerSendCreatesTheDomainTheAccountLacks() {
        Connection c = connection(ConnectionKind.MAILERSEND_API, MS_KEY, Optional.empty(), stub.baseUrl());
        DomainId id = addDomain(f.acme, "domain-to-add.com");
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        stub.on("POST", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_AddDomainTest()", 201));
        // The records were recorded for test-sdk.com; the stub serves them for the domain just added.
        stub.on("GET", "/v1/domains/jy7zpl95rd045vx6/dns-records", r -> {
            Reply rec = Recorded.mailerSend("DomainsTest_DomainDnsRecordsTest()", 200);
            return Reply.of(200, rec.headers(), rec.body().replace("test-sdk.com", "domain-to-add.com"));
        });
        // A domain just added: the add answer is its state (not verified, no per-record flags yet).
        stub.on("GET", "/v1/domains/jy7zpl95rd045vx6", r -> Recorded.mailerSend("DomainsTest_AddDomainTest()", 201));

        ProviderDomainLink link = service.create(f.editor, f.acme, id, c.id());

        ApiStub.Request post = stub.requests().stream()
                .filter(r -> r.method().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertThat(parse(post.body()).toString()).isEqualTo("{\"name\":\"domain-to-add.com\"}");
        assertThat(post.header("content-type")).isEqualTo("application/json");
        assertThat(link.providerDomainId()).isEqualTo("jy7zpl95rd045vx6");
        assertThat(link.verified()).contains(false);
        assertThat(link.statusWords()).isEqualTo("MailerSend: not verified yet.");
        assertThat(link.records())
                .hasSize(4)
                .allSatisfy(r -> assertThat(r.host()).endsWith("domain-to-add.com"));
        assertThat(actions()).contains("provider-domain.created");
        assertThat(Recorded.used())
                .contains(
                        "DomainsTest_DomainsListTest()",
                        "DomainsTest_AddDomainTest()",
                        "DomainsTest_DomainDnsRecordsTest()");
    }

    @Test
    void sendGridAuthenticatesTheDomainForTheSubuserAndItsCnamesReplaceOurDkimAndReturnPath() {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.of("acme-sub"), stub.baseUrl());
        DomainId id = addDomain(f.acme, "example.com");
        stub.on("GET", "/v3/whitelabel/domains", r -> Reply.json(200, "[]"));
        stub.on("POST", "/v3/whitelabel/domains", r -> Reply.json(201, example(createExample())));
        stub.on("GET", "/v3/whitelabel/domains/302183", r -> Reply.json(200, example(getExample())));
        stub.on("POST", "/v3/whitelabel/domains/302183/validate", r -> Reply.json(200, example(validateExample())));

        ProviderDomainLink link = service.create(f.editor, f.acme, id, c.id());

        ApiStub.Request post = stub.requests().stream()
                .filter(r -> r.method().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertThat(parse(post.body()).toString()).isEqualTo("{\"domain\":\"example.com\",\"automatic_security\":true}");
        assertThat(stub.requests()).allSatisfy(r -> {
            assertThat(r.header("authorization")).isEqualTo("Bearer " + SG_KEY);
            assertThat(r.header("on-behalf-of")).isEqualTo("acme-sub");
        });
        assertThat(link.providerDomainId()).isEqualTo("302183");
        assertThat(link.records())
                .extracting(ProvidedRecords.Entry::kind)
                .containsExactlyInAnyOrder(RecordKind.RETURN_PATH, RecordKind.DKIM, RecordKind.DKIM);
        assertThat(link.records()).allSatisfy(r -> {
            assertThat(r.type()).isEqualTo(DnsType.CNAME);
            assertThat(r.verified()).contains(true);
        });

        RecordPlan plan = domains.plan(f.editor, f.acme, id);
        assertThat(plan.of(RecordKind.DKIM))
                .extracting(PlannedRecord::host)
                .containsExactly("s1._domainkey.example.com", "s2._domainkey.example.com");
        assertThat(plan.of(RecordKind.RETURN_PATH))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("u7.wl.sendgrid.net"));
        // SendGrid's automated security wants no SPF at the apex: the connection's own term stays
        assertThat(plan.of(RecordKind.SPF).get(0).value()).isEqualTo("v=spf1 include:_spf.relay.example ~all");

        dns.put("s1._domainkey.example.com", DnsType.CNAME, "s1._domainkey.u7.wl.sendgrid.net.");
        List<RecordCheck> checks = domains.verify(f.editor, f.acme, id, Optional.empty());
        assertThat(checks)
                .filteredOn(x -> x.record().kind() == RecordKind.DKIM)
                .extracting(RecordCheck::status)
                .containsExactly(CheckStatus.FOUND, CheckStatus.MISSING);

        ProviderDomainLink asked = service.verify(f.editor, f.acme, id);
        assertThat(asked.verified()).contains(true); // the example says valid, with the mail CNAME failing
        assertThat(asked.records())
                .filteredOn(r -> r.kind() == RecordKind.RETURN_PATH)
                .singleElement()
                .satisfies(r -> assertThat(r.verified()).contains(false));
        assertThat(SPEC.exercised())
                .contains(
                        "GET /v3/whitelabel/domains",
                        "POST /v3/whitelabel/domains",
                        "GET /v3/whitelabel/domains/{domain_id}",
                        "POST /v3/whitelabel/domains/{id}/validate");
    }

    @Test
    void importingAProvidersDomainTwiceMakesOneSendingDomain() {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty(), stub.baseUrl());
        stub.on("GET", "/v3/whitelabel/domains", r -> Reply.json(200, example(listExample())));
        stub.on("GET", "/v3/whitelabel/domains/1", r -> Reply.json(200, example(listItem(0))));
        stub.on("GET", "/v3/whitelabel/domains/2", r -> Reply.json(200, example(listItem(1))));

        assertThat(service.list(f.editor, f.acme, c.id()))
                .extracting(row -> row.domain().name() + " " + row.inTenant().isPresent())
                .containsExactly("example.com false", "example2.com false");

        SendingDomain first = service.importDomain(f.editor, f.acme, c.id(), "1");
        int requests = stub.requests().size();
        SendingDomain again = service.importDomain(f.editor, f.acme, c.id(), "1");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(stub.requests()).as("the second import asks nothing").hasSize(requests);
        assertThat(domains.list(f.editor, f.acme))
                .extracting(d -> d.name().ascii())
                .containsExactly("example.com");
        assertThat(actions()).filteredOn("provider-domain.imported"::equals).hasSize(1);
        assertThat(service.link(f.editor, f.acme, first.id()).orElseThrow().records())
                .hasSize(3);
        assertThat(service.list(f.editor, f.acme, c.id()))
                .extracting(row -> row.domain().name() + " " + row.inTenant().isPresent())
                .containsExactly("example.com true", "example2.com false");

        // a domain the tenant has under that name is linked, not added twice
        DomainId own = addDomain(f.acme, "example2.com");
        assertThat(service.importDomain(f.editor, f.acme, c.id(), "2").id()).isEqualTo(own);
        assertThat(domains.list(f.editor, f.acme)).hasSize(2);

        // another client's domain is refused
        TenantId globex = f.tenantNamed("Globex");
        Connection theirs = connectionIn(globex, ConnectionKind.SENDGRID_API, SG_KEY);
        assertThatThrownBy(() -> service.importDomain(f.owner, globex, theirs.id(), "1"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("another client");
        assertThat(service.list(f.owner, globex, theirs.id()))
                .extracting(row -> row.inTenant().isPresent() + " " + row.elsewhere())
                .containsExactly("false true", "false true");
    }

    @Test
    void sendGridFaultsAreSaidInWordsAuditedAndNeverQuoteTheKey() throws Exception {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty(), stub.baseUrl());
        List<String> words = new ArrayList<>();
        Map<Reply, String> faults = new java.util.LinkedHashMap<>();
        faults.put(
                Reply.json(401, "{\"errors\":[{\"field\":null,\"message\":\"authorization required\"}]}"),
                "refused the key (401");
        faults.put(
                Reply.json(403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden for " + SG_KEY + "\"}]}"),
                "lacks the scope whitelabel.read");
        faults.put(
                Reply.json(429, "{\"errors\":[{\"message\":\"too many requests\"}]}")
                        .withHeader("Retry-After", "120"),
                "asks to wait 120 seconds");
        faults.put(Reply.json(500, "{\"errors\":[{\"message\":\"internal error\"}]}"), "server error (500)");
        faults.put(Reply.json(200, "[{\"id\": 1, \"domain\": "), "cannot read");
        for (var e : faults.entrySet()) {
            stub.on("GET", "/v3/whitelabel/domains", r -> e.getKey());
            try {
                service.list(f.editor, f.acme, c.id());
                words.add("no failure for " + e.getValue());
            } catch (ExternalFailure x) {
                words.add(x.getMessage());
                assertThat(x.getMessage()).contains(e.getValue());
            }
        }
        assertThat(waits.get())
                .as("a wait of 2 minutes is the caller's, not a sleep")
                .isZero();

        Connection offline = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty(), "http://127.0.0.1:9");
        assertThatThrownBy(() -> service.list(f.editor, f.acme, offline.id()))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("network is down");

        assertThat(words).hasSize(5).noneMatch(w -> w.contains(SG_KEY.substring(5, 30)));
        assertThat(actions())
                .as("reading the provider's list is not audited")
                .noneMatch(a -> a.startsWith("provider-domain."));

        // a change the provider refuses is audited with its words
        DomainId id = addDomain(f.acme, "example.com");
        stub.on("GET", "/v3/whitelabel/domains", r -> Reply.json(200, "[]"));
        stub.on(
                "POST",
                "/v3/whitelabel/domains",
                r -> Reply.json(403, "{\"errors\":[{\"message\":\"access forbidden for " + SG_KEY + "\"}]}"));
        assertThatThrownBy(() -> service.create(f.editor, f.acme, id, c.id()))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("lacks the scope whitelabel.create")
                .hasMessageNotContaining(SG_KEY);
        List<AuditEntry> refused = f.tx.inTransaction(() -> f.auditStore.all()).stream()
                .filter(a -> a.action().equals("provider-domain.refused"))
                .toList();
        assertThat(refused)
                .singleElement()
                .satisfies(a ->
                        assertThat(a.details()).contains("whitelabel.create").doesNotContain(SG_KEY.substring(5, 30)));
        assertThat(service.link(f.editor, f.acme, id)).isEmpty();
    }

    @Test
    void mailerSendFaultsAndAShortRateLimitIsWaitedOut() {
        Connection c = connection(ConnectionKind.MAILERSEND_API, MS_KEY, Optional.empty(), stub.baseUrl());
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("EmailSendTest_TestInvalidTokenFailsWith401()", 401));
        assertThatThrownBy(() -> service.list(f.editor, f.acme, c.id()))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("MailerSend refused the key (401");
        stub.on("GET", "/v1/domains", r -> Reply.json(403, "{\"message\":\"This action is unauthorized.\"}"));
        assertThatThrownBy(() -> service.list(f.editor, f.acme, c.id()))
                .hasMessageContaining("lacks the scope domains_read");
        stub.on("GET", "/v1/domains", r -> Reply.json(500, "{\"message\":\"Server Error\"}"));
        assertThatThrownBy(() -> service.list(f.editor, f.acme, c.id())).hasMessageContaining("server error (500)");
        stub.on("GET", "/v1/domains", r -> Reply.json(200, "<html>maintenance</html>"));
        assertThatThrownBy(() -> service.list(f.editor, f.acme, c.id()))
                .hasMessageContaining("cannot read")
                .hasMessageContaining("<html>maintenance");

        AtomicInteger calls = new AtomicInteger();
        stub.on(
                "GET",
                "/v1/domains",
                r -> calls.incrementAndGet() == 1
                        ? Reply.json(429, "{\"message\":\"Too Many Attempts.\"}")
                                .withHeader("Retry-After", "2")
                        : Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        assertThat(service.list(f.editor, f.acme, c.id())).hasSize(1);
        assertThat(waits.get()).isEqualTo(1);

        // records outside the domain are never kept
        DomainId id = addDomain(f.acme, "elsewhere-sdk.com");
        stub.on(
                "GET",
                "/v1/domains",
                r -> Reply.json(
                        200,
                        "{\"data\":[{\"id\":\"abc123\",\"name\":\"elsewhere-sdk.com\","
                                + "\"is_verified\":false}],\"links\":{\"next\":null}}"));
        stub.on(
                "GET",
                "/v1/domains/abc123/dns-records",
                r -> Recorded.mailerSend("DomainsTest_DomainDnsRecordsTest()", 200));
        assertThatThrownBy(() -> service.create(f.editor, f.acme, id, c.id()))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("not under elsewhere-sdk.com");
        ProviderDomainLink kept = service.link(f.editor, f.acme, id).orElseThrow();
        assertThat(kept.records()).isEmpty();
        assertThat(domains.plan(f.editor, f.acme, id).of(RecordKind.RETURN_PATH))
                .singleElement()
                .satisfies(r -> assertThat(r.value()).isEqualTo("bounces.relay.example"));
    }

    @Test
    void onlyPeopleWhoManageDomainsAndOnlyInTheirOwnTenant() {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty(), stub.baseUrl());
        DomainId id = addDomain(f.acme, "example.com");
        Actor analyst = f.user("ana@agency.test", "Ana", false, Optional.of(Role.ANALYTICS));
        Actor designer = f.user("dee@agency.test", "Dee", false, Optional.of(Role.DESIGNER));
        for (Actor a : List.of(analyst, designer)) {
            assertThatThrownBy(() -> service.list(a, f.acme, c.id())).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> service.create(a, f.acme, id, c.id())).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> service.pullRecords(a, f.acme, id)).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> service.verify(a, f.acme, id)).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> service.importDomain(a, f.acme, c.id(), "1"))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> service.connections(a, f.acme)).isInstanceOf(PermissionDenied.class);
        }
        assertThat(service.link(analyst, f.acme, id)).isEmpty(); // reading the link is DOMAINS_VIEW

        TenantId globex = f.tenantNamed("Globex");
        assertThat(service.connections(f.owner, globex)).isEmpty();
        assertThatThrownBy(() -> service.list(f.owner, globex, c.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.importDomain(f.owner, globex, c.id(), "1"))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.create(f.owner, globex, id, c.id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.link(f.owner, globex, id)).isInstanceOf(NotFound.class);
        DomainId theirs = addDomain(globex, "globex-sdk.com");
        assertThatThrownBy(() -> service.create(f.owner, globex, theirs, c.id()))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> service.create(f.owner, f.acme, theirs, c.id()))
                .isInstanceOf(NotFound.class);
        assertThat(stub.requests()).isEmpty();
        assertThat(actions()).noneMatch(a -> a.startsWith("provider-domain."));
    }

    // ---- helpers ----

    private DomainId addDomain(TenantId tenant, String name) {
        return domains.add(f.owner, tenant, name, SETTINGS, Set.of(DkimAlgorithm.ED25519))
                .domain()
                .id();
    }

    private List<String> actions() {
        return f.tx.inTransaction(() -> f.auditStore.all()).stream()
                .map(AuditEntry::action)
                .toList();
    }

    private Connection connection(ConnectionKind kind, String key, Optional<String> onBehalfOf, String baseUrl) {
        return f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters))
                .createApi(
                        f.owner,
                        f.acme,
                        new ApiConnectionDraft(
                                kind.label() + " " + baseUrl.hashCode(),
                                SendingEnvironment.PRODUCTION,
                                kind,
                                Optional.of(Secret.of(key)),
                                onBehalfOf,
                                Optional.of(baseUrl),
                                2,
                                0));
    }

    private Connection connectionIn(TenantId tenant, ConnectionKind kind, String key) {
        return f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters))
                .createApi(
                        f.owner,
                        tenant,
                        new ApiConnectionDraft(
                                kind.label(),
                                SendingEnvironment.PRODUCTION,
                                kind,
                                Optional.of(Secret.of(key)),
                                Optional.empty(),
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    // The spec's own example answers.
    private static String createExample() {
        return "/paths/~1v3~1whitelabel~1domains/post/responses/201/content/application~1json/examples/response/value";
    }

    private static String getExample() {
        return "/paths/~1v3~1whitelabel~1domains~1{domain_id}/get/responses/200/content/application~1json/examples"
                + "/response/value";
    }

    private static String validateExample() {
        return "/paths/~1v3~1whitelabel~1domains~1{id}~1validate/post/responses/200/content/application~1json"
                + "/examples/response/value";
    }

    private static String listExample() {
        return "/components/responses/DomainAuthentication200/content/application~1json/schema/example";
    }

    private static String listItem(int i) {
        return listExample() + "/" + i;
    }

    private static String example(String pointer) {
        try (InputStream in = ProviderDomainServiceTest.class.getResourceAsStream(SPEC_FILE)) {
            if (in == null) {
                throw new IllegalStateException("spec missing from the test data: " + SPEC_FILE);
            }
            JsonNode n = JSON.readTree(in).at(pointer);
            if (n.isMissingNode()) {
                throw new IllegalStateException("no example at " + pointer);
            }
            return n.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
