package dev.mailroom.model.sending;

import dev.mailroom.model.common.InlineImage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What the outbox knows about inline parts: their content address, and the {@code cid:} references of HTML. */
public final class InlineParts {
    /** Longest Content-ID read from a {@code cid:} reference; longer ones are cut there (and will not match). */
    private static final int MAX_CID = 250;

    /** Inline parts one message may carry. */
    public static final int MAX_PER_MESSAGE = 10;

    private InlineParts() {}

    /** A Content-ID Mailroom can carry: 1 to 200 visible ASCII characters, without spaces or angle brackets. */
    public static boolean isContentId(String id) {
        if (id.isEmpty() || id.length() > 200) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c > '~' || c == '<' || c == '>') {
                return false;
            }
        }
        return true;
    }

    /** The part's content address: SHA-256 over its media type and bytes, in lower-case hex. */
    public static String sha256(InlineImage part) {
        return sha256(part.mediaType(), part.bytes());
    }

    /** The content address of stored bytes (inline parts and attachments share the store). */
    static String sha256(String mediaType, byte[] bytes) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(mediaType.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
            d.update((byte) '\n');
            d.update(bytes);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The Content-IDs an HTML body refers to by {@code cid:} (in attributes and CSS {@code url()}), in
     * the order first seen. One pass over the text, no regular expression: linear in its length.
     */
    public static Set<String> referencedIn(String html) {
        Set<String> ids = new LinkedHashSet<>();
        int n = html.length();
        int i = 0;
        while (i + 4 <= n) {
            int at = indexOfCid(html, i);
            if (at < 0) {
                break;
            }
            // "cid:" must start a value: not inside a word such as "acid:".
            boolean starts = at == 0 || !Character.isLetterOrDigit(html.charAt(at - 1));
            int j = at + 4;
            if (starts) {
                int end = j;
                while (end < n && end - j < MAX_CID && !ends(html.charAt(end))) {
                    end++;
                }
                if (end > j) {
                    ids.add(html.substring(j, end));
                }
                j = end;
            }
            i = j;
        }
        return ids;
    }

    /**
     * The first Content-ID the HTML refers to that none of the parts carries, if any: a message with such
     * a reference would show a broken image.
     */
    public static Optional<String> missing(String html, List<InlineImage> parts) {
        Set<String> have = new LinkedHashSet<>();
        parts.forEach(p -> have.add(p.contentId()));
        return referencedIn(html).stream().filter(id -> !have.contains(id)).findFirst();
    }

    /** The person-readable reason a message with a dangling {@code cid:} is refused. */
    public static String missingMessage(String contentId) {
        return "The HTML shows the image \"cid:" + contentId + "\", but the message does not contain it, so "
                + "recipients would see a broken image. Add the image (for a template, its brand kit's logo) "
                + "or remove the reference.";
    }

    private static boolean ends(char c) {
        return c == '"' || c == '\'' || c == ')' || c == '>' || c == '<' || c == '&' || Character.isWhitespace(c);
    }

    private static int indexOfCid(String s, int from) {
        int n = s.length() - 3;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if ((c == 'c' || c == 'C')
                    && (s.charAt(i + 1) | 0x20) == 'i'
                    && (s.charAt(i + 2) | 0x20) == 'd'
                    && s.charAt(i + 3) == ':') {
                return i;
            }
        }
        return -1;
    }
}
