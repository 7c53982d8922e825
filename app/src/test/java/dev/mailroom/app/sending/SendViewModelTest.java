package dev.mailroom.app.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DkimKeyInfo;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.domains.AesGcmSecretVault;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The send dialog's view model without a window, on a real H2 store: a template picked, the CSV's
 * columns mapped to its variables (the missing ones named), the preview per recipient with the brand
 * kit, problems shown per field and cleared as they are fixed, and one personalised message per
 * recipient queued in the outbox.
 */
public class SendViewModelTest {
    public static final String DOMAIN = "ablemoose-mail.com";
    static final String CSV = "email,first_name,order\n"
            + "jordan@example.net,Jordan,A-1001\n"
            + "priya@example.net,Priya,A-1002\n"
            + "sam@example.net,Sam,A-1003\n";

    @TempDir
    Path dir;

    private Store store;
    private Services services;
    private Actor owner;
    private TenantId tenant;
    private final List<Runnable> later = new ArrayList<>();

    @BeforeEach
    void open() {
        store = Backend.H2.open(dir);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-20T09:00:00Z"));
        services = Services.create(store, clock);
        char[] pw = "owner-password".toCharArray();
        owner = services.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        tenant = services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Able Moose Group",
                                "#2563EB",
                                "Morgan Lee",
                                "morgan@ablemoose.example",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED))
                .id();
        services.connections()
                .create(
                        owner,
                        tenant,
                        new ConnectionDraft(
                                "Local relay",
                                SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                2525,
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mail.brightwave.example",
                                1,
                                0));
        signingDomain(services, owner, tenant);
        BrandKit kit = BrandKit.neutral("Able Moose").withLogo(Optional.of(Logo.of(TestImages.png())));
        services.templates().saveBrandKit(owner, tenant, kit);
        services.templates()
                .create(
                        owner,
                        TemplateOwner.tenant(tenant),
                        new TemplateDraft(
                                "Order shipped",
                                TemplateKind.PASSWORD_RESET,
                                TemplateContent.of(
                                        "Order {{order.number}} is on its way",
                                        "<p>{{#if brand.logo}}<img src=\"{{brand.logo}}\" alt=\"logo\">{{/if}}</p>"
                                                + "<p>Hello {{customer.firstName}}, order {{order.number}} has shipped.</p>",
                                        "{\"customer\":{\"firstName\":\"Jordan\"},\"order\":{\"number\":\"A-1\"}}")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A domain whose RSA key signs (DNS is not reached). */
    public static void signingDomain(Services s, Actor actor, TenantId tenant) {
        var tx = s.store().transactions();
        JooqDomainStore domains = new JooqDomainStore(tx);
        DomainService service = new DomainService(
                domains,
                new JooqTenantStore(tx),
                s.access(),
                s.audit(),
                tx,
                s.clock(),
                AesGcmSecretVault.open(s.store().config().dataDir()),
                new DkimKeyGenerator(s.clock(), new SecureRandom()),
                (name, type) -> {
                    throw new AssertionError("no DNS in this test");
                });
        DomainService.DomainView view = service.add(
                actor,
                tenant,
                DOMAIN,
                RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                Set.of());
        DkimKeyInfo key = view.keys().get(0);
        tx.run(() -> domains.setKeyState(
                tenant, view.domain().id(), key.selector(), DkimKeyState.SIGNING, Optional.empty()));
    }

    private SendViewModel vm() {
        SendViewModel vm = new SendViewModel(
                new SendViewModel.UseCases(
                        services.connections(),
                        services.sendingDomains()::names,
                        services.send(),
                        services.templateSend(),
                        services.outboxes()),
                owner,
                tenant,
                BackgroundRunner.synchronous(),
                services.clock(),
                () -> {},
                later::add);
        vm.load();
        return vm;
    }

    private static void pick(SendViewModel vm, String name) {
        vm.template()
                .set(vm.templates().stream()
                        .filter(c -> c.template().name().equals(name))
                        .findFirst()
                        .orElseThrow());
    }

    @Test
    void loadsTheChoicesAndProposesAFromAddressAtTheDomain() {
        SendViewModel vm = vm();
        assertThat(vm.connection().get().name()).isEqualTo("Local relay");
        assertThat(vm.domain().get()).isEqualTo(DOMAIN);
        assertThat(vm.from().get()).isEqualTo("hello@" + DOMAIN);
        assertThat(vm.fromTemplate().get()).isTrue();
        assertThat(vm.templates()).extracting(c -> c.label()).contains("Order shipped");
    }

    @Test
    void namesTheVariablesNoColumnFillsAndMapsTheOnesNamedAlike() {
        SendViewModel vm = vm();
        pick(vm, "Order shipped");
        assertThat(vm.mappings())
                .extracting(m -> m.variable().name())
                .containsExactlyInAnyOrder("order.number", "customer.firstName");
        assertThat(vm.missingVariables().get()).contains("{{order.number}}", "{{customer.firstName}}");

        vm.useCsv(
                "orders.csv",
                RecipientCsv.parse(dev.mailroom.app.common.Csv.read(
                        "orders.csv", CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        // "first_name" fills customer.firstName by its last part; "order" is not order.number.
        assertThat(mapping(vm, "customer.firstName").column().get()).isEqualTo("first_name");
        assertThat(mapping(vm, "order.number").column().get()).isEmpty();
        assertThat(vm.missingVariables().get()).contains("{{order.number}}").doesNotContain("customer.firstName");

        mapping(vm, "order.number").column().set("order");
        assertThat(vm.missingVariables().get()).isEmpty();
        assertThat(vm.recipientCount().get()).isEqualTo(3);
    }

    @Test
    void readsARecipientFileAsExcelWritesItAndListsAHostileFilesBadRows() throws Exception {
        SendViewModel vm = vm();
        pick(vm, "Order shipped");
        // Excel "CSV" in a semicolon locale, Windows-1252: a formula instead of an address, a quote left open.
        Path file = dir.resolve("orders.csv");
        Files.write(
                file,
                ("email;first_name;order\r\n"
                                + "jordan@example.net;Jörg;A-1001\r\n"
                                + "=HYPERLINK(\"http://evil\");Evil;A-666\r\n"
                                + "sam..lee@example.net;Sam;A-1003\r\n"
                                + "priya@example.net;\"Priya;A-1002\r\n")
                        .getBytes(java.nio.charset.Charset.forName("windows-1252")));
        vm.loadCsv(file);
        assertThat(vm.recipientCount().get()).isEqualTo(1);
        assertThat(vm.csvSummary().get())
                .isEqualTo("orders.csv: 1 recipient(s), columns first_name, order; 3 row(s) cannot be used and are "
                        + "left out:");
        // Each with its line and the address checker's reason, before anything is queued.
        assertThat(vm.csvErrors()).hasSize(3);
        assertThat(vm.csvErrors().get(0))
                .startsWith("Line 3: Not an address: ")
                .contains("It looks like a spreadsheet formula.")
                .endsWith(" — =HYPERLINK(\"http://evil\"), Evil, A-666");
        // A row the loose check of old let through (and the relay would have refused) is left out, in words.
        assertThat(vm.csvErrors().get(1)).startsWith("Line 4: Not an address: ").contains("sam..lee@example.net");
        assertThat(vm.csvErrors().get(2)).startsWith("Line 5: A quote is opened and never closed");
        assertThat(vm.recipients()).extracting(r -> r.address()).containsExactly("jordan@example.net");
        // Binary data: a message, no recipients taken.
        Path zip = dir.resolve("list.csv");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        vm.loadCsv(zip);
        assertThat(vm.csvSummary().get())
                .startsWith("Could not read list.csv: ")
                .contains("binary data");
    }

    @Test
    void aReadFileIsHandedOverForTheFullCheckAndItsUndeliverableRowsLeaveTheSend() {
        SendViewModel vm = vm();
        pick(vm, "Order shipped");
        List<String> handed = new ArrayList<>();
        vm.setOnCsvLoaded((name, addresses) -> {
            handed.add(name);
            handed.addAll(addresses);
        });
        vm.useCsv(
                "orders.csv",
                RecipientCsv.parse(dev.mailroom.app.common.Csv.read(
                        "orders.csv", CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(handed).containsExactly("orders.csv", "jordan@example.net", "priya@example.net", "sam@example.net");

        vm.dropCsvRecipients(java.util.Set.of("priya@example.net"));

        assertThat(vm.recipientCount().get()).isEqualTo(2);
        assertThat(vm.recipients())
                .extracting(r -> r.address())
                .containsExactly("jordan@example.net", "sam@example.net");
        assertThat(vm.csvSummary().get()).endsWith(" 1 undeliverable recipient taken out; 2 left.");
    }

    @Test
    void previewsEachRecipientWithTheBrandKitsLogo() {
        SendViewModel vm = vm();
        pick(vm, "Order shipped");
        vm.useCsv(
                "orders.csv",
                RecipientCsv.parse(dev.mailroom.app.common.Csv.read(
                        "orders.csv", CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        mapping(vm, "order.number").column().set("order");

        assertThat(vm.previewSubject().get()).isEqualTo("Order A-1001 is on its way");
        assertThat(vm.previewHtml().get()).contains("Hello Jordan").contains("src=\"data:image/png;base64,");
        assertThat(vm.previewRecipient().get()).contains("jordan@example.net").contains("1 of 3");

        vm.nextRow();
        assertThat(vm.previewHtml().get()).contains("Hello Priya");
        vm.chooseRow(3);
        assertThat(vm.previewSubject().get()).isEqualTo("Order A-1003 is on its way");
        vm.chooseRow(9); // no such row: stays
        assertThat(vm.previewRow().get()).isEqualTo(2);
        vm.nextRow(); // wraps to the first
        assertThat(vm.previewHtml().get()).contains("Hello Jordan");
        vm.firstRow();
        assertThat(vm.previewRow().get()).isZero();
    }

    @Test
    void aMissingVariableKeepsTheSendBackAndTheProblemGoesAsItIsFixed() {
        SendViewModel vm = vm();
        pick(vm, "Order shipped");
        vm.useCsv(
                "orders.csv",
                RecipientCsv.parse(dev.mailroom.app.common.Csv.read(
                        "orders.csv", CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8))));

        vm.send();
        assertThat(vm.errors().get("variables")).contains("{{order.number}}");
        assertThat(vm.results()).isEmpty();

        // Validated as the person types after the first attempt: a bad From shows, then clears.
        vm.from().set("not an address");
        assertThat(vm.errors().get("from")).isNotEmpty();
        vm.from().set("hello@" + DOMAIN);
        assertThat(vm.errors().get("from")).isEmpty();
        mapping(vm, "order.number").value().set("(same for all)");
        assertThat(vm.errors().get("variables")).isEmpty();
        assertThat(vm.errors().isEmpty()).isTrue();
    }

    @Test
    void queuesOneRenderedMessagePerRecipient() {
        SendViewModel vm = vm();
        pick(vm, "Order shipped");
        vm.useCsv(
                "orders.csv",
                RecipientCsv.parse(dev.mailroom.app.common.Csv.read(
                        "orders.csv", CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        mapping(vm, "order.number").column().set("order");

        vm.send();

        assertThat(vm.errors().isEmpty()).as(vm.errors().asMap().toString()).isTrue();
        assertThat(vm.sent().get()).isTrue();
        assertThat(vm.results())
                .extracting(SendResultRow::recipient)
                .containsExactly("jordan@example.net", "priya@example.net", "sam@example.net");
        List<OutboxMessage> queued = services.outboxes().list(owner, tenant, Optional.empty());
        assertThat(queued).hasSize(3);
        OutboxMessage priya = queued.stream()
                .filter(m -> m.to().equals("priya@example.net"))
                .findFirst()
                .orElseThrow();
        assertThat(priya.subject()).isEqualTo("Order A-1002 is on its way");
        assertThat(priya.htmlBody().orElseThrow())
                .contains("Hello Priya, order A-1002 has shipped.")
                .contains("cid:");
        assertThat(priya.textBody()).contains("Hello Priya");
        assertThat(vm.watching().get()).isTrue();
        assertThat(later).hasSize(1);
    }

    @Test
    void attachedFilesGoWithEveryRecipientsMessageAndAProgramIsRefusedBeforeItIsRead() throws Exception {
        SendViewModel vm = vm();
        pick(vm, "Order shipped");
        vm.useCsv(
                "orders.csv",
                RecipientCsv.parse(dev.mailroom.app.common.Csv.read(
                        "orders.csv", CSV.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        mapping(vm, "order.number").column().set("order");
        Path pdf = Files.write(dir.resolve("Lieferschein März.pdf"), "%PDF-1.4 slip".getBytes());
        Path exe = Files.write(dir.resolve("tracker.exe"), new byte[] {'M', 'Z'});

        vm.attach(List.of(pdf, exe));
        assertThat(vm.attachProblem().get()).contains("tracker.exe").contains("refuse");
        assertThat(vm.attachments()).as("none of a refused batch is attached").isEmpty();

        vm.attach(List.of(pdf));
        assertThat(vm.attachProblem().get()).isEmpty();
        assertThat(vm.attachments()).extracting(a -> a.filename()).containsExactly("Lieferschein März.pdf");
        assertThat(vm.attachmentsSummary().get()).startsWith("1 file, 13 bytes");
        vm.attach(List.of(pdf));
        assertThat(vm.attachProblem().get()).contains("twice");
        assertThat(vm.attachments()).hasSize(1);

        vm.send();

        assertThat(vm.errors().isEmpty()).as(vm.errors().asMap().toString()).isTrue();
        List<OutboxMessage> queued = services.outboxes().list(owner, tenant, Optional.empty());
        assertThat(queued)
                .hasSize(3)
                .allSatisfy(m -> assertThat(m.attachments())
                        .extracting(a -> a.filename())
                        .containsExactly("Lieferschein März.pdf"));
    }

    @Test
    void aFromAddressOutsideTheTenantsDomainsIsShownNextToTheField() {
        SendViewModel vm = vm();
        vm.fromTemplate().set(false);
        vm.from().set("hello@elsewhere.example");
        vm.typedRecipients().set("reader@example.net");
        vm.subject().set("Hello");
        vm.text().set("Hi there.");

        vm.send();

        assertThat(vm.errors().get("from")).contains("elsewhere.example").contains("not a verified sending domain");
        assertThat(vm.sent().get()).isFalse();
        assertThat(vm.busy().get()).isFalse();
    }

    @Test
    void byHandTheSubjectAndBodyAreRequired() {
        SendViewModel vm = vm();
        vm.fromTemplate().set(false);
        vm.send();
        assertThat(vm.errors().get("subject")).isEqualTo("Enter a subject.");
        assertThat(vm.errors().get("body")).isEqualTo("Write the message.");
        assertThat(vm.errors().get("recipients")).isNotEmpty();
        vm.subject().set("Hello");
        assertThat(vm.errors().get("subject")).isEmpty();
        assertThat(vm.errors().get("body")).isNotEmpty();
    }

    private static SendViewModel.Mapping mapping(SendViewModel vm, String name) {
        return vm.mappings().stream()
                .filter(m -> m.variable().name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
