package dev.mailroom.model.sending;

/** Identifies one message (one recipient) in the outbox. */
public record OutboxId(long value) {
    @Override
    public String toString() {
        return "outbox#" + value;
    }
}
