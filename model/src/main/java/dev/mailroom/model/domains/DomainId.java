package dev.mailroom.model.domains;

/** Identifies a sending domain. */
public record DomainId(long value) {
    @Override
    public String toString() {
        return "domain#" + value;
    }
}
