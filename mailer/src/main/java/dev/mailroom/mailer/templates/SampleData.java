package dev.mailroom.mailer.templates;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.mailroom.model.templates.RenderProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Template data as JSON: parsed with Jackson into plain maps, lists, strings, booleans and exact
 * decimals (so 12.50 stays 12.50), or a problem that says where the JSON went wrong.
 */
final class SampleData {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private SampleData() {}

    /** The parsed object, or the problem (with line and column) that kept it from parsing. */
    record Parsed(Map<String, Object> data, Optional<RenderProblem> problem) {}

    static Parsed parse(String json) {
        if (json == null || json.isBlank()) {
            return new Parsed(new LinkedHashMap<>(), Optional.empty());
        }
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : Math.max(at.getLineNr(), 0);
            int column = at == null ? 0 : Math.max(at.getColumnNr(), 0);
            return new Parsed(
                    new LinkedHashMap<>(),
                    Optional.of(new RenderProblem(
                            RenderProblem.Part.DATA,
                            "The sample data is not valid JSON: " + describe(e),
                            line,
                            column,
                            evidence(json, line, column))));
        }
        if (node == null || node.isMissingNode()) {
            return new Parsed(new LinkedHashMap<>(), Optional.empty());
        }
        if (!node.isObject()) {
            return new Parsed(
                    new LinkedHashMap<>(),
                    Optional.of(RenderProblem.at(
                            RenderProblem.Part.DATA,
                            "The sample data must be a JSON object: { \"name\": \"value\", … }.",
                            1,
                            1)));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) toJava(node);
        return new Parsed(map, Optional.empty());
    }

    /** Jackson's message without its source excerpt and location, which the problem carries itself. */
    private static String describe(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            return "unexpected input.";
        }
        m = m.replace("\n", " ").replaceAll("\\s+", " ").strip();
        int cut = m.indexOf(" at [Source");
        if (cut > 0) {
            m = m.substring(0, cut);
        }
        if (m.startsWith("Unexpected end-of-input")) {
            return "it ends before every { and [ is closed.";
        }
        if (m.startsWith("Duplicate field")) {
            return m.replace("Duplicate field", "the name") + " appears twice in the same object.";
        }
        return m.endsWith(".") ? m : m + ".";
    }

    static String evidence(String source, int line, int column) {
        if (line <= 0) {
            return "";
        }
        String text = source.lines().skip(line - 1L).findFirst().orElse("");
        if (text.length() > 200) {
            int from = Math.max(0, Math.min(column - 100, text.length() - 200));
            text = text.substring(from, from + 200);
            column = column - from;
        }
        return text + "\n" + " ".repeat(Math.max(0, column - 1)) + "^";
    }

    static Object toJava(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> f : n.properties()) {
                m.put(f.getKey(), toJava(f.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> l = new ArrayList<>(n.size());
            n.forEach(e -> l.add(toJava(e)));
            return l;
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        if (n.isNumber()) {
            return n.decimalValue();
        }
        return null;
    }

    /** A value from {@link #parse} written back as JSON (a string, number, list or object). */
    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed value could not be written back", e);
        }
    }
}
