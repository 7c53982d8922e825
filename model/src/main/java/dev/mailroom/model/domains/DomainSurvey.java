package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dkim.DkimPublicKey;
import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.domains.spf.SpfLookupCount;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Looks at what a domain publishes now, and plans its records from that. */
public final class DomainSurvey {
    private final DnsLookup dns;
    private final Clock clock;

    public DomainSurvey(DnsLookup dns, Clock clock) {
        this.dns = dns;
        this.clock = clock;
    }

    public ExistingRecords existing(DomainName domain) {
        List<String> problems = new ArrayList<>();
        List<String> apex = read(dns.txt(domain.ascii()), "the domain's SPF record", problems);
        List<String> dmarc = read(dns.txt("_dmarc." + domain.ascii()), "the domain's DMARC record", problems);
        return new ExistingRecords(apex, dmarc, problems);
    }

    private static List<String> read(DnsAnswer a, String what, List<String> problems) {
        if (a.found()) {
            return a.values();
        }
        if (!a.status().isEmptyAnswer()) {
            problems.add("Could not read " + what + ", so the plan assumes there is none: " + a.explanation());
        }
        return List.of();
    }

    /** The plan, with the SPF look-up count of the merged record followed through DNS. */
    public RecordPlan plan(DomainName domain, RecordPlanSettings settings, List<DkimPublicKey> keys) {
        return plan(domain, settings, keys, Optional.empty());
    }

    /** As {@link #plan(DomainName, RecordPlanSettings, List)}, with the records the domain's provider requires. */
    public RecordPlan plan(
            DomainName domain,
            RecordPlanSettings settings,
            List<DkimPublicKey> keys,
            Optional<ProvidedRecords> provided) {
        ExistingRecords existing = existing(domain);
        RecordPlan first =
                RecordPlanner.plan(domain, settings, keys, existing, Optional.empty(), clock.instant(), provided);
        String spf = first.of(RecordKind.SPF).get(0).value();
        SpfLookupCount.Count count = new SpfLookupCount(dns).count(domain.ascii(), spf);
        return RecordPlanner.plan(domain, settings, keys, existing, Optional.of(count), clock.instant(), provided);
    }
}
