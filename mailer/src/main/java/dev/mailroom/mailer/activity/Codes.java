package dev.mailroom.mailer.activity;

import dev.mailroom.model.activity.EnhancedStatus;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds SMTP reply codes and RFC 3463 status codes in servers' words, and guesses one from wording. */
final class Codes {
    private static final Pattern ENHANCED =
            Pattern.compile("(?<![\\w.\\-/=])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\w\\-]|\\.\\d)");
    private static final Pattern REPLY = Pattern.compile("(?<![\\w.\\-#:/=\\[+])([245][0-5]\\d)(?=[\\s\\-']|$)");
    /** Between a reply code and the status code that goes with it: blanks, dashes, quotes, a repeat. */
    private static final Pattern GAP = Pattern.compile("[\\s\\-']*(?:[245][0-5]\\d[\\s\\-']+)?");

    private Codes() {}

    /** What a piece of server text says: the status code and reply code it quotes, if any. */
    record Found(Optional<EnhancedStatus> status, OptionalInt reply) {}

    static Found scan(String text) {
        if (text == null || text.isEmpty()) {
            return new Found(Optional.empty(), OptionalInt.empty());
        }
        Matcher reply = REPLY.matcher(text);
        Matcher enhanced = ENHANCED.matcher(text);
        Integer firstReply = null;
        EnhancedStatus firstStatus = null;
        // A status code right after a reply code of the same class is the pair the server gave.
        while (reply.find()) {
            int code = Integer.parseInt(reply.group(1));
            if (firstReply == null) {
                firstReply = code;
            }
            Matcher gap = GAP.matcher(text).region(reply.end(), text.length());
            if (gap.lookingAt()) {
                Matcher e = ENHANCED.matcher(text).region(gap.end(), text.length());
                e.useTransparentBounds(true);
                if (e.lookingAt() && Integer.parseInt(e.group(1)) == code / 100) {
                    return new Found(Optional.of(status(e)), OptionalInt.of(code));
                }
            }
        }
        if (enhanced.find()) {
            firstStatus = status(enhanced);
        }
        return new Found(
                Optional.ofNullable(firstStatus),
                firstReply == null ? OptionalInt.empty() : OptionalInt.of(firstReply));
    }

    private static EnhancedStatus status(Matcher m) {
        return new EnhancedStatus(
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** Lower case, every run of white space one blank (wording split across lines reads as one), cut. */
    static String fold(String text) {
        int n = Math.min(text.length(), 8000);
        StringBuilder b = new StringBuilder(n);
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    /**
     * Folded text with every word holding an '@' left out, so that wording split by an address reads
     * whole ("mailbox carol@b.c unavailable" → "mailbox unavailable"). One pass.
     */
    static String withoutAddresses(String folded) {
        if (folded.indexOf('@') < 0) {
            return folded;
        }
        StringBuilder b = new StringBuilder(folded.length());
        int i = 0;
        int n = folded.length();
        while (i < n) {
            int end = folded.indexOf(' ', i);
            if (end < 0) {
                end = n;
            }
            int at = folded.indexOf('@', i);
            if (at < 0 || at >= end) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(folded, i, end);
            }
            i = end + 1;
        }
        return b.toString();
    }

    private static final Object[][] WORDING = {
        // The domain first: "domain does not exist" must not read as an unknown user.
        {
            Pattern.compile("domain (name )?(does not|doesn't) exist|host or domain name not found|domain not found"
                    + "|host not found|name service error|no such domain|unrouteable|unroutable|domain is not reachable"
                    + "|host (does not|doesn't) exist|host unknown|unknown host|name or service not known"
                    + "|(host|domain) (could not|couldn't|cannot|can't) be found|non-?existent (host|domain)"),
            "1.2"
        },
        // RFC 7505: a domain that publishes a null MX accepts no mail at all.
        // RFC 3463 x.1.6: the mailbox has moved ("551 User not local; please try <a@b>").
        {
            Pattern.compile(
                    "(user|recipient|mailbox|address) (has|have) moved|user not local|has moved(,|;|\\.) please try"),
            "1.6"
        },
        {Pattern.compile("null ?mx|domain [^ ]{1,255} (does not|doesn't) accept (e-?)?mail"), "1.10"},
        {
            Pattern.compile(
                    "user unknown|unknown user|no such user|no such mailbox|no such recipient|recipient not found"
                            + "|unknown recipient|address (does not|doesn't) exist|mailbox (does not|doesn't) exist|invalid recipient"
                            + "|user (does not|doesn't) exist|not a valid mailbox|account (does not|doesn't) exist"
                            + "|user not found|mailbox not found|no mail ?box|not listed in|not (a )?known user|is not a known"
                            + "|not recogni[sz]ed|(does not|doesn't) have an? [a-z0-9.\\-]{1,40} account|mailbox unavailable"
                            + "|not an active|no longer (on|at|with)|no longer exists?|mailbox (is )?unknown|(is|are) no longer (valid|in use)|no longer accepts? (e-?)?mail|(do not|don't) exist|bad.recipient|recipient (does not|doesn't) exist"
                            // A notice that lists causes: "The account or domain may not exist, they may be
                            // blacklisted".
                            + "|(account|address|mailbox|user|recipient)( or [a-z]{1,20})? may not exist"
                            + "|(does not|doesn't) exist|unknown (local|e-?mail|mail)|invalid (address|mailbox|user)"
                            + "|address unknown|recipient unknown|(receiver|addressee) (not found|unknown)"
                            + "|(addresses|recipients|users|address|recipient|user) (were|was|are|is) unknown"
                            + "|(mailbox|address|user|recipient|account) (could not|couldn't|cannot|can't) be found"
                            + "|address you entered (could not|couldn't) be found"
                            // Alibaba's "RCPT (a@b) dosn't exist"; Microsoft 365's directory-based edge block.
                            + "|dosn'?t exist|recipient address rejected: access denied"
                            // The same in the languages bounces most often come in.
                            + "|destinatario desconocido|usuario desconocido|usu[aá]rio desconhecido|utilisateur inconnu"
                            + "|destinataire inconnu|n'existe pas|adresse[^.]{0,60}introuvable|unbekannte?r? (empf[aä]nger|benutzer)|existiert nicht"
                            + "|no existe|n[aã]o existe|sconosciuto|non esiste"
                            + "|finns inte|finnes ikke|findes ikke|nie istnieje|neexistuje|не существует"
                            + "|(empf[aä]nger|benutzer|postfach) (ist )?unbekannt|(ontvanger|gebruiker) (is )?onbekend"
                            + "|onbekende (ontvanger|gebruiker)|destinatario sconosciuto"),
            "1.1"
        },
        {
            Pattern.compile(
                    "mailbox (is )?full|buz[oó]n (est[aá] )?lleno|postfach (ist )?voll|bo[iî]te (aux lettres )?pleine"
                            + "|casella (di posta )?piena|caixa (postal )?(est[aá] )?cheia|mailbox (is )?vol|over ?quota|quota exceeded|exceeded (the )?(storage|quota)|insufficient storage"
                            + "|mailbox size limit|mailbox exceeds|mailbox has exceeded|account has exceeded its|over (the )?(allowed )?quota|exceeds allowed size|(disk|storage) (space )?full"),
            "2.2"
        },
        {
            Pattern.compile(
                    "message (size )?(is )?too (big|large)|size exceeds|exceeds (the )?(maximum )?(message )?size"),
            "3.4"
        },
        {
            Pattern.compile(
                    "retry timeout exceeded|failing for a long time|too long in (the )?queue|in the queue too long"
                            + "|delivery time expired|message expired|could not be delivered for"),
            "4.7"
        },
        {
            Pattern.compile("timed out|no route to host|connection refused|network error|network is unreachable"
                    + "|could not connect|unable to connect"),
            "4.1"
        },
        {
            Pattern.compile(
                    "(account|mailbox|user) (has been |is |was )?(disabled|deactivated|expired|suspended|closed|terminated)"
                            + "|deactivated mailbox|disabled (account|mailbox)|inactive (account|mailbox|user)"
                            + "|(casilla|cuenta) (ha )?(expirado|deshabilitada|desactivada|suspendida)|expirado por falta de uso"),
            "2.1"
        },
        {Pattern.compile("relay(ing)? (access )?denied|not permitted to relay|relaying not allowed"), "7.1"},
        {Pattern.compile("(does not|doesn't) support tls|tls (is )?required|requires? (starttls|tls)"), "7.10"},
        // "550 5.0.1 Recipient rejected (in reply to RCPT TO command)": the recipient itself, no reason given.
        {
            Pattern.compile(
                    "recipient (address )?rejected(?=$|[ .(\\[])(?!.{0,80}(spam|polic|block|black|greylist|spf|dmarc))"),
            "1.1"
        },
        {Pattern.compile("spam|blocked|block ?list|black ?list|policy|denied|not allowed|rejected"), "7.1"},
    };

    /** A subject.detail guessed from wording ("mailbox full" → 2.2), empty when nothing fits. */
    static Optional<String> guessDetail(String text) {
        String t = withoutAddresses(fold(text));
        for (Object[] row : WORDING) {
            if (((Pattern) row[0]).matcher(t).find()) {
                return Optional.of((String) row[1]);
            }
        }
        return Optional.empty();
    }

    private static final Pattern EXPIRY = rowFor("4.7");

    private static Pattern rowFor(String detail) {
        for (Object[] row : WORDING) {
            if (row[1].equals(detail)) {
                return (Pattern) row[0];
            }
        }
        throw new IllegalStateException("no wording row for " + detail);
    }

    /** "retry timeout exceeded", "too long in the queue": a temporary condition that outlasted the retries. */
    static boolean soundsLikeExpiry(String text) {
        return EXPIRY.matcher(fold(text)).find();
    }

    /** The code the wording implies, in the given class (for refining a code that says only its class). */
    static Optional<EnhancedStatus> implied(int statusClass, String text) {
        return guessDetail(text).map(d -> make(statusClass, d));
    }

    static EnhancedStatus make(int statusClass, String subjectDetail) {
        String[] p = subjectDetail.split("\\.");
        return new EnhancedStatus(statusClass, Integer.parseInt(p[0]), Integer.parseInt(p[1]));
    }
}
