package dev.mailroom.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in-process over a real H2 store, a DNS responder on loopback and GreenMail: each
 * command's output and exit code, permission refusals, bad arguments and sign-in failures.
 */
class CommandLineTest {
    static final String OWNER = "ana@brightwave.example";
    static final String OWNER_PASSWORD = "owner-password-1";
    static final String ANALYST = "kim@brightwave.example";
    static final String ANALYST_PASSWORD = "analyst-password-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @TempDir
    Path files;

    private TestDnsServer dns;
    private GreenMail smtp;
    private CliRun owner;

    @BeforeEach
    void setUp() throws Exception {
        dns = TestDnsServer.start();
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        seed(dir, dns.address());
        owner = new CliRun(dir).as(OWNER, OWNER_PASSWORD);
    }

    @AfterEach
    void tearDown() {
        smtp.stop();
        dns.close();
    }

    /** What the console's first run and screens would have made: the agency, one client, an analyst, a template. */
    static void seed(Path dataDir, String resolver) throws Exception {
        UiSettings ui = UiSettings.load(dataDir);
        if (resolver != null) {
            ui.put("dns.resolvers", resolver);
            ui.saveOrThrow();
        }
        try (Store store = Store.open(StoreConfig.h2(dataDir))) {
            seed(Services.create(store, Clock.systemUTC()));
        }
    }

    static void seed(Services s) {
        char[] pw = OWNER_PASSWORD.toCharArray();
        Actor ana = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", OWNER, pw, pw))
                .actor();
        Tenant acme = s.tenants()
                .create(
                        ana,
                        new TenantDraft(
                                "Acme Shop",
                                "#2563EB",
                                "Morgan Lee",
                                "morgan@acme.example",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        var kim = s.users()
                .create(
                        ana,
                        new UserDraft(
                                "Kim Analyst",
                                ANALYST,
                                StaffKind.AGENCY,
                                Optional.empty(),
                                "first-password-1".toCharArray()));
        s.users().setRoles(ana, kim.user().id(), acme.id(), Set.of(Role.ANALYTICS));
        Actor kimActor =
                s.signIn().signIn(ANALYST, "first-password-1".toCharArray()).actor();
        s.signIn()
                .changePassword(
                        kimActor,
                        "first-password-1".toCharArray(),
                        ANALYST_PASSWORD.toCharArray(),
                        ANALYST_PASSWORD.toCharArray());
        s.templates()
                .create(
                        ana,
                        TemplateOwner.tenant(acme.id()),
                        new TemplateDraft(
                                "Order shipped",
                                TemplateKind.PASSWORD_RESET,
                                TemplateContent.of(
                                        "Order {{order.number}} is on its way",
                                        "<p>Hello {{customer.firstName}}, order {{order.number}} has shipped.</p>",
                                        "{\"customer\":{\"firstName\":\"Jordan\"},\"order\":{\"number\":\"A-1\"}}")));
    }

    @Test
    void tenantsAreListedAddedAndArchivedWithTextAndJson() throws Exception {
        CliRun.Result added = owner.run(
                "tenants", "add", "Globex", "--contact", "Hank Scorpio", "--contact-email", "hank@globex.example");
        assertThat(added.code()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("Added client Globex (id ");

        CliRun.Result list = owner.run("tenants", "list", "--json");
        assertThat(list.code()).isZero();
        JsonNode rows = JSON.readTree(list.out());
        assertThat(rows).extracting(r -> r.get("name").asText()).containsExactly("Acme Shop", "Globex");

        CliRun.Result text = owner.run("tenants", "list");
        assertThat(text.out().lines().findFirst().orElseThrow())
                .startsWith("id")
                .contains("name", "status");
        assertThat(text.out()).contains("Globex", "hank@globex.example");

        CliRun.Result archived = owner.run("--json", "tenants", "archive", "globex");
        assertThat(archived.code()).isZero();
        assertThat(JSON.readTree(archived.out()).get("status").asText()).isEqualTo("archived");

        CliRun.Result again = owner.run("tenants", "add", "Globex");
        assertThat(again.code()).isEqualTo(ExitCode.INVALID);
        assertThat(again.err().lines()).hasSize(1);
    }

    @Test
    void theUseCasesRefuseWhatARoleDoesNotAllowAndTheRefusalIsTheExitCode() {
        CliRun analyst = new CliRun(dir).as(ANALYST, ANALYST_PASSWORD);
        CliRun.Result add = analyst.run("tenants", "add", "Initech");
        assertThat(add.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(add.err()).isEqualTo("mailroom: Only the agency owner may do that." + System.lineSeparator());

        CliRun.Result domain = analyst.run("domains", "add", "acme-shop.com", "--client", "Acme Shop");
        assertThat(domain.code()).as(domain.err()).isEqualTo(ExitCode.REFUSED);
        assertThat(domain.err()).contains("does not allow that");

        CliRun.Result visible = analyst.run("--json", "tenants", "list");
        assertThat(visible.code()).isZero();
        assertThat(visible.out()).contains("Acme Shop");

        CliRun.Result hidden = analyst.run("domains", "list", "--client", "Nobody Inc");
        assertThat(hidden.code()).isEqualTo(ExitCode.REFUSED);
        assertThat(hidden.err()).contains("No client \"Nobody Inc\"");
    }

    @Test
    void signInNeedsTheRightPasswordFromTheEnvironmentNeverAnArgument() {
        CliRun.Result wrong = new CliRun(dir).as(OWNER, "not-it").run("tenants", "list");
        assertThat(wrong.code()).isEqualTo(ExitCode.SIGN_IN);
        assertThat(wrong.err()).contains("Wrong email or password.");

        CliRun.Result none = new CliRun(dir).env("MAILROOM_USER", OWNER).run("tenants", "list");
        assertThat(none.code()).isEqualTo(ExitCode.SIGN_IN);
        assertThat(none.err()).contains("MAILROOM_PASSWORD");

        CliRun.Result asArgument = owner.run("tenants", "list", "--password", "owner-password-1");
        assertThat(asArgument.code()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void badArgumentsGiveOneClearLineAndExitTwo() {
        for (String[] args : List.of(
                new String[] {"tenants", "frobnicate"},
                new String[] {"domains", "add", "acme-shop.com"},
                new String[] {"connections", "add", "Relay", "--client", "Acme Shop", "--host", "h", "--port", "many"},
                new String[] {"domains", "records", "x.example", "--client", "Acme Shop", "--format", "yaml"},
                new String[] {})) {
            CliRun.Result r = owner.run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCode.USAGE);
            assertThat(r.err().lines()).as(r.err()).hasSize(1);
            assertThat(r.out()).isEmpty();
        }
        CliRun.Result missing = owner.run("domains", "add", "acme-shop.com");
        assertThat(missing.err())
                .contains("Missing required option: '--client=CLIENT'")
                .contains("--help");
    }

    @Test
    void everyCommandHasHelp() {
        // Walks the command tree itself, so a command added later is covered without editing this list.
        List<String> commands = new ArrayList<>();
        collect(
                MailroomCli.commandLine(new CliContext(
                        Map.of(),
                        new java.io.PrintWriter(java.io.Writer.nullWriter()),
                        new java.io.PrintWriter(java.io.Writer.nullWriter()),
                        PasswordPrompt.none(),
                        java.time.Clock.systemUTC(),
                        false)),
                "",
                commands);
        assertThat(commands).as("the walk finds the commands").contains("tenants list", "send", "audit export");
        for (String command : commands) {
            List<String> args = new ArrayList<>(command.isEmpty() ? List.of() : List.of(command.split(" ")));
            args.add("--help");
            CliRun.Result r = new CliRun(dir).run(args.toArray(String[]::new));
            assertThat(r.code()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: mailroom" + (command.isEmpty() ? "" : " " + command));
            if (!command.isEmpty()) {
                String[] usage = r.out().split("\n");
                assertThat(usage.length).as(command + " says what it does").isGreaterThan(1);
                assertThat(usage[1].strip()).as(command + " has a description").isNotEmpty();
            }
        }
    }

    private static void collect(picocli.CommandLine cl, String prefix, List<String> into) {
        into.add(prefix);
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help") && sub.getCommandName().equals(name)) { // aliases are listed once
                collect(sub, prefix.isEmpty() ? name : prefix + " " + name, into);
            }
        });
    }

    @Test
    void aTenantIsOnboardedEndToEnd() throws Exception {
        Path recipients = files.resolve("recipients.csv");
        Files.writeString(
                recipients,
                "email,customer.firstName,order.number\npriya@example.net,Priya,A-17\nlee@example.net,Lee,A-18\n",
                StandardCharsets.UTF_8);

        assertThat(owner.run("domains", "add", "acme-shop.com", "--client", "Acme Shop")
                        .code())
                .isZero();

        CliRun.Result bind = owner.run("domains", "records", "acme-shop.com", "--client", "Acme Shop");
        assertThat(bind.code()).isZero();
        assertThat(bind.out()).contains("_domainkey", "IN TXT", "_dmarc");
        CliRun.Result csv =
                owner.run("domains", "records", "acme-shop.com", "--client", "Acme Shop", "--format", "csv");
        assertThat(csv.out().lines().findFirst().orElseThrow()).containsIgnoringCase("type");

        CliRun.Result before = owner.run("domains", "check", "acme-shop.com", "--client", "Acme Shop");
        assertThat(before.code()).as(before.out() + before.err()).isEqualTo(ExitCode.NOT_ALL_GOOD);

        JsonNode plan =
                JSON.readTree(owner.run("--json", "domains", "records", "acme-shop.com", "--client", "Acme Shop")
                        .out());
        publish(dns, plan);
        CliRun.Result after = owner.run("domains", "check", "acme-shop.com", "--client", "Acme Shop");
        assertThat(after.code()).as(after.out()).isZero();
        assertThat(after.out()).contains("every required record is in place");
        CliRun.Result sign = owner.run("domains", "sign", "acme-shop.com", "--client", "Acme Shop");
        assertThat(sign.code()).as(sign.err()).isZero();

        CliRun.Result relay = owner.run(
                "connections",
                "add",
                "Local relay",
                "--client",
                "Acme Shop",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(smtp.getSmtp().getPort()),
                "--security",
                "PLAIN_LOCALHOST_ONLY",
                "--helo",
                "mail.brightwave.example");
        assertThat(relay.code()).as(relay.err()).isZero();
        CliRun.Result test = owner.run("--json", "connections", "test", "Local relay", "--client", "Acme Shop");
        assertThat(test.code()).as(test.out() + test.err()).isZero();
        assertThat(JSON.readTree(test.out()).get("ok").asBoolean()).isTrue();

        Path result = files.resolve("result.csv");
        Path program = Files.write(files.resolve("setup.exe"), new byte[] {'M', 'Z'});
        CliRun.Result refused = owner.run(
                "send",
                "--client",
                "Acme Shop",
                "--template",
                "Order shipped",
                "--connection",
                "Local relay",
                "--from",
                "orders@acme-shop.com",
                "--csv",
                recipients.toString(),
                "--attach",
                program.toString());
        assertThat(refused.code()).isNotZero();
        assertThat(refused.err()).contains("setup.exe");
        assertThat(smtp.getReceivedMessages()).isEmpty();
        Path slip = Files.write(files.resolve("packing slip.pdf"), "%PDF-1.4 slip".getBytes(StandardCharsets.US_ASCII));
        CliRun.Result send = owner.run(
                "send",
                "--client",
                "Acme Shop",
                "--template",
                "Order shipped",
                "--connection",
                "Local relay",
                "--from",
                "orders@acme-shop.com",
                "--csv",
                recipients.toString(),
                "--attach",
                slip.toString(),
                "--result",
                result.toString());
        assertThat(send.code()).as(send.out() + send.err()).isZero();
        assertThat(send.out().lines().findFirst()).hasValue("Sent 2 of 2. Result: " + result);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).startsWith("Order A-1");
        jakarta.mail.internet.MimeMultipart mixed =
                (jakarta.mail.internet.MimeMultipart) smtp.getReceivedMessages()[0].getContent();
        assertThat(mixed.getBodyPart(mixed.getCount() - 1).getFileName()).isEqualTo("packing slip.pdf");
        assertThat(Files.readAllLines(result)).first().isEqualTo("address,state,note");
        assertThat(Files.readAllLines(result).subList(1, 3))
                .extracting(l -> l.substring(0, l.indexOf(",Sent,")))
                .containsExactly("priya@example.net", "lee@example.net");

        CliRun.Result audit = owner.run("--json", "audit", "export", "--client", "Acme Shop");
        assertThat(audit.code()).isZero();
        assertThat(JSON.readTree(audit.out()))
                .extracting(e -> e.get("action").asText())
                .contains("domain.added", "connection.created");
        assertThat(JSON.readTree(audit.out()))
                .allSatisfy(e -> assertThat(e.get("actor").asText()).isIn("Ana Owner", ""));
    }

    @Test
    void suppressionsAreImportedAndExportedAsTheConsoleDoes() throws Exception {
        assertThat(owner.run("domains", "add", "acme-shop.com", "--client", "Acme Shop")
                        .code())
                .isZero();
        Path in = files.resolve("bad-addresses.csv");
        Files.writeString(in, "email\nold@example.net\nnot an address\ngone@example.net\n", StandardCharsets.UTF_8);
        CliRun.Result imported = owner.run(
                "suppressions", "import", in.toString(), "--client", "Acme Shop", "--domain", "acme-shop.com");
        assertThat(imported.code()).isEqualTo(ExitCode.NOT_ALL_GOOD);
        assertThat(imported.out()).contains("Imported 2 address(es)", "1 row(s) skipped");
        assertThat(imported.err()).contains("line 3: Not an address: ");
        // Imported again: the entries stay as they were (the console's use case), and the bad row is said again.
        CliRun.Result again = owner.run(
                "suppressions", "import", in.toString(), "--client", "Acme Shop", "--domain", "acme-shop.com");
        assertThat(again.out()).contains("Imported 0 address(es)", "2 already on the list", "1 row(s) skipped");

        Path out = files.resolve("export.csv");
        CliRun.Result exported = owner.run(
                "suppressions",
                "export",
                "--client",
                "Acme Shop",
                "--domain",
                "acme-shop.com",
                "--output",
                out.toString());
        assertThat(exported.code()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("email,reason,since,until,note");
        assertThat(lines).hasSize(3).anySatisfy(l -> assertThat(l).startsWith("gone@example.net,"));
    }

    /** Publishes the planned records in the test DNS, as the client's IT would. */
    static void publish(TestDnsServer dns, JsonNode plan) {
        for (JsonNode r : plan.get("records")) {
            String host = r.get("host").asText();
            String value = r.get("value").asText();
            switch (r.get("type").asText()) {
                case "TXT" -> {
                    List<String> chunks = new ArrayList<>();
                    for (int i = 0; i < value.length(); i += 255) {
                        chunks.add(value.substring(i, Math.min(value.length(), i + 255)));
                    }
                    dns.addTxt(host, chunks.toArray(String[]::new));
                }
                case "CNAME" -> dns.cname(host, value);
                default -> {}
            }
        }
    }
}
