package dev.mailroom.bench.templates;

import dev.mailroom.mailer.templates.ClasspathStarterLibrary;
import dev.mailroom.mailer.templates.HandlebarsTemplateRenderer;
import dev.mailroom.mailer.templates.RenderTimings;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.model.templates.TemplateContent;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * Renders many personalised messages of one starter template the way a send does: Handlebars with each
 * recipient's own variables (a JSON object, as the outbox gets them), the brand kit, CSS inlined, the
 * plain-text part generated, for {@link RenderTarget#SEND}. Prints messages per second and where the
 * time went, stage by stage; the baseline is Handlebars alone, measured in the same run.
 *
 * <p>Properties: {@code -Dmessages=100000 -Dstarter=ecommerce/order-confirmation -Dwarmup=5000}.
 */
public final class RenderBench {
    private static final String[] FIRST = {
        "Maya", "Jonas", "Amélie", "Kwame", "Sofia", "Hiroshi", "Olu", "Ingrid", "Mateo", "Priya", "Zoë", "Liam"
    };
    private static final String[][] PRODUCTS = {
        {"Merino Crew Sweater", "Oatmeal / M", "98.00"},
        {"Organic Cotton Socks", "3-pack", "12.00"},
        {"Gift card", null, "25.00"},
        {"Linen Shirt", "Sky / L", "64.50"},
        {"Wool Beanie", "Charcoal", "29.00"},
        {"Canvas Tote", null, "18.00"},
        {"Rain Jacket", "Olive / S", "149.00"}
    };

    private RenderBench() {}

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("messages", 100_000);
        int warmup = Integer.getInteger("warmup", 5_000);
        String starterId = System.getProperty("starter", "ecommerce/order-confirmation");
        TemplateContent content = new ClasspathStarterLibrary()
                .find(starterId)
                .orElseThrow(() -> new IllegalArgumentException("no starter " + starterId))
                .toDraft()
                .content();
        Optional<BrandKit> kit = Optional.of(kit());
        System.out.printf(
                Locale.ROOT,
                "Mailroom render bench: %,d personalised messages of %s (%,d chars of HTML), "
                        + "target SEND, 1 thread, %,d warm-up renders%n",
                messages,
                starterId,
                content.html().length(),
                warmup);
        double full =
                measure("Full path (each message parsed, cleaned, inlined)", false, content, kit, messages, warmup);
        double prepared = measure("Prepared template (issue 19)", true, content, kit, messages, warmup);
        System.out.printf(Locale.ROOT, "Prepared vs full path: %.2f× as fast%n", full / prepared);
    }

    /** Runs the bench on a fresh renderer and returns the µs per message. */
    private static double measure(
            String title, boolean prepared, TemplateContent content, Optional<BrandKit> kit, int messages, int warmup) {
        RenderTimings timings = RenderTimings.measuring();
        HandlebarsTemplateRenderer renderer = new HandlebarsTemplateRenderer(timings, prepared);
        run(renderer, content, kit, warmup, 1_000_000);
        timings.reset();
        long renderNanos = run(renderer, content, kit, messages, 0);

        double seconds = renderNanos / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%s%nRendered %,d messages in %.2f s: %,.0f messages/s (%.1f µs each)%n",
                title,
                messages,
                seconds,
                messages / seconds,
                renderNanos / 1e3 / messages);
        long staged = 0;
        for (RenderTimings.Stage s : RenderTimings.Stage.values()) {
            staged += timings.nanos(s);
        }
        for (RenderTimings.Stage s : RenderTimings.Stage.values()) {
            long n = timings.nanos(s);
            System.out.printf(
                    Locale.ROOT,
                    "  %-38s %8.1f µs/message  %5.1f%%%n",
                    s.label(),
                    n / 1e3 / messages,
                    100.0 * n / renderNanos);
        }
        System.out.printf(
                Locale.ROOT,
                "  %-38s %8.1f µs/message  %5.1f%%%n",
                "other (data, brand, checks)",
                (renderNanos - staged) / 1e3 / messages,
                100.0 * (renderNanos - staged) / renderNanos);
        double handlebars = timings.nanos(RenderTimings.Stage.HANDLEBARS);
        System.out.printf(
                Locale.ROOT,
                "Full pipeline vs Handlebars alone (baseline): %.1f× the time; Handlebars alone would "
                        + "reach %,.0f messages/s%n",
                renderNanos / handlebars,
                messages / (handlebars / 1e9));
        return renderNanos / 1e3 / messages;
    }

    /** Renders {@code n} messages with distinct data and returns the time spent rendering (data building excluded). */
    private static long run(
            HandlebarsTemplateRenderer renderer,
            TemplateContent content,
            Optional<BrandKit> kit,
            int n,
            int firstOrder) {
        SplittableRandom random = new SplittableRandom(42);
        long nanos = 0;
        long checksum = 0;
        for (int i = 0; i < n; i++) {
            int order = firstOrder + 10_000 + i;
            String data = data(random, order);
            long start = System.nanoTime();
            Rendering r = renderer.render(new RenderRequest(content, data, kit, RenderTarget.SEND));
            nanos += System.nanoTime() - start;
            if (!r.ok()
                    || !r.subject().contains(Integer.toString(order))
                    || !r.text().contains(Integer.toString(order))) {
                throw new IllegalStateException(
                        "message " + i + " did not render as expected: " + r.problems() + " / " + r.subject());
            }
            checksum += r.html().length() + r.text().length();
        }
        if (checksum == 0) {
            throw new IllegalStateException("nothing rendered");
        }
        return nanos;
    }

    /** One recipient's variables: a name, an order number and one to five items with their prices. */
    private static String data(SplittableRandom random, int order) {
        String first = FIRST[random.nextInt(FIRST.length)];
        int items = 1 + random.nextInt(5);
        StringBuilder b = new StringBuilder(900);
        b.append("{\"customer\":{\"firstName\":\"")
                .append(first)
                .append("\"},\"order\":{\"number\":\"")
                .append(order)
                .append("\",\"placedAt\":\"2026-11-")
                .append(10 + random.nextInt(18))
                .append("T14:32:00Z\",\"currency\":\"USD\",")
                .append("\"url\":\"https://shop.example.com/orders/")
                .append(order)
                .append("\",\"items\":[");
        double subtotal = 0;
        for (int k = 0; k < items; k++) {
            String[] p = PRODUCTS[random.nextInt(PRODUCTS.length)];
            int quantity = 1 + random.nextInt(3);
            double line = Double.parseDouble(p[2]) * quantity;
            subtotal += line;
            b.append(k == 0 ? "" : ",").append("{\"name\":\"").append(p[0]).append('"');
            if (p[1] != null) {
                b.append(",\"variant\":\"").append(p[1]).append('"');
            }
            b.append(",\"quantity\":")
                    .append(quantity)
                    .append(",\"lineTotal\":")
                    .append(String.format(Locale.ROOT, "%.2f", line))
                    .append('}');
        }
        double shipping = subtotal > 100 ? 0 : 6.95;
        double tax = Math.round(subtotal * 7.2) / 100.0;
        b.append("],\"subtotal\":")
                .append(String.format(Locale.ROOT, "%.2f", subtotal))
                .append(",\"shipping\":")
                .append(shipping)
                .append(",\"tax\":")
                .append(tax)
                .append(",\"total\":")
                .append(String.format(Locale.ROOT, "%.2f", subtotal + shipping + tax))
                .append("},")
                .append("\"shipping\":{\"name\":\"")
                .append(first)
                .append(" Chen\",\"line1\":\"")
                .append(1 + random.nextInt(900))
                .append(
                        " Baker Street\",\"city\":\"Portland, OR\",\"postalCode\":\"97205\",\"country\":\"United States\",")
                .append("\"method\":\"Standard shipping (3–5 business days)\",\"expectedBy\":\"2026-11-24\"},")
                .append("\"supportEmail\":\"help@shop.example.com\"}");
        return b.toString();
    }

    private static BrandKit kit() throws Exception {
        BufferedImage image = new BufferedImage(160, 48, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x1A73E8));
        g.fillRoundRect(0, 0, 160, 48, 12, 12);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return new BrandKit(
                        Optional.of(Logo.of(png.toByteArray())),
                        "#1A73E8",
                        "#0B1F33",
                        "#F4F6F8",
                        "#1F2933",
                        "Helvetica, Arial, sans-serif",
                        "Acme Corp",
                        "1 Market Street\nSan Francisco, CA 94105",
                        List.of(
                                new SocialLink("instagram", "https://instagram.com/acme"),
                                new SocialLink("x", "https://x.com/acme")))
                .validated();
    }
}
