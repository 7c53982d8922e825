package dev.mailroom.model.sending;

import java.security.SecureRandom;

/** Message-IDs at the tenant's sending domain: {@code <26 random base32 characters@domain>}. */
public final class MessageIds {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static String at(String domain) {
        byte[] bytes = new byte[26];
        RANDOM.nextBytes(bytes);
        StringBuilder sb = new StringBuilder(30 + domain.length()).append('<');
        for (byte b : bytes) {
            sb.append(ALPHABET[b & 31]);
        }
        return sb.append('@').append(domain).append('>').toString();
    }
}
