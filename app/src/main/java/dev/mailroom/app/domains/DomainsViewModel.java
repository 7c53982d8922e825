package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Progress;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.CheckAllResult;
import dev.mailroom.model.domains.DomainCheckResult;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.HandOff;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.blocklist.Blocklist;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.tenants.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BiConsumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Domains page without its nodes: the current tenant's domains with their latest checks, the
 * selection, and the commands (check, check all, blocklists, rotation, hand-off files). Store and DNS work
 * runs through the {@link BackgroundRunner}; results land here on the FX thread.
 */
public final class DomainsViewModel {
    /** Days a replaced DKIM key stays in DNS for mail still in transit. */
    static final Duration RETIRE_AFTER = Duration.ofDays(7);
    /** How many domains "check all" asks about at once. */
    public enum HandOffFormat {
        BIND("BIND zone snippet", "zone", "*.zone"),
        CSV("CSV", "csv", "*.csv"),
        HTML("Printable instruction sheet (HTML)", "html", "*.html");

        final String label;
        final String extension;
        final String glob;

        HandOffFormat(String label, String extension, String glob) {
            this.label = label;
            this.extension = extension;
            this.glob = glob;
        }
    }

    private final DomainUseCases uses;
    private final BackgroundRunner runner;
    private final ObservableList<DomainSummary> domains = FXCollections.observableArrayList();
    private final ObjectProperty<DomainSummary> selected = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty checking = new SimpleBooleanProperty();
    private final BooleanProperty checkingAll = new SimpleBooleanProperty();
    private final StringProperty notice = new SimpleStringProperty("");
    private BiConsumer<String, Throwable> onError = (what, e) -> {};
    private long generation;

    private final java.util.function.Supplier<DnsPreferences> prefs;

    public DomainsViewModel(
            DomainUseCases uses, BackgroundRunner runner, java.util.function.Supplier<DnsPreferences> prefs) {
        this.uses = uses;
        this.runner = runner;
        this.prefs = prefs;
    }

    /** A provider section's view model for this person, on this page's runner. */
    ProviderDomainViewModel providerDomains() {
        return new ProviderDomainViewModel(uses.providerDomains(), uses.actor(), runner);
    }

    DnsPreferences preferences() {
        return prefs.get();
    }

    /** Where failures the person must see go (the page shows a dialog). */
    public void onError(BiConsumer<String, Throwable> handler) {
        this.onError = handler;
    }

    private DomainService service() {
        return uses.domains();
    }

    public Optional<Tenant> tenant() {
        return uses.tenant();
    }

    public boolean canManage() {
        return tenant().map(t -> uses.access().may(t.id(), Permission.DOMAINS_MANAGE))
                        .orElse(false)
                && tenant().map(t -> !t.isArchived()).orElse(false);
    }

    /** Why actions are missing, for a person who may only look; empty when they may act. */
    public String readOnlyReason() {
        if (canManage()) {
            return "";
        }
        if (tenant().map(Tenant::isArchived).orElse(false)) {
            return "This client is archived: its domains are read-only.";
        }
        return "You can see this client's domains; adding, checking and rotating keys needs the Editor role or higher.";
    }

    /** Reloads the current tenant's domains, keeping the selection where it still exists. */
    public void load() {
        Optional<Tenant> t = tenant();
        long mine = ++generation;
        if (t.isEmpty()) {
            domains.clear();
            selected.set(null);
            return;
        }
        TenantId tenant = t.get().id();
        Actor actor = uses.actor();
        loading.set(true);
        runner.run(Task.of(
                "Loading sending domains",
                p -> summaries(actor, tenant),
                rows -> {
                    if (mine != generation) {
                        return; // the tenant changed meanwhile
                    }
                    loading.set(false);
                    Optional<DomainId> keep = Optional.ofNullable(selected.get())
                            .map(d -> d.domain().id());
                    domains.setAll(rows);
                    // The first domain's detail shows at once, so the page is never half empty.
                    selected.set(keep.flatMap(this::find).orElse(rows.isEmpty() ? null : rows.get(0)));
                },
                e -> {
                    loading.set(false);
                    onError.accept("Could not load the sending domains", e);
                }));
    }

    private List<DomainSummary> summaries(Actor actor, TenantId tenant) {
        List<DomainSummary> out = new ArrayList<>();
        for (SendingDomain d : service().list(actor, tenant)) {
            out.add(summary(actor, d));
        }
        return out;
    }

    /** Background: one domain's keys, latest checks and latest blocklist answers, from the store only. */
    DomainSummary summary(Actor actor, SendingDomain d) {
        DomainService s = service();
        DomainService.DomainView v = s.get(actor, d.tenant(), d.id());
        return DomainSummary.fromHistory(
                v.domain(),
                v.keys(),
                s.history(actor, d.tenant(), d.id(), 200),
                s.blocklistHistory(actor, d.tenant(), d.id(), 100));
    }

    Optional<DomainSummary> find(DomainId id) {
        return domains.stream().filter(d -> d.domain().id().equals(id)).findFirst();
    }

    private void replace(DomainSummary fresh) {
        for (int i = 0; i < domains.size(); i++) {
            if (domains.get(i).domain().id().equals(fresh.domain().id())) {
                boolean wasSelected = selected.get() != null
                        && selected.get().domain().id().equals(fresh.domain().id());
                domains.set(i, fresh);
                if (wasSelected) {
                    selected.set(fresh);
                }
                return;
            }
        }
        domains.add(fresh);
    }

    /** "Check again": asks DNS about every record of the domain; the answers go into its history. */
    public void checkAgain(DomainSummary d) {
        Actor actor = uses.actor();
        SendingDomain domain = d.domain();
        checking.set(true);
        runner.run(Task.of(
                "Checking " + domain.name().unicode(),
                p -> {
                    service().verify(actor, domain.tenant(), domain.id(), Optional.empty());
                    return summary(actor, domain);
                },
                fresh -> {
                    checking.set(false);
                    replace(fresh);
                    notice.set(describe(fresh));
                },
                e -> {
                    checking.set(false);
                    onError.accept("Could not check " + domain.name().unicode(), e);
                }));
    }

    /** "Check all domains" of every client the person may see, bounded and cancellable from the status bar. */
    public void checkAll() {
        if (checkingAll.get()) {
            return;
        }
        Actor actor = uses.actor();
        int atOnce = preferences().lookupsAtOnce();
        checkingAll.set(true);
        notice.set("Checking all domains…");
        runner.run(Task.of(
                        "Checking all domains",
                        p -> checkAll(actor, atOnce, p),
                        result -> {
                            checkingAll.set(false);
                            notice.set(describe(result));
                            load();
                        },
                        e -> {
                            checkingAll.set(false);
                            if (e instanceof CancellationException) {
                                notice.set(
                                        "Checking all domains was cancelled; the domains checked before that keep their results.");
                                load();
                            } else {
                                notice.set("");
                                onError.accept("Could not check all domains", e);
                            }
                        })
                .withCancel());
    }

    /** One domain's records are asked one after another, so {@code atOnce} domains are as many look-ups. */
    private CheckAllResult checkAll(Actor actor, int atOnce, Progress p) {
        Cancellation cancel = new Cancellation();
        return service()
                .checkAll(
                        actor,
                        atOnce,
                        Optional.empty(),
                        (done, total, latest) -> {
                            if (p.isCancelled()) {
                                cancel.cancel();
                            }
                            p.update(
                                    done,
                                    total,
                                    "Checking domains: " + done + " of " + total + " ("
                                            + latest.domain().name().unicode() + ")");
                        },
                        cancel);
    }

    static String describe(CheckAllResult r) {
        long verified = r.results().stream().filter(DomainCheckResult::allFound).count();
        long failed = r.results().stream().filter(x -> x.error().isPresent()).count();
        StringBuilder sb = new StringBuilder(
                r.cancelled()
                        ? "Stopped after " + Formats.count(r.results().size()) + " of " + Formats.count(r.total())
                                + " domains: "
                        : "Checked " + Formats.count(r.total()) + (r.total() == 1 ? " domain: " : " domains: "));
        sb.append(Formats.count(verified))
                .append(" verified, ")
                .append(Formats.count(r.results().size() - verified - failed))
                .append(" with something to fix");
        if (failed > 0) {
            sb.append(", ").append(Formats.count(failed)).append(" could not be checked");
        }
        sb.append('.');
        if (!r.broken().isEmpty()) {
            sb.append(" Broke since the previous check: ")
                    .append(String.join(
                            ", ",
                            r.broken().stream()
                                    .map(b -> b.domain().name().unicode())
                                    .toList()))
                    .append('.');
        }
        return sb.toString();
    }

    static String describe(DomainSummary d) {
        String name = d.domain().name().unicode();
        return switch (d.overall()) {
            case VERIFIED -> name + ": every record is in place.";
            case PROBLEMS ->
                name + ": " + d.problems() + (d.problems() == 1 ? " record needs" : " records need") + " attention.";
            case UNKNOWN -> name + ": DNS did not answer for some records; nothing can be said about them yet.";
            case NOT_CHECKED -> name + ": not checked yet.";
        };
    }

    /** Asks the configured blocklists about the domain and the tenant's relays, and keeps the answers. */
    public void checkBlocklists(DomainSummary d) {
        Actor actor = uses.actor();
        SendingDomain domain = d.domain();
        List<Blocklist> lists = prefs.get().blocklists();
        checking.set(true);
        runner.run(Task.of(
                "Checking blocklists for " + domain.name().unicode(),
                p -> {
                    service().checkBlocklists(actor, domain.tenant(), domain.id(), lists);
                    return summary(actor, domain);
                },
                fresh -> {
                    checking.set(false);
                    replace(fresh);
                    notice.set(
                            fresh.listed()
                                    ? domain.name().unicode()
                                            + " is on a blocklist: see which one and what to do below."
                                    : domain.name().unicode() + ": blocklists checked.");
                },
                e -> {
                    checking.set(false);
                    onError.accept("Could not check the blocklists", e);
                }));
    }

    /** Rotation, step 1: a new key with a new selector. */
    public void generateKey(DomainSummary d, DkimAlgorithm algorithm) {
        change(
                "Generating a DKIM key",
                d,
                (actor, dom) -> uses.dkimKeys().generateKey(actor, dom.tenant(), dom.id(), algorithm));
    }

    /** Rotation, step 3: sign with a published key; the one it replaces retires after {@link #RETIRE_AFTER}. */
    public void startSigning(DomainSummary d, String selector) {
        change(
                "Switching DKIM signing",
                d,
                (actor, dom) -> uses.dkimKeys().startSigning(actor, dom.tenant(), dom.id(), selector, RETIRE_AFTER));
    }

    /** Rotation, step 4. */
    public void retireDueKeys(DomainSummary d) {
        change("Retiring DKIM keys", d, (actor, dom) -> uses.dkimKeys().retireDueKeys(actor, dom.tenant(), dom.id()));
    }

    private interface Change {
        Object apply(Actor actor, SendingDomain domain);
    }

    private void change(String title, DomainSummary d, Change work) {
        Actor actor = uses.actor();
        SendingDomain domain = d.domain();
        checking.set(true);
        runner.run(Task.of(
                title,
                p -> {
                    work.apply(actor, domain);
                    return summary(actor, domain);
                },
                fresh -> {
                    checking.set(false);
                    replace(fresh);
                },
                e -> {
                    checking.set(false);
                    onError.accept(title + " failed", e);
                }));
    }

    /** Background: plans the records (asking DNS what is published) and writes the hand-off file. */
    public void saveHandOff(DomainSummary d, HandOffFormat format, Path file) {
        Actor actor = uses.actor();
        SendingDomain domain = d.domain();
        String agency = uses.agencyName();
        String client = tenant().map(Tenant::name).orElse("");
        var clock = uses.clock();
        runner.run(Task.of(
                "Saving " + file.getFileName(),
                p -> {
                    RecordPlan plan = service().plan(actor, domain.tenant(), domain.id());
                    Files.writeString(
                            file,
                            handOffText(
                                    plan,
                                    format,
                                    agency,
                                    client,
                                    domain.settings().ttl(),
                                    clock.instant()),
                            StandardCharsets.UTF_8);
                    return file;
                },
                saved -> notice.set("Saved " + saved.getFileName() + "."),
                e -> onError.accept("Could not save " + file.getFileName(), e)));
    }

    static String handOffText(
            RecordPlan plan, HandOffFormat format, String agency, String client, int ttl, java.time.Instant now) {
        return switch (format) {
            case BIND -> HandOff.bindSnippet(plan, agency, ttl, now);
            case CSV -> Csv.text(HandOff.table(plan, ttl));
            case HTML -> HandOff.instructionSheetHtml(plan, agency, client, ttl, now);
        };
    }

    static String errorText(Throwable e) {
        return Dialogs.messageFor(e);
    }

    public ObservableList<DomainSummary> domains() {
        return domains;
    }

    public ObjectProperty<DomainSummary> selected() {
        return selected;
    }

    public BooleanProperty loading() {
        return loading;
    }

    public BooleanProperty checking() {
        return checking;
    }

    public BooleanProperty checkingAll() {
        return checkingAll;
    }

    public StringProperty notice() {
        return notice;
    }

    DomainUseCases uses() {
        return uses;
    }

    BackgroundRunner runner() {
        return runner;
    }
}
