package dev.mailroom.mailer.templates;

import com.github.jknack.handlebars.Handlebars;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.SocialLink;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The brand kit as template data under {@code brand}: {@code logo} (a {@code data:} URI in previews, a
 * {@code cid:} reference when sending), the colours, {@code fontStack}, {@code companyName},
 * {@code postalAddress} (lines joined with ", "), {@code social.<network>} (the URL) and
 * {@code socialLinks} (a list of {network, label, url} to loop over). Blank values are left out, so a
 * template using them lists them as missing.
 */
final class BrandData {
    static final String LOGO_CONTENT_ID = "brand-logo";

    private BrandData() {}

    static Map<String, Object> of(BrandKit kit, RenderTarget target) {
        Map<String, Object> m = new LinkedHashMap<>();
        kit.logo().ifPresent(logo -> m.put("logo", new Handlebars.SafeString(logoSource(logo, target))));
        put(m, "primaryColor", kit.primaryColor());
        put(m, "secondaryColor", kit.secondaryColor());
        put(m, "backgroundColor", kit.backgroundColor());
        put(m, "textColor", kit.textColor());
        put(m, "fontStack", kit.fontStack());
        put(m, "companyName", kit.companyName());
        put(
                m,
                "postalAddress",
                String.join(
                        ", ",
                        kit.postalAddress()
                                .lines()
                                .map(String::strip)
                                .filter(s -> !s.isEmpty())
                                .toList()));
        if (!kit.social().isEmpty()) {
            Map<String, Object> social = new LinkedHashMap<>();
            List<Object> links = new ArrayList<>();
            for (SocialLink link : kit.social()) {
                social.put(link.network(), link.url());
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("network", link.network());
                l.put("label", link.label());
                l.put("url", link.url());
                links.add(l);
            }
            m.put("social", social);
            m.put("socialLinks", links);
        }
        return m;
    }

    static String logoSource(Logo logo, RenderTarget target) {
        return target == RenderTarget.SEND ? "cid:" + LOGO_CONTENT_ID : logo.dataUri();
    }

    static Optional<InlineImage> inlineLogo(BrandKit kit) {
        return kit.logo().map(l -> new InlineImage(LOGO_CONTENT_ID, l.type().mediaType(), l.bytes()));
    }

    private static void put(Map<String, Object> m, String key, String value) {
        if (value != null && !value.isBlank()) {
            m.put(key, value);
        }
    }
}
