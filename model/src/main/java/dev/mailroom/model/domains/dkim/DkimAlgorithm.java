package dev.mailroom.model.domains.dkim;

/** The DKIM key types Mailroom generates: RSA (k=rsa, 2048 bits by default) and Ed25519 (k=ed25519, RFC 8463). */
public enum DkimAlgorithm {
    RSA("rsa", "RSA"),
    ED25519("ed25519", "Ed25519");

    private final String tag;
    private final String label;

    DkimAlgorithm(String tag, String label) {
        this.tag = tag;
        this.label = label;
    }

    /** The k= tag value. */
    public String tag() {
        return tag;
    }

    public String label() {
        return label;
    }
}
