package dev.mailroom.app.session;

import dev.mailroom.model.access.MyAccess;
import dev.mailroom.model.access.SignedIn;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.Tenant;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The signed-in person and what the whole window shares: the tenants they may see and the current
 * one. Changed only on the FX thread.
 */
public final class Session {
    private final Services services;
    private final SignedIn signedIn;
    private final Actor actor;
    private final MyAccess access;
    private final String agencyName;
    private final ObservableList<Tenant> tenants = FXCollections.observableArrayList();
    private final ObjectProperty<Tenant> currentTenant = new SimpleObjectProperty<>();

    /**
     * @param actor who acts: the signed-in user, or (acting as) another user with the owner as impersonator
     * @param access what {@code actor} may do, read once when the session starts
     */
    public Session(Services services, SignedIn signedIn, Actor actor, MyAccess access, String agencyName) {
        this.services = services;
        this.signedIn = signedIn;
        this.actor = actor;
        this.access = access;
        this.agencyName = agencyName;
    }

    public MyAccess access() {
        return access;
    }

    /** True when the actor (the effective user) is the agency owner. */
    public boolean isAgencyOwner() {
        return access.agencyOwner();
    }

    public Services services() {
        return services;
    }

    public Actor actor() {
        return actor;
    }

    public SignedIn signedIn() {
        return signedIn;
    }

    public String agencyName() {
        return agencyName;
    }

    public ObservableList<Tenant> tenants() {
        return tenants;
    }

    public ObjectProperty<Tenant> currentTenantProperty() {
        return currentTenant;
    }

    public Optional<Tenant> currentTenant() {
        return Optional.ofNullable(currentTenant.get());
    }

    /** Replaces the list after a reload, keeping the current tenant (updated) when it is still visible. */
    public void setTenants(List<Tenant> fresh) {
        tenants.setAll(fresh);
        Tenant current = currentTenant.get();
        if (current != null) {
            currentTenant.set(fresh.stream()
                    .filter(t -> t.id().equals(current.id()))
                    .findFirst()
                    .orElse(null));
        }
    }
}
