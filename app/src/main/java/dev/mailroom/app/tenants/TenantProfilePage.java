package dev.mailroom.app.tenants;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import javafx.scene.Node;
import javafx.scene.layout.VBox;

/** Tenant › Profile: the current tenant's details and actions. */
public final class TenantProfilePage implements Page {
    private final Session session;
    private final TenantDetails details;
    private final dev.mailroom.app.sending.SendingLimitsPane limits;
    private final dev.mailroom.app.validation.AddressPolicyPane addressPolicy;
    private final VBox root = new VBox(12);
    private final BackgroundRunner runner;
    /** The onboarding checklist's progress and the escalation in force, in words. */
    private final javafx.scene.control.Label onboarding = new javafx.scene.control.Label();

    public TenantProfilePage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.runner = runner;
        onboarding.setId("profile-onboarding");
        onboarding.setWrapText(true);
        onboarding.getStyleClass().add("detail-pane");
        this.details = new TenantDetails(session, runner, shell);
        this.limits = new dev.mailroom.app.sending.SendingLimitsPane(session, runner, shell);
        limits.root().getStyleClass().add("detail-pane");
        this.addressPolicy = new dev.mailroom.app.validation.AddressPolicyPane(session, runner);
        addressPolicy.root().getStyleClass().add("detail-pane");
        // The header stays; the details, limits and address policy scroll (at 1280×800 they are taller than the
        // window, and without a scroll pane they pushed the status bar out of it).
        VBox body = new VBox(12, details.root(), onboarding, limits.root(), addressPolicy.root());
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(body);
        scroll.setId("profile-scroll");
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        root.getChildren().setAll(PageHeader.of("Profile", "Who this client is and how access is shared."), scroll);
        root.getStyleClass().add("page");
        session.currentTenantProperty().addListener((o, was, now) -> refresh());
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        details.show(session.currentTenant());
        session.currentTenant().ifPresent(t -> limits.show(t.id()));
        session.currentTenant().ifPresent(t -> addressPolicy.show(t.id()));
        session.currentTenant()
                .ifPresent(t -> runner.run(BackgroundRunner.Task.of(
                        "Reading onboarding progress",
                        p -> {
                            var progress = session.services()
                                    .onboarding()
                                    .checklist(session.actor(), t.id())
                                    .progress();
                            String flag = session.services()
                                    .escalation()
                                    .standing(session.actor(), t.id())
                                    .flag();
                            return "Onboarding: " + progress.describe() + " checklist items done"
                                    + (progress.complete() ? " (complete)" : " (incomplete: see Onboarding)") + "."
                                    + (flag.isEmpty() ? "" : "\n" + flag);
                        },
                        onboarding::setText,
                        e -> onboarding.setText("Onboarding progress could not be read: " + e.getMessage()))));
    }

    @Override
    public void newItem() {
        details.edit();
    }
}
