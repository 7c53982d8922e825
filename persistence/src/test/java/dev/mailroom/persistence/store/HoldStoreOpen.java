package dev.mailroom.persistence.store;

import java.nio.file.Path;

/** Run in a second JVM by {@link StoreOpeningTest}: opens a store, says so, and holds it until stdin closes. */
public final class HoldStoreOpen {
    public static void main(String[] args) throws Exception {
        try (Store store = Store.open(StoreConfig.h2(Path.of(args[0])))) {
            System.err.println(store.describe());
            System.out.println("OPEN");
            System.out.flush();
            while (System.in.read() != -1) {
                // wait for the parent to let go
            }
        }
    }
}
