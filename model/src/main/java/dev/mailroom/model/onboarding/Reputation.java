package dev.mailroom.model.onboarding;

import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.RollupKey;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/** A tenant's figures over its policy's rolling window, from the daily roll-ups (UTC days up to today). */
final class Reputation {
    private Reputation() {}

    static ReputationCheck check(EventStore events, Governance g, Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<RollupKey, Long> counts =
                events.dailyCounts(g.tenant(), Optional.empty(), today.minusDays(g.pauseWindowDays() - 1L), today);
        long sent = 0;
        long bounced = 0;
        long complained = 0;
        for (Map.Entry<RollupKey, Long> e : counts.entrySet()) {
            EventType t = e.getKey().type();
            if (t == EventType.SENT) {
                sent += e.getValue();
            } else if (t == EventType.HARD_BOUNCE) {
                bounced += e.getValue();
            } else if (t == EventType.COMPLAINED) {
                complained += e.getValue();
            }
        }
        return new ReputationCheck(sent, bounced, complained, g.pauseWindowDays(), g.pauseMinSent());
    }
}
