package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.DomainSuggestions;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.tenants.Tenant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The add-a-domain wizard without its nodes: Domain → Connection → Records → Hand-off → Done. The name
 * is checked as it is typed (syntax, public suffixes, IDN, another client's domain); the domain is added
 * when the person leaves the Connection step; the Records step plans and checks, and "Check again"
 * re-runs only the look-ups.
 */
public final class DomainWizardViewModel {
    public enum Step {
        DOMAIN("Domain"),
        CONNECTION("Connection"),
        RECORDS("Records"),
        HANDOFF("Hand-off"),
        DONE("Done");

        final String label;

        Step(String label) {
            this.label = label;
        }
    }

    /** A brand-adjacent name and what DNS says about it (empty while asking). */
    public record SuggestionRow(DomainName name, Optional<DomainSuggestions.Availability> availability, String note) {}

    private final DomainUseCases uses;
    private final BackgroundRunner runner;
    private final Tenant tenant;
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.DOMAIN);
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty nameHint = new SimpleStringProperty("");
    private final StringProperty nameProblem = new SimpleStringProperty("");
    private final BooleanProperty nameOk = new SimpleBooleanProperty();
    private final ObservableList<SuggestionRow> suggestions = FXCollections.observableArrayList();
    private final StringProperty spf = new SimpleStringProperty();
    private final StringProperty returnPathLabel = new SimpleStringProperty("bounce");
    private final StringProperty returnPathTarget = new SimpleStringProperty();
    private final StringProperty dmarcReports = new SimpleStringProperty("");
    private final BooleanProperty rsa = new SimpleBooleanProperty(true);
    private final BooleanProperty ed25519 = new SimpleBooleanProperty();
    // The optional records, offered on the Records step once the domain exists.
    private final BooleanProperty wantMx = new SimpleBooleanProperty();
    private final StringProperty mxExchange = new SimpleStringProperty("");
    private final BooleanProperty wantTracking = new SimpleBooleanProperty();
    private final StringProperty trackingLabel = new SimpleStringProperty("links");
    private final StringProperty trackingTarget = new SimpleStringProperty("");
    private final BooleanProperty wantMtaSts = new SimpleBooleanProperty();
    private final StringProperty mtaStsMx = new SimpleStringProperty("");
    private final StringProperty tlsReports = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty busyText = new SimpleStringProperty("");
    private final FormErrors errors = new FormErrors();
    private final ObjectProperty<SendingDomain> added = new SimpleObjectProperty<>();
    private final ObjectProperty<RecordPlan> plan = new SimpleObjectProperty<>();
    private final ObservableList<RecordRow> records = FXCollections.observableArrayList();
    /** Domains of every client this person can see, by ASCII name: the as-you-type uniqueness check. */
    private final Map<String, String> taken = new HashMap<>();

    private long suggestionRound;
    /** The provider step: the client's MailerSend or SendGrid connections and the added domain's link. */
    private final ProviderDomainViewModel provider;

    /** {@code prefs} gives the relay's SPF term and return-path host that the Connection step starts with. */
    public DomainWizardViewModel(DomainUseCases uses, BackgroundRunner runner, Tenant tenant, DnsPreferences prefs) {
        this.uses = uses;
        this.runner = runner;
        this.tenant = tenant;
        spf.set(prefs.relaySpf());
        returnPathTarget.set(prefs.returnPathTarget());
        name.addListener((o, was, now) -> validateName());
        provider = new ProviderDomainViewModel(uses.providerDomains(), uses.actor(), runner);
        provider.onLinkChanged(this::planAndCheck);
        provider.load(tenant.id(), Optional.empty());
        loadTakenNames();
    }

    public ProviderDomainViewModel provider() {
        return provider;
    }

    /** Mailroom's own DNS check in words, for beside the provider's status. */
    public String ourCheck() {
        return ourCheck(records);
    }

    static String ourCheck(List<RecordRow> rows) {
        if (rows.isEmpty()) {
            return "not checked yet.";
        }
        long found = rows.stream()
                .filter(r -> r.status()
                        .map(x -> x == dev.mailroom.model.domains.CheckStatus.FOUND)
                        .orElse(false))
                .count();
        return found + " of " + rows.size() + " records found in DNS.";
    }

    public Tenant tenant() {
        return tenant;
    }

    DomainUseCases uses() {
        return uses;
    }

    BackgroundRunner runner() {
        return runner;
    }

    private void loadTakenNames() {
        Actor actor = uses.actor();
        List<Tenant> visible = List.copyOf(uses.tenants());
        DomainService service = uses.domains();
        runner.run(Task.of(
                "Reading the agency's domains",
                p -> {
                    Map<String, String> out = new HashMap<>();
                    for (Tenant t : visible) {
                        if (uses.access().may(t.id(), Permission.DOMAINS_VIEW)) {
                            for (SendingDomain d : service.list(actor, t.id())) {
                                out.put(d.name().ascii(), t.id().equals(tenant.id()) ? "" : t.name());
                            }
                        }
                    }
                    return out;
                },
                names -> {
                    taken.putAll(names);
                    validateName();
                },
                e -> {})); // the use case checks again on add, across every tenant
    }

    /** As the person types: the name's problem, or how it will be stored. */
    void validateName() {
        String typed = name.get() == null ? "" : name.get().strip();
        if (typed.isEmpty()) {
            nameOk.set(false);
            nameProblem.set("");
            nameHint.set("The domain the client sends from, such as tryacme.com or mail.acme.com.");
            return;
        }
        try {
            DomainName n = DomainName.parse(typed);
            String owner = taken.get(n.ascii());
            if (owner != null) {
                nameOk.set(false);
                nameHint.set("");
                nameProblem.set(
                        owner.isEmpty()
                                ? n.unicode() + " is already a sending domain of this client."
                                : n.unicode() + " is already a sending domain of \"" + owner
                                        + "\". A domain belongs to one client only; remove it there first.");
                return;
            }
            nameOk.set(true);
            nameProblem.set("");
            StringBuilder hint = new StringBuilder("Looks right: ").append(n.unicode());
            if (n.isInternational()) {
                hint.append(" (in DNS: ").append(n.ascii()).append(')');
            }
            if (typed.endsWith(".")) {
                hint.append(". The trailing dot is dropped.");
            } else {
                hint.append('.');
            }
            nameHint.set(hint.toString());
        } catch (InvalidInput e) {
            nameOk.set(false);
            nameHint.set("");
            nameProblem.set(e.problems().values().stream().findFirst().orElse(e.getMessage()));
        }
    }

    /** Brand-adjacent names for the typed domain; which appear unregistered is asked of DNS in the background. */
    public void suggest() {
        DomainName brand;
        try {
            brand = DomainName.parse(name.get());
        } catch (InvalidInput e) {
            return;
        }
        long mine = ++suggestionRound;
        suggestions.setAll(DomainSuggestions.candidates(brand).stream()
                .map(n -> new SuggestionRow(n, Optional.empty(), "Asking DNS…"))
                .toList());
        DomainSuggestions service = uses.suggestions();
        runner.run(Task.of(
                        "Looking up names like " + brand.unicode(),
                        p -> service.suggest(brand),
                        found -> {
                            if (mine == suggestionRound) {
                                suggestions.setAll(found.stream()
                                        .map(s -> new SuggestionRow(s.name(), Optional.of(s.availability()), s.note()))
                                        .toList());
                            }
                        },
                        e -> {
                            if (mine == suggestionRound) {
                                suggestions.setAll(suggestions.stream()
                                        .map(s -> new SuggestionRow(
                                                s.name(),
                                                Optional.of(DomainSuggestions.Availability.UNKNOWN),
                                                DomainsViewModel.errorText(e)))
                                        .toList());
                            }
                        })
                .withCancel());
    }

    public void useSuggestion(SuggestionRow s) {
        name.set(s.name().unicode());
    }

    public boolean canGoBack() {
        // Once added, the domain exists: its name and connection are changed from the list, not here.
        return switch (step.get()) {
            case DOMAIN, DONE -> false;
            case CONNECTION -> true;
            case RECORDS -> added.get() == null;
            case HANDOFF -> true;
        };
    }

    public void back() {
        if (busy.get() || !canGoBack()) {
            return;
        }
        step.set(Step.values()[step.get().ordinal() - 1]);
    }

    /** The step's primary action: validate and move on (adding the domain when leaving Connection). */
    public void next() {
        if (busy.get()) {
            return;
        }
        switch (step.get()) {
            case DOMAIN -> {
                validateName();
                if (nameOk.get()) {
                    errors.clear();
                    step.set(Step.CONNECTION);
                }
            }
            case CONNECTION -> addAndCheck();
            case RECORDS -> step.set(Step.HANDOFF);
            case HANDOFF -> step.set(Step.DONE);
            case DONE -> {}
        }
    }

    RecordPlanSettings settings() {
        RecordPlanSettings s = new RecordPlanSettings(
                spf.get().strip(),
                returnPathLabel.get().strip(),
                returnPathTarget.get().strip(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                3600);
        String rua = dmarcReports.get() == null ? "" : dmarcReports.get().strip();
        return rua.isEmpty() ? s : s.withDmarcReports(rua);
    }

    /** MTA-STS starts in testing mode for a week's max_age: enforcing comes after its TLS reports are clean. */
    static final long MTA_STS_MAX_AGE = 604_800;

    /** The connection's settings with the optional records the person ticked on the Records step. */
    RecordPlanSettings optionalSettings() {
        RecordPlanSettings s = settings();
        if (wantMx.get()) {
            s = s.withMx(new RecordPlanSettings.Mx("@", strip(mxExchange), 10));
        }
        if (wantTracking.get()) {
            s = s.withTracking(new RecordPlanSettings.Tracking(strip(trackingLabel), strip(trackingTarget)));
        }
        if (wantMtaSts.get()) {
            List<String> patterns = java.util.Arrays.stream(strip(mtaStsMx).split("[,\\s]+"))
                    .filter(x -> !x.isEmpty())
                    .toList();
            String rua = strip(tlsReports);
            s = s.withMtaSts(
                    new RecordPlanSettings.MtaSts("testing", patterns, MTA_STS_MAX_AGE), rua.isEmpty() ? null : rua);
        }
        return s;
    }

    private static String strip(StringProperty p) {
        return p.get() == null ? "" : p.get().strip();
    }

    /** Adds the ticked optional records to the domain's plan, then plans and checks again. */
    public void addOptionalRecords() {
        SendingDomain d = added.get();
        if (d == null || busy.get()) {
            return;
        }
        errors.clear();
        RecordPlanSettings settings;
        try {
            settings = optionalSettings().validated();
        } catch (InvalidInput e) {
            errors.show(e);
            return;
        }
        Actor actor = uses.actor();
        DomainService service = uses.domains();
        busy.set(true);
        busyText.set("Adding the optional records to the plan of " + d.name().unicode() + "…");
        runner.run(Task.of(
                "Updating the records of " + d.name().unicode(),
                p -> service.updateSettings(actor, d.tenant(), d.id(), settings),
                updated -> {
                    added.set(updated);
                    planAndCheck();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    private void addAndCheck() {
        Set<DkimAlgorithm> keys = EnumSet.noneOf(DkimAlgorithm.class);
        if (rsa.get()) {
            keys.add(DkimAlgorithm.RSA);
        }
        if (ed25519.get()) {
            keys.add(DkimAlgorithm.ED25519);
        }
        if (keys.isEmpty()) {
            errors.show(new InvalidInput("keys", "Choose at least one DKIM key type."));
            return;
        }
        errors.clear();
        RecordPlanSettings settings;
        try {
            settings = settings().validated();
        } catch (InvalidInput e) {
            errors.show(e);
            return;
        }
        Actor actor = uses.actor();
        DomainService service = uses.domains();
        String typed = name.get();
        busy.set(true);
        busyText.set("Adding " + typed.strip() + " and generating its DKIM keys…");
        runner.run(Task.of(
                "Adding " + typed.strip(),
                p -> {
                    SendingDomain d = service.add(actor, tenant.id(), typed, settings, keys)
                            .domain();
                    return d;
                },
                d -> {
                    added.set(d);
                    provider.load(d.tenant(), Optional.of(d.id()));
                    step.set(Step.RECORDS);
                    planAndCheck();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                    if (e instanceof InvalidInput i && i.problems().containsKey(DomainName.FIELD)) {
                        nameProblem.set(i.problems().get(DomainName.FIELD));
                        nameOk.set(false);
                        step.set(Step.DOMAIN);
                    }
                }));
    }

    private record Checked(RecordPlan plan, List<RecordCheck> checks) {}

    /** Plans the records (reading what the domain publishes now) and checks each. */
    private void planAndCheck() {
        SendingDomain d = added.get();
        Actor actor = uses.actor();
        DomainService service = uses.domains();
        busy.set(true);
        busyText.set("Asking DNS what " + d.name().unicode() + " publishes…");
        records.setAll();
        runner.run(Task.of(
                "Checking " + d.name().unicode(),
                p -> {
                    RecordPlan pl = service.plan(actor, d.tenant(), d.id());
                    return new Checked(pl, service.verify(actor, d.tenant(), d.id(), Optional.empty()));
                },
                c -> {
                    busy.set(false);
                    plan.set(c.plan());
                    records.setAll(c.checks().stream().map(RecordRow::of).toList());
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    /** "Check again": only the look-ups. */
    public void checkAgain() {
        SendingDomain d = added.get();
        if (d == null || busy.get()) {
            return;
        }
        if (plan.get() == null) {
            planAndCheck();
            return;
        }
        Actor actor = uses.actor();
        DomainService service = uses.domains();
        busy.set(true);
        busyText.set("Checking the records of " + d.name().unicode() + " again…");
        runner.run(Task.of(
                "Checking " + d.name().unicode(),
                p -> service.verify(actor, d.tenant(), d.id(), Optional.empty()),
                checks -> {
                    busy.set(false);
                    records.setAll(checks.stream().map(RecordRow::of).toList());
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public BooleanProperty wantMx() {
        return wantMx;
    }

    public StringProperty mxExchange() {
        return mxExchange;
    }

    public BooleanProperty wantTracking() {
        return wantTracking;
    }

    public StringProperty trackingLabel() {
        return trackingLabel;
    }

    public StringProperty trackingTarget() {
        return trackingTarget;
    }

    public BooleanProperty wantMtaSts() {
        return wantMtaSts;
    }

    public StringProperty mtaStsMx() {
        return mtaStsMx;
    }

    public StringProperty tlsReports() {
        return tlsReports;
    }

    public ObjectProperty<Step> step() {
        return step;
    }

    public StringProperty name() {
        return name;
    }

    public StringProperty nameHint() {
        return nameHint;
    }

    public StringProperty nameProblem() {
        return nameProblem;
    }

    public BooleanProperty nameOk() {
        return nameOk;
    }

    public ObservableList<SuggestionRow> suggestions() {
        return suggestions;
    }

    public StringProperty spf() {
        return spf;
    }

    public StringProperty returnPathLabel() {
        return returnPathLabel;
    }

    public StringProperty returnPathTarget() {
        return returnPathTarget;
    }

    public StringProperty dmarcReports() {
        return dmarcReports;
    }

    public BooleanProperty rsa() {
        return rsa;
    }

    public BooleanProperty ed25519() {
        return ed25519;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public StringProperty busyText() {
        return busyText;
    }

    public FormErrors errors() {
        return errors;
    }

    public ObjectProperty<SendingDomain> added() {
        return added;
    }

    public ObjectProperty<RecordPlan> plan() {
        return plan;
    }

    public ObservableList<RecordRow> records() {
        return records;
    }
}
