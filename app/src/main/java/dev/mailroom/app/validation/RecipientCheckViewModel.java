package dev.mailroom.app.validation;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.validation.AddressCheckService;
import dev.mailroom.model.validation.AddressPolicyService;
import dev.mailroom.model.validation.AddressVerdict;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import dev.mailroom.model.validation.Verdict;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The send dialog's recipient check as the person types (issue 14): the offline checks (syntax, special-use
 * names, disposable domains, role addresses, typos) at once on every change; the DNS look-up of the
 * domains (and the tenant's suppressions) in the background, a moment after the typing stops
 * ({@code debounce}), a newer text winning over an older look-up. Each address with a problem gets a line in
 * words, with what the tenant's risky-address setting will do to it; the undeliverable ones can be taken out.
 * The send use case applies the setting again, whatever the dialog showed.
 */
public final class RecipientCheckViewModel {
    /** Addresses looked at as one types; a longer typed list is checked in full by Check addresses. */
    public static final int MAX_CHECKED = 200;
    /** Lines listed for a file's problems; the rest are counted (Check addresses lists them all). */
    public static final int MAX_LINES = 200;

    /**
     * A recipients' file checked in full: the counts, the addresses with a problem (their lines listed up to
     * {@link #MAX_LINES}), the undeliverable ones as written, and what takes rows out of the file.
     */
    private record FileCheck(
            String name,
            Map<Verdict, Integer> counts,
            List<AddressVerdict> notDeliverable,
            Set<String> undeliverable,
            Consumer<Set<String>> drop) {}

    private final AddressCheckService checks;
    private final AddressPolicyService policies;
    private final Actor actor;
    private final TenantId tenant;
    private final BackgroundRunner runner;
    private final Consumer<Runnable> debounce;

    private final StringProperty input = new SimpleStringProperty("");
    private final ObservableList<String> problems = FXCollections.observableArrayList();
    private final SimpleStringProperty summary = new SimpleStringProperty("");
    private final SimpleBooleanProperty checkingDomains = new SimpleBooleanProperty();
    private final SimpleBooleanProperty anyUndeliverable = new SimpleBooleanProperty();
    private RiskyAddressPolicy policy = RiskyAddressPolicy.DEFAULT;
    private List<AddressVerdict> verdicts = List.of();
    /** The last recipients' file checked, shown while nothing is typed. */
    private FileCheck file;

    private long seq;

    /**
     * @param debounce runs the look-up once the typing has paused (the dialog restarts a short timer on each
     *     call); tests pass one that keeps the step to run it by hand
     */
    public RecipientCheckViewModel(
            AddressCheckService checks,
            AddressPolicyService policies,
            Actor actor,
            TenantId tenant,
            BackgroundRunner runner,
            Consumer<Runnable> debounce) {
        this.checks = checks;
        this.policies = policies;
        this.actor = actor;
        this.tenant = tenant;
        this.runner = runner;
        this.debounce = debounce;
        input.addListener(o -> changed());
    }

    /** Reads the tenant's risky-address setting, so that each risky line says what will happen to it. */
    public void load() {
        runner.run(Task.of(
                "Reading the address settings",
                p -> policies.policy(actor, tenant).risky(),
                risky -> {
                    policy = risky;
                    show(verdicts, checkingDomains.get());
                },
                e -> {}));
    }

    static List<String> split(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String a : (text == null ? "" : text).split("[,;\\s]+")) {
            if (!a.isBlank()) {
                out.add(a.strip());
            }
        }
        return new ArrayList<>(out);
    }

    private void changed() {
        long mine = ++seq;
        List<String> addresses = split(input.get());
        if (addresses.size() > MAX_CHECKED) {
            addresses = addresses.subList(0, MAX_CHECKED);
        }
        List<AddressVerdict> offline = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            offline.add(checks.offline().verdict(a));
        }
        if (offline.isEmpty() && file != null) {
            showFile(file);
            return;
        }
        show(offline, !offline.isEmpty());
        if (offline.isEmpty()) {
            return;
        }
        List<String> toLookUp = addresses;
        debounce.accept(() -> {
            if (mine != seq) {
                return;
            }
            runner.run(Task.of(
                    "Checking the recipients' domains",
                    p -> {
                        List<AddressVerdict> out = new ArrayList<>(toLookUp.size());
                        checks.checkAll(
                                actor, tenant, toLookUp.iterator(), true, out::add, x -> {}, new Cancellation());
                        return out;
                    },
                    full -> {
                        if (mine == seq) {
                            show(full, false);
                        }
                    },
                    e -> {
                        if (mine == seq) {
                            checkingDomains.set(false);
                            summary.set(summary.get() + " The domains could not be checked: " + e.getMessage());
                        }
                    }));
        });
    }

    private void show(List<AddressVerdict> vs, boolean domainsPending) {
        verdicts = vs;
        Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
        for (AddressVerdict v : vs) {
            counts.merge(v.verdict(), 1, Integer::sum);
        }
        render(vs, counts, domainsPending, vs.size() == 1 ? "1 address: " : vs.size() + " addresses: ");
    }

    private void showFile(FileCheck f) {
        verdicts = List.of();
        int total = f.counts().values().stream().mapToInt(Integer::intValue).sum();
        render(
                f.notDeliverable(),
                f.counts(),
                false,
                f.name() + ", " + total + (total == 1 ? " recipient checked: " : " recipients checked: "));
    }

    private void render(List<AddressVerdict> vs, Map<Verdict, Integer> counts, boolean domainsPending, String heading) {
        checkingDomains.set(domainsPending);
        List<String> lines = new ArrayList<>();
        for (AddressVerdict v : vs) {
            if (v.verdict() == Verdict.DELIVERABLE) {
                continue;
            }
            if (lines.size() == MAX_LINES) {
                break;
            }
            String line = v.shown() + " — " + v.verdict().word() + ": " + v.reasonText();
            if (v.verdict() == Verdict.RISKY) {
                line += " "
                        + switch (policy) {
                            case SEND -> "This client sends to risky addresses.";
                            case HOLD -> "This client holds such messages in the outbox until someone releases them.";
                            case DROP -> "This client drops such messages: it will not be sent.";
                        };
            }
            lines.add(line);
        }
        int withProblem = counts.entrySet().stream()
                .filter(e -> e.getKey() != Verdict.DELIVERABLE)
                .mapToInt(Map.Entry::getValue)
                .sum();
        int notListed = withProblem - lines.size();
        if (notListed > 0) {
            lines.add("… and " + notListed + " more with a problem: Check addresses lists them all.");
        }
        problems.setAll(lines);
        anyUndeliverable.set(counts.getOrDefault(Verdict.UNDELIVERABLE, 0) > 0);
        if (counts.isEmpty()) {
            summary.set("");
            return;
        }
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            int n = counts.getOrDefault(v, 0);
            if (n > 0) {
                parts.add(n + " " + v.word());
            }
        }
        summary.set(heading + String.join(", ", parts) + (domainsPending ? " (checking the domains…)" : "."));
    }

    /**
     * Checks every address of a recipients' file in the background, domains and the tenant's suppressions
     * included (each domain looked up once), with progress and Cancel. Shown while nothing is typed (a typed
     * list is what is sent then); {@link #dropUndeliverable} then takes the file's undeliverable rows out
     * through {@code drop}.
     */
    public void checkFile(String name, List<String> addresses, Consumer<Set<String>> drop) {
        long mine = ++seq;
        file = null;
        if (addresses.isEmpty()) {
            changed();
            return;
        }
        verdicts = List.of();
        problems.clear();
        anyUndeliverable.set(false);
        checkingDomains.set(true);
        summary.set(name + ": checking " + addresses.size() + " recipients…");
        runner.run(Task.<FileCheck>of(
                        "Checking the recipients of " + name,
                        p -> {
                            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
                            List<AddressVerdict> notDeliverable = new ArrayList<>();
                            Set<String> undeliverable = new java.util.HashSet<>();
                            checks.checkAll(
                                    actor,
                                    tenant,
                                    addresses.iterator(),
                                    true,
                                    v -> {
                                        counts.merge(v.verdict(), 1, Integer::sum);
                                        if (v.verdict() == Verdict.UNDELIVERABLE) {
                                            undeliverable.add(v.input());
                                        }
                                        if (v.verdict() != Verdict.DELIVERABLE && notDeliverable.size() <= MAX_LINES) {
                                            notDeliverable.add(v);
                                        }
                                    },
                                    at -> p.update(
                                            at.checked(),
                                            addresses.size(),
                                            "Checked " + at.checked() + " of " + addresses.size() + " recipients"),
                                    p.cancellation());
                            p.checkCancelled();
                            return new FileCheck(name, counts, notDeliverable, undeliverable, drop);
                        },
                        done -> {
                            if (mine == seq) {
                                file = done;
                                if (split(input.get()).isEmpty()) {
                                    showFile(done);
                                }
                            }
                        },
                        e -> {
                            if (mine == seq) {
                                checkingDomains.set(false);
                                summary.set(
                                        e instanceof java.util.concurrent.CancellationException
                                                ? name + ": the check was cancelled; the recipients are as read."
                                                : name + ": the recipients could not be checked: " + e.getMessage());
                            }
                        })
                .withCancel());
    }

    /** Takes the undeliverable addresses out of the typed list, or out of the file while nothing is typed. */
    public void dropUndeliverable() {
        if (split(input.get()).isEmpty() && file != null) {
            FileCheck f = file;
            f.drop().accept(f.undeliverable());
            Map<Verdict, Integer> counts = new EnumMap<>(f.counts());
            counts.remove(Verdict.UNDELIVERABLE);
            file = new FileCheck(
                    f.name(),
                    counts,
                    f.notDeliverable().stream()
                            .filter(v -> v.verdict() != Verdict.UNDELIVERABLE)
                            .toList(),
                    Set.of(),
                    f.drop());
            showFile(file);
            return;
        }
        Set<String> bad = new java.util.HashSet<>();
        for (AddressVerdict v : verdicts) {
            if (v.verdict() == Verdict.UNDELIVERABLE) {
                bad.add(v.input());
            }
        }
        List<String> keep =
                split(input.get()).stream().filter(a -> !bad.contains(a)).toList();
        input.set(String.join(", ", keep));
    }

    /** The typed recipients (bound to the dialog's field). */
    public StringProperty input() {
        return input;
    }

    /** One line per address with a problem, in words. */
    public ObservableList<String> problems() {
        return problems;
    }

    public ReadOnlyStringProperty summary() {
        return summary;
    }

    public ReadOnlyBooleanProperty checkingDomains() {
        return checkingDomains;
    }

    public ReadOnlyBooleanProperty anyUndeliverable() {
        return anyUndeliverable;
    }
}
