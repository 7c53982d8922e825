package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.providers.SuppressionImport;
import dev.mailroom.model.providers.SuppressionSyncService;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionReason;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider's suppression lists into a tenant's suppressions on real H2: MailerSend's recorded lists,
 * SendGrid's lists as its spec's examples give them (every SendGrid request checked against the spec).
 */
class SuppressionSyncTest {
    static final String MS_KEY = "mlsn.suppsuppsuppsuppsuppsuppsuppsuppsuppsuppsuppsuppsuppsuppsupp";
    static final String SG_KEY = "SG.suppsuppsuppsuppsupp.SUPPSUPPSUPPSUPPSUPPSUPPSUPPSUPPSUPPSUPP0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private JooqDomainStore domains;
    private SuppressionSyncService sync;

    @BeforeEach
    void start() throws Exception {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = new ApiStub(r -> r.path().startsWith("/v3/") ? SPEC.violations(r) : List.of());
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)), f.clock, d -> {}, 3, Duration.ofSeconds(30));
        domains = new JooqDomainStore(f.tx);
        sync = new SuppressionSyncService(
                f.connections,
                f.tenants,
                domains,
                f.cipher,
                f.suppressions,
                new ProviderSuppressions(http),
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

    @AfterAll
    static void report() {
        System.out.println("Suppression import: SendGrid spec operations exercised " + SPEC.exercised());
    }

    private void domain(TenantId tenant, String name) {
        f.tx.run(() -> domains.insert(
                tenant,
                DomainName.parse(name),
                RecordPlanSettings.builtIn("include:_spf.example", "bounces.example"),
                SendingFixture.T0));
    }

    private Connection connection(TenantId tenant, ConnectionKind kind, String key) {
        RateLimitWaits http = new RateLimitWaits(ApiCall.defaults(), f.clock, d -> {}, 0, Duration.ZERO);
        return f.connectionService(new RoutingProbe(
                        new SmtpProbe(SmtpSettings.system()),
                        new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http))))
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

    private SuppressionImport importNow(Connection c) {
        return sync.importNow(f.owner, c.tenant(), c.id(), p -> {}, new Cancellation());
    }

    /** The recorded answer of MailerSend's list whose links name {@code list}. */
    private static Reply recordedList(String list) {
        return Recorded.mailerSend("RecpientsSuppressionListsTest_TestGetFromSuppressionLists()").stream()
                .filter(r -> r.status() == 200 && r.body().contains("suppressions\\/" + list + "?"))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void mailerSendListsBecomeTheTenantsSuppressionsOnce() {
        domain(f.acme, "tryacme.com");
        for (String list : List.of("hard-bounces", "spam-complaints", "unsubscribes", "blocklist")) {
            stub.on("GET", "/v1/suppressions/" + list, r -> recordedList(list));
        }
        Connection c = connection(f.acme, ConnectionKind.MAILERSEND_API, MS_KEY);

        SuppressionImport first = importNow(c);

        // hard bounces: none; complaints: test@example.com (test-sdk.com); unsubscribes: the same address;
        // blocklist: three exact addresses for the whole account (→ the tenant's one domain) and one pattern
        assertThat(first.error()).isEmpty();
        assertThat(first.pages()).isEqualTo(4);
        assertThat(first.added()).isEqualTo(4);
        assertThat(first.already()).isEqualTo(1);
        assertThat(first.skipped()).isEqualTo(1);
        // The unsubscribe of an address already suppressed for its complaint: kept as a complaint, and said.
        assertThat(first.differing()).isEqualTo(1);
        assertThat(first.differences())
                .containsExactly(new SuppressionImport.Difference(
                        "test@example.com",
                        "test-sdk.com",
                        SuppressionReason.COMPLAINT,
                        SuppressionReason.UNSUBSCRIBE));
        Suppression complaint = f.tx.inTransaction(
                        () -> f.suppressions.find(f.acme, "test-sdk.com", "test@example.com"))
                .orElseThrow();
        assertThat(complaint.reason()).isEqualTo(SuppressionReason.COMPLAINT);
        assertThat(complaint.since()).isEqualTo(Instant.parse("2022-06-07T17:48:05.783Z"));
        assertThat(complaint.note()).startsWith("From MailerSend API: spam complaint");
        assertThat(f.tx.inTransaction(() -> f.suppressions.list(f.acme, "tryacme.com")))
                .extracting(Suppression::address)
                .containsExactlyInAnyOrder("test@example.com", "john@mailerlite.com", "bcc@test-sdk.com");
        ApiStub.Request r = stub.requests().get(0);
        assertThat(r.path()).isEqualTo("/v1/suppressions/hard-bounces");
        assertThat(r.query()).containsEntry("page", "1").containsEntry("limit", "100");
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + MS_KEY);

        SuppressionImport again = importNow(c);
        assertThat(again.added()).isZero();
        assertThat(again.already()).isEqualTo(5);
        assertThat(again.words())
                .isEqualTo("\"MailerSend API\": 0 suppressions added, 5 already on the list, 1 unusable"
                        + " left out (patterns, no address). 1 address is suppressed here for another reason than"
                        + " the provider's, kept as they were: test@example.com (test-sdk.com): complaint here,"
                        + " unsubscribe at MailerSend API.");
    }

    @Test
    void anotherTenantGetsNothing() {
        domain(f.acme, "tryacme.com");
        TenantId globex = f.tenantNamed("Globex");
        domain(globex, "globex.com");
        for (String list : List.of("hard-bounces", "spam-complaints", "unsubscribes", "blocklist")) {
            stub.on("GET", "/v1/suppressions/" + list, r -> recordedList(list));
        }
        importNow(connection(f.acme, ConnectionKind.MAILERSEND_API, MS_KEY));

        assertThat(f.tx.inTransaction(() -> f.suppressions.list(globex, "globex.com")))
                .isEmpty();
        assertThat(f.tx.inTransaction(() -> f.suppressions.list(globex, "test-sdk.com")))
                .isEmpty();
    }

    private static String specExample(String list) throws Exception {
        try (InputStream in = SuppressionSyncTest.class.getResourceAsStream(
                "/fixtures/provider-api-sendgrid/tsg_suppressions_v3.json")) {
            JsonNode spec = JSON.readTree(in);
            return JSON.writeValueAsString(spec.at("/paths/~1v3~1suppression~1" + list
                    + "/get/responses/200/content/application~1json/examples/response/value"));
        }
    }

    @Test
    void sendGridAccountListsGoToEachSendingDomainOfTheTenant() throws Exception {
        domain(f.acme, "tryacme.com");
        domain(f.acme, "news.tryacme.com");
        for (String list : List.of("bounces", "spam_reports", "unsubscribes", "blocks")) {
            String example = specExample(list);
            stub.on("GET", "/v3/suppression/" + list, r -> Reply.json(200, example));
        }
        Connection c = connection(f.acme, ConnectionKind.SENDGRID_API, SG_KEY);

        SuppressionImport r = importNow(c);

        assertThat(r.error()).isEmpty();
        assertThat(r.pages()).isEqualTo(4);
        assertThat(r.added()).isPositive();
        Suppression bounce = f.tx.inTransaction(() -> f.suppressions.find(f.acme, "tryacme.com", "example@example.com"))
                .orElseThrow();
        assertThat(bounce.reason()).isEqualTo(SuppressionReason.HARD_BOUNCE);
        assertThat(bounce.note()).startsWith("From SendGrid API: bounce (550 5.1.1");
        assertThat(f.tx.inTransaction(() -> f.suppressions.find(f.acme, "news.tryacme.com", "example@example.com")))
                .isPresent();
        assertThat(stub.requests().get(0).query()).containsEntry("limit", "500").containsEntry("offset", "0");
        assertThat(SPEC.exercised()).contains("GET /v3/suppression/bounces", "GET /v3/suppression/blocks");
        assertThat(importNow(c).added()).isZero();
    }

    @Test
    void aKeyWithoutTheScopeIsToldWhichOne() {
        domain(f.acme, "tryacme.com");
        stub.on(
                "GET",
                "/v3/suppression/bounces",
                r -> Reply.json(403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}"));

        SuppressionImport r = importNow(connection(f.acme, ConnectionKind.SENDGRID_API, SG_KEY));

        assertThat(r.error())
                .get()
                .asString()
                .startsWith("The key lacks the scope suppression.read (SendGrid answered 403");
        assertThat(r.added()).isZero();
    }

    @Test
    void aTenantWithoutDomainsIsToldTheAccountWideEntriesWaited() throws Exception {
        for (String list : List.of("bounces", "spam_reports", "unsubscribes", "blocks")) {
            String example = specExample(list);
            stub.on("GET", "/v3/suppression/" + list, r -> Reply.json(200, example));
        }
        SuppressionImport r = importNow(connection(f.acme, ConnectionKind.SENDGRID_API, SG_KEY));
        assertThat(r.added()).isZero();
        assertThat(r.noDomain()).isPositive();
        assertThat(r.words()).contains("not applied (this client has no sending domain yet)");
    }
}
