package dev.mailroom.mailer.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.model.templates.BusinessKind;
import dev.mailroom.model.templates.StarterLibrary;
import dev.mailroom.model.templates.StarterTemplate;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The starter templates shipped in this jar ({@code starters/}): one shared layout (header with the
 * logo, a white card, a footer with the company's address and social links, a mobile media query)
 * and per starter a body, sample data and the subject, preheader and footer line listed in
 * {@code index.json}. Each starter is composed once into a complete, self-contained HTML document,
 * so a copy in a tenant no longer depends on this jar.
 */
public final class ClasspathStarterLibrary implements StarterLibrary {
    private static final String ROOT = "/dev/mailroom/mailer/templates/starters/";

    private final List<StarterTemplate> starters;

    public ClasspathStarterLibrary() {
        this.starters = load();
    }

    @Override
    public List<StarterTemplate> all() {
        return starters;
    }

    private static List<StarterTemplate> load() {
        JsonNode index;
        try {
            index = new ObjectMapper().readTree(read("index.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("the starter library's index could not be read", e);
        }
        String layout = read(index.path("layout").asText());
        List<StarterTemplate> list = new ArrayList<>();
        for (JsonNode s : index.path("starters")) {
            String id = s.path("id").asText();
            String html = layout.replace("@@TITLE@@", s.path("name").asText())
                    .replace("@@PREHEADER@@", s.path("preheader").asText())
                    .replace("@@FOOTER@@", s.path("footer").asText())
                    .replace("@@BODY@@", read(id + ".html").stripTrailing());
            TemplateContent content =
                    new TemplateContent(s.path("subject").asText(), html, Optional.empty(), read(id + ".json"), true);
            list.add(new StarterTemplate(
                    id,
                    s.path("name").asText(),
                    TemplateKind.valueOf(s.path("kind").asText()),
                    BusinessKind.valueOf(s.path("business").asText()),
                    s.path("description").asText(),
                    content));
        }
        return List.copyOf(list);
    }

    private static String read(String name) {
        try (InputStream in = ClasspathStarterLibrary.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("starter resource missing: " + ROOT + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("starter resource unreadable: " + ROOT + name, e);
        }
    }
}
