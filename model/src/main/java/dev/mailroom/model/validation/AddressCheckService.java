package dev.mailroom.model.validation;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.domains.DomainStore;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionStore;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks addresses for a tenant (issue 14): one address, or a stream of any length (a million-row CSV)
 * in chunks of {@link #CHUNK}, so that memory stays flat; each domain is looked up in DNS once per run
 * (a list has far fewer domains than addresses), on at most {@code parallelism} threads. Whether the
 * tenant suppresses an address is read from the tenant's own suppression lists only.
 *
 * <p>Needs {@link Permission#SENDING} in the tenant (checking a list is part of sending to it; see
 * decision 0056). Checking changes nothing, so nothing is audited.
 */
public final class AddressCheckService {
    /** Addresses examined, looked up and judged together. */
    public static final int CHUNK = 2_000;
    /** Domains remembered per run; beyond that the oldest are forgotten (and asked again if they recur). */
    public static final int MAX_CACHED_DOMAINS = 200_000;

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final AddressChecker checker;
    private final MailDomainChecker domains;
    private final SuppressionStore suppressions;
    private final DomainStore sendingDomains;
    private final AccessPolicy access;
    private final Transactions tx;
    private final Clock clock;
    private final int parallelism;

    public AddressCheckService(
            AddressChecker checker,
            MailDomainChecker domains,
            SuppressionStore suppressions,
            DomainStore sendingDomains,
            AccessPolicy access,
            Transactions tx,
            Clock clock,
            int parallelism) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.domains = Objects.requireNonNull(domains, "domains");
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.sendingDomains = Objects.requireNonNull(sendingDomains, "sendingDomains");
        this.access = Objects.requireNonNull(access, "access");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * The offline engine (syntax, special-use names, disposable list, role addresses, typos): pure, no I/O,
     * fast enough to run as a person types; it knows nothing of the tenant.
     */
    public AddressChecker offline() {
        return checker;
    }

    /** How far a run has got, in numbers and in words. */
    public record Progress(long checked, long domainsLookedUp, Map<Verdict, Long> counts) {
        public Progress {
            counts = Map.copyOf(counts);
        }

        public String words() {
            return String.format(
                    Locale.ENGLISH,
                    "%,d addresses checked, %,d domains looked up — %s",
                    checked,
                    domainsLookedUp,
                    countsInWords(counts));
        }
    }

    /** The end of a run. */
    public record Summary(long checked, long domainsLookedUp, Map<Verdict, Long> counts, boolean cancelled) {
        public Summary {
            counts = Map.copyOf(counts);
        }

        public long count(Verdict v) {
            return counts.getOrDefault(v, 0L);
        }

        public String words() {
            return String.format(
                    Locale.ENGLISH,
                    "%s%,d addresses checked over %,d domains: %s.",
                    cancelled ? "Cancelled after " : "",
                    checked,
                    domainsLookedUp,
                    countsInWords(counts));
        }
    }

    static String countsInWords(Map<Verdict, Long> counts) {
        List<String> parts = new ArrayList<>();
        for (Verdict v : Verdict.values()) {
            parts.add(String.format(Locale.ENGLISH, "%,d %s", counts.getOrDefault(v, 0L), v.word()));
        }
        return String.join(", ", parts);
    }

    /** One address, with DNS when {@code lookUpDomain}. */
    public AddressVerdict check(Actor actor, TenantId tenant, String address, boolean lookUpDomain) {
        List<AddressVerdict> out = new ArrayList<>(1);
        checkAll(
                actor,
                tenant,
                List.of(address == null ? "" : address).iterator(),
                lookUpDomain,
                out::add,
                p -> {},
                new Cancellation());
        return out.get(0);
    }

    /**
     * Checks every address the iterator gives, handing each verdict to {@code sink} in input order and
     * reporting progress after each chunk; stops between chunks once cancelled.
     */
    public Summary checkAll(
            Actor actor,
            TenantId tenant,
            Iterator<String> addresses,
            boolean lookUpDomains,
            Consumer<AddressVerdict> sink,
            Consumer<Progress> progress,
            Cancellation cancel) {
        List<String> domainNames = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            return sendingDomains.list(tenant).stream()
                    .map(d -> d.name().ascii())
                    .toList();
        });
        return new AddressCheckRun(checker, domains, parallelism)
                .run(
                        addresses,
                        lookUpDomains,
                        sink,
                        progress,
                        cancel,
                        wanted -> suppressedIn(tenant, domainNames, wanted));
    }

    /** The tenant's active suppressions of these addresses (lower case), with why, over its sending domains. */
    private Map<String, String> suppressedIn(TenantId tenant, List<String> domainNames, Set<String> wanted) {
        if (domainNames.isEmpty() || wanted.isEmpty()) {
            return Map.of();
        }
        return tx.inTransaction(() -> {
            Map<String, String> out = new HashMap<>();
            for (String domain : domainNames) {
                for (Map.Entry<String, Suppression> s :
                        suppressions.findAll(tenant, domain, wanted).entrySet()) {
                    Suppression sup = s.getValue();
                    if (sup.activeAt(clock.instant())) {
                        out.putIfAbsent(s.getKey(), describe(sup));
                    }
                }
            }
            return out;
        });
    }

    private static String describe(Suppression s) {
        String reason = s.reason().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return reason + " for " + s.domain() + " since " + DAY.format(s.since())
                + s.until().map(u -> ", until " + DAY.format(u)).orElse("");
    }
}
