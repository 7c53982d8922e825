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
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.providers.SuppressionPushService;
import dev.mailroom.model.providers.SuppressionPushService.Change;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A suppression added or removed by hand, pushed to the tenant's provider on a loopback stub: SendGrid's
 * requests checked against its OpenAPI specs, MailerSend's as its API documents them; refusals in words,
 * audited, the key never in them; only people who may manage suppressions, only their tenant's connections.
 */
class SuppressionPushTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();
    private static final String DOMAIN = "tryacme.test";
    private static final String SG_KEY = "SG.push-key.abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private ProviderAdapters adapters;
    private SuppressionPushService push;

    @BeforeEach
    void start() throws Exception {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = new ApiStub(r -> r.path().startsWith("/v3/") ? SPEC.violations(r) : List.of());
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)), f.clock, d -> {}, 3, Duration.ofSeconds(30));
        adapters = new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
        push = new SuppressionPushService(
                f.connections, f.endpoints, new ProviderSuppressions(http), f.tenants, f.access, f.audit, f.tx);
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
    void sendGridGetsAGlobalUnsubscribeForAnAddedAddressAndLosesItFromEveryListThatHoldsIt() throws Exception {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY);
        stub.on("POST", "/v3/asm/suppressions/global", r -> Reply.json(201, r.body()));
        assertThat(push.targets(f.editor, f.acme)).extracting(Connection::id).containsExactly(c.id());

        String added = push.push(f.editor, f.acme, c.id(), Change.ADD, DOMAIN, "ann@example.net");

        assertThat(added).startsWith("SendGrid: ann@example.net is a global unsubscribe now");
        JsonNode body = JSON.readTree(stub.requests().get(0).body());
        assertThat(body.path("recipient_emails").get(0).asText()).isEqualTo("ann@example.net");

        String at = "ann%40example.net";
        stub.on(
                "GET",
                "/v3/asm/suppressions/global/" + at,
                r -> Reply.json(200, "{\"recipient_email\":\"ann@example.net\"}"));
        stub.on(
                "GET",
                "/v3/suppression/bounces/" + at,
                r -> Reply.json(
                        200,
                        "[{\"email\":\"ann@example.net\",\"created\":1714815000,\"reason\":\"550 no such user\",\"status\":\"5.1.1\"}]"));
        stub.on("GET", "/v3/suppression/spam_reports/" + at, r -> Reply.json(200, "[]"));
        stub.on("GET", "/v3/suppression/blocks/" + at, r -> Reply.json(200, "[]"));
        stub.on("DELETE", "/v3/asm/suppressions/global/" + at, r -> Reply.json(204, ""));
        stub.on("DELETE", "/v3/suppression/bounces/" + at, r -> Reply.json(204, ""));

        String removed = push.push(f.editor, f.acme, c.id(), Change.REMOVE, DOMAIN, "ann@example.net");

        assertThat(removed).isEqualTo("SendGrid: ann@example.net removed from global unsubscribes, bounces.");
        assertThat(stub.requests())
                .filteredOn(r -> r.method().equals("DELETE"))
                .extracting(ApiStub.Request::path)
                .containsExactly("/v3/asm/suppressions/global/" + at, "/v3/suppression/bounces/" + at);
        assertThat(f.tx.inTransaction(() -> f.auditStore.all()))
                .filteredOn(e -> e.action().equals("suppression.pushed"))
                .hasSize(2);
    }

    @Test
    void aRefusalIsSaidInWordsAuditedAndNeverCarriesTheKey() {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY);
        stub.on(
                "POST",
                "/v3/asm/suppressions/global",
                r -> Reply.json(403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}"));

        assertThatThrownBy(() -> push.push(f.editor, f.acme, c.id(), Change.ADD, DOMAIN, "ann@example.net"))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("asm.suppressions.global.create")
                .hasMessageNotContaining(SG_KEY);
        assertThat(f.tx.inTransaction(() -> f.auditStore.all()))
                .filteredOn(e -> e.action().equals("suppression.push-failed"))
                .singleElement()
                .satisfies(e -> assertThat(e.details().toString()).doesNotContain(SG_KEY));
    }

    @Test
    void mailerSendBlocklistsPerDomainAndDeletesTheEntriesThatHoldTheAddressById() throws Exception {
        Connection c = connection(ConnectionKind.MAILERSEND_API, "mlsn.push-token-0123456789abcdef");
        stub.on(
                "GET",
                "/v1/domains",
                r -> Reply.json(
                        200, "{\"data\":[{\"id\":\"dom42\",\"name\":\"" + DOMAIN + "\"}],\"links\":{\"next\":null}}"));
        stub.on("POST", "/v1/suppressions/blocklist", r -> Reply.json(201, "{\"data\":[]}"));

        assertThat(push.push(f.editor, f.acme, c.id(), Change.ADD, DOMAIN, "ann@example.net"))
                .isEqualTo("MailerSend: ann@example.net is on the blocklist of " + DOMAIN + ".");
        JsonNode added = JSON.readTree(stub.requests().get(1).body());
        assertThat(added.path("domain_id").asText()).isEqualTo("dom42");
        assertThat(added.path("recipients").get(0).asText()).isEqualTo("ann@example.net");

        stub.on(
                "GET",
                "/v1/suppressions/blocklist",
                r -> Reply.json(
                        200,
                        "{\"data\":[{\"id\":\"b1\",\"type\":\"exact\",\"pattern\":\"ann@example.net\"},"
                                + "{\"id\":\"b2\",\"type\":\"exact\",\"pattern\":\"bob@example.net\"}],\"links\":{\"next\":null}}"));
        stub.on(
                "GET",
                "/v1/suppressions/hard-bounces",
                r -> Reply.json(
                        200,
                        "{\"data\":[{\"id\":\"h1\",\"recipient\":{\"email\":\"ANN@example.net\"}}],\"links\":{\"next\":null}}"));
        stub.on(
                "GET",
                "/v1/suppressions/spam-complaints",
                r -> Reply.json(200, "{\"data\":[],\"links\":{\"next\":null}}"));
        stub.on(
                "GET",
                "/v1/suppressions/unsubscribes",
                r -> Reply.json(200, "{\"data\":[],\"links\":{\"next\":null}}"));
        stub.on("DELETE", "/v1/suppressions/blocklist", r -> Reply.json(200, "{\"message\":\"ok\"}"));
        stub.on("DELETE", "/v1/suppressions/hard-bounces", r -> Reply.json(200, "{\"message\":\"ok\"}"));

        String removed = push.push(f.editor, f.acme, c.id(), Change.REMOVE, DOMAIN, "ann@example.net");

        assertThat(removed).isEqualTo("MailerSend: ann@example.net removed from blocklist, hard bounces.");
        List<ApiStub.Request> deletes = stub.requests().stream()
                .filter(r -> r.method().equals("DELETE"))
                .toList();
        assertThat(deletes)
                .extracting(ApiStub.Request::path)
                .containsExactly("/v1/suppressions/blocklist", "/v1/suppressions/hard-bounces");
        assertThat(JSON.readTree(deletes.get(0).body()).path("ids").toString()).isEqualTo("[\"b1\"]");
        assertThat(JSON.readTree(deletes.get(1).body()).path("ids").toString()).isEqualTo("[\"h1\"]");
        assertThat(stub.requests())
                .filteredOn(r -> r.method().equals("GET") && r.path().startsWith("/v1/suppressions/"))
                .allSatisfy(r -> assertThat(r.query()).containsEntry("domain_id", "dom42"));
    }

    @Test
    void onlyPeopleWhoManageSuppressionsPushAndOnlyToTheirTenantsProviderConnections() {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY);
        Actor analyst = f.user("ana@agency.test", "Ana", false, Optional.of(Role.ANALYTICS));
        assertThatThrownBy(() -> push.push(analyst, f.acme, c.id(), Change.ADD, DOMAIN, "ann@example.net"))
                .isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> push.targets(analyst, f.acme)).isInstanceOf(PermissionDenied.class);

        var globex = f.tenantNamed("Globex");
        assertThatThrownBy(() -> push.push(f.owner, globex, c.id(), Change.ADD, DOMAIN, "ann@example.net"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("no such connection");
        assertThat(push.targets(f.owner, globex)).isEmpty();

        Connection relay = f.localRelay("Relay", 2525, 1, 0);
        assertThatThrownBy(() -> push.push(f.editor, f.acme, relay.id(), Change.ADD, DOMAIN, "ann@example.net"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("SMTP relay");
        assertThat(push.targets(f.editor, f.acme)).extracting(Connection::id).containsExactly(c.id());
        assertThat(stub.requests()).isEmpty();
    }

    private Connection connection(ConnectionKind kind, String key) {
        return f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters))
                .createApi(
                        f.owner,
                        f.acme,
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
}
