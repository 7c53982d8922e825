package dev.mailroom.model.domains.spf;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Merges the relay's SPF mechanism into a domain's existing SPF record: one record, never a second; the
 * existing terms and the qualifier of "all" are kept, the new mechanism goes just before "all" (or before
 * the modifiers when there is no "all"). Without an existing record, a new one ends in {@code ~all}.
 */
public final class SpfMerge {
    /** The record to publish, whether anything changes, and what a person should know. */
    public record Result(String record, boolean changed, Optional<String> existing, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private SpfMerge() {}

    /**
     * @param existingTxt every TXT value at the domain (SPF and otherwise)
     * @param mechanism the relay's term, e.g. {@code include:_spf.relay.example} or {@code ip4:192.0.2.10}
     */
    public static Result merge(List<String> existingTxt, String mechanism) {
        String mech = mechanism.strip();
        List<String> spf = existingTxt.stream().filter(SpfRecord::isSpf).toList();
        List<String> notes = new ArrayList<>();
        if (spf.isEmpty()) {
            notes.add("The domain has no SPF record yet; this one is new. It ends in ~all (soft fail) so that "
                    + "mail from senders not listed is marked, not refused, while the setup is checked.");
            return new Result("v=spf1 " + mech + " ~all", true, Optional.empty(), notes);
        }
        String base = spf.get(0);
        List<String> terms = terms(base);
        if (spf.size() > 1) {
            notes.add("The domain publishes " + spf.size() + " SPF records, which makes SPF fail everywhere "
                    + "(permerror). They are merged into one here: publish it and delete the others.");
            for (String other : spf.subList(1, spf.size())) {
                for (String t : terms(other)) {
                    if (!isAll(t) && !isModifier(t) && !containsIgnoreCase(terms, t)) {
                        insert(terms, t);
                    }
                }
            }
        }
        try {
            SpfRecord.parse(base);
        } catch (SpfSyntaxException e) {
            notes.add("The existing SPF record has an error that receivers will reject: " + e.getMessage()
                    + " Fix it when publishing the merged record.");
        }
        if (containsIgnoreCase(terms, mech) || containsIgnoreCase(terms, "+" + mech)) {
            if (spf.size() == 1) {
                notes.add("The existing SPF record already has " + mech + "; nothing to change.");
                return new Result(base, false, Optional.of(base), notes);
            }
        } else {
            insert(terms, mech);
            notes.add("Add " + mech + " to the existing record (the rest is kept as it was"
                    + allQualifier(terms).map(q -> ", including " + q).orElse("") + ").");
        }
        return new Result("v=spf1 " + String.join(" ", terms), true, Optional.of(String.join(" | ", spf)), notes);
    }

    private static Optional<String> allQualifier(List<String> terms) {
        return terms.stream().filter(SpfMerge::isAll).findFirst();
    }

    private static List<String> terms(String record) {
        List<String> out = new ArrayList<>();
        for (String t : record.substring(6).split(" ")) {
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    /** Before "all", else before the first modifier, else at the end. */
    private static void insert(List<String> terms, String term) {
        for (int i = 0; i < terms.size(); i++) {
            if (isAll(terms.get(i)) || isModifier(terms.get(i))) {
                terms.add(i, term);
                return;
            }
        }
        terms.add(term);
    }

    static boolean isAll(String t) {
        String s = t.toLowerCase(Locale.ROOT);
        return s.equals("all") || (s.length() == 4 && "+-~?".indexOf(s.charAt(0)) >= 0 && s.endsWith("all"));
    }

    private static boolean isModifier(String t) {
        return t.matches("^[A-Za-z][A-Za-z0-9\\-_.]*=.*");
    }

    private static boolean containsIgnoreCase(List<String> terms, String t) {
        Set<String> lower = new LinkedHashSet<>();
        terms.forEach(x -> lower.add(x.toLowerCase(Locale.ROOT)));
        return lower.contains(t.toLowerCase(Locale.ROOT));
    }
}
