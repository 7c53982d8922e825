package dev.mailroom.app.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.store.StoreMaintenanceService;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings › Store on a real H2 store grown far past its data: the owner compacts it, audited. */
class StoreViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services s;
    private Actor owner;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() throws Exception {
        world = ConsoleWorld.h2(dir.resolve("store"));
        store = world.store;
        s = world.services;
        owner = world.owner;
        // What a big import that was then deleted leaves behind: a file mostly of freed space.
        try (Connection c = store.dataSource().getConnection();
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE scratch(id INT PRIMARY KEY, body VARCHAR(1000))");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO scratch VALUES (?, ?)")) {
                for (int i = 0; i < 60_000; i++) {
                    p.setInt(1, i);
                    p.setString(2, "y".repeat(900));
                    p.addBatch();
                    if (i % 1000 == 999) {
                        p.executeBatch();
                    }
                }
            }
            st.execute("CHECKPOINT");
            st.execute("DROP TABLE scratch");
            st.execute("CHECKPOINT");
        }
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theOwnerSeesTheSpareSpaceAndCompactsItAudited() throws Exception {
        Path file = dir.resolve("store").resolve("mailroom.mv.db");
        long before = Files.size(file);
        StoreViewModel vm = new StoreViewModel(s.storeMaintenance(), runner, owner, true);
        vm.load();
        assertThat(vm.size().get())
                .startsWith("Size on disk: " + SettingsWindow.bytes(before) + ", of which about ")
                .contains("Compacting would give back up to ");
        assertThat(vm.compactable().get()).isTrue();

        vm.compact();

        long after = Files.size(file);
        assertThat(after).isLessThan(before / 2);
        assertThat(vm.busy().get()).isFalse();
        assertThat(vm.outcome().get())
                .startsWith("Compacted in ")
                .contains(SettingsWindow.bytes(before) + " → " + SettingsWindow.bytes(after));
        assertThat(vm.size().get()).startsWith("Size on disk: " + SettingsWindow.bytes(after));

        JooqTransactions tx = store.transactions();
        List<AuditEntry> trail = tx.inTransaction(new JooqAuditStore(tx)::all);
        AuditEntry entry = trail.stream()
                .filter(e -> e.action().equals("store.compacted"))
                .findFirst()
                .orElseThrow();
        assertThat(entry.tenant()).isEmpty();
        assertThat(entry.actorName()).isEqualTo("Ana Owner");
        assertThat(entry.details()).contains(before + " bytes").contains(after + " bytes");
        // The audit chain still verifies after the file was rewritten.
        assertThat(s.auditLog().verify(owner).intact()).isTrue();
    }

    @Test
    void someoneElseSeesTheSizeButTheUseCaseRefusesThem() {
        Actor stranger = Actor.of(new Principal(new UserId(999), "Not The Owner"));
        StoreViewModel vm = new StoreViewModel(s.storeMaintenance(), runner, stranger, false);
        vm.load();
        assertThat(vm.size().get()).startsWith("Size on disk: ");
        assertThat(vm.compactable().get()).isFalse();
        vm.compact();
        assertThat(vm.outcome().get()).isEmpty();

        assertThatThrownBy(() -> s.storeMaintenance().compactNow(stranger, (a, b) -> {}, () -> false))
                .isInstanceOf(RuntimeException.class);
        assertThat(s.storeMaintenance().space().orElseThrow().worthCompacting()).isTrue();
    }

    @Test
    void atExitASmallStoreIsCopiedIntoAFreshFile() throws Exception {
        Path file = dir.resolve("store").resolve("mailroom.mv.db");
        long before = Files.size(file);
        StoreMaintenanceService.Compaction done =
                s.storeMaintenance().atExit(java.time.Duration.ofSeconds(3)).orElseThrow();
        store.close();
        assertThat(done.before().fileBytes()).isEqualTo(before);
        assertThat(done.after().fileBytes()).isEqualTo(Files.size(file)).isLessThan(before / 10);
        // The store opens again with the agency in it.
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        Services again = Services.create(store, world.clock);
        assertThat(again.firstRun().needsSetup()).isFalse();
    }
}
