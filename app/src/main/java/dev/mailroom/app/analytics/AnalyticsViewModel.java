package dev.mailroom.app.analytics;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.activity.AnalyticsReport;
import dev.mailroom.model.activity.AnalyticsService;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.Tenant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The analytics screen's state: the period (last 7, 30 or 90 days, or custom dates), the domain
 * filter, and the report read for them in the background. A reply to an older request is dropped,
 * so quick clicks through periods end on the last one chosen.
 */
public final class AnalyticsViewModel {
    /** 0 means a custom period from {@link #customFrom} to {@link #customTo}. */
    private final IntegerProperty days = new SimpleIntegerProperty(30);

    private final ObjectProperty<LocalDate> customFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> customTo = new SimpleObjectProperty<>();
    private final ObjectProperty<Optional<String>> domain = new SimpleObjectProperty<>(Optional.empty());
    private final ObjectProperty<AnalyticsReport> report = new SimpleObjectProperty<>();
    private final BooleanProperty loading = new SimpleBooleanProperty();

    private final AnalyticsService service;
    private final BackgroundRunner runner;
    private final Actor actor;
    private long request;

    public AnalyticsViewModel(AnalyticsService service, BackgroundRunner runner, Actor actor) {
        this.service = service;
        this.runner = runner;
        this.actor = actor;
    }

    public IntegerProperty days() {
        return days;
    }

    public ObjectProperty<LocalDate> customFrom() {
        return customFrom;
    }

    public ObjectProperty<LocalDate> customTo() {
        return customTo;
    }

    public ObjectProperty<Optional<String>> domain() {
        return domain;
    }

    public ObjectProperty<AnalyticsReport> report() {
        return report;
    }

    public BooleanProperty loading() {
        return loading;
    }

    /** The period chosen; a custom one with a date missing falls back to the last 30 days. */
    public Period period() {
        LocalDate today = service.today();
        if (days.get() > 0) {
            return Period.lastDays(days.get(), today);
        }
        if (customFrom.get() == null || customTo.get() == null) {
            return Period.lastDays(30, today);
        }
        return new Period(customFrom.get(), customTo.get());
    }

    /** Reads the report for the tenant; with no tenant, clears it. Errors go to {@code onError}. */
    public void load(Optional<Tenant> tenant, Consumer<Throwable> onError) {
        long mine = ++request;
        if (tenant.isEmpty()) {
            report.set(null);
            return;
        }
        Period period;
        try {
            period = period();
        } catch (RuntimeException e) {
            onError.accept(e);
            return;
        }
        Optional<String> d = domain.get();
        loading.set(true);
        runner.run(Task.of(
                "Reading analytics",
                p -> service.report(actor, tenant.get().id(), d, period),
                r -> {
                    if (mine == request) {
                        loading.set(false);
                        report.set(r);
                    }
                },
                e -> {
                    if (mine == request) {
                        loading.set(false);
                        onError.accept(e);
                    }
                }));
    }
}
