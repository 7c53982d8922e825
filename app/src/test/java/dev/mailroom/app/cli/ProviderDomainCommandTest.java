package dev.mailroom.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.app.domains.SendGridDomainReplies;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mailroom domains provider …} in-process over a real H2 store and a loopback SendGrid: list the
 * account's domains, create the client's domain there with its records, verify (exit 7 until SendGrid says
 * verified), import one, unlink; refusals in words with their exit codes.
 */
class ProviderDomainCommandTest {
    private static final String OWNER = CommandLineTest.OWNER;
    private static final String PASSWORD = CommandLineTest.OWNER_PASSWORD;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACME_NEWS = SendGridDomainReplies.other("302184", "acme-news.com");

    @TempDir
    Path dir;

    private ApiStub stub;
    private CliRun owner;

    @BeforeEach
    void setUp() throws Exception {
        stub = ApiStub.unchecked();
        CommandLineTest.seed(dir, null);
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            Services s = Services.create(store, Clock.systemUTC());
            Actor ana = s.signIn().signIn(OWNER, PASSWORD.toCharArray()).actor();
            Tenant acme = s.tenants().list(ana).get(0);
            s.connections()
                    .createApi(
                            ana,
                            acme.id(),
                            new ApiConnectionDraft(
                                    "Acme on SendGrid",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.SENDGRID_API,
                                    Optional.of(Secret.of("SG.cli-domains-key.abcdefghijklmnopqrstuvwxyz")),
                                    Optional.empty(),
                                    Optional.of(stub.baseUrl()),
                                    2,
                                    0));
            s.domains()
                    .add(
                            ana,
                            acme.id(),
                            "acme-mail.com",
                            RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                            Set.of(DkimAlgorithm.ED25519));
        }
        owner = new CliRun(dir).as(OWNER, PASSWORD);
    }

    @AfterEach
    void tearDown() {
        stub.close();
    }

    @Test
    void aDomainIsCreatedAtSendGridVerifiedImportedAndUnlinked() throws Exception {
        SendGridDomainReplies.serveAcmeMail(stub, "[" + ACME_NEWS + "]");
        stub.on("GET", "/v3/whitelabel/domains/302184", r -> ApiStub.Reply.json(200, ACME_NEWS));

        CliRun.Result list = owner.run(
                "domains", "provider", "list", "--client", "Acme Shop", "--connection", "Acme on SendGrid", "--json");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode rows = JSON.readTree(list.out());
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("id").asText()).isEqualTo("302184");
        assertThat(rows.get(0).get("here").asText()).isEqualTo("not yet");

        CliRun.Result created = owner.run(
                "domains",
                "provider",
                "create",
                "acme-mail.com",
                "--client",
                "Acme Shop",
                "--connection",
                "Acme on SendGrid");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(created.out())
                .startsWith("acme-mail.com is linked to acme-mail.com at SendGrid with 3 records in its plan.");
        // SendGrid's records are what the hand-off now says to publish.
        CliRun.Result records = owner.run("domains", "records", "acme-mail.com", "--client", "Acme Shop");
        assertThat(records.out()).contains("s1.domainkey.u7.wl.sendgrid.net");

        CliRun.Result verify =
                owner.run("domains", "provider", "verify", "acme-mail.com", "--client", "Acme Shop", "--json");
        assertThat(verify.code()).as("not verified yet").isEqualTo(ExitCode.NOT_ALL_GOOD);
        assertThat(JSON.readTree(verify.out()).get("status").asText())
                .isEqualTo(SendGridDomainReplies.VALIDATED_BUT_RETURN_PATH_WORDS);

        CliRun.Result imported = owner.run(
                "domains", "provider", "import", "302184", "--client", "Acme Shop", "--connection", "Acme on SendGrid");
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("acme-news.com is a sending domain of Acme Shop, linked to SendGrid");
        CliRun.Result domains = owner.run("domains", "list", "--client", "Acme Shop", "--json");
        assertThat(JSON.readTree(domains.out()))
                .extracting(d -> d.get("domain").asText())
                .containsExactlyInAnyOrder("acme-mail.com", "acme-news.com");

        int calls = stub.requests().size();
        CliRun.Result unlinked = owner.run("domains", "provider", "unlink", "acme-mail.com", "--client", "Acme Shop");
        assertThat(unlinked.code()).as(unlinked.err()).isZero();
        assertThat(stub.requests()).as("nothing deleted at SendGrid").hasSize(calls);
        CliRun.Result again = owner.run("domains", "records", "acme-mail.com", "--client", "Acme Shop");
        assertThat(again.out())
                .doesNotContain("sendgrid.net")
                .contains("._domainkey 3600 IN TXT   \"v=DKIM1; k=ed25519;");
        CliRun.Result twice = owner.run("domains", "provider", "unlink", "acme-mail.com", "--client", "Acme Shop");
        assertThat(twice.code()).isEqualTo(ExitCode.INVALID);
        assertThat(twice.err()).contains("acme-mail.com is not linked to a domain at a provider.");

        try (Store store = Store.open(StoreConfig.h2(dir))) {
            JooqTransactions tx = store.transactions();
            List<AuditEntry> trail = tx.inTransaction(new JooqAuditStore(tx)::all);
            assertThat(trail)
                    .extracting(AuditEntry::action)
                    .contains(
                            "provider-domain.created",
                            "provider-domain.verify-asked",
                            "provider-domain.imported",
                            "provider-domain.unlinked");
        }
    }

    @Test
    void refusalsAreSaidInWordsWithTheirExitCodes() {
        stub.on(
                "GET",
                "/v3/whitelabel/domains",
                r -> ApiStub.Reply.json(403, "{\"errors\":[{\"field\":null,\"message\":\"access forbidden\"}]}"));

        CliRun.Result refused =
                owner.run("domains", "provider", "list", "--client", "Acme Shop", "--connection", "Acme on SendGrid");
        assertThat(refused.code()).isEqualTo(ExitCode.EXTERNAL);
        assertThat(refused.err()).contains("whitelabel.read");

        CliRun.Result noSuch =
                owner.run("domains", "provider", "list", "--client", "Acme Shop", "--connection", "Nope");
        assertThat(noSuch.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(noSuch.err()).contains("Acme Shop has no connection \"Nope\".");

        CliRun.Result notLinked = owner.run("domains", "provider", "verify", "acme-mail.com", "--client", "Acme Shop");
        assertThat(notLinked.code()).isEqualTo(ExitCode.INVALID);
        assertThat(notLinked.err()).contains("is not linked to a domain at a provider: create it there first.");
    }
}
