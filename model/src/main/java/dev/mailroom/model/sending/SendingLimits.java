package dev.mailroom.model.sending;

import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.TenantId;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The daily limits the outbox checks when it claims messages, before any network traffic: the warm-up
 * plans of the message's sending domain and of its From address, and the tenant's probation cap.
 *
 * <p>Counting is durable: what was sent today is read from the store, so a restart does not reset a
 * limit. Added to it are the messages still SENDING that this instance let through: a claimed message
 * is SENDING before it is checked, and one refused here or for a suppression stays SENDING until the
 * outbox's writer records it, so counting every SENDING row would count refused messages too. (After
 * a stop, SENDING rows become in doubt and nothing of this instance's memory is needed.) Days begin at
 * midnight in the clock's time zone.
 */
public final class SendingLimits {
    /** No limits at all: for outboxes wired without a limit store. */
    public static final SendingLimits NONE = new SendingLimits(null, SendingGate.OPEN, Clock.systemUTC());

    /** How far ahead to look for a day on which a waiting message may leave. */
    private static final int LOOK_AHEAD_DAYS = 400;

    private final SendingLimitStore store;
    private final SendingGate gate;
    private final Clock clock;
    /** Messages this instance let through whose outcome may not be recorded yet, with their tenant. */
    private final Map<OutboxId, TenantId> letThrough = new java.util.concurrent.ConcurrentHashMap<>();

    public SendingLimits(SendingLimitStore store, Clock clock) {
        this(store, SendingGate.OPEN, clock);
    }

    /** With the tenants' escalations (restrict, suspend, ban) checked in the same claim. */
    public SendingLimits(SendingLimitStore store, SendingGate gate, Clock clock) {
        this.store = store;
        this.gate = gate;
        this.clock = clock;
    }

    /** What to do with a message over a limit: its new state, next attempt, reason, and the event to record. */
    public record Verdict(OutboxState state, Optional<Instant> nextAttempt, String reason, EventType event) {}

    /**
     * Call inside the claim's transaction with everything just claimed (already SENDING), then ask
     * {@link Batch#check} for each message in order; each message let through counts against the rest.
     */
    public Batch batch(List<OutboxMessage> claimed) {
        Instant now = clock.instant();
        ZoneId zone = clock.getZone();
        LocalDate today = LocalDate.ofInstant(now, zone);
        Map<TenantId, TenantDay> days = new HashMap<>();
        if (store != null) {
            for (OutboxMessage m : claimed) {
                days.computeIfAbsent(m.tenant(), t -> load(t, today, zone));
            }
        }
        return new Batch(days, today, zone, letThrough, now, gate);
    }

    /** Start and end of a day in the clock's zone, for counting. */
    public static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private TenantDay load(TenantId tenant, LocalDate today, ZoneId zone) {
        SendingGate.Gate open = gate.gate(tenant);
        TenantLimits settings = store.settings(tenant).orElse(TenantLimits.defaults(tenant));
        List<WarmupPlan> plans = store.plans(tenant);
        if (plans.isEmpty() && !settings.onProbation() && open.open()) {
            return TenantDay.UNLIMITED;
        }
        TenantDay day = new TenantDay(settings, plans, open);
        java.util.Set<OutboxId> stillSending = new java.util.HashSet<>();
        for (SendingLimitStore.InFlight m : store.sending(tenant)) {
            if (letThrough.containsKey(m.id())) {
                stillSending.add(m.id());
                day.add(m.domain(), m.fromAddress(), 1);
            }
        }
        // Read after the SENDING rows: a message the writer records in between is then counted twice (stricter),
        // never not at all.
        for (SendingLimitStore.Counted c :
                store.countSent(tenant, startOf(today, zone), startOf(today.plusDays(1), zone))) {
            day.add(c.domain(), c.fromAddress(), c.count());
        }
        // What is no longer SENDING was recorded (and, if sent, is in the count above).
        letThrough.entrySet().removeIf(e -> e.getValue().equals(tenant) && !stillSending.contains(e.getKey()));
        return day;
    }

    /** One tenant's limits and its running counts for today. */
    private static final class TenantDay {
        static final TenantDay UNLIMITED = new TenantDay(null, List.of(), SendingGate.Gate.OPEN);

        final TenantLimits settings;
        final List<WarmupPlan> plans;
        final SendingGate.Gate gate;
        final Map<String, Long> byDomain = new HashMap<>();
        final Map<String, Long> byMailbox = new HashMap<>();
        long total;

        TenantDay(TenantLimits settings, List<WarmupPlan> plans, SendingGate.Gate gate) {
            this.settings = settings;
            this.plans = plans;
            this.gate = gate;
        }

        boolean unlimited() {
            return settings == null;
        }

        void add(String domain, String from, long n) {
            byDomain.merge(key(domain), n, Long::sum);
            byMailbox.merge(key(from), n, Long::sum);
            total += n;
        }
    }

    /** One limit that applies to a message: its name, today's use, and the allowance of any day. */
    private record Applicable(
            String name, long used, Function<LocalDate, Integer> allowance, Optional<WarmupPlan> plan) {}

    /** The checks for one claimed batch. Not thread-safe: the claim runs on one thread. */
    public static final class Batch {
        private final Map<TenantId, TenantDay> days;
        private final LocalDate today;
        private final ZoneId zone;
        private final Map<OutboxId, TenantId> letThrough;
        private final Instant now;
        private final SendingGate gate;

        private Batch(
                Map<TenantId, TenantDay> days,
                LocalDate today,
                ZoneId zone,
                Map<OutboxId, TenantId> letThrough,
                Instant now,
                SendingGate gate) {
            this.days = days;
            this.today = today;
            this.zone = zone;
            this.letThrough = letThrough;
            this.now = now;
            this.gate = gate;
        }

        /** Empty when the message may be sent now (and it then counts); otherwise what to do with it. */
        public Optional<Verdict> check(OutboxMessage m) {
            TenantDay day = days.get(m.tenant());
            if (day == null || day.unlimited()) {
                return Optional.empty();
            }
            // Escalation first: a banned tenant's message never goes; a suspended one's goes back to the queue,
            // untouched, and the claim skips it until the suspension is lifted.
            if (day.gate.kind() == SendingGate.Kind.BANNED) {
                return Optional.of(new Verdict(
                        OutboxState.REJECTED,
                        Optional.empty(),
                        "Not sent: this client is banned" + because(day.gate) + ".",
                        EventType.REJECTED));
            }
            if (day.gate.kind() == SendingGate.Kind.HELD) {
                return Optional.of(new Verdict(
                        OutboxState.QUEUED,
                        Optional.of(now),
                        "Held: sending is suspended for this client" + because(day.gate)
                                + ". It goes once the suspension is lifted.",
                        null));
            }
            List<Applicable> limits = applicable(day, m);
            Optional<Applicable> over = limits.stream()
                    .filter(a -> a.used() >= a.allowance().apply(today))
                    .findFirst();
            if (over.isEmpty()) {
                day.add(m.domain(), m.fromAddress(), 1);
                letThrough.put(m.id(), m.tenant());
                gate.letThrough(m, day.settings.onProbation());
                return Optional.empty();
            }
            String why = describe(over.get());
            if (day.settings.overLimit() == OverLimitPolicy.REJECT) {
                return Optional.of(new Verdict(
                        OutboxState.REJECTED,
                        Optional.empty(),
                        "Not sent: over " + why + ". This client's setting rejects messages over a limit.",
                        EventType.REJECTED));
            }
            Optional<LocalDate> next = nextAllowedDay(limits);
            if (next.isEmpty()) {
                return Optional.of(new Verdict(
                        OutboxState.REJECTED,
                        Optional.empty(),
                        "Not sent: over " + why + ", and no day in the next year allows it.",
                        EventType.REJECTED));
            }
            return Optional.of(new Verdict(
                    OutboxState.DEFERRED,
                    Optional.of(startOf(next.get(), zone)),
                    "Waiting until " + next.get() + ": over " + why + ".",
                    EventType.DEFERRED));
        }

        private static String because(SendingGate.Gate g) {
            return g.reason().isEmpty() ? "" : " (" + g.reason() + ")";
        }

        private List<Applicable> applicable(TenantDay day, OutboxMessage m) {
            List<Applicable> out = new ArrayList<>(4);
            String domain = key(m.domain());
            String from = key(m.fromAddress());
            for (WarmupPlan p : day.plans) {
                if (p.kind() == WarmupPlan.Scope.DOMAIN && p.scope().equals(domain)) {
                    out.add(new Applicable(
                            "the warm-up plan of " + domain,
                            day.byDomain.getOrDefault(domain, 0L),
                            p::allowanceOn,
                            Optional.of(p)));
                } else if (p.kind() == WarmupPlan.Scope.MAILBOX && p.scope().equals(from)) {
                    out.add(new Applicable(
                            "the warm-up plan of " + from,
                            day.byMailbox.getOrDefault(from, 0L),
                            p::allowanceOn,
                            Optional.of(p)));
                }
            }
            day.settings
                    .probationCap()
                    .ifPresent(cap -> out.add(new Applicable(
                            String.format(Locale.ROOT, "the probation cap of %,d a day", cap),
                            day.total,
                            d -> cap,
                            Optional.empty())));
            if (day.gate.kind() == SendingGate.Kind.RESTRICTED) {
                day.gate
                        .dailyCap()
                        .ifPresent(cap -> out.add(new Applicable(
                                String.format(Locale.ROOT, "the restriction to %,d a day", cap) + because(day.gate),
                                day.total,
                                d -> cap,
                                Optional.empty())));
            }
            return out;
        }

        private String describe(Applicable a) {
            int allowed = a.allowance().apply(today);
            if (a.plan().isPresent() && a.plan().get().dayOfPlan(today).isEmpty()) {
                return a.name() + ", which starts on " + a.plan().get().startDate();
            }
            String day = a.plan()
                    .flatMap(p -> p.dayOfPlan(today))
                    .map(n -> " (day " + n + ": " + String.format(Locale.ROOT, "%,d", allowed) + " a day)")
                    .orElse("");
            return a.name() + day + String.format(Locale.ROOT, "; %,d sent or sending today", a.used());
        }

        /** The first day after today on which every limit allows at least one message (nothing is counted yet then). */
        private Optional<LocalDate> nextAllowedDay(List<Applicable> limits) {
            for (int i = 1; i <= LOOK_AHEAD_DAYS; i++) {
                LocalDate d = today.plusDays(i);
                if (limits.stream().allMatch(a -> a.allowance().apply(d) > 0)) {
                    return Optional.of(d);
                }
            }
            return Optional.empty();
        }
    }

    private static String key(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }
}
