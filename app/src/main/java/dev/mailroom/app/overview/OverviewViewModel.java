package dev.mailroom.app.overview;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.ColumnChoice;
import dev.mailroom.app.common.ColumnChoice.Column;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.activity.AnalyticsService;
import dev.mailroom.model.activity.TenantActivity;
import dev.mailroom.model.activity.TenantHealth;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DnsHealth;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.onboarding.Checklist;
import dev.mailroom.model.onboarding.EscalationService;
import dev.mailroom.model.onboarding.OnboardingService;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.tenants.DriftFinding;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.collections.transformation.FilteredList;

/**
 * Agency › Overview without a window: every tenant the person may see with its health, DNS, access
 * drift, onboarding, escalation and limits (each read in the background, errors to the runner's default
 * path), the "Needs attention" and "Onboarding incomplete" filters, what each status column shows, and
 * which columns show ({@link #columns()}, kept per user).
 */
public final class OverviewViewModel {
    /** The use cases the overview reads. */
    public record Sources(
            TenantService tenants,
            DomainService domains,
            SendingLimitService limits,
            OnboardingService onboarding,
            EscalationService escalation,
            AnalyticsService analytics) {}

    /** What a status cell shows: a chip in its tone, or plain text when {@code tone} is null; and its tooltip. */
    public record Badge(String text, Chip.Tone tone, String tooltip) {
        static Badge chip(String text, Chip.Tone tone, String tooltip) {
            return new Badge(text, tone, tooltip);
        }

        static Badge hidden(String tooltip) {
            return new Badge(HIDDEN, null, tooltip);
        }
    }

    static final String HIDDEN = "—";

    /** The overview's columns in the table's order; the ids are the TableColumns' ids. */
    static final List<Column> COLUMNS = List.of(
            // Priorities follow UX.md's overview (flags, DNS, rates, volume, warm-up), then Access, escalation,
            // onboarding and probation; the name wraps instead of being cut.
            Column.required("name", "Tenant", 170),
            Column.of("status", "Status", 150, ColumnChoice.ONLY_WHEN_PICKED),
            Column.of("escalation", "Escalation", 110, 8),
            Column.of("onboarding", "Onboarding", 100, 9),
            Column.of("volume", "30 days", 84, 6),
            Column.of("bounces", "Bounces", 80, 4),
            Column.of("complaints", "Complaints", 96, 5),
            Column.of("warmup", "Warm-up", 116, 7),
            Column.of("probation", "Probation", 90, 10),
            Column.of("flags", "Flags", 110, 1),
            Column.of("dns", "DNS", 96, 2),
            Column.of("access", "Access", 80, 3),
            Column.of("contact", "Contact", 170, ColumnChoice.ONLY_WHEN_PICKED),
            Column.of("infrastructure", "Infrastructure", 140, ColumnChoice.ONLY_WHEN_PICKED),
            Column.of("partner-access", "Partner access", 240, ColumnChoice.ONLY_WHEN_PICKED),
            Column.of("created", "Created", 120, ColumnChoice.ONLY_WHEN_PICKED));

    private final Sources sources;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final BiPredicate<TenantId, Permission> may;
    private final boolean agencyOwner;
    private final ColumnChoice columns;

    private final ObservableMap<TenantId, List<DriftFinding>> drift = FXCollections.observableHashMap();
    private final ObservableMap<TenantId, DnsHealth> dns = FXCollections.observableHashMap();
    private final ObservableMap<TenantId, SendingLimitService.Limits> limits = FXCollections.observableHashMap();
    private final ObservableMap<TenantId, Checklist.Progress> onboarding = FXCollections.observableHashMap();
    private final ObservableMap<TenantId, EscalationService.Standing> standing = FXCollections.observableHashMap();
    private final ObservableMap<TenantId, TenantHealth> health = FXCollections.observableHashMap();
    private final BooleanProperty needsAttention = new SimpleBooleanProperty(false);
    private final BooleanProperty onboardingIncomplete = new SimpleBooleanProperty(false);
    private final FilteredList<Tenant> shown;
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper();

    /**
     * @param tenants the tenants this person may see (the session's list, reloaded by the shell)
     * @param may whether this person's role in a tenant includes a permission
     * @param settings where the column choice is kept, for the real person at the keyboard
     */
    public OverviewViewModel(
            Sources sources,
            BackgroundRunner runner,
            Actor actor,
            BiPredicate<TenantId, Permission> may,
            boolean agencyOwner,
            ObservableList<Tenant> tenants,
            UiSettings settings) {
        this.sources = sources;
        this.runner = runner;
        this.actor = actor;
        this.may = may;
        this.agencyOwner = agencyOwner;
        this.columns = new ColumnChoice(
                "overview", COLUMNS, settings, actor.realPerson().id(), runner);
        this.shown = new FilteredList<>(tenants);
        needsAttention.addListener((o, was, now) -> filter());
        onboardingIncomplete.addListener((o, was, now) -> filter());
        filter();
    }

    public ColumnChoice columns() {
        return columns;
    }

    /** The tenants the filters keep. */
    public FilteredList<Tenant> shown() {
        return shown;
    }

    public BooleanProperty needsAttention() {
        return needsAttention;
    }

    public BooleanProperty onboardingIncomplete() {
        return onboardingIncomplete;
    }

    /** Goes up whenever figures arrive: the table redraws its cells. */
    public ReadOnlyIntegerProperty revision() {
        return revision.getReadOnlyProperty();
    }

    ObservableMap<TenantId, TenantHealth> health() {
        return health;
    }

    ObservableMap<TenantId, SendingLimitService.Limits> limits() {
        return limits;
    }

    public String emptyText() {
        return agencyOwner
                ? "No tenants yet. Add your first client under Tenants."
                : "You have no role in any tenant yet. Ask your agency's owner for access.";
    }

    /** Reads every figure of every visible tenant, each in its own background job. */
    public void refresh() {
        load("Checking partner access", () -> sources.tenants().driftOfVisibleTenants(actor), drift);
        load("Reading DNS health", () -> sources.domains().dnsHealthOfVisibleTenants(actor), dns);
        load("Reading sending limits", () -> sources.limits().limitsOfVisibleTenants(actor), limits);
        load("Reading onboarding progress", () -> sources.onboarding().progressOfVisibleTenants(actor), onboarding);
        load("Reading escalations", () -> sources.escalation().standingOfVisibleTenants(actor), standing);
        load("Reading client health", () -> sources.analytics().overview(actor), health);
    }

    private <V> void load(
            String title, java.util.function.Supplier<Map<TenantId, V>> read, ObservableMap<TenantId, V> into) {
        runner.run(Task.of(title, p -> read.get(), found -> {
            into.clear();
            into.putAll(found);
            filter();
            revision.set(revision.get() + 1);
        }));
    }

    private void filter() {
        shown.setPredicate(t -> (!needsAttention.get() || needsAttention(t))
                && (!onboardingIncomplete.get() || onboardingIncomplete(t)));
    }

    TenantHealth healthOf(Tenant t) {
        return health.getOrDefault(t.id(), TenantHealth.of(t.id(), TenantActivity.NONE));
    }

    /** Whether this person's role hides the tenant's figures (analytics): shown as "—", never as 0. */
    boolean figuresHidden(Tenant t) {
        return !may.test(t.id(), Permission.ANALYTICS_VIEW);
    }

    /** A health flag, broken DNS or a blocklist listing, or an escalation (in force or warned). */
    boolean needsAttention(Tenant t) {
        DnsHealth h = dns.get(t.id());
        var s = standing.get(t.id());
        return healthOf(t).needsAttention()
                || (h != null && (h.broke() > 0 || h.listed() > 0))
                || (s != null && s.needsAttention());
    }

    boolean onboardingIncomplete(Tenant t) {
        var p = onboarding.get(t.id());
        return !t.isArchived() && p != null && !p.complete();
    }

    /** Restricted, suspended, paused or banned, or a pause warning, with the figures in the tooltip. */
    Optional<Badge> escalation(Tenant t) {
        var s = standing.get(t.id());
        if (s == null) {
            return Optional.empty();
        }
        var g = s.governance();
        String tip = (s.flag().isEmpty() ? "Nothing in force." : s.flag()) + "\n"
                + s.figures().describe() + "\nPause policy: " + g.pausePolicy().label() + ".";
        if (g.level().isPresent()) {
            return Optional.of(
                    switch (g.level().get()) {
                        case RESTRICTED ->
                            Badge.chip(Formats.count(g.dailyCap().orElse(0)) + "/day cap", Chip.Tone.WARNING, tip);
                        case SUSPENDED -> Badge.chip(g.automatic() ? "Paused" : "Suspended", Chip.Tone.DANGER, tip);
                        case BANNED -> Badge.chip("Banned", Chip.Tone.DANGER, tip);
                    });
        }
        if (s.finding().isPresent()) {
            return Optional.of(Badge.chip("Pause warning", Chip.Tone.WARNING, tip));
        }
        // Nothing in force and nothing crossed: no chip, the figures in the tooltip.
        return Optional.of(new Badge("", null, tip));
    }

    /** The onboarding checklist's progress, "9 of 14". */
    Optional<Badge> onboarding(Tenant t) {
        return Optional.ofNullable(onboarding.get(t.id()))
                .map(p -> Badge.chip(
                        p.complete() ? "Complete" : p.describe(),
                        p.complete() ? Chip.Tone.SUCCESS : Chip.Tone.WARNING,
                        p.describe() + " checklist items done. See Onboarding."));
    }

    /** The latest DNS checks of the tenant's sending domains: broken records and blocklist listings stand out. */
    Optional<Badge> dns(Tenant t) {
        DnsHealth h = dns.get(t.id());
        if (h == null) {
            return may.test(t.id(), Permission.DOMAINS_VIEW)
                    ? Optional.empty()
                    : Optional.of(Badge.hidden(
                            "Your role in " + t.name() + " does not include domains, so its DNS is not shown to you."));
        }
        String tip = h.domains() + (h.domains() == 1 ? " sending domain; " : " sending domains; ")
                + h.problems() + " of " + h.checkedRecords() + " records not as expected"
                + (h.broke() > 0 ? ", " + h.broke() + " broke since the check before" : "")
                + (h.listed() > 0 ? "; listed on " + h.listed() + " blocklist(s)" : "") + ". See Domains.";
        if (h.listed() > 0) {
            return Optional.of(Badge.chip("Listed", Chip.Tone.DANGER, tip));
        } else if (h.broke() > 0) {
            return Optional.of(Badge.chip(h.broke() == 1 ? "1 broke" : h.broke() + " broke", Chip.Tone.DANGER, tip));
        } else if (!h.checked()) {
            return Optional.of(Badge.chip("Not checked", Chip.Tone.NEUTRAL, tip));
        } else if (h.problems() > 0) {
            return Optional.of(Badge.chip(h.problems() + " to fix", Chip.Tone.WARNING, tip));
        }
        return Optional.of(Badge.chip("OK", Chip.Tone.SUCCESS, tip));
    }

    /** Drift between the declared partner-access pattern and the actual role holders. */
    Optional<Badge> access(Tenant t) {
        List<DriftFinding> findings = drift.get(t.id());
        if (t.isArchived() || findings == null) {
            return Optional.empty();
        }
        if (findings.isEmpty()) {
            return Optional.of(Badge.chip("OK", Chip.Tone.SUCCESS, null));
        }
        return Optional.of(Badge.chip(
                findings.size() == 1 ? "Drift" : findings.size() + " drifts",
                Chip.Tone.WARNING,
                findings.stream().map(DriftFinding::message).collect(Collectors.joining("\n"))));
    }

    /** The status columns' contents by column id, for the page's one kind of status cell. */
    Map<String, Function<Tenant, Optional<Badge>>> badges() {
        return Map.of(
                "escalation",
                this::escalation,
                "onboarding",
                this::onboarding,
                "dns",
                this::dns,
                "access",
                this::access);
    }
}
