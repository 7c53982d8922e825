package dev.mailroom.model.templates;

import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's brand: logo, colours, font stack, footer (company name, postal address) and social
 * links. Templates refer to it as {@code {{brand.primaryColor}}} and so on, and it is looked up at
 * every render, so a change reaches every template that uses it at its next render.
 */
public record BrandKit(
        Optional<Logo> logo,
        String primaryColor,
        String secondaryColor,
        String backgroundColor,
        String textColor,
        String fontStack,
        String companyName,
        String postalAddress,
        List<SocialLink> social) {

    public static final String PREFIX = "brand.";
    /** Every brand variable a template may use, except the {@code brand.social.<network>} family. */
    public static final List<String> VARIABLES = List.of(
            "brand.logo",
            "brand.primaryColor",
            "brand.secondaryColor",
            "brand.backgroundColor",
            "brand.textColor",
            "brand.fontStack",
            "brand.companyName",
            "brand.postalAddress");

    private static final Pattern COLOR = Pattern.compile("#[0-9A-Fa-f]{6}");
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9]{1,30}");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+", Pattern.CASE_INSENSITIVE);
    // Font names, commas, quotes, spaces and hyphens only: the stack is written into style attributes.
    private static final Pattern FONT_STACK = Pattern.compile("[A-Za-z0-9 ,'\"\\-]+");

    public BrandKit {
        Objects.requireNonNull(logo, "logo");
        social = List.copyOf(social);
    }

    /** A neutral kit to start a tenant's from. */
    public static BrandKit neutral(String companyName) {
        return new BrandKit(
                Optional.empty(),
                "#2563EB",
                "#0F172A",
                "#F4F5F7",
                "#1F2933",
                "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
                companyName,
                "",
                List.of());
    }

    /** Trimmed, colours upper-cased, networks lower-cased; throws InvalidInput with a message per field. */
    public BrandKit validated() {
        Problems p = new Problems();
        String primary = color(primaryColor, "primaryColor", "primary", p);
        String secondary = color(secondaryColor, "secondaryColor", "secondary", p);
        String background = color(backgroundColor, "backgroundColor", "background", p);
        String text = color(textColor, "textColor", "text", p);
        String fonts = Text.trimmed(fontStack);
        p.check(!fonts.isEmpty(), "fontStack", "Give a font stack, for example: Helvetica, Arial, sans-serif.")
                .check(
                        fonts.isEmpty()
                                || (fonts.length() <= 300
                                        && FONT_STACK.matcher(fonts).matches()),
                        "fontStack",
                        "Use font names separated by commas (letters, digits, spaces, quotes and hyphens only).");
        String company = Text.trimmed(companyName);
        p.check(!company.isEmpty(), "companyName", "The footer needs the company's name.")
                .check(company.length() <= 120, "companyName", "Keep the company name under 120 characters.");
        p.check(logo.map(l -> l.size() <= Logo.MAX_BYTES).orElse(true), "logo", "The logo is larger than 1 MB.");
        String address = Text.trimmed(postalAddress);
        p.check(address.length() <= 500, "postalAddress", "Keep the postal address under 500 characters.");
        List<SocialLink> links = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SocialLink link : social) {
            String network = Text.trimmed(link.network()).toLowerCase(Locale.ROOT);
            String url = Text.trimmed(link.url());
            if (network.isEmpty() && url.isEmpty()) {
                continue;
            }
            p.check(
                            NETWORK.matcher(network).matches(),
                            "social",
                            "Name each social network with letters and digits only, for example instagram.")
                    .check(
                            URL.matcher(url).matches(),
                            "social",
                            "The " + (network.isEmpty() ? "social" : network)
                                    + " link must be a web address starting with https://.")
                    .check(seen.add(network), "social", "The " + network + " link is there twice.");
            links.add(new SocialLink(network, url));
        }
        p.throwIfAny();
        return new BrandKit(logo, primary, secondary, background, text, fonts, company, address, links);
    }

    private static String color(String value, String field, String what, Problems p) {
        String v = Text.trimmed(value);
        if (v.length() == 6 && !v.startsWith("#")) {
            v = "#" + v;
        }
        p.check(COLOR.matcher(v).matches(), field, "The " + what + " colour must be #RRGGBB, for example #1A73E8.");
        return v.toUpperCase(Locale.ROOT);
    }

    public BrandKit withLogo(Optional<Logo> newLogo) {
        return new BrandKit(
                newLogo,
                primaryColor,
                secondaryColor,
                backgroundColor,
                textColor,
                fontStack,
                companyName,
                postalAddress,
                social);
    }

    public BrandKit withPrimaryColor(String color) {
        return new BrandKit(
                logo, color, secondaryColor, backgroundColor, textColor, fontStack, companyName, postalAddress, social);
    }

    public Optional<String> socialUrl(String network) {
        return social.stream()
                .filter(s -> s.network().equals(network))
                .map(SocialLink::url)
                .findFirst();
    }

    /**
     * The kit's text value for a brand variable ({@code brand.primaryColor}, {@code brand.social.x}),
     * empty when the kit has none. For {@code brand.logo} it is the logo's type: its bytes are not text.
     */
    public Optional<String> value(String variable) {
        String v = variable.startsWith(PREFIX) ? variable.substring(PREFIX.length()) : variable;
        Optional<String> value = switch (v) {
            case "logo" -> logo.map(l -> l.type().mediaType());
            case "primaryColor" -> Optional.of(primaryColor);
            case "secondaryColor" -> Optional.of(secondaryColor);
            case "backgroundColor" -> Optional.of(backgroundColor);
            case "textColor" -> Optional.of(textColor);
            case "fontStack" -> Optional.of(fontStack);
            case "companyName" -> Optional.of(companyName);
            case "postalAddress" -> Optional.of(postalAddress);
            case "social" -> social.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(social.size()));
            case "socialLinks" -> social.isEmpty() ? Optional.empty() : Optional.of(String.valueOf(social.size()));
            default -> v.startsWith("social.") ? socialUrl(v.substring("social.".length())) : Optional.empty();
        };
        return value.filter(s -> !s.isBlank());
    }

    /** For the audit log and change summaries: each field as text (the logo by type and size). */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("logo", logo.map(l -> l.type() + ", " + l.size() + " bytes").orElse("none"));
        m.put("primary colour", primaryColor);
        m.put("secondary colour", secondaryColor);
        m.put("background colour", backgroundColor);
        m.put("text colour", textColor);
        m.put("font stack", fontStack);
        m.put("company name", companyName);
        m.put("postal address", postalAddress.replace('\n', ' '));
        m.put(
                "social",
                social.isEmpty()
                        ? "none"
                        : String.join(
                                ", ",
                                social.stream()
                                        .map(s -> s.network() + " " + s.url())
                                        .toList()));
        return m;
    }
}
