package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.DeliveryOutcome.Kind;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.OptionalInt;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Turns what Jakarta Mail throws into a {@link DeliveryOutcome} with words a person understands: the
 * step that failed (DNS, connecting, TLS, signing in, the sender, the recipient, the message) and the
 * server's own reply. Never includes the password.
 */
final class SmtpFailures {
    private SmtpFailures() {}

    static DeliveryOutcome classify(SmtpEndpoint e, Exception failure) {
        SMTPAddressFailedException rcpt = find(failure, SMTPAddressFailedException.class);
        if (rcpt != null) {
            int code = rcpt.getReturnCode();
            return outcome(
                    code,
                    code >= 500 ? Kind.RECIPIENT_REFUSED : Kind.TEMPORARY,
                    (code >= 500
                                    ? "The server refused the recipient: "
                                    : "The server asked to try the recipient later: ")
                            + reply(rcpt));
        }
        SMTPSenderFailedException sender = find(failure, SMTPSenderFailedException.class);
        if (sender != null) {
            int code = sender.getReturnCode();
            return outcome(
                    code,
                    code >= 500 ? Kind.PERMANENT : Kind.TEMPORARY,
                    "The server refused the sender address " + sender.getAddress() + ": " + reply(sender));
        }
        SMTPSendFailedException data = find(failure, SMTPSendFailedException.class);
        if (data != null && data.getReturnCode() >= 400) {
            int code = data.getReturnCode();
            return outcome(
                    code,
                    code >= 500 ? Kind.RECIPIENT_REFUSED : Kind.TEMPORARY,
                    (code >= 500 ? "The server refused the message: " : "The server asked to send the message later: ")
                            + reply(data));
        }
        return DeliveryOutcome.temporary(OptionalInt.empty(), connectionProblem(e, failure) + " Will try again.");
    }

    /** What went wrong before any message was handed over, in words; shared with "Test connection". */
    static String connectionProblem(SmtpEndpoint e, Exception failure) {
        String where = e.address();
        if (failure instanceof AuthenticationFailedException auth) {
            String said = auth.getMessage() == null
                    ? ""
                    : " The server said: " + auth.getMessage().strip();
            return "The relay " + where + " refused the user name or password for \"" + e.username() + "\"." + said;
        }
        if (find(failure, UnknownHostException.class) != null) {
            return "Mailroom could not find " + e.host()
                    + " in DNS. Check the host name's spelling and this computer's network.";
        }
        if (find(failure, ConnectException.class) != null || find(failure, NoRouteToHostException.class) != null) {
            return "Nothing answered at " + where + ": the connection was refused or the host is unreachable. "
                    + "Check the port (usually 587, or 465 for TLS) and any firewall.";
        }
        if (find(failure, SocketTimeoutException.class) != null) {
            return "The relay " + where
                    + " stopped answering (timed out). It may be overloaded, or a firewall drops the connection.";
        }
        if (find(failure, SSLHandshakeException.class) != null) {
            CertificateException cert = find(failure, CertificateException.class);
            return "The secure (TLS) connection to " + where + " failed"
                    + (cert != null ? " because its certificate is not trusted or does not match " + e.host() : "")
                    + ". Check the host name and the security setting"
                    + (e.security() == SmtpSecurity.IMPLICIT_TLS ? " (implicit TLS is usually port 465)." : ".");
        }
        if (find(failure, SSLException.class) != null) {
            return "The secure (TLS) connection to " + where + " failed: "
                    + find(failure, SSLException.class).getMessage()
                    + ". If the relay expects STARTTLS (port 587), choose STARTTLS instead of implicit TLS.";
        }
        String message = String.valueOf(failure.getMessage());
        if (message.contains("STARTTLS is required")) {
            return "The relay " + where + " does not offer STARTTLS, and this connection requires it. "
                    + "Choose implicit TLS if the relay uses port 465, or ask the provider for the right port.";
        }
        if (message.contains("No authentication mechanisms supported")
                || message.contains("no authentication mechanism")) {
            return "The relay " + where + " does not offer sign-in (AUTH) on this connection"
                    + (e.security() == SmtpSecurity.STARTTLS_REQUIRED
                            ? "."
                            : "; many relays offer it only after STARTTLS.");
        }
        return "Sending through " + where + " failed: " + firstLine(rootMessage(failure)) + ".";
    }

    private static DeliveryOutcome outcome(int code, Kind kind, String text) {
        return new DeliveryOutcome(kind, code >= 200 && code <= 599 ? OptionalInt.of(code) : OptionalInt.empty(), text);
    }

    private static String reply(MessagingException e) {
        return firstLine(String.valueOf(e.getMessage()).strip());
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse(s).strip();
    }

    private static String rootMessage(Throwable t) {
        Throwable last = t;
        for (Throwable c = t; c != null; c = next(c)) {
            last = c;
        }
        return last.getMessage() == null ? last.getClass().getSimpleName() : last.getMessage();
    }

    /** Walks both the cause chain and Jakarta Mail's "next exception" chain. */
    static <T extends Throwable> T find(Throwable t, Class<T> type) {
        int guard = 0;
        for (Throwable c = t; c != null && guard++ < 20; c = next(c)) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
            if (c instanceof MessagingException m && m.getNextException() != null) {
                T inNext = find(m.getNextException(), type);
                if (inNext != null) {
                    return inNext;
                }
            }
        }
        return null;
    }

    private static Throwable next(Throwable t) {
        return t.getCause() == t ? null : t.getCause();
    }
}
