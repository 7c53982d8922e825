package dev.mailroom.persistence.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Provider API connections (MailerSend, SendGrid) stored beside SMTP relays: sealed keys, roles, audit, tenants. */
class ApiConnectionServiceTest {
    private static final String SG_KEY = "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";
    private static final String MS_TOKEN = "mlsn.3b1f5e0c2d9a8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f";

    @TempDir
    Path dir;

    private final List<SmtpEndpoint> probed = new ArrayList<>();

    private ConnectionService service(SendingFixture f) {
        return f.connectionService(endpoint -> {
            probed.add(endpoint);
            return new ProbeReport(true, "The key works.", List.of("mail.send"));
        });
    }

    static ApiConnectionDraft sendgrid(String name, String key, String subuser) {
        return new ApiConnectionDraft(
                name,
                SendingEnvironment.PRODUCTION,
                ConnectionKind.SENDGRID_API,
                Optional.ofNullable(key).map(Secret::of),
                Optional.ofNullable(subuser),
                Optional.empty(),
                4,
                0);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anApiConnectionIsStoredSealedRevealedOnlyWithTheRightAndAudited(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            ConnectionService connections = service(f);
            Actor designer = f.user("des@agency.test", "Dee Designer", false, Optional.of(Role.DESIGNER));

            Connection c = connections.createApi(f.editor, f.acme, sendgrid(" SendGrid  prod ", SG_KEY, "acme-sub"));
            assertThat(c.kind()).isEqualTo(ConnectionKind.SENDGRID_API);
            assertThat(c.name()).isEqualTo("SendGrid prod");
            assertThat(c.hasPassword()).isTrue();
            assertThat(c.onBehalfOf()).contains("acme-sub");
            assertThat(c.baseUrl()).contains("https://api.sendgrid.com");
            assertThat(c.address()).isEqualTo("SendGrid API (subuser acme-sub)");
            assertThat(c.toString()).doesNotContain(SG_KEY);

            assertThatThrownBy(() -> connections.createApi(designer, f.acme, sendgrid("Other", SG_KEY, null)))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> connections.revealPassword(designer, f.acme, c.id()))
                    .isInstanceOf(PermissionDenied.class);
            assertThat(connections.revealPassword(f.editor, f.acme, c.id()).reveal())
                    .isEqualTo(SG_KEY);

            // Editing without a key keeps the stored one; the subuser can be dropped.
            Connection edited = connections.updateApi(f.editor, f.acme, c.id(), sendgrid("SendGrid prod", null, null));
            assertThat(edited.onBehalfOf()).isEmpty();
            assertThat(connections.revealPassword(f.owner, f.acme, c.id()).reveal())
                    .isEqualTo(SG_KEY);

            // The kind stays: an SMTP edit of an API connection, or a MailerSend edit, is refused.
            assertThatThrownBy(() -> connections.update(
                            f.editor,
                            f.acme,
                            c.id(),
                            SendingFixture.draft(
                                    "X", "smtp.example.com", 587, SmtpSecurity.STARTTLS_REQUIRED, "", null)))
                    .isInstanceOf(Conflict.class);
            assertThatThrownBy(() -> connections.updateApi(
                            f.editor,
                            f.acme,
                            c.id(),
                            new ApiConnectionDraft(
                                    "X",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.MAILERSEND_API,
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    4,
                                    0)))
                    .isInstanceOf(Conflict.class)
                    .hasMessageContaining("add a new connection for MailerSend API");

            // "Test connection" hands the adapter the decrypted key in an API endpoint; it prints masked.
            assertThat(connections.test(f.editor, f.acme, c.id()).ok()).isTrue();
            assertThat(probed).singleElement().satisfies(e -> {
                assertThat(e.viaApi()).isTrue();
                assertThat(e.api().orElseThrow().key()).isEqualTo(Secret.of(SG_KEY));
                assertThat(e.api().orElseThrow().baseUrl()).isEqualTo("https://api.sendgrid.com");
                assertThat(e.password()).isEmpty();
                assertThat(e.toString()).doesNotContain(SG_KEY);
            });

            List<AuditEntry> trail = store.transactions().inTransaction(f.auditStore::all);
            assertThat(trail)
                    .extracting(AuditEntry::action)
                    .containsExactly(
                            "connection.created",
                            "connection.key-revealed",
                            "connection.updated",
                            "connection.key-revealed");
            assertThat(trail)
                    .allSatisfy(e -> assertThat(e.details() + e.target()).doesNotContain(SG_KEY));
            assertThat(trail.get(0).details()).contains("kind: SendGrid API").contains("on behalf of: acme-sub");
            assertThat(trail.get(2).details()).contains("on behalf of: acme-sub → —");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aKeyOfOneTenantIsNeverVisibleInAnother(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            ConnectionService connections = service(f);
            TenantId globex = f.tenantNamed("Globex");
            Connection c = connections.createApi(f.owner, f.acme, sendgrid("SendGrid", SG_KEY, null));
            assertThat(connections.list(f.owner, globex)).isEmpty();
            assertThatThrownBy(() -> connections.revealPassword(f.owner, globex, c.id()))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> connections.test(f.owner, globex, c.id())).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> connections.updateApi(f.owner, globex, c.id(), sendgrid("Mine", null, null)))
                    .isInstanceOf(NotFound.class);
            assertThat(probed).isEmpty();
        }
    }

    @Test
    void badInputIsReportedPerField() {
        ApiConnectionDraft bad = new ApiConnectionDraft(
                "",
                null,
                ConnectionKind.SENDGRID_API,
                Optional.of(Secret.of("not-a-sendgrid-key")),
                Optional.of("bad name!"),
                Optional.of("http://api.example.com"),
                0,
                -1);
        assertThatThrownBy(bad::validated)
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems())
                                .containsOnlyKeys(
                                        "name",
                                        "environment",
                                        "key",
                                        "onBehalfOf",
                                        "baseUrl",
                                        "maxRequests",
                                        "ratePerSecond"));
        ApiConnectionDraft mailersendSubuser = new ApiConnectionDraft(
                "MS",
                SendingEnvironment.STAGING,
                ConnectionKind.MAILERSEND_API,
                Optional.of(Secret.of(MS_TOKEN + " x")),
                Optional.of("someone"),
                Optional.of("http://127.0.0.1:8080/"),
                4,
                0);
        assertThatThrownBy(mailersendSubuser::validated).isInstanceOfSatisfying(InvalidInput.class, e -> {
            assertThat(e.problems()).containsOnlyKeys("key", "onBehalfOf");
            assertThat(e.problems().get("key")).contains("spaces").doesNotContain(MS_TOKEN);
            assertThat(e.problems().get("onBehalfOf")).contains("MailerSend API has no subusers");
        });
        assertThatThrownBy(() -> new ConnectionServiceFixtureFree().noKey())
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("API token");
    }

    /** Creating an API connection without a key is refused before the store is touched. */
    private static final class ConnectionServiceFixtureFree {
        void noKey() {
            new ConnectionService(null, null, null, null, null, null, null, null)
                    .createApi(
                            null,
                            new TenantId(1),
                            new ApiConnectionDraft(
                                    "MS",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.MAILERSEND_API,
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    4,
                                    0));
        }
    }

    @Test
    void theRawDatabaseFileHoldsNoKey() throws Exception {
        try (Store store = Backend.H2.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            service(f).createApi(f.owner, f.acme, sendgrid("SendGrid", SG_KEY, "acme-sub"));
            service(f)
                    .createApi(
                            f.owner,
                            f.acme,
                            new ApiConnectionDraft(
                                    "MailerSend",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.MAILERSEND_API,
                                    Optional.of(Secret.of(MS_TOKEN)),
                                    Optional.empty(),
                                    Optional.empty(),
                                    4,
                                    0));
            store.dsl().execute("checkpoint sync");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        boolean sawSubuser = false;
        for (Path p : files) {
            String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            for (String secret : List.of(SG_KEY, MS_TOKEN, SG_KEY.substring(3, 25), MS_TOKEN.substring(5, 30))) {
                assertThat(raw)
                        .as(p.toString())
                        .doesNotContain(secret)
                        .doesNotContain(
                                new String(secret.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
            }
            sawSubuser |= raw.contains("acme-sub");
        }
        assertThat(sawSubuser).isTrue();
    }
}
