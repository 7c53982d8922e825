package dev.mailroom.app.dmarc;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.DomainTlsReports;
import dev.mailroom.model.dmarc.TlsReportDecoder;
import dev.mailroom.model.dmarc.TlsReportService;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The DMARC screen's "SMTP TLS reports" section: the client's domains with TLS reports, the one
 * chosen, the period (the page's), the domain's sessions read in the background, and importing report
 * files (progress in words, Cancel between files). A reply to an older request is dropped.
 */
public final class TlsReportsViewModel {
    private final ObservableList<String> domains = FXCollections.observableArrayList();
    private final StringProperty domain = new SimpleStringProperty();
    private final IntegerProperty days = new SimpleIntegerProperty(30);
    private final ObjectProperty<DomainTlsReports> view = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty importing = new SimpleBooleanProperty();
    private final StringProperty importResult = new SimpleStringProperty("");

    private final TlsReportService service;
    private final TlsReportDecoder decoder;
    private final BackgroundRunner runner;
    private final Actor actor;
    private Cancellation cancel = new Cancellation();
    private long request;

    public TlsReportsViewModel(
            TlsReportService service, TlsReportDecoder decoder, BackgroundRunner runner, Actor actor) {
        this.service = service;
        this.decoder = decoder;
        this.runner = runner;
        this.actor = actor;
    }

    public ObservableList<String> domains() {
        return domains;
    }

    public StringProperty domain() {
        return domain;
    }

    public IntegerProperty days() {
        return days;
    }

    public ObjectProperty<DomainTlsReports> view() {
        return view;
    }

    public BooleanProperty loading() {
        return loading;
    }

    public BooleanProperty importing() {
        return importing;
    }

    public StringProperty importResult() {
        return importResult;
    }

    /** Reads the client's domains with TLS reports, then the chosen one (or the first) over the period. */
    public void load(Optional<Tenant> tenant, Consumer<Throwable> onError) {
        long mine = ++request;
        if (tenant.isEmpty()) {
            domains.clear();
            view.set(null);
            return;
        }
        String wanted = domain.get();
        int period = days.get();
        loading.set(true);
        record Loaded(List<String> domains, Optional<DomainTlsReports> view) {}
        runner.run(Task.of(
                "Reading TLS reports",
                p -> {
                    List<String> list = service.domains(actor, tenant.get().id());
                    String d = wanted != null && list.contains(wanted) ? wanted : list.isEmpty() ? null : list.get(0);
                    return new Loaded(
                            list,
                            d == null
                                    ? Optional.empty()
                                    : Optional.of(
                                            service.domain(actor, tenant.get().id(), d, period)));
                },
                r -> {
                    if (mine != request) {
                        return;
                    }
                    loading.set(false);
                    domains.setAll(r.domains());
                    domain.set(r.view().map(DomainTlsReports::domain).orElse(null));
                    view.set(r.view().orElse(null));
                },
                e -> {
                    if (mine == request) {
                        loading.set(false);
                        onError.accept(e);
                    }
                }));
    }

    /** Imports TLS report files into this client (reports for other clients' domains are counted, not stored). */
    public void importFiles(Optional<Tenant> tenant, List<Path> files, Runnable done, Consumer<Throwable> onError) {
        if (tenant.isEmpty() || files.isEmpty() || importing.get()) {
            return;
        }
        cancel = new Cancellation();
        Cancellation mine = cancel;
        importing.set(true);
        importResult.set("Reading " + files.size() + (files.size() == 1 ? " file…" : " files…"));
        runner.run(Task.<DmarcImportSummary>of(
                        "Importing TLS reports",
                        p -> service.importFiles(
                                actor,
                                Optional.of(tenant.get().id()),
                                files,
                                decoder,
                                n -> {
                                    if (p.isCancelled()) {
                                        mine.cancel();
                                    }
                                    p.update(n, files.size(), n + " of " + files.size() + " files read");
                                },
                                mine),
                        s -> {
                            importing.set(false);
                            importResult.set("TLS reports: " + s.headline()
                                    + (s.problems().isEmpty() ? "" : " " + String.join(" ", s.problems())));
                            done.run();
                        },
                        e -> {
                            importing.set(false);
                            importResult.set("");
                            onError.accept(e);
                        })
                .withCancel());
    }

    public void cancelImport() {
        cancel.cancel();
    }
}
