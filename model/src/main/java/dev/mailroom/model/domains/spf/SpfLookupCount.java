package dev.mailroom.model.domains.spf;

import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.spf.SpfRecord.Directive;
import dev.mailroom.model.domains.spf.SpfRecord.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts the DNS-querying terms of an SPF record, following includes and redirects through DNS, as a
 * receiver would meet them in the worst case (every term evaluated). Past 10 look-ups or 2 void look-ups
 * receivers answer permerror; the warnings say so in words.
 */
public final class SpfLookupCount {
    /** The count, the void look-ups met, each counted term with where it came from, and warnings. */
    public record Count(int lookups, int voidLookups, List<String> terms, List<String> warnings) {
        public Count {
            terms = List.copyOf(terms);
            warnings = List.copyOf(warnings);
        }

        public boolean overLimit() {
            return lookups > SpfEvaluator.DEFAULT_LOOKUP_LIMIT || voidLookups > SpfEvaluator.DEFAULT_VOID_LIMIT;
        }
    }

    private final DnsLookup dns;

    public SpfLookupCount(DnsLookup dns) {
        this.dns = dns;
    }

    public Count count(String domain, String record) {
        State s = new State();
        walk(s, domain, record, 0);
        List<String> warnings = new ArrayList<>(s.warnings);
        if (s.lookups > SpfEvaluator.DEFAULT_LOOKUP_LIMIT) {
            warnings.add(
                    0,
                    "The record needs " + s.lookups + " DNS look-ups (counting those inside includes); "
                            + "receivers stop at 10 and treat the record as broken (permerror), so SPF fails for all mail. "
                            + "Remove includes that are no longer used, or replace some with ip4:/ip6: ranges.");
        }
        if (s.voids > SpfEvaluator.DEFAULT_VOID_LIMIT) {
            warnings.add(
                    0,
                    s.voids + " terms point at names that do not exist or have no records; receivers allow "
                            + "2 such void look-ups and then treat the record as broken (permerror). Remove those terms.");
        }
        return new Count(s.lookups, s.voids, s.terms, warnings);
    }

    private static final class State {
        int lookups;
        int voids;
        final List<String> terms = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        final Set<String> visiting = new HashSet<>();
    }

    private void walk(State s, String domain, String text, int depth) {
        SpfRecord record;
        try {
            record = SpfRecord.parse(text);
        } catch (SpfSyntaxException e) {
            s.warnings.add("The SPF record of " + domain + " is not valid: " + e.getMessage());
            return;
        }
        if (!s.visiting.add(domain.toLowerCase(java.util.Locale.ROOT)) || depth > 12) {
            s.warnings.add("The SPF records include each other in a loop at " + domain + ".");
            return;
        }
        for (Directive d : record.directives()) {
            if (!d.mechanism().queriesDns()) {
                continue;
            }
            s.lookups++;
            s.terms.add(domain + ": " + d.text());
            String target = d.domainSpec().orElse(domain);
            if (target.contains("%")) {
                continue; // a macro: the name depends on the message, so it cannot be followed here
            }
            switch (d.mechanism()) {
                case INCLUDE -> follow(s, target, d.text(), depth);
                case A -> countVoid(s, dns.lookup(target, DnsType.A), d.text());
                case MX -> countVoid(s, dns.lookup(target, DnsType.MX), d.text());
                case EXISTS -> countVoid(s, dns.lookup(target, DnsType.A), d.text());
                default -> {
                    // ptr: depends on the sending IP
                }
            }
        }
        for (Modifier m : record.redirect().stream().toList()) {
            if (record.all().isEmpty()) {
                s.lookups++;
                s.terms.add(domain + ": " + m.text());
                if (!m.value().contains("%")) {
                    follow(s, m.value(), m.text(), depth);
                }
            }
        }
        s.visiting.remove(domain.toLowerCase(java.util.Locale.ROOT));
    }

    private void follow(State s, String target, String term, int depth) {
        DnsAnswer txt = dns.txt(target);
        if (!txt.found()) {
            if (txt.status().isEmptyAnswer()) {
                s.voids++;
            }
            s.warnings.add("\"" + term + "\": " + txt.explanation());
            return;
        }
        List<String> spf = txt.values().stream().filter(SpfRecord::isSpf).toList();
        if (spf.size() != 1) {
            s.warnings.add("\"" + term + "\": " + target
                    + (spf.isEmpty() ? " publishes no SPF record" : " publishes " + spf.size() + " SPF records")
                    + ", which receivers treat as an error (permerror).");
            return;
        }
        walk(s, target, spf.get(0), depth + 1);
    }

    private static void countVoid(State s, DnsAnswer a, String term) {
        if (a.status().isEmptyAnswer()) {
            s.voids++;
            s.warnings.add("\"" + term + "\": " + a.explanation() + " That is a void look-up.");
        }
    }
}
