package dev.mailroom.mailer.activity;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the human-readable part of a non-standard bounce (qmail, Exim, Postfix without a DSN,
 * Sendmail's text, Gmail, Office 365, Yahoo, OpenSMTPD, Mail.ru…). They all come down to the same
 * shape: a line that starts with a failed address, then the server's words about it, until the
 * next address or the copy of the original message. This reader finds those blocks; it does not
 * decide whether they are failures (see {@link BounceParser}).
 */
final class TextBounces {
    /** Lines after which the returned original message starts. */
    private static final Pattern ORIGINAL_STARTS = Pattern.compile(
            "(?im)^[\\s>-]*(?:-{2,}\\s*)?(?:this is a copy of the (?:message|headers)|below this line is a copy|below is a copy of the original"
                    + "|original message headers:|-+ ?original message ?-+|the original message follows"
                    + "|undelivered message follows|returned message follows|message headers follow"
                    + "|content-type: message/rfc822)");

    private static final Pattern BRACKETED = Pattern.compile("^\\s*<([^<>\\s\"]+@[^<>\\s\"]+)>:?(.*)$");
    private static final Pattern BARE = Pattern.compile(
            "^\\s*([^<>\\s\"():,;]+@[A-Za-z0-9][A-Za-z0-9.\\-]*[A-Za-z0-9])(?:<mailto:[^>]*>)?\\s*(?::(.*))?$");

    private TextBounces() {}

    /** The text up to where the copy of the original message starts. */
    static String beforeOriginal(String text) {
        Matcher m = ORIGINAL_STARTS.matcher(text);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    /**
     * Address (lower case) → the text about it, in the order the addresses first appear. Addresses
     * in {@code ignore} (lower case: the bounce's own From and To, that is the sender) are skipped.
     */
    static Map<String, Block> blocks(String text, Set<String> ignore) {
        Map<String, Block> blocks = new LinkedHashMap<>();
        Block current = null;
        for (String line : text.split("\r?\n|\r")) {
            String address = null;
            String rest = "";
            Matcher b = BRACKETED.matcher(line);
            Matcher p = BARE.matcher(line);
            if (b.matches()) {
                address = b.group(1);
                rest = b.group(2);
            } else if (p.matches()) {
                address = p.group(1);
                rest = p.group(2) == null ? "" : p.group(2);
            }
            if (address != null) {
                address = address.replaceAll("[.:]+$", "");
                String key = address.toLowerCase(Locale.ROOT);
                String local = key.substring(0, key.indexOf('@'));
                if (ignore.contains(key) || local.equals("postmaster") || local.equals("mailer-daemon")) {
                    current = null;
                    continue;
                }
                current = blocks.computeIfAbsent(key, k -> new Block(k));
                current.text.append(rest.replaceFirst("^[.\\s]*", "")).append('\n');
                continue;
            }
            if (current != null) {
                current.text.append(line).append('\n');
            }
        }
        return blocks;
    }

    static final class Block {
        final String address;
        final StringBuilder text = new StringBuilder();

        Block(String address) {
            this.address = address;
        }

        /** The server's words in one line, without the bounce software's own boilerplate. */
        String diagnostic() {
            String t = text.toString();
            StringBuilder out = new StringBuilder();
            for (String line : t.split("\n")) {
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("-----") || s.startsWith("*****")) {
                    continue;
                }
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(s);
            }
            String d = out.toString()
                    .replaceAll("^\\(reason: (.*)\\)$", "$1")
                    .replaceAll("\\s+", " ")
                    .trim();
            return d.length() > 500 ? d.substring(0, 500) + "…" : d;
        }
    }
}
