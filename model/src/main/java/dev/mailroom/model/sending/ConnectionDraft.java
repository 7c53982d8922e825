package dev.mailroom.model.sending;

import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a person fills in for an SMTP relay connection. Field names match the form's.
 *
 * @param password empty when editing means "keep the stored password"
 * @param maxSessions how many SMTP sessions may be open to the relay at once
 * @param ratePerSecond messages per second at most; 0 for no limit
 */
public record ConnectionDraft(
        String name,
        SendingEnvironment environment,
        String host,
        int port,
        SmtpSecurity security,
        String username,
        Optional<Secret> password,
        String heloName,
        int maxSessions,
        int ratePerSecond) {

    public static final int MAX_SESSIONS = 32;
    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$");
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    public ConnectionDraft {
        password = password == null ? Optional.empty() : password;
    }

    /** Trimmed and checked; throws {@link dev.mailroom.model.common.InvalidInput} per field. */
    public ConnectionDraft validated() {
        String n = Text.trimmed(name).replaceAll("\\s+", " ");
        String h = Text.trimmed(host).toLowerCase(Locale.ROOT);
        String u = Text.trimmed(username);
        String helo = Text.trimmed(heloName).toLowerCase(Locale.ROOT);
        Problems p = new Problems()
                .check(!n.isEmpty(), "name", "Give the connection a name, such as \"Postmark production\".")
                .check(n.length() <= 80, "name", "Keep the name to 80 characters or fewer.")
                .check(environment != null, "environment", "Choose production or staging.")
                .check(!h.isEmpty(), "host", "Enter the relay's host name, such as smtp.example.com.")
                .check(h.isEmpty() || isHost(h), "host", "\"" + h + "\" is not a host name or IP address.")
                .check(
                        port >= 1 && port <= 65535,
                        "port",
                        "The port is a number from 1 to 65535 (usually 587, or 465 for TLS).")
                .check(security != null, "security", "Choose how the connection is protected.")
                .check(u.length() <= 320, "username", "Keep the user name to 320 characters or fewer.")
                .check(
                        password.map(s -> s.reveal().length() <= 1000).orElse(true),
                        "password",
                        "Keep the password to 1000 characters or fewer.")
                .check(
                        !helo.isEmpty() && isHost(helo),
                        "heloName",
                        "Enter the name this computer gives in HELO, a host name such as mail.youragency.com.")
                .check(
                        maxSessions >= 1 && maxSessions <= MAX_SESSIONS,
                        "maxSessions",
                        "Allow from 1 to " + MAX_SESSIONS + " sessions at once.")
                .check(
                        ratePerSecond >= 0 && ratePerSecond <= 10_000,
                        "ratePerSecond",
                        "The rate is from 0 (no limit) to 10000 messages a second.");
        if (security == SmtpSecurity.PLAIN_LOCALHOST_ONLY && !h.isEmpty() && !LOCAL.contains(h)) {
            p.add(
                    "security",
                    "Unencrypted SMTP is only allowed to a relay on this computer (localhost). "
                            + "Choose STARTTLS or TLS for " + h + ".");
        }
        p.throwIfAny();
        return new ConnectionDraft(
                n,
                environment,
                h,
                port,
                security,
                u,
                password.filter(s -> !s.isEmpty()),
                helo,
                maxSessions,
                ratePerSecond);
    }

    private static boolean isHost(String h) {
        if (LOCAL.contains(h)) {
            return true;
        }
        if (IPV4.matcher(h).matches()) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        return HOST.matcher(h).matches();
    }
}
