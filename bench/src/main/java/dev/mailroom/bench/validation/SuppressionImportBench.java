package dev.mailroom.bench.validation;

import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.validation.SuppressionImportService;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Imports a suppression list of {@code rows} generated rows (1 in 100 not an address, 1 in 50 a repeat of
 * an earlier row) into an H2 store through {@link SuppressionImportService}, as the Suppressions page and
 * the CLI do, twice: into an empty list, then the same file again (every row already on the list). Prints
 * rows per second for each and the peak of the used heap.
 *
 * <p>Arguments: rows (default 100000), folder (default a new temporary folder).
 */
public final class SuppressionImportBench {
    private SuppressionImportBench() {}

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("suppression-bench");
        System.out.printf(
                Locale.ROOT,
                "Suppression import bench: %,d rows, H2 in %s, max heap %,d MB%n",
                rows,
                dir,
                Runtime.getRuntime().maxMemory() >> 20);
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            SendingFixture f = new SendingFixture(store, dir);
            SuppressionImportService service =
                    new SuppressionImportService(f.suppressions, f.tenants, f.access, f.audit, f.tx, f.clock);
            run("new list", service, f, rows);
            run("same file again", service, f, rows);
        }
    }

    private static void run(String label, SuppressionImportService service, SendingFixture f, int rows) {
        long t0 = System.nanoTime();
        SuppressionImportService.Report r = service.importRows(
                f.owner, f.acme, "acme.test", generated(rows), rows, "bench.csv", p -> {}, new Cancellation());
        double seconds = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "  %s: %,d rows in %.1f s: %,.0f rows/s (imported %,d, already on the list %,d, refused %,d);"
                        + " heap in use %,d MB%n",
                label,
                r.rows(),
                seconds,
                r.rows() / seconds,
                r.imported(),
                r.already(),
                r.refusedCount(),
                (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** Rows made as they are read: nothing of the "file" is held. */
    private static Iterator<SuppressionImportService.Row> generated(int rows) {
        return new Iterator<>() {
            private int line = 1;

            @Override
            public boolean hasNext() {
                return line <= rows;
            }

            @Override
            public SuppressionImportService.Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int n = line++;
                String cell;
                if (n % 100 == 0) {
                    cell = "not an address " + n;
                } else if (n % 50 == 0) {
                    cell = "person" + (n - 7) + "@example" + ((n - 7) % 97) + ".com";
                } else {
                    cell = "person" + n + "@example" + (n % 97) + ".com";
                }
                return new SuppressionImportService.Row(n + 1, cell);
            }
        };
    }
}
