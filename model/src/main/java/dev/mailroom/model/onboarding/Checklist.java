package dev.mailroom.model.onboarding;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A tenant's onboarding checklist as shown: each current item's state, and the progress. */
public record Checklist(TenantId tenant, List<Line> lines) {
    public enum State {
        /** Ticked: by a fact that holds, or by a person. */
        DONE,
        /** Not done yet. */
        OPEN,
        /** A fact that held stopped holding: un-ticked, and it says so. */
        LOST
    }

    /**
     * @param words the fact (for a fact item) or the person's note
     * @param by who ticked it (a person), empty for a fact
     */
    public record Line(
            ChecklistItem item,
            State state,
            String words,
            Optional<String> by,
            Optional<Instant> at,
            Optional<String> evidenceName) {
        public boolean done() {
            return state == State.DONE;
        }

        public boolean automatic() {
            return item.fact().isPresent();
        }
    }

    public Progress progress() {
        return new Progress((int) lines.stream().filter(Line::done).count(), lines.size());
    }

    public record Progress(int done, int total) {
        public boolean complete() {
            return done >= total;
        }

        public String describe() {
            return done + " of " + total;
        }
    }
}
