package dev.mailroom.mailer.activity;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The pieces of a report message that matter, gathered by walking its MIME tree once: the
 * human-readable notification, the machine-readable status or feedback fields, and the headers of
 * the original message. The walk never throws: a part that cannot be read is noted and skipped, and
 * a body whose MIME structure is broken is kept as plain text for the text readers.
 */
final class MessageParts {
    /** text/plain (or, when there is none, text/html without tags) before the original message. */
    final List<String> notification = new ArrayList<>();

    final List<String> html = new ArrayList<>();
    /** message/delivery-status bodies. */
    final List<String> deliveryStatus = new ArrayList<>();
    /** message/feedback-report bodies. */
    final List<String> feedback = new ArrayList<>();
    /** The header section of the returned original (message/rfc822, text/rfc822-headers). */
    final List<String> originalHeaders = new ArrayList<>();

    /** The first messages attached whole (message/rfc822), as text: at most two. */
    final List<String> attachedMessages = new ArrayList<>();
    /** Everything readable, in order, for the loose scans. */
    final StringBuilder all = new StringBuilder();
    /**
     * Text before a multipart's first boundary: where MIME-unaware readers see it, some old servers
     * wrote their notice there. Read only when no part holds text.
     */
    private final List<String> preambles = new ArrayList<>();

    final List<String> problems = new ArrayList<>();
    boolean reportTypeFeedback;

    private final int maxPartChars;
    private final int maxParts;
    private final int maxDepth;
    private int parts;

    MessageParts(int maxPartChars, int maxParts, int maxDepth) {
        this.maxPartChars = maxPartChars;
        this.maxParts = maxParts;
        this.maxDepth = maxDepth;
    }

    void walk(MimeMessage message) {
        try {
            String type = message.getContentType();
            if (type != null && type.toLowerCase(Locale.ROOT).contains("feedback-report")) {
                reportTypeFeedback = true;
            }
        } catch (Exception e) {
            problems.add("unreadable Content-Type: " + e.getMessage());
        }
        visit(message, 0);
    }

    private void visit(Part part, int depth) {
        if (++parts > maxParts || depth > maxDepth) {
            if (parts == maxParts + 1 || depth == maxDepth + 1) {
                problems.add("too many or too deeply nested parts; the rest was not read");
            }
            return;
        }
        String type = baseType(part);
        try {
            if (type.startsWith("multipart/")) {
                Object content = part.getContent();
                if (content instanceof Multipart mp) {
                    if (mp instanceof jakarta.mail.internet.MimeMultipart mm && preambles.size() < 4) {
                        String pre = mm.getPreamble();
                        if (pre != null && !pre.isBlank()) {
                            preambles.add(pre.length() > maxPartChars ? pre.substring(0, maxPartChars) : pre);
                        }
                    }
                    int count = mp.getCount();
                    for (int i = 0; i < count; i++) {
                        BodyPart child = mp.getBodyPart(i);
                        visit(child, depth + 1);
                    }
                    return;
                }
                keepText(type, raw(part));
                return;
            }
            switch (type) {
                case "message/delivery-status", "message/global-delivery-status" -> {
                    String t = decoded(part);
                    deliveryStatus.add(t);
                    append(t);
                }
                case "message/feedback-report" -> {
                    String t = decoded(part);
                    feedback.add(t);
                    append(t);
                }
                case "message/rfc822",
                        "message/global",
                        "text/rfc822-headers",
                        "text/rfc822-header",
                        "message/rfc822-headers" -> {
                    String t = decoded(part);
                    originalHeaders.add(headerSection(t));
                    if (!type.endsWith("headers") && !type.endsWith("header") && attachedMessages.size() < 2) {
                        attachedMessages.add(t);
                    }
                    append(t);
                }
                default -> keepText(type, text(part));
            }
        } catch (Exception e) {
            // Broken MIME (a missing boundary, a bad encoding): keep what the bytes say as text.
            problems.add("a " + type + " part could not be read as MIME ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); read as plain text");
            keepText("text/plain", raw(part));
        }
    }

    private void keepText(String type, String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        if (type.equals("text/html")) {
            html.add(withoutTags(text)
                    .replace("&nbsp;", " ")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"));
        } else if (type.startsWith("text/") || type.isEmpty()) {
            notification.add(text);
            append(text);
        }
    }

    /**
     * HTML as text in one pass: style and script contents dropped, line-ending tags as line breaks,
     * other tags as blanks. An unclosed tag or block ends the text (no re-scanning: linear time).
     */
    static String withoutTags(String html) {
        String lower = html.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(html.length());
        int i = 0;
        int n = html.length();
        while (i < n) {
            char c = html.charAt(i);
            if (c != '<') {
                out.append(c);
                i++;
                continue;
            }
            int close = html.indexOf('>', i);
            if (close < 0) {
                break;
            }
            String tag = lower.substring(i + 1, Math.min(close, i + 12));
            if (tag.startsWith("style") || tag.startsWith("script")) {
                String name = tag.startsWith("style") ? "</style" : "</script";
                int end = lower.indexOf(name, close);
                if (end < 0) {
                    break;
                }
                int endClose = html.indexOf('>', end);
                i = endClose < 0 ? n : endClose + 1;
                out.append(' ');
                continue;
            }
            boolean lineEnd =
                    tag.startsWith("br") || tag.startsWith("/p") || tag.startsWith("/div") || tag.startsWith("/tr");
            out.append(lineEnd ? '\n' : ' ');
            i = close + 1;
        }
        return out.toString();
    }

    private void append(String text) {
        if (all.length() < maxPartChars * 8) {
            all.append(text).append("\n\n");
        }
    }

    /** The notification texts, falling back to the HTML ones when no plain text was sent. */
    List<String> readable() {
        if (!notification.isEmpty()) {
            return notification;
        }
        if (html.isEmpty() && !preambles.isEmpty()) {
            preambles.forEach(this::append);
            return preambles;
        }
        html.forEach(this::append);
        return html;
    }

    private static String baseType(Part part) {
        try {
            String ct = part.getContentType();
            if (ct == null) {
                return "text/plain";
            }
            return new ContentType(ct).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            try {
                String ct = part.getContentType().toLowerCase(Locale.ROOT).trim();
                int semi = ct.indexOf(';');
                return (semi < 0 ? ct : ct.substring(0, semi)).trim();
            } catch (Exception again) {
                return "text/plain";
            }
        }
    }

    /** A text part in its charset; an unknown charset falls back to UTF-8 (or Latin-1). */
    private String text(Part part) {
        try {
            byte[] bytes = read(part.getInputStream());
            return decode(bytes, charset(part));
        } catch (Exception e) {
            problems.add("a text part could not be decoded: " + e.getMessage());
            return raw(part);
        }
    }

    /** The part's body with its transfer encoding undone, as text. */
    private String decoded(Part part) throws Exception {
        if (part instanceof jakarta.mail.internet.MimePart mp) {
            String enc = mp.getEncoding();
            if (enc != null && !enc.isBlank()) {
                InputStream in = MimeUtility.decode(rawStream(part), enc.trim());
                return decode(read(in), charset(part));
            }
        }
        return decode(read(rawStream(part)), charset(part));
    }

    private static InputStream rawStream(Part part) throws Exception {
        if (part instanceof jakarta.mail.internet.MimeBodyPart bp) {
            return bp.getRawInputStream();
        }
        if (part instanceof MimeMessage m) {
            return m.getRawInputStream();
        }
        return part.getInputStream();
    }

    private String raw(Part part) {
        try {
            return decode(read(rawStream(part)), null);
        } catch (Exception e) {
            problems.add("a part could not be read at all: " + e.getMessage());
            return "";
        }
    }

    private static Charset charset(Part part) {
        try {
            String cs = new ContentType(part.getContentType()).getParameter("charset");
            if (cs != null) {
                return Charset.forName(MimeUtility.javaCharset(cs.trim()));
            }
        } catch (Exception e) {
            // unknown or missing: decided by the bytes below
        }
        return null;
    }

    private byte[] read(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0 && out.size() < maxPartChars) {
                out.write(buf, 0, Math.min(n, maxPartChars - out.size()));
            }
            return out.toByteArray();
        }
    }

    private static String decode(byte[] bytes, Charset charset) {
        if (charset != null) {
            return new String(bytes, charset);
        }
        String utf8 = new String(bytes, StandardCharsets.UTF_8);
        return utf8.indexOf('\uFFFD') >= 0 ? new String(bytes, StandardCharsets.ISO_8859_1) : utf8;
    }

    /** The header lines at the start of a message, up to the first blank line. */
    static String headerSection(String message) {
        String t = message.replace("\r\n", "\n");
        int blank = t.indexOf("\n\n");
        return blank < 0 ? t : t.substring(0, blank + 1);
    }
}
