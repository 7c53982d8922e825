package dev.mailroom.model.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InvalidInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Brand-kit logos made to hurt: one test per hostile file, each refused with a reason a person can act on. */
class LogoHostileFilesTest {
    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"40\">";

    @Test
    void aPngDeclaringHugeDimensionsIsRefusedFromItsHeaderWithTheLimit() throws IOException {
        // 50,000 × 50,000 pixels declared; a few hundred bytes on disk. Decoding it would take 10 GB.
        byte[] bomb = pngDeclaring(50_000, 50_000);
        assertThat(bomb.length).isLessThan(2_000);
        assertThatThrownBy(() -> Logo.of(bomb))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("50,000 × 50,000 pixels")
                .hasMessageContaining("the limit is 4,000 × 4,000")
                .satisfies(e -> assertThat(((InvalidInput) e).problems()).containsOnlyKeys("logo"));
        // Just under the limit on one side and over it on the other is refused too.
        assertThatThrownBy(() -> Logo.of(pngDeclaring(4_000, 4_001))).hasMessageContaining("4,000 × 4,001");
    }

    @Test
    void aPngLogoIsStoredAtTwiceTheHeightTemplatesShowIt() throws IOException {
        Logo big = Logo.of(TemplateFixtures.png(1200, 400));
        Logo shown = big.atShownSize();
        assertThat(shown.height()).isEqualTo(2 * Logo.SHOWN_HEIGHT);
        assertThat(shown.width()).isEqualTo(240);
        var decoded = ImageIO.read(new ByteArrayInputStream(shown.bytes()));
        assertThat(decoded.getWidth()).isEqualTo(240);
        assertThat(decoded.getHeight()).isEqualTo(80);
        assertThat(shown.size()).isLessThan(big.size() + 1);
        // A small logo is not enlarged, and re-encoding it again changes nothing.
        Logo small = Logo.of(TemplateFixtures.png(120, 40)).atShownSize();
        assertThat(small.width()).isEqualTo(120);
        assertThat(small.atShownSize()).isEqualTo(small);
    }

    @Test
    void anSvgWithAJavascriptLinkInAnAnimationIsRefused() {
        assertThatThrownBy(() -> svg(
                        "<a><animate attributeName=\"href\" values=\"javascript:alert(1)\"/><rect width=\"9\"/></a>"))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("may not contain"); // <a> is outside the safe subset
        assertThatThrownBy(() -> svg("<g><animate attributeName=\"fill\" values=\"red;blue\"/></g>"))
                .hasMessageContaining("animated");
        assertThatThrownBy(() -> svg("<use href=\" java&#x09;script:alert(1)\"/>"))
                .hasMessageContaining("script link");
    }

    @Test
    void anSvgWithACssImportOfARemoteStyleSheetIsRefused() {
        assertThatThrownBy(() -> svg("<style>@import url(https://tracker.example/a.css);</style><rect/>"))
                .hasMessageContaining("@import");
        assertThatThrownBy(() -> svg("<style>@\\69mport 'x.css';</style>")).hasMessageContaining("escapes");
    }

    @Test
    void anSvgWithAStyleSheetInstructionIsRefused() {
        byte[] file = ("<?xml version=\"1.0\"?><?xml-stylesheet href=\"https://tracker.example/s.css\"?>" + SVG
                        + "<rect width=\"9\" height=\"9\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Logo.of(file)).hasMessageContaining("<?xml-stylesheet");
    }

    @Test
    void anSvgWithARemoteUrlInAStyleAttributeIsRefusedWhileLocalReferencesAreFine() {
        assertThatThrownBy(() -> svg("<rect style=\"fill: URL( 'https://tracker.example/p.png' )\"/>"))
                .hasMessageContaining("loads something from elsewhere");
        assertThatThrownBy(() -> svg("<rect fill=\"url(https://tracker.example/p.png)\"/>"))
                .hasMessageContaining("only references inside the file");
        Logo fine = svg("<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#123\"/></linearGradient>"
                + "</defs><rect width=\"9\" height=\"9\" fill=\"url(#g)\" style=\"stroke:url('#g')\"/>");
        assertThat(fine.type()).isEqualTo(LogoType.SVG);
    }

    @Test
    void aDeeplyNestedSvgIsRefusedWithTheLimitNotAStackOverflow() {
        StringBuilder deep = new StringBuilder();
        deep.append("<g>".repeat(20_000)).append("</g>".repeat(20_000));
        assertThatThrownBy(() -> svg(deep.toString()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("more than " + Logo.MAX_DEPTH + " deep");
    }

    @Test
    void anSvgDeclaringHugeDimensionsIsRefused() {
        byte[] file = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"50000\" height=\"50000\"/>"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Logo.of(file)).hasMessageContaining("50,000 × 50,000 pixels");
    }

    private static Logo svg(String inner) {
        return Logo.of((SVG + inner + "</svg>").getBytes(StandardCharsets.UTF_8));
    }

    /** A valid PNG whose header declares the size; its data is a few rows of nothing, compressed. */
    static byte[] pngDeclaring(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(out);
        d.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream h = new DataOutputStream(ihdr);
        h.writeInt(width);
        h.writeInt(height);
        h.writeByte(8); // bit depth
        h.writeByte(0); // greyscale
        h.writeByte(0);
        h.writeByte(0);
        h.writeByte(0);
        chunk(d, "IHDR", ihdr.toByteArray());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[64 * 1024]);
        deflater.finish();
        byte[] buf = new byte[64 * 1024];
        int n = deflater.deflate(buf);
        chunk(d, "IDAT", java.util.Arrays.copyOf(buf, n));
        chunk(d, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream d, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        d.writeInt(data.length);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }
}
