package dev.mailroom.model.sending;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Message-IDs at the tenant's sending domain: {@code <time + random@domain>}, 26 characters before the
 * {@code @}. The first 10 encode the milliseconds since 1970 in an alphabet whose order is ASCII order,
 * so ids made later sort later: a new id lands at the end of the indexes on Message-IDs (outbox and
 * events) instead of on a random page, and each commit rewrites a few index pages rather than one per
 * message. The other 16 are 80 random bits, which keep ids unguessable and unique across machines.
 */
public final class MessageIds {
    /** Crockford's base32, lower case: digits before letters, as in ASCII. */
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private static final int TIME_CHARS = 10;
    private static final int RANDOM_CHARS = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {}

    /** A new Message-ID at {@code domain}, made at {@code now} (the caller's clock). */
    public static String at(String domain, Instant now) {
        long epochMillis = now.toEpochMilli();
        StringBuilder sb = new StringBuilder(3 + TIME_CHARS + RANDOM_CHARS + domain.length()).append('<');
        for (int i = TIME_CHARS - 1; i >= 0; i--) {
            sb.append(ALPHABET[(int) (epochMillis >>> (5 * i)) & 31]);
        }
        byte[] bytes = new byte[RANDOM_CHARS];
        RANDOM.nextBytes(bytes);
        for (byte b : bytes) {
            sb.append(ALPHABET[b & 31]);
        }
        return sb.append('@').append(domain).append('>').toString();
    }
}
