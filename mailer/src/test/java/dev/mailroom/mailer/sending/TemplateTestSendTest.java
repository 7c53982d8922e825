package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.mailer.templates.ClasspathStarterLibrary;
import dev.mailroom.mailer.templates.HandlebarsTemplateRenderer;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateFixtures;
import dev.mailroom.model.templates.TestSendService;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.templates.JooqBrandKitStore;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.RejectException;

/** "Test send to myself" on a real store, through the real renderer and transport, into GreenMail. */
class TemplateTestSendTest {
    static final String DOMAIN = OutboxDeliveryTest.DOMAIN;

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final HandlebarsTemplateRenderer renderer = new HandlebarsTemplateRenderer();
    private SendingFixture f;
    private JooqBrandKitStore kits;
    private boolean domainVerified = true;

    @BeforeEach
    void store() {
        Store store = Backend.H2.open(dir);
        toClose.add(store);
        f = new SendingFixture(store, dir);
        kits = new JooqBrandKitStore(f.tx);
        f.tx.run(() -> kits.save(f.acme, TemplateFixtures.acmeKit(), SendingFixture.T0));
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private SendingDomains domains() {
        SendingDomains signed = OutboxDeliveryTest.signedDomain();
        return new SendingDomains() {
            @Override
            public boolean isVerified(TenantId tenant, String domain) {
                return domainVerified && signed.isVerified(tenant, domain);
            }

            @Override
            public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
                return domainVerified ? signed.activeDkimKey(tenant, domain) : Optional.empty();
            }

            @Override
            public List<String> verified(TenantId tenant) {
                return domainVerified && tenant.equals(f.acme) ? List.of(DOMAIN) : List.of();
            }
        };
    }

    private TestSendService service() {
        SmtpMailTransport transport = new SmtpMailTransport(SmtpProbeTest.TEST_TLS);
        toClose.add(transport);
        return new TestSendService(
                renderer,
                kits,
                f.tenants,
                f.users,
                f.connections,
                f.endpoints,
                domains(),
                transport,
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    private Connection relay(String name, SendingEnvironment env, int port) {
        return f.connectionService(e -> null)
                .create(
                        f.owner,
                        f.acme,
                        new ConnectionDraft(
                                name,
                                env,
                                "127.0.0.1",
                                port,
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mailroom.agency.test",
                                1,
                                0));
    }

    private static TemplateContent receipt() {
        return new ClasspathStarterLibrary()
                .find("ecommerce/receipt")
                .orElseThrow()
                .toDraft()
                .content();
    }

    @Test
    void theRenderedTemplateReachesTheEditorThroughTheStagingRelay() throws Exception {
        GreenMail staging = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        staging.start();
        toClose.add(staging::stop);
        OutboxDeliveryTest.Scripted production = new OutboxDeliveryTest.Scripted();
        toClose.add(production);
        relay("Acme production", SendingEnvironment.PRODUCTION, production.port());
        relay("Acme staging", SendingEnvironment.STAGING, staging.getSmtp().getPort());
        TestSendService s = service();

        TestSendService.Readiness ready = s.readiness(f.editor, f.acme);
        assertThat(ready.ready()).as(ready.problem()).isTrue();
        assertThat(ready.route().get().connection().environment()).isEqualTo(SendingEnvironment.STAGING);

        TemplateContent content = receipt();
        TestSendService.Result result = s.send(f.editor, f.acme, content);

        assertThat(result.delivered()).as(result.message()).isTrue();
        assertThat(result.message())
                .isEqualTo("Sent to ed@agency.test via Acme staging (Staging), from test@" + DOMAIN + ".");
        assertThat(production.accepted).isEmpty();
        assertThat(staging.waitForIncomingEmail(1)).isTrue();
        MimeMessage m = staging.getReceivedMessages()[0];
        assertThat(m.getAllRecipients()).extracting(Object::toString).containsExactly("ed@agency.test");
        assertThat(m.getFrom()[0].toString()).contains("test@" + DOMAIN);

        // What the recipients of this template would get, rendered independently of the service.
        Rendering expected = renderer.render(new RenderRequest(
                content, content.sampleData(), Optional.of(TemplateFixtures.acmeKit()), RenderTarget.SEND));
        assertThat(m.getSubject())
                .isEqualTo(expected.subject())
                .contains("Acme Corp")
                .doesNotContain("{{");

        String text = part(m, "text/plain").getContent().toString();
        assertThat(text)
                .isNotBlank()
                .contains("Acme Corp")
                .doesNotContain("<td")
                .doesNotContain("{{");
        Document html = Jsoup.parse(part(m, "text/html").getContent().toString());
        assertThat(html.outerHtml()).doesNotContain("{{");
        // The stylesheet's rules now sit on the elements: the button wears the brand's primary colour.
        assertThat(html.selectFirst("td.button-cell").attr("style")).contains("#1A73E8");
        assertThat(html.select("style").html()).doesNotContain(".button-cell");
        // The logo travels inside the message and the HTML refers to it by Content-ID.
        assertThat(html.select("img[src^=cid:]")).isNotEmpty();
        BodyPart logo = part(m, "image/png");
        assertThat(logo.getHeader("Content-ID")[0])
                .isEqualTo("<" + html.selectFirst("img[src^=cid:]").attr("src").substring(4) + ">");
        // Signed like any mail from the domain.
        Map<String, String> tags = Dkim.verify(raw(m), Dkim.txtRecord());
        assertThat(tags).containsEntry("d", DOMAIN);

        // Audited, and kept out of the tenant's outbox and statistics.
        assertThat(f.tx.inTransaction(() -> f.auditStore.all())).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("template.test_sent");
            assertThat(e.details()).contains("ed@agency.test");
        });
        assertThat(f.tx.inTransaction(() -> f.outbox.list(f.acme, Optional.empty(), 10)))
                .isEmpty();
    }

    @Test
    void aRelayRefusingTheAddressIsReportedNotSuppressed() {
        OutboxDeliveryTest.Scripted relay = new OutboxDeliveryTest.Scripted();
        toClose.add(relay);
        relay.onRecipient = to -> new RejectException(550, "5.7.1 Relaying denied for <" + to + ">");
        relay("Acme production", SendingEnvironment.PRODUCTION, relay.port());

        TestSendService.Result result = service().send(f.owner, f.acme, receipt());

        assertThat(result.delivered()).isFalse();
        assertThat(result.message())
                .startsWith("Not sent: Acme production (Production) did not take the test for owner@agency.test.")
                .contains("Relaying denied");
        assertThat(f.tx.inTransaction(() -> f.suppressions.find(f.acme, DOMAIN, "owner@agency.test")))
                .isEmpty();
    }

    @Test
    void onlyRolesWithTestSendMaySendAndTheyAreToldWhy() {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        toClose.add(greenMail::stop);
        relay(
                "Acme production",
                SendingEnvironment.PRODUCTION,
                greenMail.getSmtp().getPort());
        Actor analyst = f.user("ana@agency.test", "Ana Analyst", false, Optional.of(Role.ANALYTICS));
        Actor outsider = f.user("out@agency.test", "Otto Outsider", false, Optional.empty());
        TestSendService s = service();

        assertThat(s.readiness(analyst, f.acme).ready()).isFalse();
        assertThat(s.readiness(analyst, f.acme).problem()).contains("does not include test sends");
        assertThatThrownBy(() -> s.send(analyst, f.acme, receipt())).isInstanceOf(PermissionDenied.class);
        // Someone with no role in the client is not even told it exists.
        assertThatThrownBy(() -> s.send(outsider, f.acme, receipt())).isInstanceOf(NotFound.class);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(s.readiness(f.editor, f.acme).ready()).isTrue();
    }

    @Test
    void whatIsMissingIsNamed() {
        TestSendService s = service();
        assertThat(s.readiness(f.editor, f.acme).problem()).contains("no connection");
        assertThatThrownBy(() -> s.send(f.editor, f.acme, receipt()))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("no connection");

        relay("Acme production", SendingEnvironment.PRODUCTION, 25);
        domainVerified = false;
        assertThat(s.readiness(f.editor, f.acme).problem()).contains("no verified sending domain");
        assertThatThrownBy(() -> s.send(f.editor, f.acme, receipt()))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("no verified sending domain");
    }

    private static BodyPart part(Part p, String type) throws Exception {
        BodyPart found = find(p, type);
        assertThat(found).as("a %s part", type).isNotNull();
        return found;
    }

    private static BodyPart find(Part p, String type) throws Exception {
        if (p.getContent() instanceof Multipart mp) {
            for (int i = 0; i < mp.getCount(); i++) {
                BodyPart b = mp.getBodyPart(i);
                if (b.isMimeType(type)) {
                    return b;
                }
                BodyPart inner = find(b, type);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }

    private static byte[] raw(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return out.toByteArray();
    }
}
