package dev.mailroom.app.shell;

import dev.mailroom.model.tenants.Tenant;
import javafx.stage.Window;

/** What a page may ask of the window around it. */
public interface Shell {
    /** Makes the tenant current and shows its first page. */
    void openTenant(Tenant tenant);

    /** Reloads the tenants the person may see (after a change), keeping the current one. */
    void reloadTenants();

    Window window();

    /** This console's settings (ui.properties), in memory; saving touches the disk. */
    dev.mailroom.app.common.UiSettings settings();

    /** Acting as another user (the agency owner only; the use case checks). */
    void actAs(dev.mailroom.model.common.UserId user);
}
