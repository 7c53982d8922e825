package dev.mailroom.app.tenants;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.tenants.DriftFinding;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One tenant's profile as the Tenants page and Tenant › Profile show it: the tenant, the person's
 * permissions in it, partner-access drift, and the commands edit/archive/restore/purge need. The use
 * cases check the permissions again; a refusal or failure is shown as {@link #problem()} in the pane.
 */
public final class TenantDetailsViewModel {
    /** What the pane shows for the selected tenant, once read. */
    public record Shown(Tenant tenant, Set<Permission> permissions, List<DriftFinding> drift, Instant now) {
        public boolean mayEdit() {
            return permissions.contains(Permission.TENANT_EDIT);
        }

        public boolean mayArchive() {
            return permissions.contains(Permission.TENANT_ARCHIVE);
        }

        /** Days until an archived tenant may be purged; 0 when it may be now (or is not archived). */
        public long purgeDaysLeft() {
            return tenant.daysUntilPurgeable(now).orElse(0L);
        }

        public boolean mayPurge() {
            return tenant.isArchived() && mayArchive() && purgeDaysLeft() <= 0;
        }
    }

    private final TenantService tenants;
    private final AccessPolicy access;
    private final Actor actor;
    private final Clock clock;
    private final Runnable reloadTenants;
    private final BackgroundRunner runner;
    private final ObjectProperty<Shown> shown = new SimpleObjectProperty<>();
    private final StringProperty problem = new SimpleStringProperty("");
    private Tenant selected;

    /** {@code reloadTenants}: reads the tenant list again after a change (the switcher and tables follow). */
    public TenantDetailsViewModel(
            TenantService tenants,
            AccessPolicy access,
            Actor actor,
            Clock clock,
            Runnable reloadTenants,
            BackgroundRunner runner) {
        this.tenants = tenants;
        this.access = access;
        this.actor = actor;
        this.clock = clock;
        this.reloadTenants = reloadTenants;
        this.runner = runner;
    }

    /** Reads the person's permissions and the drift of the tenant; a later selection wins over an earlier one. */
    public void show(Optional<Tenant> t) {
        selected = t.orElse(null);
        problem.set("");
        if (selected == null) {
            shown.set(null);
            return;
        }
        Tenant tenant = selected;
        runner.run(Task.of(
                "Reading " + tenant.name(),
                p -> new Shown(
                        tenant,
                        access.permissionsIn(actor, tenant.id()),
                        tenant.isArchived() ? List.of() : tenants.drift(actor, tenant.id()),
                        clock.instant()),
                facts -> {
                    if (tenant == selected) {
                        shown.set(facts);
                    }
                },
                e -> {
                    if (tenant == selected) {
                        shown.set(null);
                        problem.set("Could not read " + tenant.name() + ": " + Dialogs.messageFor(e));
                    }
                }));
    }

    /** The tenant selected now (its details may still be being read). */
    public Optional<Tenant> selected() {
        return Optional.ofNullable(selected);
    }

    public void archive() {
        act("Archiving", "archive", t -> tenants.archive(actor, t.id()));
    }

    public void restore() {
        act("Restoring", "restore", t -> tenants.restore(actor, t.id()));
    }

    /** Purges the tenant for good; {@code typedName} is the name as the person typed it to confirm. */
    public void purge(String typedName) {
        act("Purging", "purge", t -> {
            tenants.purge(actor, t.id(), typedName);
            return t;
        });
    }

    private interface Action {
        Tenant on(Tenant t) throws Exception;
    }

    private void act(String doing, String verb, Action action) {
        Tenant t = selected;
        if (t == null) {
            return;
        }
        problem.set("");
        runner.run(Task.of(
                doing + " " + t.name(),
                p -> action.on(t),
                done -> reloadTenants.run(),
                e -> problem.set("Could not " + verb + " " + t.name() + ": " + Dialogs.messageFor(e))));
    }

    /** Null while nothing is selected or the selection is still being read. */
    public ReadOnlyObjectProperty<Shown> shown() {
        return shown;
    }

    /** Why the last read or action failed, in words; empty otherwise. */
    public ReadOnlyStringProperty problem() {
        return problem;
    }
}
