package dev.mailroom.model.templates;

import dev.mailroom.model.common.InvalidInput;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * A brand-kit logo: PNG or SVG, at most {@link #MAX_BYTES} and {@link #MAX_SIDE} pixels a side.
 * {@link #of(byte[])} checks what the bytes really are (not the file name): a PNG must be complete
 * (signature, header, end chunk) and its declared size is read from its header before anything is
 * decoded; an SVG must be well-formed XML with an {@code <svg>} root, nested at most {@link #MAX_DEPTH}
 * deep, and use only a safe subset of SVG (no scripts, event handlers, animation, {@code javascript:}
 * values, style sheets that import or fetch, external references or processing instructions), since the
 * logo is shown in the preview and sent in every recipient's mail. {@link #atShownSize()} re-encodes a
 * PNG at the size templates show it (decision 0037).
 */
public record Logo(byte[] bytes, LogoType type, int width, int height) {
    public static final int MAX_BYTES = 1024 * 1024;
    /** Pixels a side, at most: read from the header, before the image is decoded. */
    public static final int MAX_SIDE = 4000;
    /** How deep an SVG's elements may nest (real logos stay under 20). */
    public static final int MAX_DEPTH = 64;
    /** Templates show the logo this many CSS pixels high ({@code <img height="40">}). */
    public static final int SHOWN_HEIGHT = 40;
    /** Stored at twice the shown size, for high-density screens. */
    static final int STORED_HEIGHT = 2 * SHOWN_HEIGHT;

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
        long[] size = declaredSize(b);
        if (size[0] <= 0 || size[1] <= 0) {
            throw broken("The PNG logo is damaged: it says it is " + size[0] + " × " + size[1] + " pixels.");
        }
        checkSide(size[0], size[1]);
        int width = (int) size[0];
        int height = (int) size[1];
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

    /**
     * Width and height as the PNG's header declares them, read by an ImageIO reader without decoding the
     * raster. The header's raw numbers are used when no reader can make sense of it.
     */
    private static long[] declaredSize(byte[] b) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(b))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    reader.setInput(in, true, true);
                    return new long[] {reader.getWidth(0), reader.getHeight(0)};
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the header's own numbers, checked below
        }
        return new long[] {readInt(b, 16) & 0xFFFFFFFFL, readInt(b, 20) & 0xFFFFFFFFL};
    }

    private static void checkSide(long width, long height) {
        if (width > MAX_SIDE || height > MAX_SIDE) {
            throw broken(String.format(
                    Locale.ROOT,
                    "The logo is %,d × %,d pixels; the limit is %,d × %,d. Export it smaller: templates show it "
                            + "%d pixels high.",
                    width,
                    height,
                    MAX_SIDE,
                    MAX_SIDE,
                    SHOWN_HEIGHT));
        }
    }

    /**
     * The logo as it is best stored and sent: a PNG decoded (its size checked first) and encoded again at
     * twice the height templates show it ({@link #SHOWN_HEIGHT}), never larger than it was; anything else
     * in the file (text chunks, colour profiles, trailing bytes) is dropped. An SVG is returned as it is.
     */
    public Logo atShownSize() {
        if (type != LogoType.PNG) {
            return this;
        }
        BufferedImage source;
        try {
            source = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw broken("The PNG logo could not be decoded; export it again.");
        }
        if (source == null) {
            throw broken("The PNG logo could not be decoded; export it again.");
        }
        int h = Math.min(source.getHeight(), STORED_HEIGHT);
        int w = Math.max(1, (int) Math.round(source.getWidth() * (h / (double) source.getHeight())));
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(scaled, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("a PNG could not be written to memory", e);
        }
        return new Logo(out.toByteArray(), LogoType.PNG, w, h);
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
            // The JDK parser stops at this depth itself, so that a deeply nested file fails early and clearly.
            f.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(null);
            doc = builder.parse(new ByteArrayInputStream(b));
        } catch (SAXException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            if (m.contains("DOCTYPE")) {
                throw broken("The SVG logo declares a DOCTYPE; save it without one (plain SVG).");
            }
            if (m.contains("maxElementDepth")) {
                throw tooDeep();
            }
            throw broken("The SVG logo is not well-formed XML" + (m.isBlank() ? "." : ": " + m));
        } catch (IOException | ParserConfigurationException e) {
            throw broken("The SVG logo could not be read.");
        }
        Element root = doc.getDocumentElement();
        if (root == null || !"svg".equals(localName(root))) {
            throw broken("The logo is XML but not an SVG image (its root element is not <svg>).");
        }
        for (Node n = doc.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                throw processingInstruction(n);
            }
        }
        checkInert(root);
        int width = dimension(root, "width");
        int height = dimension(root, "height");
        checkSide(width, height);
        return new Logo(b, LogoType.SVG, width, height);
    }

    private static final String SVG_NS = "http://www.w3.org/2000/svg";

    /** The SVG elements a logo may use: shapes, text, paint servers, clipping, filters. */
    private static final Set<String> SAFE_ELEMENTS = Set.of(
            "svg",
            "g",
            "defs",
            "symbol",
            "use",
            "title",
            "desc",
            "metadata",
            "path",
            "rect",
            "circle",
            "ellipse",
            "line",
            "polyline",
            "polygon",
            "text",
            "tspan",
            "textpath",
            "lineargradient",
            "radialgradient",
            "stop",
            "clippath",
            "mask",
            "pattern",
            "image",
            "style",
            "filter",
            "feblend",
            "fecolormatrix",
            "fecomponenttransfer",
            "fecomposite",
            "feflood",
            "fegaussianblur",
            "femerge",
            "femergenode",
            "femorphology",
            "feoffset",
            "fefunca",
            "fefuncb",
            "fefuncg",
            "fefuncr",
            "fedropshadow");

    private static InvalidInput tooDeep() {
        return broken("The SVG logo nests its elements more than " + MAX_DEPTH
                + " deep; real logos never do. Simplify it (or export it as PNG).");
    }

    private static InvalidInput processingInstruction(Node n) {
        return broken("The SVG logo contains the instruction <?" + n.getNodeName()
                + " …?>; remove it (a style sheet it loads could track or change the mail).");
    }

    /** Walks the tree without recursion (a deep file must not exhaust the stack) and allows a safe subset. */
    private static void checkInert(Element root) {
        Deque<Element> todo = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        todo.push(root);
        depths.push(1);
        while (!todo.isEmpty()) {
            Element e = todo.pop();
            int depth = depths.pop();
            if (depth > MAX_DEPTH) {
                throw tooDeep();
            }
            checkElement(e);
            for (Node c = e.getLastChild(); c != null; c = c.getPreviousSibling()) {
                if (c instanceof Element child) {
                    todo.push(child);
                    depths.push(depth + 1);
                } else if (c.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
                    throw processingInstruction(c);
                }
            }
        }
    }

    private static void checkElement(Element e) {
        String name = localName(e).toLowerCase(Locale.ROOT);
        String ns = e.getNamespaceURI();
        boolean svg = ns == null || SVG_NS.equals(ns);
        if (svg && (name.equals("script") || name.equals("foreignobject"))) {
            throw broken(
                    "The SVG logo contains <" + localName(e) + ">; remove it (nothing active may be sent in email).");
        }
        if (svg && (name.startsWith("animate") || name.equals("set"))) {
            throw broken("The SVG logo is animated (<" + localName(e)
                    + ">); remove the animation: it can change links and is not shown by most mail clients.");
        }
        if (svg && !SAFE_ELEMENTS.contains(name)) {
            throw broken("The SVG logo uses <" + localName(e)
                    + ">, which a logo in email may not contain; export it as plain shapes (or as PNG).");
        }
        if ("http://www.w3.org/1999/xhtml".equals(ns)) {
            throw broken("The SVG logo contains HTML (<" + localName(e) + ">); remove it.");
        }
        if (svg && name.equals("style")) {
            checkCss(e.getTextContent(), "<style>");
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String an = (a.getLocalName() == null ? a.getNodeName() : a.getLocalName()).toLowerCase(Locale.ROOT);
            String raw = a.getNodeValue();
            String value = squeezed(raw);
            if (an.startsWith("on")) {
                throw broken("The SVG logo has an event handler (" + an + "); remove it.");
            }
            if (value.contains("javascript:") || value.contains("vbscript:")) {
                throw broken("The SVG logo has a script link in its " + an + " attribute; remove it.");
            }
            if (an.equals("href") && !value.isEmpty() && !value.startsWith("#") && !isEmbeddedImage(value)) {
                throw broken("The SVG logo refers to another file (" + raw + "); embed it or remove it.");
            }
            if (an.equals("style")) {
                checkCss(raw, "a style attribute");
            } else if (value.contains("url(") && !onlyLocalUrls(value)) {
                throw broken("The SVG logo loads " + raw + " from elsewhere in its " + an
                        + " attribute; only references inside the file (url(#…)) are allowed.");
            }
        }
    }

    /** CSS in a {@code <style>} or a style attribute: nothing that imports, fetches or runs. */
    private static void checkCss(String css, String where) {
        String v = squeezed(css == null ? "" : css);
        if (v.contains("\\")) {
            throw broken("The SVG logo's CSS in " + where + " uses escapes; write it plainly.");
        }
        if (v.contains("@import")) {
            throw broken("The SVG logo's CSS in " + where + " imports another style sheet (@import); remove it.");
        }
        if (v.contains("url(") && !onlyLocalUrls(v)) {
            throw broken("The SVG logo's CSS in " + where
                    + " loads something from elsewhere (url(…)); only url(#…) inside the file is allowed.");
        }
        if (v.contains("expression(") || v.contains("javascript:") || v.contains("behavior:")) {
            throw broken("The SVG logo's CSS in " + where + " contains script; remove it.");
        }
    }

    /** Lower case, without white space and control characters (which browsers skip inside a scheme). */
    private static String squeezed(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > ' ' && c != 0x7F) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    private static boolean onlyLocalUrls(String squeezed) {
        int at = squeezed.indexOf("url(");
        while (at >= 0) {
            int start = at + 4;
            while (start < squeezed.length() && (squeezed.charAt(start) == '\'' || squeezed.charAt(start) == '"')) {
                start++;
            }
            if (start >= squeezed.length() || squeezed.charAt(start) != '#') {
                return false;
            }
            at = squeezed.indexOf("url(", start);
        }
        return true;
    }

    private static boolean isEmbeddedImage(String squeezed) {
        return squeezed.startsWith("data:image/png;")
                || squeezed.startsWith("data:image/jpeg;")
                || squeezed.startsWith("data:image/gif;");
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
