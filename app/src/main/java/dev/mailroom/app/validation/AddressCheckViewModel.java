package dev.mailroom.app.validation;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.validation.AddressCheckService;
import dev.mailroom.model.validation.AddressVerdict;
import dev.mailroom.model.validation.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Tenant › Check addresses without a window: pasted text or a CSV file checked in the background (progress
 * in words, Cancel between chunks), the first {@link #MAX_SHOWN} verdicts in a table filtered by verdict,
 * and every verdict written as it comes to a CSV kept in a scratch file, which Export copies where the
 * person wants it. Memory stays flat however long the list.
 */
public final class AddressCheckViewModel {
    /** Rows kept for the table; the export has them all. */
    public static final int MAX_SHOWN = 10_000;

    private final AddressCheckService checks;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final Path scratchDir;

    private final ObjectProperty<TenantId> tenant = new SimpleObjectProperty<>();
    private final StringProperty pasted = new SimpleStringProperty("");
    private final BooleanProperty lookUpDomains = new SimpleBooleanProperty(true);
    private final ObjectProperty<Verdict> filter = new SimpleObjectProperty<>();
    private final ObservableList<AddressVerdict> results = FXCollections.observableArrayList();
    private final FilteredList<AddressVerdict> shown = new FilteredList<>(results);
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty source = new SimpleStringProperty("");
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final BooleanProperty exportable = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(Set.of("input"));
    private Path lastResults;

    /** @param scratchDir where the full results of a run are written until exported */
    public AddressCheckViewModel(AddressCheckService checks, BackgroundRunner runner, Actor actor, Path scratchDir) {
        this.checks = checks;
        this.runner = runner;
        this.actor = actor;
        this.scratchDir = scratchDir;
        filter.addListener((o, was, v) -> shown.setPredicate(x -> v == null || x.verdict() == v));
    }

    public ObjectProperty<TenantId> tenant() {
        return tenant;
    }

    public StringProperty pasted() {
        return pasted;
    }

    public BooleanProperty lookUpDomains() {
        return lookUpDomains;
    }

    /** The verdict the table shows; null for all. */
    public ObjectProperty<Verdict> filter() {
        return filter;
    }

    public ObservableList<AddressVerdict> shown() {
        return shown;
    }

    /** "6,017 addresses checked over 50 domains: …", or how the run ended. */
    public StringProperty summary() {
        return summary;
    }

    /** What was read: "list.csv — Windows-1252, column “E-mail”". */
    public StringProperty source() {
        return source;
    }

    public BooleanProperty running() {
        return running;
    }

    public BooleanProperty exportable() {
        return exportable;
    }

    /** Problems with the input ("Paste at least one address"), shown next to it. */
    public FieldErrors errors() {
        return errors;
    }

    /** Checks the pasted addresses. */
    public void checkPasted() {
        errors.clear();
        List<String> list = AddressLists.pasted(pasted.get());
        if (list.isEmpty()) {
            errors.show(new InvalidInput("input", "Paste at least one address, one a line."));
            return;
        }
        source.set(String.format("%,d pasted address%s", list.size(), list.size() == 1 ? "" : "es"));
        run("Checking " + source.get(), () -> new Opened(list.iterator(), () -> {}, source.get()));
    }

    /** Checks the address column of a CSV or text file, streamed. */
    public void checkFile(Path file) {
        errors.clear();
        String name = String.valueOf(file.getFileName());
        run("Checking " + name, () -> {
            AddressLists.CsvAddresses csv = AddressLists.open(file);
            return new Opened(csv, csv::close, name + " — " + csv.encoding() + ", " + csv.column());
        });
    }

    private interface Opener {
        Opened open() throws IOException;
    }

    private interface Closer {
        void close() throws IOException;
    }

    private record Opened(Iterator<String> addresses, Closer closer, String what) {}

    private record Outcome(AddressCheckService.Summary summary, List<AddressVerdict> kept, Path file, String what) {}

    private void run(String title, Opener opener) {
        TenantId t = tenant.get();
        if (t == null) {
            return;
        }
        boolean dns = lookUpDomains.get();
        running.set(true);
        summary.set("");
        runner.run(Task.<Outcome>of(
                        title,
                        p -> {
                            Opened opened = opener.open();
                            Files.createDirectories(scratchDir);
                            Path out = Files.createTempFile(scratchDir, "address-check-", ".csv");
                            List<AddressVerdict> kept = new ArrayList<>();
                            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                                    VerdictCsv csv = new VerdictCsv(w)) {
                                AddressCheckService.Summary s = checks.checkAll(
                                        actor,
                                        t,
                                        opened.addresses(),
                                        dns,
                                        v -> {
                                            if (kept.size() < MAX_SHOWN) {
                                                kept.add(v);
                                            }
                                            try {
                                                csv.write(v);
                                            } catch (IOException e) {
                                                throw new UncheckedIOException(e);
                                            }
                                        },
                                        pr -> p.update(pr.checked(), -1, pr.words()),
                                        p.cancellation());
                                return new Outcome(s, kept, out, opened.what());
                            } finally {
                                opened.closer().close();
                            }
                        },
                        o -> {
                            running.set(false);
                            results.setAll(o.kept());
                            source.set(o.what());
                            lastResults = o.file();
                            exportable.set(true);
                            summary.set(o.summary().words()
                                    + (o.summary().checked() > MAX_SHOWN
                                            ? String.format(
                                                    " The table shows the first %,d; the export has all.", MAX_SHOWN)
                                            : ""));
                        },
                        e -> {
                            running.set(false);
                            if (e instanceof IllegalArgumentException) {
                                // Our own words: an empty file, no address column, broken CSV.
                                errors.show(new InvalidInput("input", e.getMessage()));
                            } else if (e instanceof IOException || e instanceof UncheckedIOException) {
                                errors.show(new InvalidInput(
                                        "input",
                                        "Could not read the list ("
                                                + e.getClass()
                                                        .getSimpleName()
                                                        .replace("Exception", "")
                                                        .replaceAll("([a-z])([A-Z])", "$1 $2")
                                                        .toLowerCase(java.util.Locale.ROOT)
                                                + ")."));
                            } else {
                                errors.show(e);
                            }
                        })
                .withCancel());
    }

    /** Copies every verdict of the last run (not only those shown) to {@code target} as CSV. */
    public void exportTo(Path target) {
        Path from = lastResults;
        if (from == null) {
            return;
        }
        runner.run(Task.of(
                "Exporting verdicts",
                p -> Files.copy(from, target, StandardCopyOption.REPLACE_EXISTING),
                f -> summary.set(summary.get() + " Exported to " + f.getFileName() + ".")));
    }
}
