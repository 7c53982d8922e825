package dev.mailroom.model.activity;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a message bounced, beyond hard and soft: the kinds the bounce analysers name (decision 0070).
 * Read from the status code where it is specific, else from the server's words; the words win over a
 * generic policy code ({@code x.7.x}) and over a code that names only its class ({@code 5.0.0}).
 */
public enum BounceReason {
    USER_UNKNOWN("user-unknown", "user unknown"),
    HOST_UNKNOWN("host-unknown", "host unknown"),
    MAILBOX_FULL("mailbox-full", "mailbox full"),
    MESSAGE_TOO_BIG("too-big", "message too big"),
    FILTERED("filtered", "filtered or blocked"),
    SPAM("spam", "spam detected"),
    POLICY("policy", "policy (DMARC/SPF) rejection"),
    EXPIRED("expired", "expired in the queue"),
    SUSPENDED("suspended", "mailbox suspended"),
    RATE_LIMITED("rate-limited", "rate limited"),
    SECURITY("security", "security error"),
    OTHER("other", "other");

    private final String key;
    private final String label;

    BounceReason(String key, String label) {
        this.key = key;
        this.label = label;
    }

    /** Short, stable key stored with the event and in the roll-ups. */
    public String key() {
        return key;
    }

    /** Words for a person. */
    public String label() {
        return label;
    }

    public static Optional<BounceReason> ofKey(String key) {
        for (BounceReason r : values()) {
            if (r.key.equals(key)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * A roll-up key as words: a reason key, or (roll-ups written before reasons were kept) a status
     * code read by {@link #of}.
     */
    public static String describe(String key) {
        return ofKey(key)
                .or(() -> EnhancedStatus.parse(key).map(s -> of(Optional.of(s), "")))
                .map(BounceReason::label)
                .orElse(key);
    }

    public static BounceReason of(EventDetails details) {
        return of(details.status(), details.diagnostic());
    }

    /** The reason for a failure with this code (if any) and these words (cut to 1,000 characters). */
    public static BounceReason of(Optional<EnhancedStatus> status, String diagnostic) {
        BounceReason words = fromWords(fold(diagnostic == null ? "" : diagnostic));
        BounceReason code = status.map(BounceReason::fromCode).orElse(null);
        // Rate-limit wording names the cause whatever the code ("450 4.2.1 … receiving mail at a rate that
        // prevents additional messages"); Microsoft's 5.1.10 is its "recipient not found", not a null MX.
        if (words == RATE_LIMITED
                || (words == USER_UNKNOWN
                        && code == HOST_UNKNOWN
                        && status.get().detail() == 10)) {
            return words;
        }
        if (code != null && status.get().subject() != 7) {
            return code;
        }
        // A policy code (x.7.x) is also what many servers give for an unknown user or a full mailbox.
        if (words != null) {
            return words;
        }
        return code != null ? code : OTHER;
    }

    /** The reason a specific code names; null for a generic one. */
    private static BounceReason fromCode(EnhancedStatus s) {
        int subject = s.subject();
        int detail = s.detail();
        return switch (subject) {
            case 1 ->
                switch (detail) {
                    case 1, 3, 6 -> USER_UNKNOWN;
                    case 2, 10 -> HOST_UNKNOWN;
                    default -> null;
                };
            case 2 ->
                switch (detail) {
                    case 1 -> SUSPENDED;
                    case 2 -> MAILBOX_FULL;
                    case 3 -> MESSAGE_TOO_BIG;
                    default -> null;
                };
            case 3 -> detail == 4 ? MESSAGE_TOO_BIG : null;
            case 4 ->
                switch (detail) {
                    case 4 -> HOST_UNKNOWN;
                    case 7 -> EXPIRED;
                    default -> null;
                };
            case 7 ->
                switch (detail) {
                    case 1 -> FILTERED;
                    case 23, 24, 25, 26, 27 -> POLICY;
                    case 5, 6, 7, 10, 11, 14 -> SECURITY;
                    case 28 -> RATE_LIMITED;
                    default -> null;
                };
            default -> null;
        };
    }

    /** Words, in order: the first group with a match wins. */
    private static final Object[][] WORDS = {
        {
            RATE_LIMITED,
            new String[] {
                "rate limit",
                "ratelimit",
                "too many connections",
                "too many recipients",
                "throttl",
                "unusual rate",
                "receiving mail at a rate",
                "sending rate",
                "exceeded the rate"
            }
        },
        {
            POLICY,
            new String[] {
                "dmarc",
                "spf",
                "dkim",
                "sender policy",
                "not authorized to send",
                "unauthenticated",
                "authentication failed",
                "reverse dns",
                "ptr record",
                "sender address rejected"
            }
        },
        {SECURITY, new String[] {"tls", "certificate", "encryption", "virus", "malware", "infected"}},
        {
            FILTERED,
            new String[] {
                "spamhaus",
                "blacklist",
                "black list",
                "blocklist",
                "block list",
                "dnsbl",
                " rbl",
                "spamcop",
                "barracuda",
                "reputation",
                "listed at",
                "listed on",
                "listed in"
            }
        },
        {
            HOST_UNKNOWN,
            new String[] {
                "host not found",
                "host unknown",
                "unknown host",
                "domain not found",
                "no such domain",
                "domain does not exist",
                "domain doesn't exist",
                "unrouteable",
                "unroutable",
                "name service error",
                "host or domain name not found",
                "name or service not known",
                "domain name not found",
                "non-existent host",
                "nonexistent host",
                "non-existent domain",
                "nonexistent domain",
                "mx record",
                "no mx",
                "null mx",
                "nullmx"
            }
        },
        {
            USER_UNKNOWN,
            new String[] {
                "user unknown",
                "unknown user",
                "no such user",
                "no such mailbox",
                "no such recipient",
                "recipient not found",
                "unknown recipient",
                "recipient unknown",
                "address unknown",
                "address does not exist",
                "mailbox does not exist",
                "mailbox not found",
                "invalid recipient",
                "user does not exist",
                "user not found",
                "account does not exist",
                "not a valid mailbox",
                "no mailbox",
                "no mail box",
                "box not found",
                "not a known user",
                "is not a known",
                "not an active",
                "not recogni",
                "bad_recipient",
                "mailbox unavailable",
                "does not exist",
                "doesn't exist",
                "bad recipient",
                "dosn't exist",
                "recipient address rejected: access denied",
                "destinatario desconocido",
                "usuario desconocido",
                "inconnu",
                "introuvable",
                "unbekannt",
                "existiert nicht",
                "finns inte",
                "finnes ikke",
                "findes ikke",
                "nie istnieje",
                "neexistuje",
                "не существует",
                "no longer exist",
                "no longer accept",
                "no longer in use",
                "mailbox unknown",
                "mailbox is unknown",
                "no longer valid",
                "do not exist",
                "may not exist"
            }
        },
        {
            SUSPENDED,
            new String[] {
                "disabled",
                "suspended",
                "deactivated",
                "inactive",
                "account expired",
                "mailbox expired",
                "account locked",
                "has been closed",
                "account closed",
                "been terminated",
                "mailbox locked",
                "expirado",
                "no longer"
            }
        },
        {
            MAILBOX_FULL,
            new String[] {
                "mailbox full",
                "mailbox is full",
                "over quota",
                "overquota",
                "quota exceeded",
                "exceeded quota",
                "exceeded storage",
                "insufficient storage",
                "storage space",
                "disk space",
                "not enough space",
                "mailbox size",
                "mailbox exceeds",
                "mailbox has exceeded",
                "disk full",
                "storage full",
                "quota",
                "lleno"
            }
        },
        {
            MESSAGE_TOO_BIG,
            new String[] {"too big", "too large", "size exceeds", "exceeds the maximum", "message size", "size limit"}
        },
        {SPAM, new String[] {"spam", "junk", "bulk mail", "unsolicited", "content rejected"}},
        {
            EXPIRED,
            new String[] {
                "retry timeout",
                "too long in the queue",
                "in the queue too long",
                "message expired",
                "delivery time expired",
                "given up",
                "failing for a long time"
            }
        },
        {
            FILTERED,
            new String[] {
                "blocked", "denied", "refused", "rejected", "not accepted", "banned", "filter", "policy", "attachment"
            }
        },
    };

    private static BounceReason fromWords(String folded) {
        for (Object[] row : WORDS) {
            for (String w : (String[]) row[1]) {
                if (folded.contains(w)) {
                    return (BounceReason) row[0];
                }
            }
        }
        return null;
    }

    /**
     * Lower case, runs of white space as one blank, at most 1,000 characters; words holding an '@'
     * (addresses: {@code junkmail@b.c} says nothing about spam) are left out.
     */
    private static String fold(String text) {
        int n = Math.min(text.length(), 1000);
        StringBuilder b = new StringBuilder(n);
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '@') {
                // Drop the word: back to its start, then on past its end.
                int k = b.length();
                while (k > 0 && b.charAt(k - 1) != ' ') {
                    k--;
                }
                b.setLength(k);
                while (i + 1 < n && !Character.isWhitespace(text.charAt(i + 1))) {
                    i++;
                }
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}
