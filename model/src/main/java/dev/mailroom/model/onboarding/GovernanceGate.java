package dev.mailroom.model.onboarding;

import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.SendingGate;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * The outbox's view of escalation, asked inside the claim's transaction: a tenant's level becomes a
 * {@link SendingGate.Gate}; a tenant whose automatic-pause policy's threshold is crossed is paused here,
 * in that same transaction (audited as Mailroom, with the figures); and during probation 1 in N
 * messages let through is kept for review.
 */
public final class GovernanceGate implements SendingGate {
    private final GovernanceStore store;
    private final EventStore events;
    private final TenantStore tenants;
    private final AuditLog audit;
    private final Clock clock;
    private final RandomGenerator random;
    /** Each tenant's row as last read by a claim, for sampling the messages that claim lets through. */
    private final Map<TenantId, Governance> lastRead = new ConcurrentHashMap<>();

    public GovernanceGate(
            GovernanceStore store,
            EventStore events,
            TenantStore tenants,
            AuditLog audit,
            Clock clock,
            RandomGenerator random) {
        this.store = store;
        this.events = events;
        this.tenants = tenants;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Gate gate(TenantId tenant) {
        Optional<Governance> row = store.find(tenant);
        if (row.isEmpty()) {
            lastRead.remove(tenant);
            return Gate.OPEN;
        }
        Governance g = row.get();
        if (!g.holdsAll() && g.pausePolicy() != PausePolicy.NONE && !recentlyLifted(g)) {
            ReputationCheck check = Reputation.check(events, g, clock);
            Optional<ReputationCheck.Finding> finding = check.finding();
            if (finding.isPresent() && g.pausePolicy().pauses(finding.get().severity())) {
                g = pause(g, finding.get());
            }
        }
        lastRead.put(tenant, g);
        return toGate(g);
    }

    /** A person lifted an escalation within the window: the figures that crossed are still in it; they decide. */
    private boolean recentlyLifted(Governance g) {
        return g.level().isEmpty()
                && g.setAt().isPresent()
                && g.setAt().get().isAfter(clock.instant().minus(java.time.Duration.ofDays(g.pauseWindowDays())));
    }

    private Governance pause(Governance g, ReputationCheck.Finding finding) {
        Instant now = clock.instant();
        Governance paused = g.escalated(
                Optional.of(EscalationLevel.SUSPENDED),
                OptionalInt.empty(),
                finding.words(),
                "Automatic pause (" + g.pausePolicy().name().toLowerCase(java.util.Locale.ROOT) + " policy)",
                now,
                true);
        store.put(paused);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("policy", g.pausePolicy().name());
        details.put("figures", finding.words());
        details.put("before", g.level().map(Enum::name).orElse("none"));
        String name =
                tenants.find(g.tenant()).map(t -> t.name()).orElse(g.tenant().toString());
        audit.recordSystem(g.tenant(), name, "escalation.paused.automatic", name, details);
        return paused;
    }

    static Gate toGate(Governance g) {
        if (g.level().isEmpty()) {
            return Gate.OPEN;
        }
        return switch (g.level().get()) {
            case RESTRICTED -> new Gate(Kind.RESTRICTED, g.dailyCap(), g.reason());
            case SUSPENDED -> new Gate(Kind.HELD, OptionalInt.empty(), g.reason());
            case BANNED -> new Gate(Kind.BANNED, OptionalInt.empty(), g.reason());
        };
    }

    @Override
    public void letThrough(OutboxMessage m, boolean onProbation) {
        if (!onProbation) {
            return;
        }
        Governance g = lastRead.get(m.tenant());
        int every = g == null ? Governance.DEFAULT_REVIEW_ONE_IN : g.reviewEvery();
        if (every <= 1 || random.nextInt(every) == 0) {
            store.keepForReview(m.tenant(), m.id(), clock.instant());
        }
    }
}
