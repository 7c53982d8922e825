package dev.mailroom.app.tenants;

import dev.mailroom.model.tenants.Tenant;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Agency › Tenants: the tenants the person sees, filtered by name or contact and by active or archived,
 * with their count; the selected one's profile is a {@link TenantDetailsViewModel}.
 */
public final class TenantsViewModel {
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty archived = new SimpleBooleanProperty();
    private final FilteredList<Tenant> shown;
    private final StringProperty count = new SimpleStringProperty("");
    private final TenantDetailsViewModel details;
    private final boolean mayAdd;

    /** {@code tenants}: the session's list, reloaded after every change; {@code mayAdd}: the agency owner. */
    public TenantsViewModel(ObservableList<Tenant> tenants, boolean mayAdd, TenantDetailsViewModel details) {
        this.shown = new FilteredList<>(tenants);
        this.mayAdd = mayAdd;
        this.details = details;
        filter.addListener(o -> apply());
        archived.addListener(o -> apply());
        tenants.addListener((ListChangeListener<Tenant>) c -> updateCount());
        apply();
    }

    private void apply() {
        String q = filter.get() == null ? "" : filter.get().strip().toLowerCase(Locale.ROOT);
        boolean wantArchived = archived.get();
        shown.setPredicate(t -> t.isArchived() == wantArchived
                && (q.isEmpty()
                        || t.name().toLowerCase(Locale.ROOT).contains(q)
                        || t.contactName().toLowerCase(Locale.ROOT).contains(q)
                        || t.contactEmail().toLowerCase(Locale.ROOT).contains(q)));
        updateCount();
    }

    private void updateCount() {
        count.set(shown.size() + (archived.get() ? " archived" : " active"));
    }

    /** After adding a tenant: the active list, where it is. */
    public void added() {
        archived.set(false);
    }

    public StringProperty filter() {
        return filter;
    }

    /** False: active tenants; true: archived ones. */
    public BooleanProperty archived() {
        return archived;
    }

    public ObservableList<Tenant> shown() {
        return shown;
    }

    /** "3 active", "1 archived". */
    public ReadOnlyStringProperty count() {
        return count;
    }

    public boolean mayAdd() {
        return mayAdd;
    }

    public TenantDetailsViewModel details() {
        return details;
    }
}
