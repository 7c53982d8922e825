package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.DummySSLSocketFactory;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SmtpProbeTest {
    static final SmtpSettings TEST_TLS = new SmtpSettings(
            Duration.ofSeconds(5), Duration.ofSeconds(10), Optional.of(new DummySSLSocketFactory()), false);

    private GreenMail greenMail;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new com.icegreen.greenmail.util.ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()
        });
        greenMail.start();
        greenMail.setUser("relay@agency.test", "acme", "right-password");
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    static SmtpEndpoint endpoint(String host, int port, SmtpSecurity security, String user, String password) {
        return new SmtpEndpoint(
                new ConnectionId(1),
                host,
                port,
                security,
                user,
                password == null ? Optional.empty() : Optional.of(Secret.of(password)),
                "mailroom.agency.test",
                2,
                0);
    }

    @Test
    void saysWhatAPlainLocalRelayOffersAndThatSignInWorked() {
        ProbeReport r = new SmtpProbe(TEST_TLS)
                .probe(endpoint(
                        "127.0.0.1",
                        greenMail.getSmtp().getPort(),
                        SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                        "acme",
                        "right-password"));
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.summary()).contains("signed in as \"acme\"", "without encryption");
        assertThat(r.offered())
                .anySatisfy(o -> assertThat(o).startsWith("AUTH"))
                .contains("Not encrypted");
    }

    @Test
    void implicitTlsIsReportedAsEncrypted() {
        ProbeReport r = new SmtpProbe(TEST_TLS)
                .probe(endpoint(
                        "127.0.0.1",
                        greenMail.getSmtps().getPort(),
                        SmtpSecurity.IMPLICIT_TLS,
                        "acme",
                        "right-password"));
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.summary()).contains("over TLS");
        assertThat(r.offered()).contains("Encrypted (TLS)");
    }

    @Test
    void aWrongPasswordIsNamedAsSuchWithoutRevealingIt() {
        ProbeReport r = new SmtpProbe(TEST_TLS)
                .probe(endpoint(
                        "127.0.0.1",
                        greenMail.getSmtp().getPort(),
                        SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                        "acme",
                        "wrong-password"));
        assertThat(r.ok()).isFalse();
        assertThat(r.summary())
                .contains("refused the user name or password for \"acme\"")
                .doesNotContain("wrong-password");
    }

    @Test
    void aRelayWithoutStarttlsIsRefusedWhenStarttlsIsRequired() {
        ProbeReport r = new SmtpProbe(TEST_TLS)
                .probe(endpoint(
                        "127.0.0.1",
                        greenMail.getSmtp().getPort(),
                        SmtpSecurity.STARTTLS_REQUIRED,
                        "acme",
                        "right-password"));
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).contains("does not offer STARTTLS");
    }

    @Test
    void tlsSpokenToAPlainPortIsATlsFailure() {
        ProbeReport r = new SmtpProbe(TEST_TLS)
                .probe(endpoint(
                        "127.0.0.1",
                        greenMail.getSmtp().getPort(),
                        SmtpSecurity.IMPLICIT_TLS,
                        "acme",
                        "right-password"));
        assertThat(r.ok()).isFalse();
        assertThat(r.summary()).contains("secure (TLS) connection");
    }

    @Test
    void aClosedPortAndAnUnknownHostAreToldApart() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ProbeReport refused = new SmtpProbe(TEST_TLS)
                .probe(endpoint("127.0.0.1", closed, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
        assertThat(refused.ok()).isFalse();
        assertThat(refused.summary()).contains("Nothing answered at 127.0.0.1:" + closed);

        ProbeReport unknown = new SmtpProbe(TEST_TLS)
                .probe(endpoint("no-such-relay.invalid", 587, SmtpSecurity.STARTTLS_REQUIRED, "", null));
        assertThat(unknown.ok()).isFalse();
        assertThat(unknown.summary()).contains("could not find no-such-relay.invalid in DNS");
    }
}
