package dev.mailroom.persistence.store;

import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.persistence.audit.JooqAuditStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Run in a second JVM by {@link SharedStoreTest}: opens the store as a command-line run does (beside
 * the test's open one), says so, waits for "GO", writes audited entries, says "DONE".
 * Arguments: data folder, count, and for PostgreSQL the JDBC URL and user.
 */
public final class WriteAuditedBeside {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        StoreConfig config = args.length > 2
                ? new StoreConfig(dir, Optional.of(args[2]), Optional.of(args[3]), Optional.empty())
                : StoreConfig.h2(dir);
        try (Store store = Store.openShared(config)) {
            AuditLog audit = new AuditLog(new JooqAuditStore(store.transactions()), Clock.systemUTC());
            System.out.println("OPEN");
            System.out.flush();
            while (System.in.read() != 'G') {
                // wait for the parent's go
            }
            for (int i = 0; i < count; i++) {
                int n = i;
                store.transactions().run(() -> audit.recordAnonymous("test.cli", "cli " + n, Map.of()));
            }
            System.out.println("DONE");
            System.out.flush();
        }
    }
}
