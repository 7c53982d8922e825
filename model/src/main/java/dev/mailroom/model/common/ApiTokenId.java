package dev.mailroom.model.common;

/** Identifies a user's API token (see {@code model.access.ApiTokenService}). */
public record ApiTokenId(long value) {
    @Override
    public String toString() {
        return "token#" + value;
    }
}
