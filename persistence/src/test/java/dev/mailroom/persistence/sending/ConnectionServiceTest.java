package dev.mailroom.persistence.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
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

class ConnectionServiceTest {
    private static final String PASSWORD = "Sup3r-Secret-Relay-Pa55word";

    @TempDir
    Path dir;

    private final List<SmtpEndpoint> probed = new ArrayList<>();

    private ConnectionService service(SendingFixture f) {
        return f.connectionService(endpoint -> {
            probed.add(endpoint);
            return new ProbeReport(true, "Connected.", List.of("STARTTLS"));
        });
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void configureRevealTestAndRemoveWithTheRightPermissionsAndAnAuditTrail(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            ConnectionService connections = service(f);
            Actor designer = f.user("des@agency.test", "Dee Designer", false, Optional.of(Role.DESIGNER));

            Connection c = connections.create(
                    f.editor,
                    f.acme,
                    SendingFixture.draft(
                            " Relay  prod ",
                            "SMTP.Example.com",
                            587,
                            SmtpSecurity.STARTTLS_REQUIRED,
                            "acme",
                            PASSWORD));
            assertThat(c.name()).isEqualTo("Relay prod");
            assertThat(c.host()).isEqualTo("smtp.example.com");
            assertThat(c.hasPassword()).isTrue();
            assertThat(c.toString()).doesNotContain(PASSWORD);

            assertThatThrownBy(() -> connections.create(
                            designer,
                            f.acme,
                            SendingFixture.draft(
                                    "Other", "smtp.example.com", 587, SmtpSecurity.STARTTLS_REQUIRED, "u", "p")))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> connections.revealPassword(designer, f.acme, c.id()))
                    .isInstanceOf(PermissionDenied.class);

            Secret revealed = connections.revealPassword(f.editor, f.acme, c.id());
            assertThat(revealed.reveal()).isEqualTo(PASSWORD);
            assertThat(revealed.toString()).doesNotContain(PASSWORD);

            // Editing without a password keeps the stored one.
            Connection edited = connections.update(
                    f.editor,
                    f.acme,
                    c.id(),
                    SendingFixture.draft(
                            "Relay prod", "smtp.example.com", 2525, SmtpSecurity.STARTTLS_REQUIRED, "acme", null));
            assertThat(edited.port()).isEqualTo(2525);
            assertThat(connections.revealPassword(f.owner, f.acme, c.id()).reveal())
                    .isEqualTo(PASSWORD);

            ProbeReport report = connections.test(f.editor, f.acme, c.id());
            assertThat(report.ok()).isTrue();
            assertThat(probed).singleElement().satisfies(e -> {
                assertThat(e.password()).contains(Secret.of(PASSWORD));
                assertThat(e.toString()).doesNotContain(PASSWORD);
            });

            // The editor may configure but not remove; the owner may.
            assertThatThrownBy(() -> connections.remove(f.editor, f.acme, c.id()))
                    .isInstanceOf(PermissionDenied.class);
            connections.remove(f.owner, f.acme, c.id());
            assertThat(connections.list(f.owner, f.acme)).isEmpty();

            List<AuditEntry> trail = store.transactions().inTransaction(f.auditStore::all);
            assertThat(trail)
                    .extracting(AuditEntry::action)
                    .containsExactly(
                            "connection.created",
                            "connection.password-revealed",
                            "connection.updated",
                            "connection.password-revealed",
                            "connection.removed");
            assertThat(trail)
                    .extracting(AuditEntry::actorName)
                    .containsExactly("Ed Editor", "Ed Editor", "Ed Editor", "Olive Owner", "Olive Owner");
            assertThat(trail)
                    .allSatisfy(e -> assertThat(e.details() + e.target()).doesNotContain(PASSWORD));
            assertThat(trail.get(2).details())
                    .contains("address: smtp.example.com:587 → smtp.example.com:2525")
                    .doesNotContain("password");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void connectionsAreSeenOnlyInsideTheirTenant(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            ConnectionService connections = service(f);
            var globex = f.tenantNamed("Globex");
            Connection c = connections.create(
                    f.owner,
                    f.acme,
                    SendingFixture.draft(
                            "Relay", "smtp.example.com", 465, SmtpSecurity.IMPLICIT_TLS, "acme", PASSWORD));
            assertThat(connections.list(f.owner, globex)).isEmpty();
            assertThatThrownBy(() -> connections.revealPassword(f.owner, globex, c.id()))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> connections.list(f.editor, globex)).isInstanceOf(NotFound.class);
        }
    }

    @Test
    void badInputIsReportedPerField() {
        ConnectionDraft bad = new ConnectionDraft(
                "", null, "not a host!", 0, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", Optional.empty(), "", 0, -1);
        assertThatThrownBy(bad::validated)
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems())
                                .containsOnlyKeys(
                                        "name",
                                        "environment",
                                        "host",
                                        "port",
                                        "heloName",
                                        "maxSessions",
                                        "ratePerSecond",
                                        "security"));
        ConnectionDraft plainRemote =
                SendingFixture.draft("Relay", "smtp.example.com", 25, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null);
        assertThatThrownBy(plainRemote::validated)
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems().get("security"))
                                .contains("only allowed to a relay on this computer"));
        assertThat(SendingFixture.draft("Local", "localhost", 25, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null)
                        .validated()
                        .host())
                .isEqualTo("localhost");
    }

    @Test
    void theRawDatabaseFileHoldsNoPassword() throws Exception {
        try (Store store = Backend.H2.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            service(f)
                    .create(
                            f.owner,
                            f.acme,
                            SendingFixture.draft(
                                    "Relay",
                                    "smtp.example.com",
                                    587,
                                    SmtpSecurity.STARTTLS_REQUIRED,
                                    "acme",
                                    PASSWORD));
            // Make sure the row reached the file before reading it.
            store.dsl().execute("checkpoint sync");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anySatisfy(p -> assertThat(p.getFileName().toString()).endsWith(".mv.db"));
        boolean sawHost = false;
        for (Path p : files) {
            String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
            assertThat(raw)
                    .as(p.toString())
                    .doesNotContain(PASSWORD)
                    .doesNotContain(
                            new String(PASSWORD.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
            sawHost |= raw.contains("smtp.example.com");
        }
        // The test would prove nothing if the row were not in the file at all.
        assertThat(sawHost).isTrue();
    }
}
