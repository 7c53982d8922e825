package dev.mailroom.model.templates;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;

/** Shared test data for templates and brand kits (used by the adapters' tests too, through the test jar). */
public final class TemplateFixtures {
    private TemplateFixtures() {}

    /** A real PNG of the given size, drawn with the JDK. */
    public static byte[] png(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1A, 0x73, 0xE8));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] svg() {
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"40\" viewBox=\"0 0 160 40\">"
                        + "<rect width=\"160\" height=\"40\" rx=\"6\" fill=\"#1A73E8\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
    }

    public static Logo pngLogo() {
        return Logo.of(png(120, 40));
    }

    /** A complete kit: every brand variable has a value. */
    public static BrandKit acmeKit() {
        return new BrandKit(
                        Optional.of(pngLogo()),
                        "#1A73E8",
                        "#0B1F33",
                        "#F4F6F8",
                        "#1F2933",
                        "Helvetica, Arial, sans-serif",
                        "Acme Corp",
                        "1 Market Street\nSan Francisco, CA 94105",
                        List.of(
                                new SocialLink("instagram", "https://instagram.com/acme"),
                                new SocialLink("linkedin", "https://www.linkedin.com/company/acme"),
                                new SocialLink("x", "https://x.com/acme"),
                                new SocialLink("facebook", "https://facebook.com/acme")))
                .validated();
    }

    public static TemplateContent content(String subject, String html, String sampleData) {
        return new TemplateContent(subject, html, Optional.empty(), sampleData, true);
    }

    public static TemplateDraft draft(String name, String html) {
        return new TemplateDraft(name, TemplateKind.OTHER, content("Hello {{name}}", html, "{\"name\":\"Ana\"}"));
    }
}
