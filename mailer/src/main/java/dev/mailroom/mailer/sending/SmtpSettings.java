package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import jakarta.mail.Session;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * How Mailroom talks SMTP: timeouts, and how TLS certificates are checked. {@link #system()} trusts
 * what the JDK trusts and checks the host name; tests pass a factory that trusts their own server.
 */
public record SmtpSettings(
        Duration connectTimeout,
        Duration readTimeout,
        Optional<SSLSocketFactory> tlsSocketFactory,
        boolean checkServerIdentity) {

    public static SmtpSettings system() {
        return new SmtpSettings(Duration.ofSeconds(15), Duration.ofSeconds(60), Optional.empty(), true);
    }

    public SmtpSettings withReadTimeout(Duration timeout) {
        return new SmtpSettings(connectTimeout, timeout, tlsSocketFactory, checkServerIdentity);
    }

    Session session(SmtpEndpoint e) {
        Properties p = new Properties();
        p.put("mail.smtp.host", e.host());
        p.put("mail.smtp.port", Integer.toString(e.port()));
        p.put("mail.smtp.localhost", e.heloName());
        p.put("mail.smtp.connectiontimeout", Long.toString(connectTimeout.toMillis()));
        p.put("mail.smtp.timeout", Long.toString(readTimeout.toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(readTimeout.toMillis()));
        p.put("mail.smtp.auth", Boolean.toString(e.authenticates()));
        // Do not wait for the reply to QUIT: closing a pooled session should never hang.
        p.put("mail.smtp.quitwait", "false");
        switch (e.security()) {
            case STARTTLS_REQUIRED -> {
                p.put("mail.smtp.starttls.enable", "true");
                p.put("mail.smtp.starttls.required", "true");
            }
            case IMPLICIT_TLS -> p.put("mail.smtp.ssl.enable", "true");
            case PLAIN_LOCALHOST_ONLY -> p.put("mail.smtp.starttls.enable", "false");
        }
        if (e.security() != SmtpSecurity.PLAIN_LOCALHOST_ONLY) {
            p.put("mail.smtp.ssl.checkserveridentity", Boolean.toString(checkServerIdentity));
            p.put("mail.smtp.ssl.protocols", "TLSv1.3 TLSv1.2");
            tlsSocketFactory.ifPresent(f -> p.put("mail.smtp.ssl.socketFactory", f));
        }
        return Session.getInstance(p);
    }
}
