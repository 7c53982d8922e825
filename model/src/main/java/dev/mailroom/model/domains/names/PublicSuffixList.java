package dev.mailroom.model.domains.names;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Public Suffix List (publicsuffix.org): which endings are public (com, co.uk, github.io), so that the
 * registrable domain of a name can be found — {@code acme.co.uk} for {@code mail.acme.co.uk}. Rules are
 * kept in their ASCII (punycode) form; names are matched in that form and answered in the form they were
 * given. The list ships with Mailroom as a resource (see PUBLIC-SUFFIX-LIST-LICENSE.txt beside it).
 */
public final class PublicSuffixList {
    private static final String RESOURCE = "public_suffix_list.dat";
    private static volatile PublicSuffixList bundled;

    private final Set<String> rules = new HashSet<>();
    private final Set<String> wildcards = new HashSet<>();
    private final Set<String> exceptions = new HashSet<>();
    private final Set<String> tlds = new HashSet<>();

    private PublicSuffixList() {}

    /** The copy of the list that ships with Mailroom (read once). */
    public static PublicSuffixList bundled() {
        PublicSuffixList l = bundled;
        if (l == null) {
            synchronized (PublicSuffixList.class) {
                l = bundled;
                if (l == null) {
                    try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("the Public Suffix List resource is missing");
                        }
                        l = read(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    bundled = l;
                }
            }
        }
        return l;
    }

    /** Reads a list in the publicsuffix.org file format. */
    public static PublicSuffixList read(InputStream in) throws IOException {
        PublicSuffixList l = new PublicSuffixList();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line; (line = r.readLine()) != null; ) {
            String s = line.strip();
            if (s.isEmpty() || s.startsWith("//")) {
                continue;
            }
            int space = s.indexOf(' ');
            if (space > 0) {
                s = s.substring(0, space);
            }
            if (s.startsWith("!")) {
                l.exceptions.add(ascii(s.substring(1)));
            } else if (s.startsWith("*.")) {
                String base = ascii(s.substring(2));
                l.wildcards.add(base);
                l.tlds.add(lastLabel(base));
            } else {
                String rule = ascii(s);
                l.rules.add(rule);
                l.tlds.add(lastLabel(rule));
            }
        }
        return l;
    }

    private static String lastLabel(String s) {
        return s.substring(s.lastIndexOf('.') + 1);
    }

    private static String ascii(String s) {
        return IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    }

    /** True when the list has a rule for this top-level label (ASCII form), so it is a known ending. */
    public boolean knowsTld(String tld) {
        return tlds.contains(tld.toLowerCase(Locale.ROOT));
    }

    /**
     * How many labels on the right of the name are its public suffix, by the list's algorithm (the
     * default rule "*" when nothing matches). {@code asciiName} is lower-case, punycode, with no trailing dot.
     */
    public int suffixLabels(String asciiName) {
        String[] labels = asciiName.split("\\.");
        int best = 1; // the default rule "*"
        for (int i = 0; i < labels.length; i++) {
            String candidate = join(labels, i);
            int count = labels.length - i;
            if (exceptions.contains(candidate)) {
                return count - 1; // an exception rule prevails: its suffix drops its leftmost label
            }
            if (rules.contains(candidate) && count > best) {
                best = count;
            }
            if (i + 1 < labels.length && wildcards.contains(join(labels, i + 1)) && count > best) {
                best = count;
            }
        }
        return best;
    }

    /** The public suffix of a name (in the form given), e.g. {@code co.uk} for {@code www.acme.co.uk}. */
    public Optional<String> publicSuffix(String name) {
        return split(name).map(p -> p.original.length >= p.suffix ? tail(p.original, p.suffix) : null);
    }

    /**
     * The registrable domain: the public suffix and one more label, e.g. {@code acme.co.uk}; empty when the
     * name is itself a public suffix, is blank, or starts with a dot. The answer keeps the form given
     * (Unicode or punycode), lower-cased.
     */
    public Optional<String> registrableDomain(String name) {
        return split(name)
                .flatMap(p ->
                        p.original.length > p.suffix ? Optional.of(tail(p.original, p.suffix + 1)) : Optional.empty());
    }

    private record Split(String[] original, int suffix) {}

    private Optional<Split> split(String name) {
        if (name == null || name.isEmpty() || name.startsWith(".")) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        if (n.isEmpty() || n.contains("..")) {
            return Optional.empty();
        }
        String asciiName;
        try {
            asciiName = ascii(n);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String[] original = n.split("\\.");
        if (asciiName.split("\\.").length != original.length) {
            return Optional.empty();
        }
        return Optional.of(new Split(original, suffixLabels(asciiName)));
    }

    private static String join(String[] labels, int from) {
        return String.join(".", java.util.Arrays.copyOfRange(labels, from, labels.length));
    }

    private static String tail(String[] labels, int count) {
        return join(labels, labels.length - count);
    }
}
