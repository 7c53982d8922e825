package dev.mailroom.model.activity;

import java.util.Locale;

/** The RFC 3464 {@code Action} of one recipient in a delivery status notification. */
public enum DeliveryAction {
    FAILED,
    DELAYED,
    DELIVERED,
    RELAYED,
    EXPANDED;

    /** Reads an Action field value; "expired" (seen from some providers) counts as failed. */
    public static DeliveryAction parse(String value, DeliveryAction otherwise) {
        if (value == null) {
            return otherwise;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        int space = v.indexOf(' ');
        if (space > 0) {
            v = v.substring(0, space);
        }
        switch (v) {
            case "failed":
            case "expired":
            case "failure":
                return FAILED;
            case "delayed":
            case "delay":
                return DELAYED;
            case "delivered":
                return DELIVERED;
            case "relayed":
                return RELAYED;
            case "expanded":
                return EXPANDED;
            default:
                return otherwise;
        }
    }
}
