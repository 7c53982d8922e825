package dev.mailroom.mailer.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Published OpenAPI 3.1 specs, read from the test classpath, as a check on every request a stub receives:
 * the operation exists (method and path), query and header parameters are declared, required ones are
 * present and every value fits its schema, the bearer token is there, and the JSON body validates against
 * the operation's request schema (JSON Schema 2020-12, with networknt's validator). Also counts which
 * operations the tests exercised.
 */
public final class OpenApiSpec {
    /** Headers any HTTP client sends that no spec declares. */
    private static final Set<String> TRANSPORT_HEADERS = Set.of(
            "host",
            "content-length",
            "user-agent",
            "connection",
            "upgrade",
            "http2-settings",
            "accept-encoding",
            "authorization",
            "content-type");

    private record Operation(
            String file, JsonNode spec, String pathTemplate, String method, JsonNode op, JsonNode pathItem) {
        String name() {
            return method.toUpperCase(Locale.ROOT) + " " + pathTemplate;
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<String, JsonNode> specs = new ConcurrentHashMap<>();
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** @param resources classpath names of the spec files */
    public OpenApiSpec(String... resources) {
        for (String r : resources) {
            try (InputStream in = OpenApiSpec.class.getResourceAsStream(r)) {
                if (in == null) {
                    throw new IllegalStateException("spec missing from the test data: " + r);
                }
                specs.put(r, MAPPER.readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public static OpenApiSpec sendGrid() {
        String dir = "/fixtures/provider-api-sendgrid/";
        return new OpenApiSpec(
                dir + "tsg_mail_v3.json",
                dir + "tsg_suppressions_v3.json",
                dir + "tsg_stats_v3.json",
                dir + "tsg_email_activity_v3.json",
                dir + "tsg_api_keys_v3.json",
                dir + "tsg_domain_authentication_v3.json");
    }

    /** "POST /v3/mail/send" for each operation some request matched. */
    public Set<String> exercised() {
        return Set.copyOf(exercised);
    }

    /** What is wrong with a request; empty when it is one the spec describes. */
    public List<String> violations(ApiStub.Request r) {
        List<String> out = new ArrayList<>();
        Operation op = find(r.method(), r.path());
        if (op == null) {
            out.add("no operation " + r.method() + " " + r.path() + " in the specs");
            return out;
        }
        exercised.add(op.name());
        // security: bearer token
        String auth = r.header("Authorization");
        if (requiresBearer(op) && (auth == null || !auth.startsWith("Bearer ") || auth.length() < 8)) {
            out.add("no bearer token in Authorization");
        }
        // parameters
        Map<String, String> query = r.query();
        Set<String> declaredQuery = new HashSet<>();
        Set<String> declaredHeaders = new HashSet<>();
        for (JsonNode p : parameters(op)) {
            String in = p.path("in").asText();
            String name = p.path("name").asText();
            boolean required = p.path("required").asBoolean(false);
            String value;
            if (in.equals("query")) {
                declaredQuery.add(name);
                value = query.get(name);
            } else if (in.equals("header")) {
                declaredHeaders.add(name.toLowerCase(Locale.ROOT));
                value = r.header(name);
            } else if (in.equals("path")) {
                value = pathValue(op.pathTemplate(), r.path(), name);
            } else {
                continue;
            }
            if (value == null) {
                if (required) {
                    out.add("required " + in + " parameter " + name + " is missing");
                }
                continue;
            }
            JsonNode schema = resolve(op.spec(), p.path("schema"));
            for (String v : validate(op.file(), schema, asJson(value, schema))) {
                out.add(in + " parameter " + name + "=" + value + ": " + v);
            }
        }
        for (String q : query.keySet()) {
            if (!declaredQuery.contains(q)) {
                out.add("query parameter " + q + " is not declared");
            }
        }
        for (String h : r.headers().keySet()) {
            if (!TRANSPORT_HEADERS.contains(h) && !declaredHeaders.contains(h) && !h.equals("accept")) {
                out.add("header " + h + " is not declared");
            }
        }
        // body
        JsonNode body = resolve(op.spec(), op.op().path("requestBody"));
        boolean hasBody = !r.body().isEmpty();
        if (body.isMissingNode()) {
            if (hasBody) {
                out.add("a body was sent where the operation takes none");
            }
            return out;
        }
        if (!hasBody) {
            if (body.path("required").asBoolean(false)) {
                out.add("the required body is missing");
            }
            return out;
        }
        String contentType = r.header("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";")[0].strip();
        JsonNode media = body.path("content").path(mediaType);
        if (media.isMissingNode()) {
            out.add("content type " + contentType + " is not one the operation takes");
            return out;
        }
        JsonNode instance;
        try {
            instance = MAPPER.readTree(r.body());
        } catch (IOException e) {
            out.add("the body is not JSON");
            return out;
        }
        out.addAll(validate(op.file(), resolve(op.spec(), media.path("schema")), instance));
        return out;
    }

    private boolean requiresBearer(Operation op) {
        JsonNode sec =
                op.op().has("security") ? op.op().path("security") : op.spec().path("security");
        for (JsonNode s : sec) {
            if (s.has("BearerAuth")) {
                return true;
            }
        }
        return false;
    }

    private Operation find(String method, String path) {
        for (Map.Entry<String, JsonNode> spec : specs.entrySet()) {
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            spec.getValue().path("paths").fields();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> p = it.next();
                if (matches(p.getKey(), path)) {
                    JsonNode op = p.getValue().path(method.toLowerCase(Locale.ROOT));
                    if (!op.isMissingNode()) {
                        // a literal path wins over a template ("/bounces/classifications" over "/bounces/{email}")
                        if (!p.getKey().contains("{") || literalAbsent(spec.getValue(), path, method)) {
                            return new Operation(spec.getKey(), spec.getValue(), p.getKey(), method, op, p.getValue());
                        }
                    }
                }
            }
        }
        return null;
    }

    private static boolean literalAbsent(JsonNode spec, String path, String method) {
        JsonNode literal = spec.path("paths").path(path).path(method.toLowerCase(Locale.ROOT));
        return literal.isMissingNode();
    }

    private static boolean matches(String template, String path) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        if (t.length != p.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return false;
                }
            } else if (!t[i].equals(p[i])) {
                return false;
            }
        }
        return true;
    }

    private static String pathValue(String template, String path, String name) {
        String[] t = template.split("/");
        String[] p = path.split("/");
        for (int i = 0; i < t.length && i < p.length; i++) {
            if (t[i].equals("{" + name + "}")) {
                return java.net.URLDecoder.decode(p[i], java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static List<JsonNode> parameters(Operation op) {
        Set<String> seen = new LinkedHashSet<>();
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode list : List.of(op.op().path("parameters"), op.pathItem().path("parameters"))) {
            for (JsonNode p : list) {
                JsonNode resolved = resolve(op.spec(), p);
                if (seen.add(resolved.path("in").asText() + ":"
                        + resolved.path("name").asText())) {
                    out.add(resolved);
                }
            }
        }
        return out;
    }

    /** Follows a local {@code $ref} (several hops) to the node it names. */
    private static JsonNode resolve(JsonNode spec, JsonNode node) {
        for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
            String ref = node.path("$ref").asText();
            if (!ref.startsWith("#/")) {
                return node;
            }
            node = spec.at(ref.substring(1));
        }
        return node;
    }

    private static JsonNode asJson(String value, JsonNode schema) {
        String type = schema.path("type").asText("");
        try {
            if (type.equals("integer") || type.equals("number")) {
                return MAPPER.readTree(value);
            }
            if (type.equals("boolean") && (value.equals("true") || value.equals("false"))) {
                return MAPPER.readTree(value);
            }
        } catch (IOException e) {
            return TextNode.valueOf(value); // the schema then says what is wrong with it
        }
        return TextNode.valueOf(value);
    }

    /**
     * Validates against a schema inside a spec: the whole spec is the schema document (so its
     * {@code #/components/...} references resolve) with a {@code $ref} to the schema at hand.
     */
    private List<String> validate(String file, JsonNode schemaNode, JsonNode instance) {
        String pointer = pointerOf(specs.get(file), schemaNode);
        Schema schema = schemas.computeIfAbsent(file + "#" + pointer, k -> {
            ObjectNode doc = ((ObjectNode) specs.get(file)).deepCopy();
            doc.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            doc.put("$ref", "#" + pointer);
            try {
                return registry.getSchema(MAPPER.writeValueAsString(doc), InputFormat.JSON);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<String> out = new ArrayList<>();
        try {
            for (var e : schema.validate(MAPPER.writeValueAsString(instance), InputFormat.JSON)) {
                out.add(e.getInstanceLocation() + " " + e.getMessage());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The JSON pointer of a node inside its spec (found by identity). */
    private static String pointerOf(JsonNode root, JsonNode target) {
        String p = search(root, target, "");
        if (p == null) {
            throw new IllegalStateException("schema not inside its spec");
        }
        return p;
    }

    private static String search(JsonNode node, JsonNode target, String at) {
        if (node == target) {
            return at;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String found = search(
                        e.getValue(),
                        target,
                        at + "/" + e.getKey().replace("~", "~0").replace("/", "~1"));
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = search(node.get(i), target, at + "/" + i);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
