package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
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
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.providers.KeyPreset;
import dev.mailroom.model.providers.ProviderKey;
import dev.mailroom.model.providers.ProviderKeyId;
import dev.mailroom.model.providers.ProviderKeyService;
import dev.mailroom.model.providers.ProviderKeyStore;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.providers.JooqProviderKeyStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Scoped keys for a client's application, made, rotated and revoked at a provider on a loopback stub (H2):
 * SendGrid's requests checked against its published API keys spec, MailerSend's as its docs show them. The
 * new secret is returned once and is nowhere else: not in the audit, the logs, the words of a refusal or
 * the store file.
 */
class ProviderKeyServiceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();
    private static final String SG_KEY = "SG.parent-key-0001.PARENTKEYPARENTKEYPARENTKEYPARENTKEY01";
    private static final String MS_KEY = "mlsn.parenttokenparenttokenparenttokenparenttoken0002";
    private static final String NEW_SG = "SG.newkeyid-00000000000001.NEWSECRETNEWSECRETNEWSECRETNEWSECRET01";
    private static final String NEW_MS = "mlsn.newtokennewtokennewtokennewtokennewtokennewtoken0003";

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private ProviderAdapters adapters;
    private ProviderKeyService keys;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level rootLevel;
    private boolean closed;

    @BeforeEach
    void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logged.start();
        root.addAppender(logged);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = new ApiStub(r -> r.path().startsWith("/v3/") ? SPEC.violations(r) : List.of());
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)), f.clock, d -> {}, 3, Duration.ofSeconds(30));
        adapters = new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
        keys = new ProviderKeyService(
                new JooqProviderKeyStore(f.tx),
                f.connections,
                f.endpoints,
                new ProviderKeyAdapters(http),
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    @AfterEach
    void stop() {
        stub.close();
        if (!closed) {
            store.close();
        }
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logged);
        root.setLevel(rootLevel);
        assertThat(stub.violations())
                .as("requests outside SendGrid's OpenAPI specs")
                .isEmpty();
    }

    @Test
    void sendGridKeyIsMadeWithThePresetsScopesShownOnceRotatedWithAGraceAndRevoked() throws Exception {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.of("acme-sub"));
        AtomicInteger made = new AtomicInteger();
        stub.on("POST", "/v3/api_keys", r -> {
            int n = made.incrementAndGet();
            JsonNode asked = parse(r.body());
            return Reply.json(
                    201,
                    "{\"api_key\":\"" + NEW_SG.replace("01", "0" + n) + "\",\"api_key_id\":\"keyid-" + n
                            + "\",\"name\":" + asked.path("name") + ",\"scopes\":" + asked.path("scopes") + "}");
        });
        stub.on("DELETE", "/v3/api_keys/keyid-1", r -> Reply.json(204, ""));

        List<String> scopes = KeyPreset.SEND_AND_STATS.scopes(ConnectionKind.SENDGRID_API);
        ProviderKeyService.NewKey first =
                keys.create(f.editor, f.acme, c.id(), "Acme web shop", scopes, Optional.empty());

        assertThat(first.secret().reveal()).isEqualTo(NEW_SG);
        assertThat(first.key().providerKeyId()).isEqualTo("keyid-1");
        assertThat(first.key().scopes()).containsExactly("mail.send", "stats.read", "stats.global.read");
        assertThat(first.key().state()).isEqualTo(ProviderKey.State.ACTIVE);
        assertThat(first.key().provider()).isEqualTo(ConnectionKind.SENDGRID_API);
        ApiStub.Request create = stub.requests().get(0);
        assertThat(create.header("authorization")).isEqualTo("Bearer " + SG_KEY);
        assertThat(create.header("on-behalf-of")).isEqualTo("acme-sub");
        assertThat(parse(create.body()).path("scopes").toString())
                .isEqualTo("[\"mail.send\",\"stats.read\",\"stats.global.read\"]");

        f.clock.advance(Duration.ofDays(30));
        ProviderKeyService.NewKey second =
                keys.rotate(f.editor, f.acme, first.key().id());

        assertThat(second.key().providerKeyId()).isEqualTo("keyid-2");
        assertThat(second.key().scopes()).isEqualTo(first.key().scopes());
        assertThat(second.key().name()).isEqualTo("Acme web shop");
        assertThat(second.key().rotatedAt()).contains(f.clock.instant());
        List<ProviderKey> listed = keys.list(f.editor, f.acme);
        assertThat(listed)
                .extracting(ProviderKey::state)
                .containsExactly(ProviderKey.State.ACTIVE, ProviderKey.State.ROTATING);
        assertThat(listed.get(1).graceEndsAt()).contains(f.clock.instant().plus(ProviderKeyService.GRACE));
        assertThat(keys.finishRotations(f.editor, f.acme))
                .as("grace not over yet")
                .isZero();

        f.clock.advance(ProviderKeyService.GRACE);
        assertThat(keys.finishRotations(f.editor, f.acme)).isEqualTo(1);

        assertThat(keys.list(f.editor, f.acme))
                .extracting(ProviderKey::state)
                .containsExactly(ProviderKey.State.ACTIVE, ProviderKey.State.REVOKED);
        ApiStub.Request delete = stub.requests().get(stub.requests().size() - 1);
        assertThat(delete.method() + " " + delete.path()).isEqualTo("DELETE /v3/api_keys/keyid-1");
        assertThat(delete.header("on-behalf-of")).isEqualTo("acme-sub");

        stub.on("DELETE", "/v3/api_keys/keyid-2", r -> Reply.json(204, ""));
        assertThat(keys.revoke(f.editor, f.acme, second.key().id()).state()).isEqualTo(ProviderKey.State.REVOKED);
        assertThat(SPEC.exercised()).contains("POST /v3/api_keys", "DELETE /v3/api_keys/{api_key_id}");

        assertThat(f.tx.inTransaction(() -> f.auditStore.all()))
                .extracting(e -> e.action())
                .contains("provider-key.created", "provider-key.rotated", "provider-key.revoked");
        assertSecretsNowhere(List.of(), first.secret().reveal(), second.secret().reveal());
    }

    @Test
    void aRevokeOldNowEndsTheGraceAtOnceAndAKeyTheProviderNoLongerKnowsCountsAsRevoked() throws Exception {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty());
        AtomicInteger made = new AtomicInteger();
        stub.on("POST", "/v3/api_keys", r -> {
            int n = made.incrementAndGet();
            return Reply.json(
                    201,
                    "{\"api_key\":\"SG.x" + n + ".secret\",\"api_key_id\":\"k" + n
                            + "\",\"name\":\"App\",\"scopes\":[\"mail.send\"]}");
        });
        stub.on(
                "DELETE",
                "/v3/api_keys/k1",
                r -> Reply.json(404, "{\"errors\":[{\"field\":null,\"message\":\"unable to find API Key\"}]}"));
        var first = keys.create(f.editor, f.acme, c.id(), "App", List.of("mail.send"), Optional.empty());
        keys.rotate(f.editor, f.acme, first.key().id());

        assertThat(keys.revoke(f.editor, f.acme, first.key().id()).state()).isEqualTo(ProviderKey.State.REVOKED);
        assertThatThrownBy(() -> keys.rotate(f.editor, f.acme, first.key().id()))
                .hasMessageContaining("only an active key can be rotated");
    }

    @Test
    void aKeyLackingTheKeyManagementScopeIsToldInWordsAuditedAndNothingIsKept() throws Exception {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty());
        stub.on(
                "POST",
                "/v3/api_keys",
                r -> Reply.json(
                        403,
                        "{\"errors\":[{\"field\":null,\"message\":\"access forbidden for key " + SG_KEY + "\"}]}"));

        assertThatThrownBy(() -> keys.create(f.editor, f.acme, c.id(), "Shop", List.of("mail.send"), Optional.empty()))
                .isInstanceOf(ExternalFailure.class)
                .hasMessageContaining("lacks the scope api_keys.create")
                .hasMessageNotContaining(SG_KEY);
        assertThat(keys.list(f.editor, f.acme)).isEmpty();
        assertThat(f.tx.inTransaction(() -> f.auditStore.all()))
                .filteredOn(e -> e.action().equals("provider-key.create-failed"))
                .singleElement()
                .satisfies(e -> assertThat(e.details().toString())
                        .contains("api_keys.create")
                        .doesNotContain(SG_KEY));
    }

    @Test
    void aKeyMailroomCouldNotRecordIsTakenBackAtTheProvider() throws Exception {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty());
        stub.on(
                "POST",
                "/v3/api_keys",
                r -> Reply.json(
                        201, "{\"api_key\":\"" + NEW_SG + "\",\"api_key_id\":\"lost1\",\"scopes\":[\"mail.send\"]}"));
        stub.on("DELETE", "/v3/api_keys/lost1", r -> Reply.json(204, ""));
        JooqProviderKeyStore real = new JooqProviderKeyStore(f.tx);
        ProviderKeyStore failing = new ProviderKeyStore() {
            @Override
            public ProviderKeyId insert(
                    dev.mailroom.model.common.TenantId tenant,
                    dev.mailroom.model.sending.ConnectionId connection,
                    ConnectionKind provider,
                    String providerKeyId,
                    String name,
                    Optional<String> domain,
                    List<String> scopes,
                    java.time.Instant createdAt,
                    Optional<java.time.Instant> rotatedAt) {
                throw new IllegalStateException("the disk is full");
            }

            @Override
            public List<ProviderKey> list(dev.mailroom.model.common.TenantId tenant) {
                return real.list(tenant);
            }

            @Override
            public Optional<ProviderKey> find(dev.mailroom.model.common.TenantId tenant, ProviderKeyId id) {
                return real.find(tenant, id);
            }

            @Override
            public void markRotating(
                    dev.mailroom.model.common.TenantId tenant, ProviderKeyId id, java.time.Instant at) {
                real.markRotating(tenant, id, at);
            }

            @Override
            public void markRevoked(dev.mailroom.model.common.TenantId tenant, ProviderKeyId id, java.time.Instant at) {
                real.markRevoked(tenant, id, at);
            }
        };
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)), f.clock, d -> {}, 3, Duration.ofSeconds(30));
        ProviderKeyService unlucky = new ProviderKeyService(
                failing,
                f.connections,
                f.endpoints,
                new ProviderKeyAdapters(http),
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                f.clock);

        assertThatThrownBy(
                        () -> unlucky.create(f.editor, f.acme, c.id(), "Shop", List.of("mail.send"), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining(NEW_SG);
        assertThat(stub.requests())
                .extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /v3/api_keys", "DELETE /v3/api_keys/lost1");
    }

    @Test
    void mailerSendTokenIsBoundToTheDomainsIdAndRevokedById() throws Exception {
        Connection c = connection(ConnectionKind.MAILERSEND_API, MS_KEY, Optional.empty());
        stub.on(
                "GET",
                "/v1/domains",
                r -> Reply.json(
                        200, "{\"data\":[{\"id\":\"dom7\",\"name\":\"tryacme.test\"}],\"links\":{\"next\":null}}"));
        // As MailerSend's "Create a token" documents its answer.
        stub.on(
                "POST",
                "/v1/token",
                r -> Reply.json(
                        201,
                        "{\"data\":{\"id\":\"tok123\",\"accessToken\":\"" + NEW_MS
                                + "\",\"name\":\"Acme app\",\"status\":\"unpaused\",\"created_at\":\"2026-05-04T09:00:00.000000Z\"}}"));
        stub.on("DELETE", "/v1/token/tok123", r -> Reply.json(200, ""));

        assertThatThrownBy(() ->
                        keys.create(f.editor, f.acme, c.id(), "Acme app", List.of("email_full"), Optional.empty()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("domain");

        List<String> scopes = KeyPreset.SEND_ONLY.scopes(ConnectionKind.MAILERSEND_API);
        var made = keys.create(f.editor, f.acme, c.id(), "Acme app", scopes, Optional.of("tryacme.test"));

        assertThat(made.secret().reveal()).isEqualTo(NEW_MS);
        assertThat(made.key().providerKeyId()).isEqualTo("tok123");
        assertThat(made.key().scopes()).containsExactly("email_full");
        assertThat(made.key().domain()).contains("tryacme.test");
        ApiStub.Request post = stub.requests().stream()
                .filter(r -> r.method().equals("POST"))
                .findFirst()
                .orElseThrow();
        JsonNode body = parse(post.body());
        assertThat(body.path("name").asText()).isEqualTo("Acme app");
        assertThat(body.path("domain_id").asText()).isEqualTo("dom7");
        assertThat(body.path("scopes").toString()).isEqualTo("[\"email_full\"]");
        assertThat(post.header("authorization")).isEqualTo("Bearer " + MS_KEY);

        keys.revoke(f.editor, f.acme, made.key().id());
        assertThat(stub.requests().get(stub.requests().size() - 1).path()).isEqualTo("/v1/token/tok123");
        assertThat(keys.list(f.editor, f.acme)).singleElement().satisfies(k -> {
            assertThat(k.state()).isEqualTo(ProviderKey.State.REVOKED);
            assertThat(k.revokedAt()).contains(f.clock.instant());
        });
        assertSecretsNowhere(List.of(), NEW_MS);
    }

    @Test
    void mailerSendWithoutTokensFullNamesTheScopeAndAnUnreadableAnswerIsNotQuoted() throws Exception {
        Connection c = connection(ConnectionKind.MAILERSEND_API, MS_KEY, Optional.empty());
        stub.on(
                "GET",
                "/v1/domains",
                r -> Reply.json(
                        200, "{\"data\":[{\"id\":\"dom7\",\"name\":\"tryacme.test\"}],\"links\":{\"next\":null}}"));
        stub.on("POST", "/v1/token", r -> Reply.json(403, "{\"message\":\"This action is unauthorized.\"}"));
        List<String> words = new ArrayList<>();
        try {
            keys.create(f.editor, f.acme, c.id(), "App", List.of("email_full"), Optional.of("tryacme.test"));
        } catch (ExternalFailure e) {
            words.add(e.getMessage());
        }
        assertThat(words).singleElement().asString().contains("tokens_full");

        stub.on("POST", "/v1/token", r -> Reply.json(201, "{\"data\":{\"accessToken\":\"" + NEW_MS + "\""));
        try {
            keys.create(f.editor, f.acme, c.id(), "App", List.of("email_full"), Optional.of("tryacme.test"));
        } catch (ExternalFailure e) {
            words.add(e.getMessage());
        }
        assertThat(words).hasSize(2);
        assertThat(keys.list(f.editor, f.acme)).isEmpty();
        assertSecretsNowhere(words, NEW_MS);
    }

    @Test
    void onlyPeopleWhoManageCredentialsAndOnlyInTheirOwnTenant() throws Exception {
        Connection c = connection(ConnectionKind.SENDGRID_API, SG_KEY, Optional.empty());
        stub.on(
                "POST",
                "/v3/api_keys",
                r -> Reply.json(201, "{\"api_key\":\"SG.a.b\",\"api_key_id\":\"k1\",\"scopes\":[\"mail.send\"]}"));
        var made = keys.create(f.owner, f.acme, c.id(), "App", List.of("mail.send"), Optional.empty());
        int requests = stub.requests().size();

        Actor analyst = f.user("ana@agency.test", "Ana", false, Optional.of(Role.ANALYTICS));
        assertThatThrownBy(() -> keys.list(analyst, f.acme)).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> keys.create(analyst, f.acme, c.id(), "X", List.of("mail.send"), Optional.empty()))
                .isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> keys.revoke(analyst, f.acme, made.key().id())).isInstanceOf(PermissionDenied.class);
        assertThatThrownBy(() -> keys.rotate(analyst, f.acme, made.key().id())).isInstanceOf(PermissionDenied.class);

        var globex = f.tenantNamed("Globex");
        assertThat(keys.list(f.owner, globex)).isEmpty();
        assertThat(keys.connections(f.owner, globex)).isEmpty();
        assertThatThrownBy(() -> keys.revoke(f.owner, globex, made.key().id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> keys.rotate(f.owner, globex, made.key().id())).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> keys.create(f.owner, globex, c.id(), "X", List.of("mail.send"), Optional.empty()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("no such connection");
        assertThatThrownBy(() -> keys.create(f.owner, f.acme, c.id(), "X", List.of(), Optional.empty()))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> keys.create(f.owner, f.acme, c.id(), " ", List.of("mail.send"), Optional.empty()))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> keys.create(f.owner, f.acme, c.id(), "X", List.of("mail send;"), Optional.empty()))
                .isInstanceOf(InvalidInput.class);
        assertThat(stub.requests()).hasSize(requests);
        assertThat(keys.list(f.editor, f.acme)).hasSize(1);
    }

    private void assertSecretsNowhere(List<String> words, String... secrets) throws IOException {
        String audit = f.tx.inTransaction(() -> f.auditStore.all()).toString();
        List<String> logs = new ArrayList<>();
        for (ILoggingEvent e : logged.list) {
            logs.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                logs.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        String listed = keys.list(f.owner, f.acme).toString();
        store.close();
        closed = true;
        for (String s : secrets) {
            String middle = s.substring(5, Math.min(s.length(), 30));
            assertThat(audit).as("the audit").doesNotContain(middle);
            assertThat(listed).as("the key list").doesNotContain(middle);
            assertThat(logs).as("log lines").noneMatch(l -> l.contains(middle));
            assertThat(words).as("words shown to people").noneMatch(w -> w.contains(middle));
            assertThat(storeFilesContain(middle)).as("the raw store files").isFalse();
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connection(ConnectionKind kind, String key, Optional<String> onBehalfOf) {
        return f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters))
                .createApi(
                        f.owner,
                        f.acme,
                        new ApiConnectionDraft(
                                kind.label(),
                                SendingEnvironment.PRODUCTION,
                                kind,
                                Optional.of(Secret.of(key)),
                                onBehalfOf,
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    private boolean storeFilesContain(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] hay = Files.readAllBytes(p);
                outer:
                for (int i = 0; i + needle.length <= hay.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (hay[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }
}
