package dev.mailroom.app.dmarc;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.DomainDmarc;
import dev.mailroom.model.dmarc.DomainReportUseCases;
import dev.mailroom.model.dmarc.DomainTlsReports;
import dev.mailroom.model.dmarc.ReportDecoder;
import dev.mailroom.model.dmarc.TlsReportDecoder;
import dev.mailroom.model.dmarc.TlsReportService;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * A DMARC screen section's state, for one kind of report per domain (DMARC aggregate or SMTP TLS): the
 * client's domains with reports, the one chosen, the period (30 or 90 days), the domain's picture read
 * in the background, and importing report files (with progress in words and Cancel between files). A
 * reply to an older request is dropped.
 *
 * @param <V> what the screen shows for one domain
 * @param <D> the report files' decoder
 */
public final class DomainReportsViewModel<V, D> {
    private final ObservableList<String> domains = FXCollections.observableArrayList();
    private final StringProperty domain = new SimpleStringProperty();
    private final IntegerProperty days = new SimpleIntegerProperty(30);
    private final ObjectProperty<V> view = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();
    private final BooleanProperty importing = new SimpleBooleanProperty();
    private final StringProperty importResult = new SimpleStringProperty("");

    private final DomainReportUseCases<V, D> reports;
    private final D decoder;
    private final Function<V, String> domainOf;
    private final String kind;
    private final String resultPrefix;
    private final BackgroundRunner runner;
    private final Actor actor;
    private Cancellation cancel = new Cancellation();
    private long request;

    private DomainReportsViewModel(
            DomainReportUseCases<V, D> reports,
            D decoder,
            Function<V, String> domainOf,
            String kind,
            String resultPrefix,
            BackgroundRunner runner,
            Actor actor) {
        this.reports = reports;
        this.decoder = decoder;
        this.domainOf = domainOf;
        this.kind = kind;
        this.resultPrefix = resultPrefix;
        this.runner = runner;
        this.actor = actor;
    }

    /** DMARC aggregate reports, the page's main subject. */
    public static DomainReportsViewModel<DomainDmarc, ReportDecoder> dmarc(
            DmarcService service, ReportDecoder decoder, BackgroundRunner runner, Actor actor) {
        return new DomainReportsViewModel<>(service, decoder, DomainDmarc::domain, "DMARC reports", "", runner, actor);
    }

    /** SMTP TLS reports, a section of the page; its import result says which reports it counts. */
    public static DomainReportsViewModel<DomainTlsReports, TlsReportDecoder> tls(
            TlsReportService service, TlsReportDecoder decoder, BackgroundRunner runner, Actor actor) {
        return new DomainReportsViewModel<>(
                service, decoder, DomainTlsReports::domain, "TLS reports", "TLS reports: ", runner, actor);
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

    public ObjectProperty<V> view() {
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

    /** Reads the client's domains, then the chosen one (or the first) over the period. */
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
        record Loaded<V>(List<String> domains, Optional<V> view) {}
        runner.run(Task.<Loaded<V>>of(
                "Reading " + kind,
                p -> {
                    List<String> list = reports.domains(actor, tenant.get().id());
                    String d = wanted != null && list.contains(wanted) ? wanted : list.isEmpty() ? null : list.get(0);
                    return new Loaded<>(
                            list,
                            d == null
                                    ? Optional.empty()
                                    : Optional.of(
                                            reports.domain(actor, tenant.get().id(), d, period)));
                },
                r -> {
                    if (mine != request) {
                        return;
                    }
                    loading.set(false);
                    domains.setAll(r.domains());
                    domain.set(r.view().map(domainOf).orElse(null));
                    view.set(r.view().orElse(null));
                },
                e -> {
                    if (mine == request) {
                        loading.set(false);
                        onError.accept(e);
                    }
                }));
    }

    /** Imports report files into this client (reports for other clients' domains are counted, not stored). */
    public void importFiles(Optional<Tenant> tenant, List<Path> files, Runnable done, Consumer<Throwable> onError) {
        if (tenant.isEmpty() || files.isEmpty() || importing.get()) {
            return;
        }
        cancel = new Cancellation();
        Cancellation mine = cancel;
        importing.set(true);
        importResult.set("Reading " + files.size() + (files.size() == 1 ? " file…" : " files…"));
        runner.run(Task.<DmarcImportSummary>of(
                        "Importing " + kind,
                        p -> reports.importFiles(
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
                            importResult.set(resultPrefix
                                    + s.headline()
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
