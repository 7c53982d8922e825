package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.demo.DemoData;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.mailer.providers.Recorded;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Labeled;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Issue 12 through the wizard: for a client with a MailerSend connection (a loopback stub serving
 * MailerSend's recorded answers, with the recorded domain's name replaced by the one added here), the
 * Records step offers "Create at MailerSend"; after it, MailerSend's DKIM and return path are in the plan,
 * and "Ask MailerSend to verify" shows its status beside Mailroom's own DNS check.
 */
class ProviderDomainFlowTest extends ConsoleRobot {
    private static final String ID = "jy7zpl95rd045vx6";

    @Test
    void theWizardCreatesTheDomainAtMailerSendAndShowsItsRecordsAndStatus() throws Exception {
        try (ApiStub stub = ApiStub.unchecked();
                TestDnsServer dns = TestDnsServer.start()) {
            stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
            stub.on("POST", "/v1/domains", r -> renamed(Recorded.mailerSend("DomainsTest_AddDomainTest()", 201)));
            stub.on("GET", "/v1/domains/" + ID, r -> renamed(Recorded.mailerSend("DomainsTest_AddDomainTest()", 201)));
            stub.on(
                    "GET",
                    "/v1/domains/" + ID + "/dns-records",
                    r -> renamed(Recorded.mailerSend("DomainsTest_DomainDnsRecordsTest()", 200)));
            stub.on(
                    "GET",
                    "/v1/domains/" + ID + "/verify",
                    r -> renamed(Recorded.mailerSend("DomainsTest_VerifyDomainTest()", 200)));
            // stands in for MailerSend's own SPF record, which the plan's SPF look-up count follows
            dns.addTxt("_spf.mailersend.net", "v=spf1 ip4:192.0.2.0/24 ~all");
            useDnsResolvers(dns.address());
            startConsole(true);
            WaitForAsyncUtils.waitFor(300, TimeUnit.SECONDS, () -> showing("#main-window") && showing("#nav-domains"));
            var s = services();
            var tx = s.store().transactions();
            TenantId able = tx.inTransaction(() -> new JooqTenantStore(tx).findByNameKey(Text.key("Able Moose Group")))
                    .orElseThrow()
                    .id();
            var owner = tx.inTransaction(() -> new JooqUserStore(tx, java.time.Clock.systemUTC())
                            .findByEmailKey(Text.key(DemoData.OWNER_EMAIL)))
                    .orElseThrow();
            s.connections()
                    .createApi(
                            Actor.of(new Principal(owner.id(), owner.name())),
                            able,
                            new ApiConnectionDraft(
                                    "Able Moose on MailerSend",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.MAILERSEND_API,
                                    Optional.of(Secret.of("mlsn.flowtokenflowtokenflowtokenflowtoken0001")),
                                    Optional.empty(),
                                    Optional.of(stub.baseUrl()),
                                    2,
                                    0));

            clickOn("#nav-domains");
            waitUntil(() -> showing("#add-domain"));
            clickOn("#add-domain");
            waitUntil(() -> showing("#domain-name"));
            type("#domain-name", "hellomoose.com");
            waitUntil(() -> text("#domain-name-hint").contains("hellomoose.com"));
            clickOn("#wizard-next");
            waitUntil(() -> showing("#spf-term"));
            clickOn("#wizard-next");
            waitUntil(() -> showing("#wizard-step-records") && showing("#provider-create") && !showing("#wizard-busy"));
            assertThat(text("#provider-create")).isEqualTo("Create at MailerSend");

            clickOn("#provider-create");
            waitUntil(() -> showing("#provider-verify") && showing("#provider-status") && !showing("#wizard-busy"));
            waitUntil(() -> text("#record-host-dkim").equals("mlsend._domainkey.hellomoose.com"));
            assertThat(text("#record-expected-return-path")).isEqualTo("mailersend.net");
            assertThat(text("#provider-status")).isEqualTo("MailerSend: not verified yet.");

            clickOn("#provider-verify");
            waitUntil(() -> text("#provider-status").contains("DKIM") && !showing("#wizard-busy"));
            assertThat(text("#provider-status"))
                    .isEqualTo("MailerSend: not verified yet (SPF, DKIM, Return path, Tracking not verified).");
            assertThat(text("#provider-our-check")).startsWith("Mailroom's DNS check: 0 of ");
            assertThat(lookup(n -> n instanceof Labeled l
                                    && l.getText() != null
                                    && l.getText().contains("flowtoken"))
                            .tryQuery())
                    .isEmpty();
            saveScreen("target/screenshots/domain-wizard-provider.png");

            // Domains › Import from provider…: the account's domain the client lacks, imported with its records.
            clickOn("#wizard-cancel");
            waitUntil(() -> showing("#import-from-provider") && showing("#domains-table"));
            waitUntil(() -> rows("#domains-table").size() == 3);
            stub.on(
                    "GET",
                    "/v1/domains/jpzkmgq7e5vl059v/dns-records",
                    r -> Recorded.mailerSend("DomainsTest_DomainDnsRecordsTest()", 200));
            stub.on(
                    "GET",
                    "/v1/domains/jpzkmgq7e5vl059v",
                    r -> Recorded.mailerSend("DomainsTest_SingleDomainTest()", 200));
            clickOn("#import-from-provider");
            waitUntil(() -> lookup("#import-jpzkmgq7e5vl059v").tryQuery().isPresent());
            assertThat(text("#import-status")).isEqualTo("1 of 1 domains at MailerSend are not this client's yet.");
            dialogSnapshot("#import-rows", "target/screenshots/domain-import-from-provider.png");
            clickOn("#import-jpzkmgq7e5vl059v");
            waitUntil(() -> text("#import-status").startsWith("test-sdk.com is now a sending domain"));
            clickDialogButton("Close");
            waitUntil(() -> rows("#domains-table").size() == 4);
            assertThat(stub.requests())
                    .extracting(r -> r.method() + " " + r.path())
                    .contains("POST /v1/domains", "GET /v1/domains/" + ID + "/verify");
        }
    }

    /** A picture of the dialog holding {@code query}, for a person to look at. */
    private void dialogSnapshot(String query, String file) throws Exception {
        javafx.scene.image.WritableImage[] img = new javafx.scene.image.WritableImage[1];
        interact(() -> img[0] = lookup(query).query().getScene().snapshot(null));
        java.nio.file.Files.createDirectories(java.nio.file.Path.of(file).getParent());
        javax.imageio.ImageIO.write(
                javafx.embed.swing.SwingFXUtils.fromFXImage(img[0], null), "png", new java.io.File(file));
    }

    /** The recorded answer, for the domain added here. */
    private static ApiStub.Reply renamed(ApiStub.Reply r) {
        return ApiStub.Reply.of(
                r.status(),
                r.headers(),
                r.body().replace("domain-to-add.com", "hellomoose.com").replace("test-sdk.com", "hellomoose.com"));
    }
}
