package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.onboarding.Checklist;
import dev.mailroom.model.onboarding.EscalationService;
import dev.mailroom.model.onboarding.Evidence;
import dev.mailroom.model.onboarding.OnboardingService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Tenant › Onboarding: the checklist with its progress, and the tenant's escalation and pause figures.
 * Ticking needs {@link Permission#ONBOARDING_MANAGE}; the use case checks it again. An evidence file is
 * read off the FX thread, its size checked before it is read.
 */
public final class OnboardingViewModel {
    private final OnboardingService onboarding;
    private final EscalationService escalation;
    private final AccessPolicy access;
    private final Actor actor;
    private final BackgroundRunner runner;

    private final ObservableList<Checklist.Line> lines = FXCollections.observableArrayList();
    private final StringProperty progress = new SimpleStringProperty("");
    private final StringProperty standing = new SimpleStringProperty("");
    private final StringProperty figures = new SimpleStringProperty("");
    private final BooleanProperty mayTick = new SimpleBooleanProperty();
    private final BooleanProperty mayEscalate = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(Set.of("note", "evidence"));
    private TenantId tenant;

    public OnboardingViewModel(
            OnboardingService onboarding,
            EscalationService escalation,
            AccessPolicy access,
            Actor actor,
            BackgroundRunner runner) {
        this.onboarding = onboarding;
        this.escalation = escalation;
        this.access = access;
        this.actor = actor;
        this.runner = runner;
    }

    private record Loaded(Checklist checklist, EscalationService.Standing standing, Set<Permission> permissions) {}

    public void show(TenantId t) {
        tenant = t;
        errors.clear();
        runner.run(Task.of(
                "Reading the onboarding checklist",
                p -> new Loaded(
                        onboarding.checklist(actor, t), escalation.standing(actor, t), access.permissionsIn(actor, t)),
                loaded -> {
                    if (t.equals(tenant)) {
                        render(loaded);
                    }
                },
                errors::show));
    }

    private void render(Loaded l) {
        lines.setAll(l.checklist().lines());
        Checklist.Progress p = l.checklist().progress();
        progress.set(p.describe() + " done" + (p.complete() ? ": onboarding complete." : "."));
        String flag = l.standing().flag();
        standing.set(flag.isEmpty() ? "Sending normally; pause policy: " + policy(l.standing()) + "." : flag);
        figures.set(l.standing().figures().describe());
        mayTick.set(l.permissions().contains(Permission.ONBOARDING_MANAGE));
        mayEscalate.set(l.permissions().contains(Permission.ESCALATION_MANAGE));
    }

    private static String policy(EscalationService.Standing s) {
        return s.governance().pausePolicy().label().toLowerCase(Locale.ROOT);
    }

    /**
     * Ticks a person's item with a note and maybe an evidence file; {@code onDone} runs when it is saved.
     * Problems (no note, a file too big or of a kind not kept) show next to their fields.
     */
    public void tick(Checklist.Line line, String note, Optional<Path> file, Runnable onDone) {
        TenantId t = tenant;
        if (t == null || busy.get()) {
            return;
        }
        errors.clear();
        if (note == null || note.isBlank()) {
            errors.setAll(java.util.Map.of("note", "Say what was checked and how: the note is kept with the tick."));
            return;
        }
        busy.set(true);
        runner.run(Task.of(
                "Ticking \"" + line.item().label() + "\"",
                p -> {
                    Optional<Evidence> evidence = file.map(OnboardingViewModel::read);
                    return onboarding.tick(actor, t, line.item().id(), note, evidence);
                },
                checklist -> {
                    busy.set(false);
                    show(t);
                    onDone.run();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public void untick(Checklist.Line line, String reason, Runnable onDone) {
        TenantId t = tenant;
        if (t == null || busy.get()) {
            return;
        }
        errors.clear();
        busy.set(true);
        runner.run(Task.of(
                "Un-ticking \"" + line.item().label() + "\"",
                p -> onboarding.untick(actor, t, line.item().id(), reason),
                checklist -> {
                    busy.set(false);
                    show(t);
                    onDone.run();
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    /** The size is checked before the file is read: a huge file is refused without filling memory. */
    static Evidence read(Path file) {
        try {
            long size = Files.size(file);
            if (size > Evidence.MAX_BYTES) {
                throw new InvalidInput(
                        "evidence",
                        String.format(
                                Locale.ROOT,
                                "\"%s\" is %,d KB; evidence files are at most %,d KB.",
                                file.getFileName(),
                                (size + 1023) / 1024,
                                Evidence.MAX_BYTES / 1024));
            }
            return Evidence.of(file.getFileName().toString(), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public Optional<TenantId> tenant() {
        return Optional.ofNullable(tenant);
    }

    public ObservableList<Checklist.Line> lines() {
        return lines;
    }

    public ReadOnlyStringProperty progress() {
        return progress;
    }

    public ReadOnlyStringProperty standing() {
        return standing;
    }

    public ReadOnlyStringProperty figures() {
        return figures;
    }

    public ReadOnlyBooleanProperty mayTick() {
        return mayTick;
    }

    public ReadOnlyBooleanProperty mayEscalate() {
        return mayEscalate;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }
}
