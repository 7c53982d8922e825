package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.onboarding.EscalationService;
import dev.mailroom.model.onboarding.ReviewSample;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Tenant › Review: messages kept during probation (1 in N sent), newest first, each marked once reviewed. */
public final class ReviewViewModel {
    private final EscalationService escalation;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final ObservableList<ReviewSample> samples = FXCollections.observableArrayList();
    private final ObjectProperty<ReviewSample> selected = new SimpleObjectProperty<>();
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty note = new SimpleStringProperty("");
    private final FieldErrors errors = new FieldErrors(Set.of("note"));
    private TenantId tenant;

    private record Kept(List<ReviewSample> samples, int oneIn) {}

    public ReviewViewModel(EscalationService escalation, Actor actor, BackgroundRunner runner) {
        this.escalation = escalation;
        this.actor = actor;
        this.runner = runner;
    }

    public void show(TenantId t) {
        tenant = t;
        errors.clear();
        runner.run(Task.of(
                "Reading messages kept for review",
                p -> new Kept(
                        escalation.reviewSamples(actor, t, 500),
                        escalation.standing(actor, t).governance().reviewEvery()),
                kept -> {
                    if (!t.equals(tenant)) {
                        return;
                    }
                    List<ReviewSample> list = kept.samples();
                    samples.setAll(list);
                    long open = list.stream().filter(s -> !s.reviewed()).count();
                    summary.set(
                            list.isEmpty()
                                    ? String.format(
                                            Locale.ROOT,
                                            "Nothing kept yet: during probation 1 in %,d sent messages is kept here.",
                                            kept.oneIn())
                                    : list.size() + " kept, " + open + " not reviewed yet.");
                },
                errors::show));
    }

    /** Marks the selected message reviewed with the note (may be empty). */
    public void markReviewed() {
        ReviewSample s = selected.get();
        TenantId t = tenant;
        if (s == null || t == null) {
            return;
        }
        String n = note.get();
        runner.run(Task.of(
                "Marking a message reviewed",
                p -> {
                    escalation.markReviewed(actor, t, s.message().id(), n);
                    return null;
                },
                ok -> {
                    note.set("");
                    show(t);
                },
                errors::show));
    }

    public ObservableList<ReviewSample> samples() {
        return samples;
    }

    public ObjectProperty<ReviewSample> selected() {
        return selected;
    }

    public ReadOnlyStringProperty summary() {
        return summary;
    }

    public StringProperty note() {
        return note;
    }

    public FieldErrors errors() {
        return errors;
    }
}
