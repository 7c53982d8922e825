package dev.mailroom.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.audit.AuditChain;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The command line as a separate process ({@code java -cp} with the test class path), while this test
 * holds the store open as a console does and writes to it at the same time: on H2 (automatic mixed
 * mode, decision 0061) and on PostgreSQL.
 */
class CommandLineProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Ran(int code, String out, String err) {}

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theCommandLineWorksInItsOwnProcessBesideAnOpenConsole(Backend backend) throws Exception {
        StoreConfig config = backend.newStore(dir);
        try (Store console = Store.open(config)) {
            Services s = Services.create(console, Clock.systemUTC());
            CommandLineTest.seed(s);
            Actor ana = s.signIn()
                    .signIn(CommandLineTest.OWNER, CommandLineTest.OWNER_PASSWORD.toCharArray())
                    .actor();

            Process cli = start(
                    config,
                    CommandLineTest.OWNER,
                    CommandLineTest.OWNER_PASSWORD,
                    "--json",
                    "tenants",
                    "add",
                    "Initech");
            // The console writes while the command line runs.
            for (int i = 0; i < 5; i++) {
                s.tenants().create(ana, draft("Console client " + i));
            }
            Ran added = finish(cli);
            assertThat(added.code()).as(added.err()).isZero();
            assertThat(JSON.readTree(added.out()).get("name").asText()).isEqualTo("Initech");

            Ran listed = finish(
                    start(config, CommandLineTest.OWNER, CommandLineTest.OWNER_PASSWORD, "--json", "tenants", "list"));
            assertThat(listed.code()).as(listed.err()).isZero();
            List<String> names = new ArrayList<>();
            for (JsonNode t : JSON.readTree(listed.out())) {
                names.add(t.get("name").asText());
            }
            assertThat(names)
                    .contains("Acme Shop", "Initech", "Console client 4")
                    .hasSize(7);
            assertThat(s.tenants().list(ana)).extracting(Tenant::name).contains("Initech");

            Ran refused = finish(start(
                    config,
                    CommandLineTest.ANALYST,
                    CommandLineTest.ANALYST_PASSWORD,
                    "tenants",
                    "archive",
                    "Acme Shop"));
            assertThat(refused.code()).isEqualTo(ExitCode.REFUSED);
            // Its message is one line (a log warning, such as jOOQ's about the PostgreSQL version, may precede it).
            List<String> errLines = refused.err().strip().lines().toList();
            assertThat(errLines.get(errLines.size() - 1))
                    .isEqualTo("mailroom: Your role in this client does not allow that (tenant archive).");
            assertThat(refused.err()).doesNotContain("Exception");

            Ran bad = finish(start(config, CommandLineTest.OWNER, CommandLineTest.OWNER_PASSWORD, "tenants", "add"));
            assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
            assertThat(bad.err()).contains("Missing required parameter: 'NAME'");

            var audit = console.transactions().inTransaction(() -> new JooqAuditStore(console.transactions()).all());
            assertThat(AuditChain.firstBroken(audit)).isEmpty();
            assertThat(audit).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("tenant.created");
                assertThat(e.target()).isEqualTo("Initech");
                assertThat(e.actorName()).isEqualTo("Ana Owner");
            });
        }
    }

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name, "#2563EB", "", "", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED);
    }

    private Process start(StoreConfig config, String user, String password, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The app's own logging set-up (warnings to stderr), not the tests' (logback-test.xml).
                "-Dlogback.configurationFile=logback.xml",
                "-cp",
                System.getProperty("java.class.path"),
                MailroomCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Map<String, String> env = pb.environment();
        env.put("MAILROOM_DATA_DIR", dir.toString());
        env.put("MAILROOM_USER", user);
        env.put("MAILROOM_PASSWORD", password);
        env.remove("MAILROOM_JDBC_URL");
        if (config.isPostgres()) {
            env.put("MAILROOM_JDBC_URL", config.jdbcUrl().orElseThrow());
            env.put("MAILROOM_JDBC_USER", config.user().orElseThrow());
        }
        return pb.start();
    }

    private static Ran finish(Process p) throws Exception {
        p.getOutputStream().close();
        // Read both streams before waiting: a full pipe would stall the child.
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread reader = new Thread(() -> {
            try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                err.completeExceptionally(e);
            }
        });
        reader.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out, err.get(30, TimeUnit.SECONDS));
    }
}
