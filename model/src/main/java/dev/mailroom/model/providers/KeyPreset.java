package dev.mailroom.model.providers;

import dev.mailroom.model.sending.ConnectionKind;
import java.util.List;

/**
 * The scope sets offered when making a key for a client's application: the least each kind of use needs,
 * in each provider's own scope names.
 */
public enum KeyPreset {
    SEND_ONLY("Send only", List.of("mail.send"), List.of("email_full")),
    SEND_AND_STATS(
            "Send + read stats",
            List.of("mail.send", "stats.read", "stats.global.read"),
            List.of("email_full", "analytics_read")),
    SEND_AND_ACTIVITY(
            "Send + read stats and activity",
            List.of("mail.send", "stats.read", "stats.global.read", "messages.read"),
            List.of("email_full", "analytics_read", "activity_read")),
    READ_ONLY_REPORTING(
            "Read stats only (no sending)", List.of("stats.read", "stats.global.read"), List.of("analytics_read"));

    private final String label;
    private final List<String> sendGrid;
    private final List<String> mailerSend;

    KeyPreset(String label, List<String> sendGrid, List<String> mailerSend) {
        this.label = label;
        this.sendGrid = sendGrid;
        this.mailerSend = mailerSend;
    }

    public String label() {
        return label;
    }

    /** The scopes of this preset at a provider; empty for a kind without scoped keys (an SMTP relay). */
    public List<String> scopes(ConnectionKind kind) {
        switch (kind) {
            case SENDGRID_API:
                return sendGrid;
            case MAILERSEND_API:
                return mailerSend;
            default:
                return List.of();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
