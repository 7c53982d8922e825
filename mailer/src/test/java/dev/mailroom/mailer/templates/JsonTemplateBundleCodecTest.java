package dev.mailroom.mailer.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.templates.TemplateBundle;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateFixtures;
import dev.mailroom.model.templates.TemplateKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonTemplateBundleCodecTest {
    private final JsonTemplateBundleCodec codec = new JsonTemplateBundleCodec();
    private final ObjectMapper json = new ObjectMapper();

    private TemplateBundle bundle() {
        return new TemplateBundle(
                1,
                Instant.parse("2026-11-20T10:00:00Z"),
                "Acme",
                "Dee Designer",
                List.of(
                        new TemplateBundle.Item(
                                "Welcome",
                                TemplateKind.WELCOME,
                                new TemplateContent(
                                        "Hi {{name}} — ünïcode ✓",
                                        "<p style=\"color: {{brand.primaryColor}}\">{{name}}</p>",
                                        Optional.of("Hi {{name}}"),
                                        "{\"name\":\"Ana\"}",
                                        true)),
                        new TemplateBundle.Item(
                                "Receipt", TemplateKind.INVOICE, TemplateFixtures.content("R", "<p>r</p>", "{}"))),
                Optional.of(TemplateFixtures.acmeKit()));
    }

    @Test
    void roundTripsTemplatesAndTheBrandKitWithItsLogo() throws Exception {
        byte[] file = codec.encode(bundle());
        ObjectNode root = (ObjectNode) json.readTree(file);
        assertThat(root.path("format").asText()).isEqualTo("mailroom.template-bundle");
        assertThat(root.path("formatVersion").asInt()).isEqualTo(1);
        assertThat(root.path("brandKit").path("logo").path("base64").asText()).startsWith("iVBORw0KGgo");

        TemplateBundle back = codec.decode(file);
        assertThat(back).isEqualTo(bundle());
        assertThat(back.sourceBrandKit().orElseThrow().logo())
                .isEqualTo(TemplateFixtures.acmeKit().logo());
    }

    @Test
    void aBundleFromANewerMailroomSaysSo() throws Exception {
        ObjectNode root = (ObjectNode) json.readTree(codec.encode(bundle()));
        root.put("formatVersion", 2);
        assertThatThrownBy(() -> codec.decode(json.writeValueAsBytes(root)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("This bundle was made by a newer Mailroom (bundle format 2; this Mailroom reads format 1). "
                        + "Update Mailroom to import it.");
    }

    @Test
    void aTruncatedBundleIsCalledIncomplete() {
        byte[] file = codec.encode(bundle());
        assertThatThrownBy(() -> codec.decode(Arrays.copyOf(file, file.length / 2)))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.problems()).containsOnlyKeys("bundle"))
                .hasMessageStartingWith("The bundle is incomplete: it ends at line 1, column")
                .hasMessageContaining("cut short");
    }

    @Test
    void aChangedOrCorruptedBundleIsCaughtByItsChecksum() {
        String file = new String(codec.encode(bundle()), StandardCharsets.UTF_8);
        String tampered = file.replace("<p>r</p>", "<p>x</p>");
        assertThatThrownBy(() -> codec.decode(tampered.getBytes(StandardCharsets.UTF_8)))
                .hasMessageStartingWith("The bundle is damaged: its contents do not match the checksum");
        int at = file.indexOf("iVBORw0KGgo") + 40;
        String flipped = file.substring(0, at) + (file.charAt(at) == 'A' ? 'B' : 'A') + file.substring(at + 1);
        assertThatThrownBy(() -> codec.decode(flipped.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("damaged");
    }

    @Test
    void otherFilesAreNotBundles() {
        assertThatThrownBy(() -> codec.decode(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> codec.decode("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("This file is not a Mailroom template bundle.");
        assertThatThrownBy(() -> codec.decode(TemplateFixtures.png(4, 4)))
                .hasMessageStartingWith("The file is not a Mailroom template bundle, or it is damaged");
        assertThatThrownBy(() -> codec.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("This file is not a Mailroom template bundle.");
    }

    @Test
    void aBundleWithoutAKitOrTextPartStillReads() {
        TemplateBundle b = new TemplateBundle(
                1,
                Instant.parse("2026-11-20T10:00:00Z"),
                "Agency library",
                "Olga",
                List.of(new TemplateBundle.Item(
                        "X", TemplateKind.OTHER, TemplateFixtures.content("s", "<p>x</p>", "{}"))),
                Optional.empty());
        assertThat(codec.decode(codec.encode(b))).isEqualTo(b);
    }
}
