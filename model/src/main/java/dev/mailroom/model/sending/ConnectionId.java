package dev.mailroom.model.sending;

/** Identifies one of a tenant's SMTP connections. */
public record ConnectionId(long value) {
    @Override
    public String toString() {
        return "connection#" + value;
    }
}
