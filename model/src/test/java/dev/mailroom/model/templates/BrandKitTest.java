package dev.mailroom.model.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrandKitTest {
    @Test
    void aPngLogoIsCheckedAndMeasured() {
        Logo logo = Logo.of(TemplateFixtures.png(240, 80));
        assertThat(logo.type()).isEqualTo(LogoType.PNG);
        assertThat(logo.width()).isEqualTo(240);
        assertThat(logo.height()).isEqualTo(80);
        assertThat(logo.dataUri()).startsWith("data:image/png;base64,iVBORw0KGgo");
    }

    @Test
    void aTruncatedPngIsBroken() {
        byte[] png = TemplateFixtures.png(240, 80);
        assertThatThrownBy(() -> Logo.of(Arrays.copyOf(png, png.length - 20)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("PNG logo is incomplete")
                .satisfies(e -> assertThat(((InvalidInput) e).problems()).containsOnlyKeys("logo"));
        assertThatThrownBy(() -> Logo.of(Arrays.copyOf(png, 20))).hasMessageContaining("header is missing");
    }

    @Test
    void anOversizedLogoSaysHowBigItIsAndWhatTheLimitIs() {
        byte[] big = Arrays.copyOf(TemplateFixtures.png(10, 10), Logo.MAX_BYTES + 200_000);
        assertThatThrownBy(() -> Logo.of(big))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("1.2 MB")
                .hasMessageContaining("limit is 1 MB");
    }

    @Test
    void otherFormatsAndEmptyFilesAreRefusedByContentNotName() {
        assertThatThrownBy(() -> Logo.of(new byte[0])).hasMessageContaining("empty");
        assertThatThrownBy(() -> Logo.of(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00}))
                .hasMessageContaining("JPEG");
        assertThatThrownBy(() -> Logo.of("GIF89a....".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("PNG or an SVG");
    }

    @Test
    void anSvgMustBeWellFormedAndInert() {
        Logo svg = Logo.of(TemplateFixtures.svg());
        assertThat(svg.type()).isEqualTo(LogoType.SVG);
        assertThat(svg.width()).isEqualTo(160);

        assertThatThrownBy(() -> Logo.of(
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not well-formed");
        assertThatThrownBy(() -> Logo.of(("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("<script>");
        assertThatThrownBy(() -> Logo.of(("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x()\"/>")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("event handler");
        assertThatThrownBy(() -> Logo.of(
                        ("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
                                        + "<image xlink:href=\"https://tracker.example/p.png\"/></svg>")
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("refers to another file");
        assertThatThrownBy(() ->
                        Logo.of(("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                                        + "<svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>")
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> Logo.of("<html><body/></html>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not an SVG");
    }

    @Test
    void coloursFontsFooterAndSocialLinksAreValidatedPerField() {
        BrandKit bad = new BrandKit(
                Optional.empty(),
                "blue",
                "#12345",
                "#FFFFFF",
                "1a2b3c",
                "Arial; } body { x",
                "",
                "x".repeat(501),
                List.of(
                        new SocialLink("Insta gram", "ftp://x"),
                        new SocialLink("x", "https://x.com/a"),
                        new SocialLink("x", "https://x.com/b")));
        assertThatThrownBy(bad::validated)
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems())
                                .containsOnlyKeys(
                                        "primaryColor",
                                        "secondaryColor",
                                        "fontStack",
                                        "companyName",
                                        "postalAddress",
                                        "social"));

        BrandKit ok = new BrandKit(
                        Optional.empty(),
                        " #1a73e8 ",
                        "0b1f33",
                        "#ffffff",
                        "#222222",
                        " Georgia, 'Times New Roman', serif ",
                        " Acme ",
                        "1 Main St",
                        List.of(new SocialLink(" Instagram ", " https://instagram.com/acme "), new SocialLink("", "")))
                .validated();
        assertThat(ok.primaryColor()).isEqualTo("#1A73E8");
        assertThat(ok.secondaryColor()).isEqualTo("#0B1F33");
        assertThat(ok.fontStack()).isEqualTo("Georgia, 'Times New Roman', serif");
        assertThat(ok.social()).containsExactly(new SocialLink("instagram", "https://instagram.com/acme"));
        assertThat(ok.value("brand.social.instagram")).contains("https://instagram.com/acme");
        assertThat(ok.value("brand.social.x")).isEmpty();
        assertThat(ok.value("brand.logo")).isEmpty();
        assertThat(ok.value("brand.companyName")).contains("Acme");
    }
}
