package dev.mailroom.model.activity;

import java.util.Map;

/**
 * Deferrals and bounces are rolled up by a short reason key: the enhanced status code when the server
 * gave one ("4.2.2"), else the SMTP reply ("421"), else "unknown". This names the common ones.
 */
public final class DeferralReasons {
    public static final String UNKNOWN = "unknown";

    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("4.2.1", "mailbox busy"),
            Map.entry("4.2.2", "mailbox full"),
            Map.entry("4.3.0", "receiving system problem"),
            Map.entry("4.3.1", "receiving system out of storage"),
            Map.entry("4.3.2", "receiving system not accepting mail"),
            Map.entry("4.4.1", "no answer from host"),
            Map.entry("4.4.2", "connection dropped"),
            Map.entry("4.4.7", "delivery time expired"),
            Map.entry("4.7.0", "temporary policy block"),
            Map.entry("4.7.1", "delivery not authorised, retry"),
            Map.entry("4.7.28", "rate limited: unusual volume"),
            Map.entry("421", "service not available"),
            Map.entry("450", "mailbox unavailable"),
            Map.entry("451", "local error in processing"),
            Map.entry("452", "insufficient storage"));

    private DeferralReasons() {}

    public static String keyOf(EventDetails details) {
        if (details.status().isPresent()) {
            return details.status().get().toString();
        }
        if (details.smtpReply().isPresent()) {
            return Integer.toString(details.smtpReply().getAsInt());
        }
        return UNKNOWN;
    }

    /** "4.2.2 mailbox full"; a key it does not know is shown as it is. */
    public static String describe(String key) {
        String name = NAMES.get(key);
        return name == null ? key : key + " " + name;
    }
}
