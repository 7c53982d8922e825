package dev.mailroom.model.templates;

import java.util.Objects;

/**
 * A link in the brand kit's footer. {@code network} is a short lower-case key (facebook, instagram,
 * linkedin, x, youtube, tiktok, …) that templates use as {@code {{brand.social.instagram}}}.
 */
public record SocialLink(String network, String url) {
    public SocialLink {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(url, "url");
    }

    /** The name shown in a footer: "Instagram", "LinkedIn", "X". */
    public String label() {
        return switch (network) {
            case "linkedin" -> "LinkedIn";
            case "youtube" -> "YouTube";
            case "tiktok" -> "TikTok";
            case "x" -> "X";
            default -> network.isEmpty() ? network : Character.toUpperCase(network.charAt(0)) + network.substring(1);
        };
    }
}
