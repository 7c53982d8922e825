package dev.mailroom.persistence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.audit.AuditChain;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.persistence.audit.JooqAuditStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
 * A console and a command-line run on one store at once (docs/decisions/0061): the test holds the store
 * as the console does, a second JVM opens it as the command line does, and both write audited entries
 * at the same time. Every entry lands and the audit hash chain stays whole (both serialise on its head).
 */
class SharedStoreTest {
    private static final int EACH = 150;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aConsoleAndACommandLineRunWriteTheSameStoreAtOnce(Backend backend) throws Exception {
        StoreConfig config = backend.newStore(dir);
        try (Store console = Store.open(config)) {
            AuditLog audit = new AuditLog(new JooqAuditStore(console.transactions()), Clock.systemUTC());
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    WriteAuditedBeside.class.getName(),
                    dir.toString(),
                    Integer.toString(EACH)));
            if (config.isPostgres()) {
                command.add(config.jdbcUrl().orElseThrow());
                command.add(config.user().orElseThrow());
            }
            Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
                assertThat(readUntil(out, "OPEN"))
                        .as("the second process opened the store")
                        .isTrue();
                OutputStream in = cli.getOutputStream();
                in.write('G');
                in.flush();
                for (int i = 0; i < EACH; i++) {
                    int n = i;
                    console.transactions().run(() -> audit.recordAnonymous("test.console", "console " + n, Map.of()));
                }
                assertThat(readUntil(out, "DONE"))
                        .as("the second process wrote its entries")
                        .isTrue();
                in.close();
                assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(cli.exitValue()).isZero();
            } finally {
                cli.destroy();
            }
            List<AuditEntry> all =
                    console.transactions().inTransaction(() -> new JooqAuditStore(console.transactions()).all());
            assertThat(all.stream().filter(e -> e.action().equals("test.console")))
                    .hasSize(EACH);
            assertThat(all.stream().filter(e -> e.action().equals("test.cli"))).hasSize(EACH);
            assertThat(AuditChain.firstBroken(all)).as("the audit chain").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSecondConsoleIsStillRefusedButACommandLineRunIsNot(Backend backend) {
        StoreConfig config = backend.newStore(dir);
        try (Store console = Store.open(config)) {
            if (!config.isPostgres()) {
                assertThatThrownBy(() -> Store.open(config))
                        .isInstanceOf(ExternalFailure.class)
                        .hasMessageContaining("already open in another Mailroom");
            }
            try (Store cli = Store.openShared(config)) {
                assertThat(cli.describe()).isEqualTo(console.describe());
            }
        }
    }

    private static boolean readUntil(BufferedReader out, String marker) throws Exception {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.equals(marker)) {
                return true;
            }
            System.out.println("[second process] " + line);
        }
        return false;
    }
}
