package dev.mailroom.mailer.templates;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.model.templates.TemplateBundle;
import dev.mailroom.model.templates.TemplateBundleCodec;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateKind;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Bundle files: JSON written with Jackson, images as base64. The file names its format and format
 * version, and carries a SHA-256 of its own content, so a file that is not a bundle, was cut short,
 * was changed by hand or comes from a newer Mailroom is told apart and explained.
 *
 * <pre>
 * { "format": "mailroom.template-bundle", "formatVersion": 1, "exportedAt": "…", "exportedBy": "…",
 *   "source": "Acme", "templates": [ { "name", "kind", "subject", "html", "textPart", "sampleData",
 *   "usesBrandKit" } ], "brandKit": { colours, fonts, footer, "social": [...],
 *   "logo": { "mediaType", "base64" } } | null, "sha256": "…" }
 * </pre>
 */
public final class JsonTemplateBundleCodec implements TemplateBundleCodec {
    static final String FORMAT = "mailroom.template-bundle";
    /**
     * A bundle file is read whole, so its size is bounded by what the console's memory holds with room to
     * spare (decision 0038); refuses a wrong file before parsing it.
     */
    static final int MAX_FILE_BYTES = 64 * 1024 * 1024;
    /** Templates in one bundle, at most: one import is one transaction. */
    static final int MAX_TEMPLATES = 1000;
    /** Mailroom's bundles nest four levels deep; anything far deeper is not one. */
    static final int MAX_DEPTH = 16;
    /** The longest text a bundle holds is a template's HTML. */
    static final int MAX_STRING_CHARS = TemplateContent.MAX_HTML_CHARS + 1024;

    private final ObjectMapper json = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxStringLength(MAX_STRING_CHARS)
                            .maxDocumentLength(MAX_FILE_BYTES)
                            .build())
                    .build())
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @Override
    public byte[] encode(TemplateBundle bundle) {
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", TemplateBundle.CURRENT_FORMAT);
        root.put("exportedAt", bundle.exportedAt().toString());
        root.put("exportedBy", bundle.exportedBy());
        root.put("source", bundle.source());
        ArrayNode list = root.putArray("templates");
        for (TemplateBundle.Item item : bundle.templates()) {
            ObjectNode t = list.addObject();
            TemplateContent c = item.content();
            t.put("name", item.name());
            t.put("kind", item.kind().name());
            t.put("subject", c.subject());
            t.put("html", c.html());
            if (c.textPart().isPresent()) {
                t.put("textPart", c.textPart().get());
            } else {
                t.putNull("textPart");
            }
            t.put("sampleData", c.sampleData());
            t.put("usesBrandKit", c.usesBrandKit());
        }
        if (bundle.sourceBrandKit().isPresent()) {
            root.set("brandKit", kit(bundle.sourceBrandKit().get()));
        } else {
            root.putNull("brandKit");
        }
        root.put("sha256", checksum(root));
        try {
            return json.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a bundle could not be written", e);
        }
    }

    @Override
    public TemplateBundle decode(byte[] file) {
        if (file == null || file.length == 0) {
            throw bad("The file is empty; it is not a template bundle.");
        }
        if (file.length > MAX_FILE_BYTES) {
            throw bad("The file is " + (file.length / (1024 * 1024)) + " MB; a bundle can be at most "
                    + (MAX_FILE_BYTES / (1024 * 1024)) + " MB. Export the templates in several smaller bundles.");
        }
        JsonNode root;
        try {
            root = json.readTree(file);
        } catch (StreamConstraintsException e) {
            throw beyondLimits(e);
        } catch (JsonEOFException e) {
            throw bad("The bundle is incomplete: it ends at line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ". The file was probably cut short while copying or downloading; "
                    + "export it again.");
        } catch (JsonProcessingException e) {
            throw bad("The file is not a Mailroom template bundle, or it is damaged"
                    + (e.getLocation() == null
                            ? "."
                            : " (line " + e.getLocation().getLineNr() + ", column "
                                    + e.getLocation().getColumnNr() + ")."));
        } catch (IOException e) {
            throw bad("The file could not be read.");
        }
        if (root == null
                || !root.isObject()
                || !FORMAT.equals(root.path("format").asText(null))) {
            throw bad("This file is not a Mailroom template bundle.");
        }
        JsonNode version = root.path("formatVersion");
        if (!version.isInt() || version.asInt() < 1) {
            throw damaged("its format version is missing");
        }
        if (version.asInt() > TemplateBundle.CURRENT_FORMAT) {
            throw bad("This bundle was made by a newer Mailroom (bundle format " + version.asInt()
                    + "; this Mailroom reads " + "format " + TemplateBundle.CURRENT_FORMAT
                    + "). Update Mailroom to import it.");
        }
        JsonNode templates = root.path("templates");
        if (templates.isArray() && templates.size() > MAX_TEMPLATES) {
            throw bad(String.format(
                    java.util.Locale.ROOT,
                    "The bundle holds %,d templates; at most %,d can be imported at once. "
                            + "Export them in several smaller bundles.",
                    templates.size(),
                    MAX_TEMPLATES));
        }
        // The checksum covers everything but itself: taken out of the tree (no copy of a large bundle is made).
        JsonNode sum = ((ObjectNode) root).remove("sha256");
        if (sum == null || !sum.isTextual() || !sum.asText().equals(checksum(root))) {
            throw damaged(
                    "its contents do not match the checksum written when it was exported; it was changed or corrupted");
        }
        try {
            List<TemplateBundle.Item> items = new ArrayList<>();
            for (JsonNode t : array(root, "templates")) {
                TemplateContent content = new TemplateContent(
                        text(t, "subject"),
                        text(t, "html"),
                        t.path("textPart").isTextual()
                                ? Optional.of(t.path("textPart").asText())
                                : Optional.empty(),
                        text(t, "sampleData"),
                        t.path("usesBrandKit").asBoolean(true));
                items.add(new TemplateBundle.Item(
                        text(t, "name"), kind(t.path("kind").asText("")), content));
            }
            Optional<BrandKit> kit =
                    root.path("brandKit").isObject() ? Optional.of(kit(root.path("brandKit"))) : Optional.empty();
            return new TemplateBundle(
                    version.asInt(),
                    Instant.parse(text(root, "exportedAt")),
                    text(root, "source"),
                    root.path("exportedBy").asText(""),
                    items,
                    kit);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw damaged(e.getMessage() == null ? "a value is not what Mailroom wrote" : e.getMessage());
        }
    }

    private ObjectNode kit(BrandKit k) {
        ObjectNode n = json.createObjectNode();
        n.put("primaryColor", k.primaryColor());
        n.put("secondaryColor", k.secondaryColor());
        n.put("backgroundColor", k.backgroundColor());
        n.put("textColor", k.textColor());
        n.put("fontStack", k.fontStack());
        n.put("companyName", k.companyName());
        n.put("postalAddress", k.postalAddress());
        ArrayNode social = n.putArray("social");
        k.social().forEach(s -> social.addObject().put("network", s.network()).put("url", s.url()));
        if (k.logo().isPresent()) {
            Logo logo = k.logo().get();
            n.putObject("logo")
                    .put("mediaType", logo.type().mediaType())
                    .put("base64", Base64.getEncoder().encodeToString(logo.bytes()));
        } else {
            n.putNull("logo");
        }
        return n;
    }

    private static BrandKit kit(JsonNode n) {
        Optional<Logo> logo = Optional.empty();
        if (n.path("logo").isObject()) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text(n.path("logo"), "base64"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the brand kit's logo is not valid base64");
            }
            try {
                logo = Optional.of(Logo.of(bytes));
            } catch (InvalidInput e) {
                throw new IllegalArgumentException("the brand kit's logo: " + e.getMessage());
            }
        }
        List<SocialLink> social = new ArrayList<>();
        for (JsonNode s : array(n, "social")) {
            social.add(new SocialLink(text(s, "network"), text(s, "url")));
        }
        return new BrandKit(
                logo,
                text(n, "primaryColor"),
                text(n, "secondaryColor"),
                text(n, "backgroundColor"),
                text(n, "textColor"),
                text(n, "fontStack"),
                text(n, "companyName"),
                n.path("postalAddress").asText(""),
                social);
    }

    private static TemplateKind kind(String name) {
        try {
            return TemplateKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            return TemplateKind.OTHER;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return v.asText();
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isArray()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing");
        }
        return v;
    }

    /** SHA-256 over the compact JSON of everything but the checksum itself, written into the digest as it goes. */
    private String checksum(JsonNode withoutSum) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (OutputStream digest = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
                json.writeValue(digest, withoutSum);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a limit of the JSON reader means for a person holding a file that is not a real bundle. */
    private static InvalidInput beyondLimits(StreamConstraintsException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        if (m.contains("nesting depth")) {
            return bad("The file nests its contents more than " + MAX_DEPTH
                    + " levels deep; Mailroom's bundles never do. It is not a template bundle Mailroom exported.");
        }
        if (m.contains("String value length")) {
            return bad(String.format(
                    java.util.Locale.ROOT,
                    "The file holds a text of more than %,d characters; a template's HTML is at most %,d. "
                            + "It is not a template bundle Mailroom exported, or it was changed.",
                    MAX_STRING_CHARS,
                    TemplateContent.MAX_HTML_CHARS));
        }
        if (m.contains("Document length")) {
            return bad("The file is larger than " + (MAX_FILE_BYTES / (1024 * 1024))
                    + " MB; export the templates in several smaller bundles.");
        }
        return bad("The file goes beyond what a template bundle may hold (" + m + ").");
    }

    private static InvalidInput damaged(String why) {
        return bad("The bundle is damaged: " + why + ". Export it again from the other client.");
    }

    private static InvalidInput bad(String message) {
        return new InvalidInput("bundle", message);
    }
}
