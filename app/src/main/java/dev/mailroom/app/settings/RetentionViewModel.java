package dev.mailroom.app.settings;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FormErrors;
import dev.mailroom.model.activity.EventRetentionService;
import dev.mailroom.model.common.Actor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;

/** The agency's event retention setting: how many days raw events are kept (the roll-ups stay). */
public final class RetentionViewModel {
    private final EventRetentionService service;
    private final BackgroundRunner runner;
    private final Actor actor;
    private final IntegerProperty days = new SimpleIntegerProperty(EventRetentionService.DEFAULT_DAYS);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FormErrors errors = new FormErrors();

    public RetentionViewModel(EventRetentionService service, BackgroundRunner runner, Actor actor) {
        this.service = service;
        this.runner = runner;
        this.actor = actor;
    }

    public void load() {
        busy.set(true);
        runner.run(Task.of(
                "Reading the retention setting",
                p -> service.retentionDays(),
                d -> {
                    days.set(d);
                    busy.set(false);
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public void save(Runnable onSaved) {
        if (busy.get()) {
            return;
        }
        errors.clear();
        busy.set(true);
        int d = days.get();
        runner.run(Task.of(
                "Saving the retention setting",
                p -> service.setRetentionDays(actor, d),
                ok -> {
                    busy.set(false);
                    onSaved.run();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public IntegerProperty days() {
        return days;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FormErrors errors() {
        return errors;
    }
}
