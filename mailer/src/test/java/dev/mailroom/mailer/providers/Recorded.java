package dev.mailroom.mailer.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** MailerSend's recorded answers from the test classpath, served by {@link ApiStub}. Counts what tests used. */
public final class Recorded {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    private Recorded() {}

    /** The answers in one file, in file order. */
    public static List<ApiStub.Reply> mailerSend(String file) {
        String name = "/fixtures/provider-api-mailersend/" + file + ".json";
        try (InputStream in = Recorded.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("recorded response missing from the test data: " + name);
            }
            List<ApiStub.Reply> out = new ArrayList<>();
            for (JsonNode entry : MAPPER.readTree(in)) {
                Map<String, String> headers = new LinkedHashMap<>();
                entry.path("headers").fields().forEachRemaining(h -> {
                    if (!h.getKey().startsWith(":")) {
                        headers.put(h.getKey(), h.getValue().path(0).asText());
                    }
                });
                JsonNode body = entry.path("body");
                out.add(ApiStub.Reply.of(
                        entry.path("statusCode").asInt(),
                        headers,
                        body.isTextual()
                                ? body.asText()
                                : body.isMissingNode() || body.isNull() ? "" : body.toString()));
            }
            USED.add(file);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first answer in a file with this status. */
    public static ApiStub.Reply mailerSend(String file, int status) {
        ApiStub.Reply r = mailerSend(file).stream()
                .filter(x -> x.status() == status)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + status + " answer in " + file));
        return r;
    }

    public static Set<String> used() {
        return Set.copyOf(USED);
    }
}
