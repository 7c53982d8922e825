package dev.mailroom.model.templates;

/** The image formats a brand-kit logo may have. */
public enum LogoType {
    PNG("image/png", "png"),
    SVG("image/svg+xml", "svg");

    private final String mediaType;
    private final String extension;

    LogoType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }
}
