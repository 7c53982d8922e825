package dev.mailroom.app.tenants;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.tenants.TenantService;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Create or edit a tenant. The use case validates; its field problems come back inline. */
public final class TenantFormViewModel {
    static final String[] PALETTE = {
        "#2563EB", "#7C3AED", "#DB2777", "#DC2626", "#EA580C", "#CA8A04", "#16A34A", "#0D9488", "#0891B2", "#475569"
    };

    private final TenantService tenants;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final Optional<Tenant> editing;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty accentColor = new SimpleStringProperty(PALETTE[0]);
    private final StringProperty contactName = new SimpleStringProperty("");
    private final StringProperty contactEmail = new SimpleStringProperty("");
    private final ObjectProperty<OwnershipModel> ownership = new SimpleObjectProperty<>(OwnershipModel.AGENCY_OWNED);
    private final ObjectProperty<PartnerAccessPattern> partnerAccess =
            new SimpleObjectProperty<>(PartnerAccessPattern.AGENCY_MANAGED);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors =
            new FieldErrors(Set.of("name", "accentColor", "contactName", "contactEmail", "ownership", "partnerAccess"));
    /** After the first Save, the form re-checks as the person types, so a fixed problem goes at once. */
    private boolean attempted;

    /** {@code tenantsSoFar} picks a new tenant's colour: the next in the palette, so neighbours differ. */
    public TenantFormViewModel(
            TenantService tenants, Actor actor, int tenantsSoFar, BackgroundRunner runner, Optional<Tenant> editing) {
        this.tenants = tenants;
        this.actor = actor;
        this.runner = runner;
        this.editing = editing;
        editing.ifPresentOrElse(
                t -> {
                    name.set(t.name());
                    accentColor.set(t.accentColor());
                    contactName.set(t.contactName());
                    contactEmail.set(t.contactEmail());
                    ownership.set(t.ownership());
                    partnerAccess.set(t.partnerAccess());
                },
                () -> accentColor.set(PALETTE[Math.floorMod(tenantsSoFar, PALETTE.length)]));
        for (Observable p : new Observable[] {name, accentColor, contactName, contactEmail, ownership, partnerAccess}) {
            p.addListener(o -> revalidate());
        }
    }

    /** The draft's own checks (no store): empty when the form may be sent to the use case. */
    Map<String, String> check() {
        try {
            draft().validated();
            return Map.of();
        } catch (dev.mailroom.model.common.InvalidInput bad) {
            return bad.problems();
        }
    }

    private TenantDraft draft() {
        return new TenantDraft(
                name.get(),
                accentColor.get(),
                contactName.get(),
                contactEmail.get(),
                ownership.get(),
                partnerAccess.get());
    }

    private void revalidate() {
        if (attempted && !busy.get()) {
            errors.setAll(check());
        }
    }

    public boolean isNew() {
        return editing.isEmpty();
    }

    /** Saves in the background; calls {@code onSaved} on success, shows problems inline otherwise. */
    public void save(Consumer<Tenant> onSaved) {
        if (busy.get()) {
            return;
        }
        attempted = true;
        errors.clear();
        Map<String, String> problems = check();
        if (!problems.isEmpty()) {
            errors.setAll(problems);
            return;
        }
        busy.set(true);
        TenantDraft draft = draft();
        runner.run(Task.of(
                isNew() ? "Adding the tenant" : "Saving the tenant",
                p -> editing.map(t -> tenants.update(actor, t.id(), draft))
                        .orElseGet(() -> tenants.create(actor, draft)),
                saved -> {
                    busy.set(false);
                    onSaved.accept(saved);
                },
                error -> {
                    busy.set(false);
                    errors.show(error);
                }));
    }

    public StringProperty name() {
        return name;
    }

    public StringProperty accentColor() {
        return accentColor;
    }

    public StringProperty contactName() {
        return contactName;
    }

    public StringProperty contactEmail() {
        return contactEmail;
    }

    public ObjectProperty<OwnershipModel> ownership() {
        return ownership;
    }

    public ObjectProperty<PartnerAccessPattern> partnerAccess() {
        return partnerAccess;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }
}
