package dev.mailroom.app.suppressions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Suppressions page's view model on a real H2 store, without a window. */
class SuppressionsViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Store store;
    private Services s;
    private Actor owner;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private final List<String> imported = new ArrayList<>();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"), Instant.parse("2026-11-02T09:00:00Z"));
        store = world.store;
        s = world.services;
        owner = world.owner;
        acme = world.tenant("Acme");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SuppressionsViewModel vm(boolean mayManage, String... domains) {
        SuppressionsViewModel vm = new SuppressionsViewModel(
                s.suppressions(), s.suppressionImport(), t -> List.of(domains), runner, owner, t -> mayManage);
        vm.onImportFinished(imported::add);
        vm.tenant().set(acme.id());
        vm.refresh();
        return vm;
    }

    @Test
    void listsTheFirstDomainsEntriesAndFiltersThemBySearch() {
        TenantId t = acme.id();
        s.suppressions().addManual(owner, t, "acme.example", "ann@example.org", "asked by phone");
        s.suppressions().addManual(owner, t, "acme.example", "bob@example.org", "");
        s.suppressions().addManual(owner, t, "news.acme.example", "cat@example.org", "");

        SuppressionsViewModel vm = vm(true, "acme.example", "news.acme.example");

        assertThat(vm.domains()).containsExactly("acme.example", "news.acme.example");
        assertThat(vm.domain().get()).isEqualTo("acme.example");
        assertThat(vm.shown())
                .extracting(Suppression::address)
                .containsExactlyInAnyOrder("ann@example.org", "bob@example.org");
        vm.search().set("PHONE");
        assertThat(vm.shown()).extracting(Suppression::address).containsExactly("ann@example.org");
        vm.search().set("");
        vm.domain().set("news.acme.example");
        assertThat(vm.shown()).extracting(Suppression::address).containsExactly("cat@example.org");
        assertThat(vm.mayManage().get()).isTrue();
    }

    @Test
    void addThenRemoveWithAReason() {
        SuppressionsViewModel vm = vm(true, "acme.example");
        vm.add("dan@example.org");
        assertThat(vm.shown()).extracting(Suppression::address).containsExactly("dan@example.org");
        vm.remove(vm.shown().get(0), "asked to hear from us again");
        assertThat(vm.shown()).isEmpty();
        assertThat(s.suppressions().removals(owner, acme.id(), "acme.example")).hasSize(1);
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void anAddressThatIsNotOneShowsNextToTheField() {
        SuppressionsViewModel vm = vm(true, "acme.example");
        List<String> closed = new ArrayList<>();
        vm.newAddForm();
        vm.addressTyped("not an");
        assertThat(vm.addErrors().isEmpty())
                .as("no message before the first attempt")
                .isTrue();
        vm.add("not an address", () -> closed.add("closed"));
        assertThat(vm.addErrors().get("address")).contains("is not an e-mail address");
        assertThat(vm.shown()).isEmpty();
        assertThat(closed).as("the form stays open").isEmpty();
        // As the person corrects it, the message follows what is typed.
        vm.addressTyped("dan@example");
        assertThat(vm.addErrors().get("address")).contains("“dan@example” is not");
        vm.addressTyped("dan@example.org");
        assertThat(vm.addErrors().isEmpty()).isTrue();
        vm.add("dan@example.org", () -> closed.add("closed"));
        assertThat(vm.addErrors().isEmpty()).isTrue();
        assertThat(closed).containsExactly("closed");
        assertThat(vm.shown()).extracting(Suppression::address).containsExactly("dan@example.org");
    }

    @Test
    void anAddressAlreadyOnTheListKeepsItsEntryAndTheFormSaysSo() {
        s.suppressions().addManual(owner, acme.id(), "acme.example", "dan@example.org", "asked by phone");
        SuppressionsViewModel vm = vm(true, "acme.example");
        List<String> closed = new ArrayList<>();
        vm.newAddForm();
        vm.add("DAN@example.org", () -> closed.add("closed"));
        assertThat(vm.addErrors().get("address"))
                .isEqualTo("DAN@example.org is already on this list (manual since 2 Nov 2026: asked by phone). "
                        + "Remove it first to replace its entry.");
        assertThat(closed).isEmpty();
        assertThat(vm.shown())
                .singleElement()
                .satisfies(x -> assertThat(x.note()).isEqualTo("asked by phone"));
    }

    @Test
    void withoutThePermissionNothingChangesAndTheActionsAreHidden() {
        SuppressionsViewModel vm = vm(false, "acme.example");
        assertThat(vm.mayManage().get()).isFalse();
        vm.add("dan@example.org");
        assertThat(s.suppressions().list(owner, acme.id(), "acme.example")).isEmpty();
    }

    @Test
    void aFailedLoadGoesToTheDefaultErrorPathInWords() {
        SuppressionsViewModel vm = new SuppressionsViewModel(
                s.suppressions(),
                s.suppressionImport(),
                t -> {
                    throw new dev.mailroom.model.common.ExternalFailure("The store cannot be read now.");
                },
                runner,
                owner,
                t -> true);
        vm.tenant().set(acme.id());
        vm.refresh();
        assertThat(runner.reported())
                .containsExactly("Loading sending domains did not finish: The store cannot be read now.");
    }

    @Test
    void importsAFileAndCancellingMidImportKeepsTheRowsBeforeAndTheStoreWorking() throws Exception {
        Path csv = dir.resolve("list.csv");
        Files.writeString(
                csv,
                "email\n"
                        + String.join(
                                "\n",
                                IntStream.range(0, 50)
                                        .mapToObj(i -> "r" + i + "@example.org")
                                        .toList()) + "\n");
        SuppressionsViewModel vm = vm(true, "acme.example");

        runner.cancelAfterUpdates(20); // Cancel pressed while the 20th row is being written
        vm.importFile(csv);

        assertThat(imported).containsExactly("Stopped after 20 of 50 rows: 20 addresses imported.");
        assertThat(vm.shown()).hasSize(20);
        assertThat(vm.importing().get()).isFalse();
        // The store is fine: the same file imported again adds the rest, keeps the first 20, and an add works.
        vm.importFile(csv);
        assertThat(imported).last().isEqualTo("Imported 30 addresses; 20 already on the list, kept as they were.");
        vm.add("after@example.org");
        assertThat(vm.shown()).hasSize(51);
        assertThat(runner.reported()).isEmpty();
    }

    @Test
    void aFileThatCannotBeReadIsReported() {
        SuppressionsViewModel vm = vm(true, "acme.example");
        vm.importFile(dir.resolve("missing.csv"));
        assertThat(vm.importing().get()).isFalse();
        assertThat(runner.reported()).singleElement().asString().startsWith("Could not import missing.csv: ");
    }

    @Test
    void importsExcelsUnicodeTextAndLeavesAHostileFilesBadRowsOut() throws Exception {
        // Excel "Unicode Text" (UTF-16LE with a mark, tabs): a formula, a non-address and a quote left open.
        Path excel = dir.resolve("excel.txt");
        Files.write(
                excel,
                ("\uFEFFemail\tnote\r\n"
                                + "ann@example.org\tÅsa\r\n"
                                + "=HYPERLINK(\"http://evil\")\tx\r\n"
                                + "bob@example.org\tok\r\n"
                                + "cat@example.org\t\"open\r\n"
                                + "dan@example.org\tlost\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        SuppressionsViewModel vm = vm(true, "acme.example");
        vm.importFile(excel);
        assertThat(vm.shown()).extracting(Suppression::address).containsExactly("ann@example.org", "bob@example.org");
        assertThat(imported).singleElement().asString().startsWith("Imported 2 addresses; 2 rows refused:\nLine 3: ");
        String[] lines = imported.get(0).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).startsWith("Line 3: ").contains("=HYPERLINK(");
        assertThat(lines[2]).startsWith("Line 5: ").contains("never closed");
        assertThat(vm.refusedCount().get()).isEqualTo(2);
        assertThat(vm.refusedRows()).extracting(r -> r.line()).containsExactly(3, 5);
        // A binary file is refused with a message, nothing imported.
        Path zip = dir.resolve("list.csv");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        vm.importFile(zip);
        assertThat(runner.reported())
                .singleElement()
                .asString()
                .contains("Could not import list.csv")
                .contains("binary data");
        assertThat(vm.shown()).hasSize(2);
    }

    @Test
    void theExportIsFormulaSafe() throws Exception {
        s.suppressions().addManual(owner, acme.id(), "acme.example", "ann@example.org", "=cmd|' /C calc'!A0");
        SuppressionsViewModel vm = vm(true, "acme.example");
        Path out = dir.resolve("out.csv");
        vm.exportTo(out);
        assertThat(Files.readString(out))
                .startsWith("email,reason,since,until,note\r\n")
                .contains("ann@example.org,MANUAL,")
                .contains(",'=cmd|' /C calc'!A0\r\n")
                .doesNotContain(",=cmd");
    }

    @Test
    void anExportedListImportedAgainGivesBackTheSameAddresses() throws Exception {
        s.suppressions().addManual(owner, acme.id(), "acme.example", "=1+2@example.org", "");
        s.suppressions().addManual(owner, acme.id(), "acme.example", "ann@example.org", "");
        SuppressionsViewModel vm = vm(true, "acme.example", "news.acme.example");
        Path out = dir.resolve("out.csv");
        vm.exportTo(out);
        assertThat(Files.readString(out)).contains("'=1+2@example.org,");

        vm.domain().set("news.acme.example");
        vm.importFile(out);
        assertThat(imported).containsExactly("Imported 2 addresses.");
        assertThat(vm.shown())
                .extracting(Suppression::address)
                .containsExactlyInAnyOrder("=1+2@example.org", "ann@example.org");
    }
}
