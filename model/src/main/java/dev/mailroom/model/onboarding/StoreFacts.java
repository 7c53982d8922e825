package dev.mailroom.model.onboarding;

import dev.mailroom.model.access.MembershipStore;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.User;
import dev.mailroom.model.access.UserStore;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.domains.CheckHistoryEntry;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.DomainStore;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.ConnectionTests;
import dev.mailroom.model.sending.SendingLimitStore;
import dev.mailroom.model.sending.TenantLimits;
import dev.mailroom.model.suppressions.ReportMailboxStore;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.templates.TemplateStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The checklist's facts, read from the stores the other features keep. Call inside a transaction. */
public final class StoreFacts implements FactSource {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final DomainStore domains;
    private final ConnectionStore connections;
    private final ConnectionTests tests;
    private final TemplateStore templates;
    private final SendingLimitStore limits;
    private final ReportMailboxStore mailboxes;
    private final dev.mailroom.model.providers.SyncStore sync;
    private final MembershipStore memberships;
    private final UserStore users;

    public StoreFacts(
            DomainStore domains,
            ConnectionStore connections,
            ConnectionTests tests,
            TemplateStore templates,
            SendingLimitStore limits,
            ReportMailboxStore mailboxes,
            dev.mailroom.model.providers.SyncStore sync,
            MembershipStore memberships,
            UserStore users) {
        this.domains = domains;
        this.connections = connections;
        this.tests = tests;
        this.templates = templates;
        this.limits = limits;
        this.mailboxes = mailboxes;
        this.sync = sync;
        this.memberships = memberships;
        this.users = users;
    }

    @Override
    public Map<OnboardingFact, Fact> facts(TenantId tenant) {
        Map<OnboardingFact, Fact> out = new EnumMap<>(OnboardingFact.class);
        out.put(OnboardingFact.DOMAIN_VERIFIED, domainVerified(tenant));
        out.put(OnboardingFact.CONNECTION_TESTED, connectionTested(tenant));
        out.put(OnboardingFact.TEMPLATE_PUBLISHED, templatePublished(tenant));
        out.put(OnboardingFact.LIMITS_SET, limitsSet(tenant));
        out.put(OnboardingFact.MONITORING, monitoring(tenant));
        out.put(OnboardingFact.TWO_ADMINS, twoAdmins(tenant));
        return out;
    }

    private Fact domainVerified(TenantId tenant) {
        List<SendingDomain> list = domains.list(tenant);
        if (list.isEmpty()) {
            return new Fact(false, "No sending domain yet.");
        }
        List<String> why = new ArrayList<>();
        for (SendingDomain d : list) {
            // The latest check of each record kind: the history is newest first.
            Map<RecordKind, CheckHistoryEntry> latest = new HashMap<>();
            for (CheckHistoryEntry e : domains.checkHistory(tenant, d.id(), 200)) {
                latest.putIfAbsent(e.kind(), e);
            }
            CheckHistoryEntry dkim = latest.get(RecordKind.DKIM);
            CheckHistoryEntry dmarc = latest.get(RecordKind.DMARC);
            String name = d.name().unicode();
            if (found(dkim) && found(dmarc)) {
                Instant at = dkim.checkedAt().isAfter(dmarc.checkedAt()) ? dkim.checkedAt() : dmarc.checkedAt();
                return new Fact(true, name + ": DKIM and DMARC found at the check of " + day(at) + ".");
            }
            if (dkim == null && dmarc == null) {
                why.add(name + " not checked yet");
            } else {
                why.add(name + ": DKIM " + status(dkim) + ", DMARC " + status(dmarc));
            }
        }
        return new Fact(false, String.join("; ", why) + ".");
    }

    private static boolean found(CheckHistoryEntry e) {
        return e != null && e.status() == CheckStatus.FOUND;
    }

    private static String status(CheckHistoryEntry e) {
        return e == null ? "not checked" : e.status().label().toLowerCase(Locale.ROOT);
    }

    private Fact connectionTested(TenantId tenant) {
        Optional<ConnectionTests.Result> passed = tests.lastPassed(tenant);
        if (passed.isPresent()) {
            String name = connections
                    .find(tenant, passed.get().connection())
                    .map(c -> "\"" + c.name() + "\"")
                    .orElse("A connection");
            return new Fact(
                    true,
                    name + " passed Test connection on " + day(passed.get().at()) + ".");
        }
        return new Fact(
                false,
                connections.list(tenant).isEmpty()
                        ? "No connection yet."
                        : "No connection has passed Test connection yet.");
    }

    private Fact templatePublished(TenantId tenant) {
        List<Template> list = templates.list(TemplateOwner.tenant(tenant));
        return list.stream()
                .max(Comparator.comparing(Template::updatedAt))
                .map(t -> new Fact(
                        true,
                        (list.size() == 1 ? "1 template" : list.size() + " templates") + "; latest \"" + t.name()
                                + "\" version " + t.version() + " of " + day(t.updatedAt()) + "."))
                .orElse(new Fact(false, "No template of its own yet."));
    }

    private Fact limitsSet(TenantId tenant) {
        int plans = limits.plans(tenant).size();
        Optional<TenantLimits> settings = limits.settings(tenant);
        List<String> parts = new ArrayList<>();
        if (plans > 0) {
            parts.add(plans == 1 ? "1 warm-up plan" : plans + " warm-up plans");
        }
        settings.filter(TenantLimits::onProbation)
                .ifPresent(s -> parts.add(String.format(
                        Locale.ROOT, "probation at %,d a day", s.probationCap().getAsInt())));
        return parts.isEmpty()
                ? new Fact(false, "No warm-up plan and no probation.")
                : new Fact(true, capitalise(String.join(", ", parts)) + ".");
    }

    private Fact monitoring(TenantId tenant) {
        var own = mailboxes.find(Optional.of(tenant));
        if (own.isPresent()) {
            return new Fact(
                    true,
                    "Bounce mailbox " + own.get().username() + " at "
                            + own.get().host() + ".");
        }
        // A provider API connection whose activity sync has caught up at least once.
        var synced = sync.list(tenant).stream()
                .filter(st -> st.lastSuccessAt().isPresent())
                .max(Comparator.comparing(st -> st.lastSuccessAt().get()));
        if (synced.isPresent()) {
            String name = connections
                    .find(tenant, synced.get().connection())
                    .map(c -> "\"" + c.name() + "\"")
                    .orElse("a provider connection");
            return new Fact(
                    true,
                    "Provider activity sync of " + name + ", last caught up on "
                            + day(synced.get().lastSuccessAt().get()) + ".");
        }
        var agency = mailboxes.find(Optional.empty());
        if (agency.isPresent()) {
            return new Fact(
                    true,
                    "The agency's bounce mailbox " + agency.get().username() + " at "
                            + agency.get().host() + " reads this client's bounces.");
        }
        return new Fact(false, "No bounce mailbox and no provider activity sync.");
    }

    private Fact twoAdmins(TenantId tenant) {
        Set<String> names = new java.util.TreeSet<>(); // by name: the same words on every read
        Map<UserId, Set<Role>> holders = memberships.holders(tenant);
        for (User u : users.list()) {
            if (!u.active()) {
                continue;
            }
            Set<Role> roles = holders.getOrDefault(u.id(), Set.of());
            if (u.agencyOwner() || roles.contains(Role.OWNER) || roles.contains(Role.ADMIN)) {
                names.add(u.name());
            }
        }
        String who = String.join(", ", names);
        return names.size() >= 2
                ? new Fact(true, names.size() + " people can administer it: " + who + ".")
                : new Fact(
                        false,
                        names.isEmpty()
                                ? "Nobody can administer it."
                                : "Only " + who + " can administer it; a second Owner or Admin is needed.");
    }

    private static String day(Instant at) {
        return DAY.format(at.atZone(ZoneOffset.UTC));
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
