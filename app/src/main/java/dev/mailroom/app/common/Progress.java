package dev.mailroom.app.common;

/** What background work may tell the person while it runs, and how it learns it was cancelled. */
public interface Progress {
    void update(long done, long total, String message);

    boolean isCancelled();

    Progress NONE = new Progress() {
        @Override
        public void update(long done, long total, String message) {}

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
