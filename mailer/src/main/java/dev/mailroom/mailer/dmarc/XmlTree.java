package dev.mailroom.mailer.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A forgiving, linear-time reader of the small XML dialect of DMARC and similar reports: elements,
 * text, the five predefined entities and character references, comments, CDATA, processing
 * instructions. It never fetches or expands anything else: a document that declares a DTD or
 * entities is refused (no XXE, no "billion laughs"). Broken markup is recovered as parsedmarc
 * does: a {@code <} that does not open a well-formed tag is text ({@code <bad@host>}), an end tag
 * closes the innermost open element of its name, unclosed elements close with their parent.
 */
final class XmlTree {
    static final int MAX_DEPTH = 32;
    static final int MAX_ELEMENTS = 5_000_000;

    /** Refused or unreadable input, with a message fit for a person. */
    static final class XmlRefused extends Exception {
        XmlRefused(String message) {
            super(message);
        }
    }

    static final class Node {
        final String name;
        final StringBuilder text = new StringBuilder();
        final List<Node> children = new ArrayList<>();

        Node(String name) {
            this.name = name;
        }

        Optional<Node> child(String name) {
            for (Node c : children) {
                if (c.name.equals(name)) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }

        List<Node> all(String name) {
            List<Node> out = new ArrayList<>();
            for (Node c : children) {
                if (c.name.equals(name)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** The trimmed text of the child path ("date_range/begin"), "" when absent. */
        String text(String path) {
            Node n = this;
            for (String step : path.split("/")) {
                Optional<Node> c = n.child(step);
                if (c.isEmpty()) {
                    return "";
                }
                n = c.get();
            }
            return n.text.toString().trim();
        }
    }

    private XmlTree() {}

    /** The document's root element. Element names lose their namespace prefix and are lower case. */
    static Node parse(String xml) throws XmlRefused {
        Node root = new Node("#document");
        List<Node> stack = new ArrayList<>();
        stack.add(root);
        int n = xml.length();
        int i = 0;
        int elements = 0;
        while (i < n) {
            char c = xml.charAt(i);
            if (c != '<') {
                int next = xml.indexOf('<', i);
                int end = next < 0 ? n : next;
                appendText(stack.get(stack.size() - 1), xml, i, end);
                i = end;
                continue;
            }
            if (xml.startsWith("<!--", i)) {
                int end = xml.indexOf("-->", i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (xml.startsWith("<![CDATA[", i)) {
                int end = xml.indexOf("]]>", i + 9);
                int stop = end < 0 ? n : end;
                stack.get(stack.size() - 1).text.append(xml, i + 9, stop);
                i = end < 0 ? n : end + 3;
                continue;
            }
            if (xml.startsWith("<!", i)) {
                String decl = xml.substring(i, Math.min(n, i + 12)).toUpperCase(Locale.ROOT);
                if (decl.startsWith("<!DOCTYPE") || decl.startsWith("<!ENTITY")) {
                    throw new XmlRefused("The report declares a DTD or entities (<!DOCTYPE …>); refused, because"
                            + " entity declarations can read local files or expand without end.");
                }
                int end = xml.indexOf('>', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            if (xml.startsWith("<?", i)) {
                int end = xml.indexOf("?>", i + 2);
                i = end < 0 ? n : end + 2;
                continue;
            }
            int close = xml.indexOf('>', i);
            int nextOpen = xml.indexOf('<', i + 1);
            if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
                // "<" that opens no tag: text (the rest up to the next "<").
                int end = nextOpen < 0 ? n : nextOpen;
                appendText(stack.get(stack.size() - 1), xml, i, end);
                i = end;
                continue;
            }
            boolean endTag = xml.charAt(i + 1) == '/';
            int nameStart = i + (endTag ? 2 : 1);
            int nameEnd = nameStart;
            while (nameEnd < close && nameChar(xml.charAt(nameEnd))) {
                nameEnd++;
            }
            boolean selfClosing = !endTag && xml.charAt(close - 1) == '/';
            boolean wellFormed = nameEnd > nameStart
                    && (nameEnd == close
                            || Character.isWhitespace(xml.charAt(nameEnd))
                            || (selfClosing && nameEnd == close - 1));
            if (!wellFormed) {
                appendText(stack.get(stack.size() - 1), xml, i, close + 1);
                i = close + 1;
                continue;
            }
            String name = localName(xml.substring(nameStart, nameEnd));
            if (endTag) {
                for (int k = stack.size() - 1; k > 0; k--) {
                    if (stack.get(k).name.equals(name)) {
                        while (stack.size() > k) {
                            stack.remove(stack.size() - 1);
                        }
                        break;
                    }
                }
            } else {
                if (++elements > MAX_ELEMENTS) {
                    throw new XmlRefused("The report has more than " + MAX_ELEMENTS + " elements; refused.");
                }
                Node node = new Node(name);
                stack.get(stack.size() - 1).children.add(node);
                if (!selfClosing) {
                    if (stack.size() > MAX_DEPTH) {
                        throw new XmlRefused("The report's elements are nested more than " + MAX_DEPTH
                                + " deep; refused (no DMARC report is).");
                    }
                    stack.add(node);
                }
            }
            i = close + 1;
        }
        for (Node c : root.children) {
            return c;
        }
        throw new XmlRefused("The file holds no XML element.");
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':';
    }

    private static String localName(String qname) {
        int colon = qname.lastIndexOf(':');
        return (colon >= 0 ? qname.substring(colon + 1) : qname).toLowerCase(Locale.ROOT);
    }

    private static void appendText(Node node, String xml, int from, int to) {
        StringBuilder b = node.text;
        if (b.length() > 64 * 1024) {
            return;
        }
        int i = from;
        while (i < to) {
            char c = xml.charAt(i);
            if (c == '&') {
                int semi = xml.indexOf(';', i);
                if (semi > i && semi < to && semi - i <= 10) {
                    String ref = xml.substring(i + 1, semi);
                    String v = entity(ref);
                    if (v != null) {
                        b.append(v);
                        i = semi + 1;
                        continue;
                    }
                }
            }
            b.append(c);
            i++;
        }
    }

    private static String entity(String ref) {
        switch (ref) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            case "apos":
                return "'";
            default:
                break;
        }
        try {
            if (ref.startsWith("#x") || ref.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(ref.substring(2), 16)));
            }
            if (ref.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(ref.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }
}
