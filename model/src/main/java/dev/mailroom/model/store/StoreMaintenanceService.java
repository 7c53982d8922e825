package dev.mailroom.model.store;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;

/**
 * Keeps the embedded store's file near the size of its data (issue 19): the agency owner can compact it
 * now from the Settings (audited), and the console compacts it a little at a time when it is idle and at
 * exit. Compaction runs in short slices while the store stays in use, so it can stop between them.
 */
public final class StoreMaintenanceService {
    /** One slice of compaction; the store keeps serving in between. */
    static final Duration SLICE = Duration.ofMillis(800);
    /** A person's "Compact now" stops after this long even on a huge file; a second run goes on. */
    static final Duration NOW_BUDGET = Duration.ofMinutes(5);
    /**
     * Up to this much live data the exit copies the store into a fresh file: H2 copied 180 MB of rows in
     * 0.8 s here (H2StoreCompactionTest prints it), so about 3 s on a slow disk.
     */
    static final long FULL_AT_EXIT = 512L * 1024 * 1024;

    /** What a compaction did. */
    public record Compaction(StoreSpace before, StoreSpace after, Duration took, boolean stoppedEarly) {
        public long freed() {
            return Math.max(0, before.fileBytes() - after.fileBytes());
        }
    }

    private final StoreCompaction store;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public StoreMaintenanceService(
            StoreCompaction store, AccessPolicy access, AuditLog audit, Transactions tx, Clock clock) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** The file's size and live data; empty for a server database. Not client data: anyone signed in. */
    public Optional<StoreSpace> space() {
        return store.space();
    }

    /**
     * Agency owner only: compacts until the file holds little more than its data, the person cancels, or
     * {@link #NOW_BUDGET} is spent. Audited with the sizes before and after.
     */
    public Compaction compactNow(Actor actor, BiConsumer<StoreSpace, StoreSpace> progress, BooleanSupplier cancelled) {
        tx.run(() -> access.requireAgencyOwner(actor));
        if (!running.tryLock()) {
            throw new Conflict("The store is being compacted already; wait for it to finish.");
        }
        try {
            StoreSpace start = store.space()
                    .orElseThrow(() ->
                            new Conflict("This store is kept by a database server, which manages its own space."));
            Compaction done = compact(start, NOW_BUDGET, progress, cancelled);
            Map<String, String> details = new LinkedHashMap<>();
            details.put("before", start.fileBytes() + " bytes");
            details.put("after", done.after().fileBytes() + " bytes");
            details.put("took", done.took().toMillis() + " ms");
            if (done.stoppedEarly()) {
                details.put("stopped", "before the end");
            }
            tx.run(() -> audit.record(actor, "store.compacted", "store file", details));
            return done;
        } finally {
            running.unlock();
        }
    }

    /**
     * The console's own upkeep, when idle and at exit: compacts for at most {@code budget} when less than
     * half the file is data; empty when it was not worth it or a compaction is running.
     */
    public Optional<Compaction> compactIfWorthIt(Duration budget, BooleanSupplier cancelled) {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            Optional<StoreSpace> start = store.space().filter(StoreSpace::worthCompacting);
            return start.map(s -> compact(s, budget, (a, b) -> {}, cancelled));
        } finally {
            running.unlock();
        }
    }

    /** {@code progress} hears the size at the start and now after each slice. */
    /**
     * At the console's exit, after its work has stopped: when the file is worth compacting and its data
     * small enough to copy within moments ({@link #FULL_AT_EXIT}), the store is closed into a fresh file;
     * otherwise it compacts in place for at most {@code budget}. The store may be closed afterwards.
     */
    public Optional<Compaction> atExit(Duration budget) {
        if (!running.tryLock()) {
            return Optional.empty();
        }
        try {
            Optional<StoreSpace> start = store.space().filter(StoreSpace::worthCompacting);
            if (start.isEmpty()) {
                return Optional.empty();
            }
            if (!givenBackAtExit(start.get())) {
                return Optional.of(compact(start.get(), budget, (a, b) -> {}, () -> false));
            }
            Instant began = clock.instant();
            long size = store.compactWhileClosing();
            return Optional.of(new Compaction(
                    start.get(), new StoreSpace(size, size), Duration.between(began, clock.instant()), false));
        } finally {
            running.unlock();
        }
    }

    /** Whether {@link #atExit} gives this file's spare space back whole, by copying its data. */
    public static boolean givenBackAtExit(StoreSpace space) {
        return space.worthCompacting() && space.liveBytes() <= FULL_AT_EXIT;
    }

    private Compaction compact(
            StoreSpace start, Duration budget, BiConsumer<StoreSpace, StoreSpace> progress, BooleanSupplier cancelled) {
        Instant began = clock.instant();
        Instant end = began.plus(budget);
        StoreSpace now = start;
        boolean stoppedEarly = false;
        int stalls = 0;
        while (true) {
            if (cancelled.getAsBoolean() || !clock.instant().isBefore(end)) {
                stoppedEarly = now.fileBytes() > now.liveBytes() * 2 && now.fileBytes() > StoreSpace.SMALL;
                break;
            }
            Duration left = Duration.between(clock.instant(), end);
            StoreSpace after = store.compact(left.compareTo(SLICE) < 0 ? left : SLICE);
            progress.accept(start, after);
            // Done when the file is mostly data, or three slices in a row no longer shrank it (by 1%, or a MB
            // on a small file): a slice may rewrite chunks whose space is given back only by a later one.
            boolean shrank = now.fileBytes() - after.fileBytes() > Math.max(now.fileBytes() / 100, 1L << 20);
            now = after;
            stalls = shrank ? 0 : stalls + 1;
            if (!now.worthCompacting() && !shrank || stalls >= 3) {
                break;
            }
        }
        return new Compaction(start, now, Duration.between(began, clock.instant()), stoppedEarly);
    }
}
