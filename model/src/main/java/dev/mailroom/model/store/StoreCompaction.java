package dev.mailroom.model.store;

import java.time.Duration;
import java.util.Optional;

/** Port: the embedded store's file and its compaction (in persistence). */
public interface StoreCompaction {
    /** The file's size and live data, or empty where a database server keeps the data (PostgreSQL). */
    Optional<StoreSpace> space();

    /**
     * Compacts for about {@code slice} while the store stays in use, and says how it stands afterwards.
     * Throws {@link dev.mailroom.model.common.ExternalFailure} with a reason in words where it cannot be
     * done here (a server database, or a store this process does not hold).
     */
    StoreSpace compact(Duration slice);

    /**
     * Closes the store, writing its live data into a fresh file that replaces the old one, and says the new
     * file's size. Gives back all the space compaction in place leaves behind, in time that grows with the
     * data; the store cannot be used afterwards, so this is for the console's exit.
     */
    long compactWhileClosing();
}
