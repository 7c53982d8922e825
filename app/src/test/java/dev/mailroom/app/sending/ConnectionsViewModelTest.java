package dev.mailroom.app.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.store.Store;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Connections page's view model on a real H2 store, without a window. */
class ConnectionsViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private boolean closed;
    private Services services;
    private Actor owner;
    private TenantId tenant;
    private int closedPort;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() throws Exception {
        world = ConsoleWorld.h2(dir, Instant.parse("2026-11-20T09:00:00Z"));
        store = world.store;
        services = world.services;
        owner = world.owner;
        tenant = world.tenant("Acme").id();
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // nothing listens there once closed
        }
        services.connections()
                .create(
                        owner,
                        tenant,
                        new ConnectionDraft(
                                "Local relay",
                                SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                closedPort,
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "relay-user",
                                Optional.of(Secret.of("relay-secret")),
                                "mail.brightwave.example",
                                1,
                                0));
    }

    @AfterEach
    void close() {
        if (!closed) {
            store.close();
        }
    }

    private ConnectionsViewModel vm(boolean manage) {
        ConnectionsViewModel vm = new ConnectionsViewModel(services.connections(), owner, runner, (t, p) -> manage);
        vm.tenant().set(tenant);
        vm.refresh(x -> {});
        return vm;
    }

    @Test
    void listsTestsRevealsAndRemoves() {
        ConnectionsViewModel vm = vm(true);
        assertThat(vm.connections()).extracting(Connection::name).containsExactly("Local relay");
        assertThat(vm.mayManage().get()).isTrue();
        assertThat(vm.readOnlyNote().get()).isEmpty();
        Connection c = vm.connections().get(0);
        vm.selected().set(c);

        vm.test(c); // nothing listens: a failed test is a result in words, not an error dialog
        assertThat(vm.testing().get()).isFalse();
        assertThat(vm.testWaiting().get()).isEmpty();
        assertThat(vm.testReport().get()).isNotNull();
        assertThat(vm.testReport().get().ok()).isFalse();
        assertThat(vm.testReport().get().summary()).isNotBlank();

        vm.reveal(c);
        assertThat(vm.revealed().get()).isEqualTo("relay-secret");
        vm.selected().set(null);
        assertThat(vm.revealed().get()).isEmpty();
        assertThat(vm.testReport().get()).isNull();

        vm.remove(c, () -> vm.refresh(x -> {}));
        assertThat(vm.connections()).isEmpty();
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aViewerIsToldWhyAndAStoreErrorGoesToTheDefaultPath() {
        ConnectionsViewModel vm = vm(false);
        assertThat(vm.mayManage().get()).isFalse();
        assertThat(vm.readOnlyNote().get()).contains("needs the Owner or Admin role");
        store.close();
        closed = true;
        vm.refresh(x -> {});
        assertThat(runner.reported()).singleElement().asString().startsWith("Could not load the connections: ");
        assertThat(List.copyOf(vm.connections())).hasSize(1); // what was shown stays
    }
}
