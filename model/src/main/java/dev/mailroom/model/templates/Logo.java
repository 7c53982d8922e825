package dev.mailroom.model.templates;

import dev.mailroom.model.common.InvalidInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A brand-kit logo: PNG or SVG, at most {@link #MAX_BYTES}. {@link #of(byte[])} checks what the bytes
 * really are (not the file name): a PNG must be complete (signature, header, end chunk), an SVG must be
 * well-formed XML with an {@code <svg>} root and nothing active in it (scripts, event handlers,
 * external references), since the logo is shown in the preview and sent in email.
 */
public record Logo(byte[] bytes, LogoType type, int width, int height) {
    public static final int MAX_BYTES = 1024 * 1024;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public Logo {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(type, "type");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    /** The logo as a {@code data:} URI, for previews and for exports that must stand alone. */
    public String dataUri() {
        return "data:" + type.mediaType() + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /** Checks the bytes and tells the person what is wrong with them, under the field "logo". */
    public static Logo of(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw broken("The logo file is empty.");
        }
        if (bytes.length > MAX_BYTES) {
            throw broken(String.format(
                    Locale.ROOT,
                    "The logo is %.1f MB; the limit is 1 MB. Export it smaller "
                            + "(a logo in an email rarely needs more than 600 pixels across).",
                    bytes.length / (1024.0 * 1024.0)));
        }
        if (startsWith(bytes, PNG_SIGNATURE)) {
            return png(bytes);
        }
        if (looksLikeXml(bytes)) {
            return svg(bytes);
        }
        throw broken("The logo must be a PNG or an SVG image; this file is neither"
                + (startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xD8})
                        ? " (it is a JPEG: save it as PNG)."
                        : "."));
    }

    private static Logo png(byte[] b) {
        // Signature, then chunks: length (4), type (4), data, CRC (4). The first must be IHDR, the last IEND.
        if (b.length < 8 + 25 || !"IHDR".equals(new String(b, 12, 4, StandardCharsets.US_ASCII))) {
            throw broken("The PNG logo is damaged: its header is missing.");
        }
        int width = readInt(b, 16);
        int height = readInt(b, 20);
        if (width <= 0 || height <= 0) {
            throw broken("The PNG logo is damaged: it says it is " + width + " × " + height + " pixels.");
        }
        int pos = 8;
        boolean sawData = false;
        while (pos + 12 <= b.length) {
            long length = readInt(b, pos) & 0xFFFFFFFFL;
            String chunk = new String(b, pos + 4, 4, StandardCharsets.US_ASCII);
            long next = pos + 12 + length;
            if (next > b.length) {
                break;
            }
            if ("IDAT".equals(chunk)) {
                sawData = true;
            }
            if ("IEND".equals(chunk)) {
                if (!sawData) {
                    throw broken("The PNG logo is damaged: it has no image data.");
                }
                return new Logo(b, LogoType.PNG, width, height);
            }
            pos = (int) next;
        }
        throw broken("The PNG logo is incomplete (the file ends too early). Export it again.");
    }

    private static Logo svg(byte[] b) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(b));
        } catch (SAXException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("DOCTYPE")) {
                throw broken("The SVG logo declares a DOCTYPE; save it without one (plain SVG).");
            }
            throw broken("The SVG logo is not well-formed XML" + (m.isBlank() ? "." : ": " + m));
        } catch (IOException | ParserConfigurationException e) {
            throw broken("The SVG logo could not be read.");
        }
        Element root = doc.getDocumentElement();
        if (root == null || !"svg".equals(localName(root))) {
            throw broken("The logo is XML but not an SVG image (its root element is not <svg>).");
        }
        checkInert(root);
        return new Logo(b, LogoType.SVG, dimension(root, "width"), dimension(root, "height"));
    }

    private static void checkInert(Element e) {
        String name = localName(e).toLowerCase(Locale.ROOT);
        if (name.equals("script") || name.equals("foreignobject")) {
            throw broken(
                    "The SVG logo contains <" + localName(e) + ">; remove it (nothing active may be sent in email).");
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String an = (a.getLocalName() == null ? a.getNodeName() : a.getLocalName()).toLowerCase(Locale.ROOT);
            String value = a.getNodeValue().strip().toLowerCase(Locale.ROOT);
            if (an.startsWith("on")) {
                throw broken("The SVG logo has an event handler (" + an + "); remove it.");
            }
            if (an.equals("href") && !value.isEmpty() && !value.startsWith("#") && !value.startsWith("data:image/")) {
                throw broken("The SVG logo refers to another file (" + a.getNodeValue() + "); embed it or remove it.");
            }
        }
        NodeList children = e.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element child) {
                checkInert(child);
            }
        }
    }

    private static int dimension(Element root, String attr) {
        String v = root.getAttribute(attr).strip();
        StringBuilder digits = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (Character.isDigit(c)) {
                digits.append(c);
            } else {
                break;
            }
        }
        try {
            return digits.length() == 0 ? 0 : Integer.parseInt(digits.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String localName(Node n) {
        return n.getLocalName() == null ? n.getNodeName() : n.getLocalName();
    }

    private static boolean looksLikeXml(byte[] b) {
        int i = 0;
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        while (i < b.length && Character.isWhitespace(b[i])) {
            i++;
        }
        return i < b.length && b[i] == '<';
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        return b.length >= prefix.length && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static InvalidInput broken(String message) {
        return new InvalidInput("logo", message);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Logo l
                && type == l.type
                && width == l.width
                && height == l.height
                && Arrays.equals(bytes, l.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return "Logo[" + type + ", " + bytes.length + " bytes, " + width + "×" + height + "]";
    }
}
