package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import java.io.InputStream;
import java.net.InetAddress;
import java.security.KeyStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.helper.SimpleMessageListener;
import org.subethamail.smtp.server.SMTPServer;

/** STARTTLS against subethasmtp (GreenMail offers only implicit TLS), with GreenMail's self-signed test key. */
class StarttlsTest {
    private SMTPServer server;
    private final List<String> received = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("greenmail.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(tls)
                .simpleMessageListener(new SimpleMessageListener() {
                    @Override
                    public boolean accept(String from, String recipient) {
                        return true;
                    }

                    @Override
                    public void deliver(String from, String recipient, InputStream data) {
                        received.add(recipient);
                    }
                })
                .build();
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private SmtpEndpoint endpoint() {
        return new SmtpEndpoint(
                new ConnectionId(7),
                "127.0.0.1",
                server.getPortAllocated(),
                SmtpSecurity.STARTTLS_REQUIRED,
                "",
                Optional.empty(),
                "mailroom.agency.test",
                1,
                0);
    }

    @Test
    void probesAndSendsOverStarttls() {
        ProbeReport r = new SmtpProbe(SmtpProbeTest.TEST_TLS).probe(endpoint());
        assertThat(r.ok()).as(r.summary()).isTrue();
        assertThat(r.summary()).contains("over TLS");
        assertThat(r.offered()).contains("Encrypted (TLS)");

        try (SmtpMailTransport transport = new SmtpMailTransport(SmtpProbeTest.TEST_TLS)) {
            DeliveryOutcome o = transport.send(
                    endpoint(),
                    new OutgoingMail(
                            "<abc@tryacme.test>",
                            Instant.parse("2026-05-04T09:00:00Z"),
                            "hello@tryacme.test",
                            "Acme",
                            "ann@example.net",
                            "Hi",
                            "Hello",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()));
            assertThat(o.kind()).as(o.description()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        }
        assertThat(received).containsExactly("ann@example.net");
    }

    @Test
    void anUntrustedCertificateIsNamedAsTheProblem() {
        ProbeReport r = new SmtpProbe(dev.mailroom.mailer.sending.SmtpSettings.system()).probe(endpoint());
        assertThat(r.ok()).isFalse();
        assertThat(r.summary())
                .contains(
                        "secure (TLS) connection to 127.0.0.1:" + server.getPortAllocated() + " failed",
                        "certificate is not trusted");
    }
}
