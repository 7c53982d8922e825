package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.onboarding.ChecklistItem;
import dev.mailroom.model.onboarding.OnboardingService;
import java.util.List;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The agency's onboarding checklist template, for its owner: every item (retired ones marked), a new item
 * added to a section, an item retired. A retired item is no longer asked or counted; the answers given to it
 * stay (the use case keeps them). Changes are the agency owner's, checked again by the use case.
 */
public final class ChecklistTemplateViewModel {
    private final OnboardingService onboarding;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final ObservableList<ChecklistItem> items = FXCollections.observableArrayList();
    private final ObservableList<String> sections = FXCollections.observableArrayList();
    private final StringProperty section = new SimpleStringProperty("");
    private final StringProperty label = new SimpleStringProperty("");
    private final StringProperty outcome = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty changed = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(Set.of("section", "label"));

    public ChecklistTemplateViewModel(OnboardingService onboarding, Actor actor, BackgroundRunner runner) {
        this.onboarding = onboarding;
        this.actor = actor;
        this.runner = runner;
    }

    public void load() {
        runner.run(Task.of("Reading the onboarding checklist", p -> onboarding.items(actor), this::show, errors::show));
    }

    private void show(List<ChecklistItem> all) {
        items.setAll(all);
        sections.setAll(all.stream().map(ChecklistItem::section).distinct().toList());
    }

    /** Adds the typed item at the end of its section (a new section goes last). */
    public void add() {
        if (busy.get()) {
            return;
        }
        errors.clear();
        String s = section.get();
        String l = label.get();
        busy.set(true);
        runner.run(Task.of(
                "Adding a checklist item",
                p -> {
                    ChecklistItem added = onboarding.addItem(actor, s, l);
                    return new Done(added, onboarding.items(actor));
                },
                done -> {
                    busy.set(false);
                    changed.set(true);
                    show(done.items());
                    label.set("");
                    outcome.set("Added \u201c" + done.item().label() + "\u201d to "
                            + done.item().section() + ": every client's checklist asks it now.");
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    /** Retires the item: no longer asked or counted; what people answered stays. */
    public void retire(ChecklistItem item) {
        if (busy.get() || item == null || item.retired()) {
            return;
        }
        errors.clear();
        busy.set(true);
        runner.run(Task.of(
                "Retiring a checklist item",
                p -> {
                    onboarding.retireItem(actor, item.id());
                    return new Done(item, onboarding.items(actor));
                },
                done -> {
                    busy.set(false);
                    changed.set(true);
                    show(done.items());
                    outcome.set("Retired \u201c" + item.label() + "\u201d: no longer asked or counted; the answers "
                            + "given stay.");
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    private record Done(ChecklistItem item, List<ChecklistItem> items) {}

    public ObservableList<ChecklistItem> items() {
        return items;
    }

    /** The sections in use, for the section field's choices (a new name makes a new section). */
    public ObservableList<String> sections() {
        return sections;
    }

    public StringProperty section() {
        return section;
    }

    public StringProperty label() {
        return label;
    }

    public StringProperty outcome() {
        return outcome;
    }

    public BooleanProperty busy() {
        return busy;
    }

    /** Whether anything was added or retired, so the page reads the checklist again. */
    public BooleanProperty changed() {
        return changed;
    }

    public FieldErrors errors() {
        return errors;
    }
}
