package dev.mailroom.model.validation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Likely typos of common mailbox domains ({@code gmial.com} → {@code gmail.com}, {@code hotmial.con} →
 * {@code hotmail.com}). A top-level domain that does not exist but is one slip from {@code com},
 * {@code net} or {@code org} is corrected first; then the domain is compared with the list of common
 * mailbox domains by edit distance (insertions, deletions, substitutions and swaps of neighbours), and a
 * suggestion is made when a domain is close: at most one edit for short names, two for longer ones (the
 * closest wins; between equally close ones, the more common, earlier in the list). A domain that is itself on the list, or that differs from a listed one only in a real
 * top-level domain ({@code yahoo.de}), gets no suggestion.
 */
public final class TypoSuggestions {
    static final List<String> COMMON = List.of(
            "gmail.com",
            "googlemail.com",
            "yahoo.com",
            "yahoo.co.uk",
            "yahoo.fr",
            "yahoo.de",
            "yahoo.es",
            "yahoo.it",
            "yahoo.ca",
            "yahoo.com.br",
            "ymail.com",
            "rocketmail.com",
            "hotmail.com",
            "hotmail.co.uk",
            "hotmail.fr",
            "hotmail.de",
            "hotmail.it",
            "hotmail.es",
            "outlook.com",
            "outlook.fr",
            "outlook.de",
            "live.com",
            "live.co.uk",
            "live.fr",
            "msn.com",
            "aol.com",
            "aim.com",
            "icloud.com",
            "me.com",
            "mac.com",
            "protonmail.com",
            "proton.me",
            "pm.me",
            "gmx.de",
            "gmx.net",
            "gmx.com",
            "gmx.at",
            "gmx.ch",
            "web.de",
            "t-online.de",
            "freenet.de",
            "mail.ru",
            "yandex.ru",
            "yandex.com",
            "orange.fr",
            "free.fr",
            "laposte.net",
            "wanadoo.fr",
            "sfr.fr",
            "comcast.net",
            "verizon.net",
            "att.net",
            "sbcglobal.net",
            "bellsouth.net",
            "cox.net",
            "charter.net",
            "btinternet.com",
            "sky.com",
            "virginmedia.com",
            "ntlworld.com",
            "libero.it",
            "virgilio.it",
            "tiscali.it",
            "qq.com",
            "163.com",
            "126.com",
            "sina.com",
            "zoho.com",
            "fastmail.com",
            "mail.com",
            "tutanota.com",
            "naver.com",
            "hanmail.net",
            "daum.net",
            "rediffmail.com",
            "seznam.cz",
            "wp.pl",
            "o2.pl",
            "interia.pl",
            "onet.pl",
            "bigpond.com",
            "optusnet.com.au",
            "shaw.ca",
            "rogers.com",
            "telus.net",
            "uol.com.br",
            "bol.com.br",
            "terra.com.br",
            "hey.com");

    private static final Set<String> COMMON_SET = Set.copyOf(COMMON);

    /** Top-level domains that do not exist, and the one they are a slip from. */
    private static final Map<String, String> TLD_SLIPS = Map.ofEntries(
            Map.entry("con", "com"),
            Map.entry("cmo", "com"),
            Map.entry("ocm", "com"),
            Map.entry("vom", "com"),
            Map.entry("xom", "com"),
            Map.entry("comm", "com"),
            Map.entry("coom", "com"),
            Map.entry("cpm", "com"),
            Map.entry("cim", "com"),
            Map.entry("conm", "com"),
            Map.entry("clm", "com"),
            Map.entry("coim", "com"),
            Map.entry("c0m", "com"),
            Map.entry("ccom", "com"),
            Map.entry("om", "com"),
            Map.entry("cm", "com"),
            Map.entry("co", "com"),
            Map.entry("nte", "net"),
            Map.entry("ent", "net"),
            Map.entry("nett", "net"),
            Map.entry("ner", "net"),
            Map.entry("nwt", "net"),
            Map.entry("ogr", "org"),
            Map.entry("orgg", "org"),
            Map.entry("prg", "org"),
            Map.entry("irg", "org"));

    /** Real top-level domains in {@link #TLD_SLIPS}: corrected only when that lands on a common domain. */
    private static final Set<String> REAL_TLDS = Set.of("om", "cm", "co");

    private TypoSuggestions() {}

    /** The domain {@code asciiDomain} was probably meant to be, if a likely one exists. */
    public static Optional<String> suggest(String asciiDomain) {
        String d = asciiDomain;
        if (COMMON_SET.contains(d) || d.length() > 64) {
            return Optional.empty();
        }
        int lastDot = d.lastIndexOf('.');
        if (lastDot > 0) {
            String tld = d.substring(lastDot + 1);
            String fixed = TLD_SLIPS.get(tld);
            if (fixed != null) {
                String candidate = d.substring(0, lastDot + 1) + fixed;
                if (COMMON_SET.contains(candidate)) {
                    return Optional.of(candidate);
                }
                if (!REAL_TLDS.contains(tld)) {
                    d = candidate;
                }
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : COMMON) {
            int limit = Math.min(c.length(), d.length()) <= 7 ? 1 : 2;
            int dist = distance(d, c, limit);
            if (dist > limit) {
                continue;
            }
            if (sameNameOtherRealTld(d, c)) {
                continue;
            }
            if (dist < bestDistance) {
                best = c;
                bestDistance = dist;
            }
        }
        if (best != null && !best.equals(asciiDomain)) {
            return Optional.of(best);
        }
        if (!d.equals(asciiDomain) && best == null) {
            // Only the top-level domain was a slip: still worth saying.
            return Optional.of(d);
        }
        return Optional.empty();
    }

    /** {@code yahoo.de} against {@code yahoo.fr}: same name, a different top-level domain that exists. */
    private static boolean sameNameOtherRealTld(String d, String c) {
        int a = d.lastIndexOf('.');
        int b = c.lastIndexOf('.');
        if (a < 0 || b < 0) {
            return false;
        }
        return d.substring(0, a).equals(c.substring(0, b)) && !TLD_SLIPS.containsKey(d.substring(a + 1));
    }

    /**
     * Optimal string alignment distance, stopping early once every entry of a row exceeds {@code limit}
     * (returns {@code limit + 1} then). O(length × length) on strings of at most 64 characters.
     */
    static int distance(String a, String b, int limit) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > limit) {
            return limit + 1;
        }
        int[] prev2 = new int[m + 1];
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, prev2[j - 2] + 1);
                }
                cur[j] = v;
                rowMin = Math.min(rowMin, v);
            }
            if (rowMin > limit) {
                return limit + 1;
            }
            int[] t = prev2;
            prev2 = prev;
            prev = cur;
            cur = t;
        }
        return prev[m];
    }
}
