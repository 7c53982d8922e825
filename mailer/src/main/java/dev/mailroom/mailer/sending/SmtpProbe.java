package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.ConnectionProbe;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.SmtpEndpoint;
import jakarta.mail.MessagingException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * "Test connection": looks the host up, connects, secures the connection as configured, signs in,
 * and reports what the server offers, or the step that failed in words a person understands.
 */
public final class SmtpProbe implements ConnectionProbe {
    private static final String[] EXTENSIONS = {
        "STARTTLS",
        "AUTH",
        "SIZE",
        "8BITMIME",
        "SMTPUTF8",
        "PIPELINING",
        "ENHANCEDSTATUSCODES",
        "CHUNKING",
        "DSN",
        "REQUIRETLS"
    };

    private final SmtpSettings settings;

    public SmtpProbe(SmtpSettings settings) {
        this.settings = settings;
    }

    @Override
    public ProbeReport probe(SmtpEndpoint e) {
        try {
            InetAddress.getAllByName(e.host());
        } catch (UnknownHostException ex) {
            return new ProbeReport(false, SmtpFailures.connectionProblem(e, ex), List.of());
        }
        SMTPTransport t = null;
        try {
            t = (SMTPTransport) settings.session(e).getTransport("smtp");
            if (e.authenticates()) {
                t.connect(
                        e.host(),
                        e.port(),
                        e.username(),
                        e.password().map(p -> p.reveal()).orElse(""));
            } else {
                t.connect(e.host(), e.port(), null, null);
            }
            List<String> offered = new ArrayList<>();
            for (String ext : EXTENSIONS) {
                if (t.supportsExtension(ext)) {
                    String param = t.getExtensionParameter(ext);
                    offered.add(param == null || param.isBlank() ? ext : ext + " " + param.strip());
                }
            }
            boolean tls = t.isSSL();
            offered.add(tls ? "Encrypted (TLS)" : "Not encrypted");
            String summary = "Connected to " + e.address() + (tls ? " over TLS" : " without encryption")
                    + (e.authenticates() ? " and signed in as \"" + e.username() + "\"." : "; no sign-in configured.");
            return new ProbeReport(true, summary, offered);
        } catch (MessagingException ex) {
            return new ProbeReport(false, SmtpFailures.connectionProblem(e, ex), List.of());
        } finally {
            if (t != null) {
                try {
                    t.close();
                } catch (MessagingException ignored) {
                    // nothing more to learn from this connection
                }
            }
        }
    }
}
