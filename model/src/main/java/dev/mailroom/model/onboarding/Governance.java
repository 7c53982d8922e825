package dev.mailroom.model.onboarding;

import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tenant's escalation, automatic-pause policy and probation sampling setting.
 *
 * @param level the escalation in force, empty when none
 * @param dailyCap the restriction's cap (only with {@link EscalationLevel#RESTRICTED})
 * @param reason why, as the person (or the pause policy) wrote it
 * @param setBy who set the level ("Automatic pause" when the policy did)
 * @param automatic whether the automatic-pause policy set it
 * @param pauseMinSent the fewest messages sent in the window before a rate counts
 * @param pauseWindowDays the rolling window, in days up to today
 * @param reviewOneIn 1 in how many sent messages is kept for review during probation; empty for the default
 */
public record Governance(
        TenantId tenant,
        Optional<EscalationLevel> level,
        OptionalInt dailyCap,
        String reason,
        String setBy,
        Optional<Instant> setAt,
        boolean automatic,
        PausePolicy pausePolicy,
        int pauseMinSent,
        int pauseWindowDays,
        OptionalInt reviewOneIn) {
    public static final int DEFAULT_MIN_SENT = 500;
    public static final int DEFAULT_WINDOW_DAYS = 7;
    public static final int DEFAULT_REVIEW_ONE_IN = 50;

    public Governance {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(dailyCap, "dailyCap");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(setBy, "setBy");
        Objects.requireNonNull(setAt, "setAt");
        Objects.requireNonNull(pausePolicy, "pausePolicy");
        Objects.requireNonNull(reviewOneIn, "reviewOneIn");
    }

    public static Governance defaults(TenantId tenant) {
        return new Governance(
                tenant,
                Optional.empty(),
                OptionalInt.empty(),
                "",
                "",
                Optional.empty(),
                false,
                PausePolicy.NONE,
                DEFAULT_MIN_SENT,
                DEFAULT_WINDOW_DAYS,
                OptionalInt.empty());
    }

    public boolean is(EscalationLevel l) {
        return level.isPresent() && level.get() == l;
    }

    /** Nothing leaves (suspended, paused or banned). */
    public boolean holdsAll() {
        return is(EscalationLevel.SUSPENDED) || is(EscalationLevel.BANNED);
    }

    public int reviewEvery() {
        return reviewOneIn.orElse(DEFAULT_REVIEW_ONE_IN);
    }

    public Governance escalated(
            Optional<EscalationLevel> newLevel, OptionalInt cap, String why, String by, Instant at, boolean byPolicy) {
        return new Governance(
                tenant,
                newLevel,
                cap,
                why,
                by,
                Optional.of(at),
                byPolicy,
                pausePolicy,
                pauseMinSent,
                pauseWindowDays,
                reviewOneIn);
    }

    public Governance withPolicy(PausePolicy policy, int minSent, int windowDays) {
        return new Governance(
                tenant, level, dailyCap, reason, setBy, setAt, automatic, policy, minSent, windowDays, reviewOneIn);
    }

    public Governance withReviewOneIn(OptionalInt oneIn) {
        return new Governance(
                tenant,
                level,
                dailyCap,
                reason,
                setBy,
                setAt,
                automatic,
                pausePolicy,
                pauseMinSent,
                pauseWindowDays,
                oneIn);
    }

    /** The state in words, for the overview and the tenant profile; empty when not escalated. */
    public String describe() {
        if (level.isEmpty()) {
            return "";
        }
        String what = switch (level.get()) {
            case RESTRICTED -> String.format(java.util.Locale.ROOT, "Restricted to %,d a day", dailyCap.orElse(0));
            case SUSPENDED -> automatic ? "Paused automatically" : "Suspended";
            case BANNED -> "Banned";
        };
        return what + (reason.isEmpty() ? "" : ": " + reason);
    }
}
