package dev.mailroom.model.providers;

/** Identifies one scoped key Mailroom made at a provider for a tenant's own application. */
public record ProviderKeyId(long value) {
    @Override
    public String toString() {
        return "provider-key#" + value;
    }
}
