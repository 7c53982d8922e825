package dev.mailroom.model.access;

/** A token just made: {@code secret} is the token itself, shown this once and never stored. */
public record NewApiToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "NewApiToken[" + token.name() + "]"; // never the secret
    }
}
