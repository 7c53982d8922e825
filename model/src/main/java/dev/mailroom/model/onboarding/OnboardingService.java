package dev.mailroom.model.onboarding;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The onboarding checklist (PRODUCT.md section 9). Fact items tick themselves from what Mailroom sees
 * and un-tick, saying so, when the fact stops holding; the others are ticked by a person with
 * {@link Permission#ONBOARDING_MANAGE} (Admin, Owner) with a note and maybe an evidence file, audited.
 * The agency owner edits the template (adds and retires items); answers are never lost.
 */
public final class OnboardingService {
    public static final int MAX_NOTE = 2000;
    public static final int MAX_LABEL = 300;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final OnboardingStore store;
    private final FactSource facts;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public OnboardingService(
            OnboardingStore store,
            FactSource facts,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.store = store;
        this.facts = facts;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Checklist checklist(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TENANT_VIEW);
            load(tenant);
            return build(tenant, store.items(), store.answers(tenant));
        });
    }

    /** The overview's Onboarding column: every tenant the actor may see. */
    public Map<TenantId, Checklist.Progress> progressOfVisibleTenants(Actor actor) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.scope(actor);
            List<ChecklistItem> items = store.items();
            var answers = store.answersAcrossTenants();
            Map<TenantId, Checklist.Progress> out = new LinkedHashMap<>();
            for (Tenant t : tenants.list(scope)) {
                out.put(
                        t.id(),
                        build(t.id(), items, answers.getOrDefault(t.id(), Map.of()))
                                .progress());
            }
            return out;
        });
    }

    /** The template, retired items included (for the template editor). */
    public List<ChecklistItem> items(Actor actor) {
        return tx.inTransaction(store::items);
    }

    public ChecklistItem addItem(Actor actor, String section, String label) {
        String s = section == null ? "" : section.strip();
        String l = label == null ? "" : label.strip();
        Map<String, String> problems = new LinkedHashMap<>();
        if (s.isEmpty() || s.length() > 40) {
            problems.put("section", "Name a section (at most 40 characters).");
        }
        if (l.isEmpty() || l.length() > MAX_LABEL) {
            problems.put("label", "Say what is to be checked (at most " + MAX_LABEL + " characters).");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return tx.inTransaction(() -> {
            access.requireAgencyOwner(actor);
            List<ChecklistItem> items = store.items();
            // After the last item of its section, or at the end for a new section.
            int position = items.stream()
                            .filter(i -> i.section().equalsIgnoreCase(s))
                            .mapToInt(ChecklistItem::position)
                            .max()
                            .orElse(items.stream()
                                            .mapToInt(ChecklistItem::position)
                                            .max()
                                            .orElse(0)
                                    + 100)
                    + 1;
            String sectionName = items.stream()
                    .map(ChecklistItem::section)
                    .filter(x -> x.equalsIgnoreCase(s))
                    .findFirst()
                    .orElse(s);
            ChecklistItemId id = store.addItem(sectionName, l, position, clock.instant());
            audit.record(actor, "onboarding.item.added", l, Map.of("section", sectionName));
            return store.items().stream()
                    .filter(i -> i.id().equals(id))
                    .findFirst()
                    .orElseThrow();
        });
    }

    /** Retires an item: no longer asked or counted; the answers given stay in the store. */
    public void retireItem(Actor actor, ChecklistItemId item) {
        tx.run(() -> {
            access.requireAgencyOwner(actor);
            ChecklistItem i = item(item);
            if (i.retired()) {
                throw new Conflict("\"" + i.label() + "\" is already retired.");
            }
            store.retireItem(item, clock.instant());
            audit.record(actor, "onboarding.item.retired", i.label(), Map.of("section", i.section()));
        });
    }

    /** A person ticks an item with a note (required) and maybe evidence. */
    public Checklist tick(
            Actor actor, TenantId tenant, ChecklistItemId item, String note, Optional<Evidence> evidence) {
        String n = note(note, "Say what was checked and how: the note is kept with the tick.");
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ONBOARDING_MANAGE);
            Tenant t = active(tenant);
            ChecklistItem i = current(item);
            if (i.fact().isPresent()) {
                throw new Conflict("\"" + i.label() + "\" ticks itself when Mailroom sees it done.");
            }
            store.putAnswer(
                    tenant, item, true, n, evidence, true, actor.realPerson().name(), clock.instant());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("note", n);
            evidence.ifPresent(e -> {
                details.put("evidence", e.name());
                details.put("evidence sha256", sha256(e.bytes()));
                details.put("evidence bytes", Integer.toString(e.bytes().length));
            });
            audit.record(actor, tenant, t.name(), "onboarding.ticked", i.label(), details);
            return build(tenant, store.items(), store.answers(tenant));
        });
    }

    /** A person un-ticks an item, saying why; the evidence attached before is dropped. */
    public Checklist untick(Actor actor, TenantId tenant, ChecklistItemId item, String reason) {
        String n = note(reason, "Say why it is no longer done.");
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ONBOARDING_MANAGE);
            Tenant t = active(tenant);
            ChecklistItem i = current(item);
            if (i.fact().isPresent()) {
                throw new Conflict("\"" + i.label() + "\" follows what Mailroom sees; it cannot be un-ticked by hand.");
            }
            Answer before = store.answers(tenant).get(item);
            if (before == null || !before.done()) {
                throw new Conflict("\"" + i.label() + "\" is not ticked.");
            }
            store.putAnswer(
                    tenant,
                    item,
                    false,
                    n,
                    Optional.empty(),
                    false,
                    actor.realPerson().name(),
                    clock.instant());
            audit.record(actor, tenant, t.name(), "onboarding.unticked", i.label(), Map.of("reason", n));
            return build(tenant, store.items(), store.answers(tenant));
        });
    }

    public Evidence evidence(Actor actor, TenantId tenant, ChecklistItemId item) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.ONBOARDING_MANAGE);
            return store.evidence(tenant, item).orElseThrow(() -> new NotFound("No evidence is attached to it."));
        });
    }

    private Checklist build(TenantId tenant, List<ChecklistItem> items, Map<ChecklistItemId, Answer> answers) {
        Map<OnboardingFact, FactSource.Fact> seen = facts.facts(tenant);
        List<Checklist.Line> lines = new ArrayList<>();
        for (ChecklistItem i : items) {
            if (i.retired()) {
                continue;
            }
            Optional<Answer> a = Optional.ofNullable(answers.get(i.id()));
            if (i.fact().isPresent()) {
                FactSource.Fact f = seen.get(i.fact().get());
                if (f != null && f.holds()) {
                    if (a.flatMap(Answer::factSeen).filter(f.words()::equals).isEmpty()) {
                        store.rememberFact(tenant, i.id(), f.words(), clock.instant());
                    }
                    lines.add(line(i, Checklist.State.DONE, f.words(), Optional.empty(), Optional.empty(), a));
                } else if (a.flatMap(Answer::factSeen).isPresent()) {
                    String was = a.get().factSeen().get();
                    String when =
                            a.get().factSeenAt().map(t -> " (" + day(t) + ")").orElse("");
                    lines.add(line(
                            i,
                            Checklist.State.LOST,
                            "No longer true. Was: " + was + when + " Now: " + (f == null ? "unknown." : f.words()),
                            Optional.empty(),
                            Optional.empty(),
                            a));
                } else {
                    lines.add(line(
                            i,
                            Checklist.State.OPEN,
                            f == null ? "" : f.words(),
                            Optional.empty(),
                            Optional.empty(),
                            a));
                }
            } else if (a.isPresent() && a.get().answeredAt().isPresent()) {
                Answer x = a.get();
                lines.add(line(
                        i,
                        x.done() ? Checklist.State.DONE : Checklist.State.OPEN,
                        x.done() ? x.note() : "Un-ticked: " + x.note(),
                        x.answeredBy(),
                        x.answeredAt(),
                        a));
            } else {
                lines.add(line(i, Checklist.State.OPEN, "", Optional.empty(), Optional.empty(), a));
            }
        }
        return new Checklist(tenant, lines);
    }

    private static Checklist.Line line(
            ChecklistItem i,
            Checklist.State state,
            String words,
            Optional<String> by,
            Optional<Instant> at,
            Optional<Answer> a) {
        return new Checklist.Line(i, state, words, by, at, a.flatMap(Answer::evidenceName));
    }

    private ChecklistItem item(ChecklistItemId id) {
        return store.items().stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFound("No such checklist item."));
    }

    private ChecklistItem current(ChecklistItemId id) {
        ChecklistItem i = item(id);
        if (i.retired()) {
            throw new Conflict("\"" + i.label() + "\" was retired from the checklist.");
        }
        return i;
    }

    private static String note(String note, String missing) {
        String n = note == null ? "" : note.strip();
        if (n.isEmpty()) {
            throw new InvalidInput("note", missing);
        }
        if (n.length() > MAX_NOTE) {
            throw new InvalidInput("note", "A note is at most " + MAX_NOTE + " characters.");
        }
        return n;
    }

    private Tenant load(TenantId id) {
        return tenants.find(id).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
    }

    private Tenant active(TenantId id) {
        Tenant t = load(id);
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to make changes.");
        }
        return t;
    }

    private static String day(Instant at) {
        return DAY.format(at.atZone(ZoneOffset.UTC));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
