package dev.mailroom.model.store;

/**
 * How big the store file is and about how much of it holds live data. An embedded store appends what it
 * writes and frees old space only when it compacts, so the file can grow far past its data (issue 19).
 *
 * @param fileBytes the store file's size on disk
 * @param liveBytes an estimate of the bytes still in use (the database's own fill rates)
 */
public record StoreSpace(long fileBytes, long liveBytes) {
    /** Below this a file is not worth compacting, however empty: a fresh store is a few MB. */
    static final long SMALL = 32L * 1024 * 1024;

    public StoreSpace {
        if (fileBytes < 0 || liveBytes < 0) {
            throw new IllegalArgumentException("sizes are never negative");
        }
        liveBytes = Math.min(liveBytes, fileBytes);
    }

    /** A file of some size of which less than half is live data. */
    public boolean worthCompacting() {
        return fileBytes > SMALL && liveBytes * 2 < fileBytes;
    }

    /** The bytes compaction could give back, at most. */
    public long reclaimable() {
        return fileBytes - liveBytes;
    }
}
