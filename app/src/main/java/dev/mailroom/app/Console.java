package dev.mailroom.app;

import dev.mailroom.app.access.UsersPage;
import dev.mailroom.app.activity.MessageLogPage;
import dev.mailroom.app.activity.MessageLogViewModel;
import dev.mailroom.app.activity.ReportMailboxPage;
import dev.mailroom.app.activity.ReportMailboxViewModel;
import dev.mailroom.app.analytics.AnalyticsPage;
import dev.mailroom.app.analytics.ScheduledEventRetention;
import dev.mailroom.app.audit.AuditPage;
import dev.mailroom.app.audit.AuditViewModel;
import dev.mailroom.app.billing.BillingPage;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.common.FxBackgroundRunner;
import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Theme;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.app.demo.DemoData;
import dev.mailroom.app.dmarc.DmarcPage;
import dev.mailroom.app.domains.DnsPreferences;
import dev.mailroom.app.domains.DomainsPage;
import dev.mailroom.app.domains.ScheduledDomainChecks;
import dev.mailroom.app.overview.OverviewPage;
import dev.mailroom.app.overview.OverviewViewModel;
import dev.mailroom.app.sending.ConnectionsPage;
import dev.mailroom.app.sending.OutboxPage;
import dev.mailroom.app.sending.OutboxSender;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.setup.FirstRunView;
import dev.mailroom.app.setup.FirstRunViewModel;
import dev.mailroom.app.shell.MainWindow;
import dev.mailroom.app.shell.NavEntry;
import dev.mailroom.app.shell.SessionControl;
import dev.mailroom.app.signin.ChangePasswordView;
import dev.mailroom.app.signin.ChangePasswordViewModel;
import dev.mailroom.app.signin.SignInView;
import dev.mailroom.app.signin.SignInViewModel;
import dev.mailroom.app.suppressions.ProviderPushViewModel;
import dev.mailroom.app.suppressions.SuppressionsPage;
import dev.mailroom.app.suppressions.SuppressionsViewModel;
import dev.mailroom.app.templates.TemplatesPage;
import dev.mailroom.app.tenants.TenantProfilePage;
import dev.mailroom.app.tenants.TenantsPage;
import dev.mailroom.app.validation.AddressCheckPage;
import dev.mailroom.app.validation.AddressCheckViewModel;
import dev.mailroom.model.access.MyAccess;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.SignedIn;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.persistence.store.DataDirectory;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.image.Image;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running console on one stage: opens the store in the background, then shows the first-run
 * form, the sign-in form or the main window. Tests start and stop several on the same data folder.
 */
public final class Console implements SessionControl {
    private static final Logger log = LoggerFactory.getLogger(Console.class);

    private final StartOptions options;
    private final Map<String, String> env;
    private final Clock clock;
    /** Errors of background work without its own handler go to one dialog (docs/decisions/0022). */
    private final FxBackgroundRunner runner =
            new FxBackgroundRunner(4, (whatFailed, error) -> Dialogs.showError(this.stage, whatFailed, error));

    private Stage stage;
    private Scene scene;
    private Services services;
    private UiSettings settings;
    private MainWindow mainWindow;
    private SignedIn signedIn;
    private String agencyName = "";
    private Actor actingActor;
    private ScheduledDomainChecks scheduledChecks;
    private dev.mailroom.app.providers.ScheduledProviderSync scheduledSync;
    private ScheduledEventRetention scheduledRetention;
    private dev.mailroom.app.settings.StoreUpkeep storeUpkeep;
    private OutboxSender sender;
    private dev.mailroom.app.common.FxStallWatch stallWatch;

    public Console(StartOptions options, Map<String, String> env, Clock clock) {
        this.options = options;
        this.env = env;
        this.clock = clock;
    }

    public void start(Stage stage) {
        this.stage = stage;
        if (options.watchStalls()) {
            stallWatch = dev.mailroom.app.common.FxStallWatch.start(
                    java.time.Duration.ofMillis(100),
                    () -> mainWindow == null ? "the sign-in or start screen" : "page " + mainWindow.shownPageId());
        }
        stage.setTitle("Mailroom");
        Optional.ofNullable(Console.class.getResourceAsStream("/dev/mailroom/app/icon-256.png"))
                .ifPresent(in -> stage.getIcons().add(new Image(in)));
        Theme.apply(false);
        scene = new Scene(loadingWithProgress("Opening the store…", "Opening the store"), 1280, 800);
        Theme.style(scene);
        stage.setScene(scene);
        stage.setMinWidth(960);
        stage.setMinHeight(640);
        stage.show();

        Path dataDir = DataDirectory.resolve(options.dataDir(), env);
        StoreConfig config = new StoreConfig(
                dataDir,
                options.jdbcUrl(),
                Optional.ofNullable(env.get("MAILROOM_JDBC_USER")),
                Optional.ofNullable(env.get("MAILROOM_JDBC_PASSWORD")));
        runner.run(Task.of("Opening the store", p -> open(config, p), this::opened, error -> {
            Dialogs.showError(stage, "Mailroom could not open its store", error);
            Platform.exit();
        }));
    }

    /** Background: everything start-up needs from the disk. */
    private Opened open(StoreConfig config, dev.mailroom.app.common.Progress progress) {
        UiSettings ui = UiSettings.load(config.dataDir());
        boolean dark = ui.get("theme").map("dark"::equals).orElseGet(Theme::osPrefersDark);
        Store store = Store.open(config);
        try {
            Services s = Services.create(store, clock, dnsResolvers(ui));
            Optional<SignedIn> demoOwner = Optional.empty();
            if (options.demo()) {
                // The demo clients' connections point at a relay on loopback that only --demo starts.
                dev.mailroom.app.demo.DemoRelay.startForDemo();
                demoOwner = DemoData.seedIfNew(s, progress);
            }
            String agency = s.firstRun().agency().map(a -> a.name()).orElse("");
            return new Opened(s, ui, dark, s.firstRun().needsSetup(), agency, demoOwner);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The "DNS resolvers" setting in ui.properties: {@code dns.resolvers} (blank for the system's, or
     * addresses such as {@code 9.9.9.9, 127.0.0.1:5353}) and {@code dns.timeout.seconds}. A setting that
     * cannot be read falls back to the system's resolvers rather than stopping the console.
     */
    static ResolverSettings dnsResolvers(UiSettings ui) {
        return DnsPreferences.from(ui).resolverSettings();
    }

    private record Opened(
            Services services,
            UiSettings settings,
            boolean dark,
            boolean needsSetup,
            String agencyName,
            Optional<SignedIn> demoOwner) {}

    private void opened(Opened o) {
        services = o.services();
        settings = o.settings();
        Theme.apply(o.dark());
        restoreGeometry();
        if (o.demoOwner().isPresent()) {
            showMain(o.demoOwner().get(), o.agencyName());
        } else if (o.needsSetup()) {
            FirstRunViewModel vm = new FirstRunViewModel(services.firstRun(), runner);
            vm.onSignedIn(signedIn -> showMain(signedIn, vm.agencyName().get().strip()));
            show(new FirstRunView(vm).root());
            options.screenshot().ifPresent(this::screenshotThenExit);
        } else if (options.demo() && options.screenshot().isPresent()) {
            // Screenshots of an existing demo store: signed in as its owner, as when it was made, so one demo store
            // serves every picture (a store of another agency refuses the demo password).
            String agency = o.agencyName();
            runner.run(Task.of(
                    "Signing in",
                    p -> services.signIn().signIn(DemoData.OWNER_EMAIL, DemoData.OWNER_PASSWORD.toCharArray()),
                    who -> showMain(who, agency),
                    e -> {
                        showSignIn(agency);
                        options.screenshot().ifPresent(this::screenshotThenExit);
                    }));
        } else {
            showSignIn(o.agencyName());
            options.screenshot().ifPresent(this::screenshotThenExit);
        }
    }

    private void showSignIn(String agencyName) {
        SignInViewModel vm = new SignInViewModel(services.signIn(), runner, agencyName);
        if (options.demo()) {
            vm.email().set(DemoData.OWNER_EMAIL);
            vm.hint().set("Demo store: the password is \"" + DemoData.OWNER_PASSWORD + "\".");
        }
        vm.onSignedIn(signedIn -> showMain(signedIn, agencyName));
        show(new SignInView(vm).root());
    }

    /** After sign-in: a first or reset password must be replaced before anything else. */
    private void showMain(SignedIn who, String agency) {
        signedIn = who;
        agencyName = agency;
        if (who.mustChangePassword() && options.screenshot().isEmpty()) {
            ChangePasswordViewModel vm = new ChangePasswordViewModel(services.signIn(), runner, who.actor());
            show(ChangePasswordView.forced(vm, () -> startSession(who.actor())));
        } else {
            startSession(who.actor());
        }
    }

    /** Reads what the actor may do, then builds the window for exactly that. */
    private void startSession(Actor actor) {
        show(loading("Signing in…"));
        runner.run(Task.of(
                "Reading your access",
                p -> services.access().myAccess(actor),
                access -> {
                    actingActor = actor.isActingAs() ? actor : null;
                    Session session = new Session(services, signedIn, actor, access, agencyName);
                    startSender();
                    mainWindow = new MainWindow(
                            session,
                            runner,
                            settings,
                            navigation(session),
                            this,
                            services.store().describe());
                    show(mainWindow.root());
                    // template-editor[-mobile] (screenshots) opens the Templates page, which then opens its first
                    // template.
                    // send-dialog and outbox-sent (screenshots) open the Outbox page, which then starts a demo send.
                    mainWindow.start(options.page()
                            .map(p -> p.startsWith("template-editor")
                                    ? "templates"
                                    : p.equals("send-dialog") || p.equals("outbox-sent")
                                            ? "outbox"
                                            : p.equals("escalation-dialog") ? "onboarding" : p));
                    startScheduledChecks(actor, access);
                    if (options.screenshot().isEmpty()) {
                        dev.mailroom.app.common.WebKitWarmUp.start(runner);
                    }
                    // --page settings (screenshots): the Settings window over the first page.
                    if (options.page().filter("settings"::equals).isPresent()) {
                        MainWindow shown = mainWindow;
                        Platform.runLater(shown::openSettings);
                    }
                    options.screenshot().ifPresent(this::screenshotThenExit);
                },
                e -> {
                    Dialogs.showError(stage, "Could not read your access", e);
                    signOut();
                }));
    }

    /** The tenants where this person holds the permission, in id order (read on the FX thread: in memory). */
    private static List<dev.mailroom.model.common.TenantId> tenantsWhere(MyAccess access, Permission permission) {
        return access.byTenant().keySet().stream()
                .filter(t -> access.may(t, permission))
                .sorted(java.util.Comparator.comparingLong(dev.mailroom.model.common.TenantId::value))
                .toList();
    }

    /** DNS re-checks while the console runs, for whoever may see domains; "dns.recheck.hours" in ui.properties. */
    private void startScheduledChecks(Actor actor, MyAccess access) {
        stopScheduledChecks();
        if (options.screenshot().isEmpty()) {
            // The store file gives back space while the console is idle (issue 19); nothing a person must allow.
            storeUpkeep = new dev.mailroom.app.settings.StoreUpkeep(
                    services.storeMaintenance(), runner, java.time.Duration.ofMinutes(20));
            storeUpkeep.start();
        }
        if (options.screenshot().isEmpty() && access.mayAnywhere(Permission.TENANT_EDIT)) {
            // Old raw events go once a day, in the tenants this person may edit.
            scheduledRetention = new ScheduledEventRetention(
                    services.retention(), actor, runner, java.time.Duration.ofDays(1), run -> {});
            scheduledRetention.start();
        }
        if (options.screenshot().isEmpty() && access.mayAnywhere(Permission.CONNECTIONS_MANAGE)) {
            // Provider activity of the API connections in the tenants this person may manage connections in.
            scheduledSync = new dev.mailroom.app.providers.ScheduledProviderSync(
                    services.providerSync(),
                    services.providerKeys(),
                    actor,
                    runner,
                    java.time.Duration.ofMinutes(5),
                    () -> tenantsWhere(access, Permission.CONNECTIONS_MANAGE),
                    () -> tenantsWhere(access, Permission.CREDENTIALS_MANAGE));
            scheduledSync.start();
        }
        if (options.screenshot().isPresent() || !access.mayAnywhere(Permission.DOMAINS_VIEW)) {
            return;
        }
        scheduledChecks = new ScheduledDomainChecks(
                services.domains(),
                actor,
                runner,
                DnsPreferences.from(settings).recheckEvery(),
                () -> DnsPreferences.from(settings).blocklists(),
                () -> DnsPreferences.from(settings).lookupsAtOnce(),
                result -> {
                    String broken = ScheduledDomainChecks.describeBroken(result);
                    List<String> listed = scheduledChecks == null ? List.of() : scheduledChecks.listed();
                    if (!broken.isEmpty() || !listed.isEmpty()) {
                        String text =
                                (broken.isEmpty() ? "" : "Missing or changed since the last check: " + broken + ". ")
                                        + (listed.isEmpty()
                                                ? ""
                                                : "Listed: " + String.join("; ", listed)
                                                        + ". Open Domains for the list's removal page. ");
                        org.controlsfx.control.Notifications.create()
                                .owner(stage)
                                .title("DNS needs attention")
                                .text(text.strip())
                                .hideAfter(javafx.util.Duration.minutes(2))
                                .showWarning();
                    }
                });
        scheduledChecks.start();
    }

    private void stopScheduledChecks() {
        if (storeUpkeep != null) {
            storeUpkeep.stop();
            storeUpkeep = null;
        }
        if (scheduledRetention != null) {
            scheduledRetention.stop();
            scheduledRetention = null;
        }
        if (scheduledChecks != null) {
            scheduledChecks.stop();
            scheduledChecks = null;
        }
        if (scheduledSync != null) {
            scheduledSync.stop();
            scheduledSync = null;
        }
    }

    @Override
    public void actAs(UserId user) {
        Actor owner = signedIn.actor();
        runner.run(Task.of("Switching identity", p -> services.users().actAs(owner, user), this::startSession, e -> {
            Dialogs.showError(stage, "Could not act as that user", e);
            startSession(owner);
        }));
    }

    @Override
    public void openSettings(javafx.stage.Window owner, Session session, String storeDescription) {
        boolean owns = session.isAgencyOwner() && !session.actor().isActingAs();
        String dns = services.dnsResolvers().describe();
        dev.mailroom.app.settings.SettingsWindow.show(
                owner,
                new dev.mailroom.app.settings.SettingsWindow.Sections(
                        settings,
                        runner,
                        dns,
                        () -> dev.mailroom.app.domains.DnsSettingsDialog.show(owner, settings, runner, dns),
                        owns
                                ? Optional.of(() -> dev.mailroom.app.settings.RetentionDialog.show(
                                        owner,
                                        new dev.mailroom.app.settings.RetentionViewModel(
                                                services.retention(), runner, session.actor())))
                                : Optional.empty(),
                        storeDescription,
                        new dev.mailroom.app.settings.StoreViewModel(
                                services.storeMaintenance(), runner, session.actor(), owns),
                        () -> {},
                        new dev.mailroom.app.access.ApiTokensViewModel(
                                services.apiTokens(), services.tenants(), runner, session.actor(), services.clock())));
    }

    @Override
    public void stopActing() {
        Actor acting = mainWindow == null ? signedIn.actor() : currentActor();
        runner.run(Task.of("Switching identity", p -> services.users().stopActing(acting), this::startSession, e -> {
            Dialogs.showError(stage, "Could not stop acting", e);
            startSession(signedIn.actor());
        }));
    }

    private Actor currentActor() {
        return actingActor != null ? actingActor : signedIn.actor();
    }

    /** Every screen of the console, in navigation order. Only screens that exist are listed. */
    private List<NavEntry> navigation(Session session) {
        return List.of(
                new NavEntry(
                        "overview",
                        NavEntry.Group.AGENCY,
                        "Overview",
                        Icons::overview,
                        null,
                        shell -> new OverviewPage(
                                new OverviewViewModel(
                                        new OverviewViewModel.Sources(
                                                services.tenants(),
                                                services.domains(),
                                                services.limits(),
                                                services.onboarding(),
                                                services.escalation(),
                                                services.analytics()),
                                        runner,
                                        session.actor(),
                                        session.access()::may,
                                        session.isAgencyOwner(),
                                        session.tenants(),
                                        shell.settings()),
                                shell,
                                services.clock())),
                new NavEntry(
                        "tenants",
                        NavEntry.Group.AGENCY,
                        "Tenants",
                        Icons::tenants,
                        null,
                        shell -> new TenantsPage(session, runner, shell)),
                new NavEntry(
                        "users",
                        NavEntry.Group.AGENCY,
                        "Users",
                        Icons::users,
                        Permission.USERS_MANAGE,
                        shell -> new UsersPage(session, runner, shell)),
                new NavEntry(
                        "audit",
                        NavEntry.Group.AGENCY,
                        "Audit log",
                        Icons::audit,
                        Permission.AUDIT_VIEW,
                        shell -> new AuditPage(
                                new AuditViewModel(
                                        services.auditLog(),
                                        runner,
                                        session.actor(),
                                        session.tenants().stream()
                                                .filter(t -> session.access().may(t.id(), Permission.AUDIT_VIEW))
                                                .toList(),
                                        java.time.ZoneId.systemDefault()),
                                shell,
                                session.isAgencyOwner())),
                new NavEntry(
                        "library",
                        NavEntry.Group.AGENCY,
                        "Library",
                        Icons::library,
                        Permission.TEMPLATES_VIEW,
                        shell -> TemplatesPage.library(session, runner, shell)),
                new NavEntry(
                        "billing",
                        NavEntry.Group.AGENCY,
                        "Billing",
                        Icons::billing,
                        Permission.USAGE_VIEW,
                        shell -> new BillingPage(session, runner, shell)),
                new NavEntry(
                        "tenant-profile",
                        NavEntry.Group.TENANT,
                        "Profile",
                        Icons::profile,
                        Permission.TENANT_VIEW,
                        shell -> new TenantProfilePage(session, runner, shell)),
                new NavEntry(
                        "onboarding",
                        NavEntry.Group.TENANT,
                        "Onboarding",
                        Icons::verify,
                        Permission.TENANT_VIEW,
                        // escalation-dialog (a screenshot) opens the page, then its escalation dialog.
                        shell -> new dev.mailroom.app.onboarding.OnboardingPage(
                                session,
                                runner,
                                shell,
                                options.page()
                                        .filter("escalation-dialog"::equals)
                                        .isPresent())),
                new NavEntry(
                        "review",
                        NavEntry.Group.TENANT,
                        "Review",
                        Icons::mail,
                        Permission.ESCALATION_MANAGE,
                        shell -> new dev.mailroom.app.onboarding.ReviewPage(session, runner, shell)),
                new NavEntry(
                        "domains",
                        NavEntry.Group.TENANT,
                        "Domains",
                        Icons::domains,
                        Permission.DOMAINS_VIEW,
                        shell -> new DomainsPage(session, runner, shell)),
                new NavEntry(
                        "templates",
                        NavEntry.Group.TENANT,
                        "Templates",
                        Icons::templates,
                        Permission.TEMPLATES_VIEW,
                        shell -> TemplatesPage.tenant(
                                session, runner, shell, options.page().filter(p -> p.startsWith("template-editor")))),
                new NavEntry(
                        "connections",
                        NavEntry.Group.TENANT,
                        "Connections",
                        Icons::connections,
                        Permission.CONNECTIONS_MANAGE,
                        shell -> new ConnectionsPage(session, runner, shell)),
                new NavEntry(
                        "outbox",
                        NavEntry.Group.TENANT,
                        "Outbox",
                        Icons::outbox,
                        Permission.SENDING,
                        shell -> dev.mailroom.app.demo.DemoSendHook.forPage(
                                        options.page(), session, runner, shell, sender::wake)
                                .map(hook -> new OutboxPage(session, runner, shell, sender::wake, hook))
                                .orElseGet(() -> new OutboxPage(session, runner, shell, sender::wake))),
                new NavEntry(
                        "address-check",
                        NavEntry.Group.TENANT,
                        "Check addresses",
                        Icons::verify,
                        Permission.SENDING,
                        shell -> addressCheckPage(session, shell)),
                // Listing needs ANALYTICS_VIEW; the page offers changes only with SUPPRESSIONS_MANAGE.
                new NavEntry(
                        "suppressions",
                        NavEntry.Group.TENANT,
                        "Suppressions",
                        Icons::suppressions,
                        Permission.ANALYTICS_VIEW,
                        shell -> suppressionsPage(session, shell)),
                new NavEntry(
                        "analytics",
                        NavEntry.Group.TENANT,
                        "Analytics",
                        Icons::analytics,
                        Permission.ANALYTICS_VIEW,
                        shell -> new AnalyticsPage(session, runner, shell)),
                new NavEntry(
                        "message-log",
                        NavEntry.Group.TENANT,
                        "Message log",
                        Icons::messageLog,
                        Permission.ANALYTICS_VIEW,
                        shell -> messageLogPage(session, shell)),
                new NavEntry(
                        "dmarc",
                        NavEntry.Group.TENANT,
                        "DMARC",
                        Icons::shield,
                        Permission.ANALYTICS_VIEW,
                        shell -> new DmarcPage(session, runner, shell)),
                // Reading changes suppressions; the page lets only Admins and Owners change the settings.
                new NavEntry(
                        "bounce-mailbox",
                        NavEntry.Group.TENANT,
                        "Bounce mailbox",
                        Icons::bounceMailbox,
                        Permission.SUPPRESSIONS_MANAGE,
                        shell -> reportMailboxPage(session, shell)));
    }

    private AddressCheckPage addressCheckPage(Session session, dev.mailroom.app.shell.Shell shell) {
        // Full results are personal data: they wait for export in the owner-only data folder.
        AddressCheckViewModel vm = new AddressCheckViewModel(
                services.addressChecks(),
                runner,
                session.actor(),
                services.store().config().dataDir().resolve("scratch"));
        vm.tenant()
                .bind(javafx.beans.binding.Bindings.createObjectBinding(
                        () -> session.currentTenant()
                                .map(dev.mailroom.model.tenants.Tenant::id)
                                .orElse(null),
                        session.currentTenantProperty()));
        return new AddressCheckPage(vm, shell);
    }

    private SuppressionsPage suppressionsPage(Session session, dev.mailroom.app.shell.Shell shell) {
        SuppressionsViewModel vm = new SuppressionsViewModel(
                services.suppressions(),
                services.suppressionImport(),
                services.sendingDomains()::names,
                runner,
                session.actor(),
                t -> session.access().may(t, Permission.SUPPRESSIONS_MANAGE));
        vm.tenant()
                .bind(javafx.beans.binding.Bindings.createObjectBinding(
                        () -> session.currentTenant()
                                .map(dev.mailroom.model.tenants.Tenant::id)
                                .orElse(null),
                        session.currentTenantProperty()));
        vm.tenant().addListener((o, was, t) -> vm.refresh());
        return new SuppressionsPage(
                vm, new ProviderPushViewModel(services.suppressionPush(), session.actor(), runner), shell);
    }

    private MessageLogPage messageLogPage(Session session, dev.mailroom.app.shell.Shell shell) {
        MessageLogViewModel vm = new MessageLogViewModel(
                services.messageLog(),
                runner,
                session.actor(),
                services.clock(),
                java.time.ZoneId.systemDefault(),
                shell.settings());
        vm.tenant()
                .bind(javafx.beans.binding.Bindings.createObjectBinding(
                        () -> session.currentTenant()
                                .map(dev.mailroom.model.tenants.Tenant::id)
                                .orElse(null),
                        session.currentTenantProperty()));
        return new MessageLogPage(vm);
    }

    private ReportMailboxPage reportMailboxPage(Session session, dev.mailroom.app.shell.Shell shell) {
        ReportMailboxViewModel vm = new ReportMailboxViewModel(
                services.reportMailbox(), dev.mailroom.mailer.activity.MailFiles::new, runner, session.actor());
        vm.tenant()
                .bind(javafx.beans.binding.Bindings.createObjectBinding(
                        () -> session.currentTenant()
                                .map(dev.mailroom.model.tenants.Tenant::id)
                                .orElse(null),
                        session.currentTenantProperty()));
        vm.tenant().addListener((o, was, t) -> vm.refresh());
        return new ReportMailboxPage(vm, shell, session.isAgencyOwner());
    }

    @Override
    public void signOut() {
        if (actingActor != null) {
            Actor acting = actingActor;
            runner.run(Task.of("Signing out", p -> services.users().stopActing(acting), ok -> {}, e -> {}));
        }
        actingActor = null;
        mainWindow = null;
        stopScheduledChecks();
        stopSender(false);
        // The name was read when the store opened: no store access on the FX thread.
        showSignIn(agencyName);
    }

    /**
     * The sender runs while someone is signed in; recovery of messages left mid-send runs first, on its
     * thread. One sender per console: a sign-in while the last round is still finishing keeps it going.
     */
    private void startSender() {
        if (sender == null) {
            sender = new OutboxSender(services.outbox());
        }
        sender.start();
    }

    /**
     * Never waits on the FX thread: the sender finishes its round on its own thread. At exit the runner
     * waits (off the FX thread's work, bounded) for that round to be recorded before the store closes.
     */
    /** @return true when a last send round is still being recorded (the runner waits for it at exit) */
    private boolean stopSender(boolean exiting) {
        if (sender == null) {
            return false;
        }
        OutboxSender stopping = sender;
        boolean done = stopping.stop().isDone();
        if (exiting && !done) {
            runner.run(Task.of(
                    "Recording the last send round",
                    p -> stopping.awaitStopped(java.time.Duration.ofSeconds(30)),
                    ended -> {
                        if (!ended) {
                            log.warn("The sender's last round did not end in time; its messages will be in doubt");
                        }
                    },
                    e -> log.warn("Waiting for the sender's last round failed", e)));
        }
        return !done;
    }

    /** For tests that set up what the console itself cannot (a sending domain with a signing key). */
    Services services() {
        return services;
    }

    private void show(Parent root) {
        scene.setRoot(root);
    }

    /**
     * The start screen while the store opens: what it is doing in words and how far (making the demo store
     * reports each step), from the background job of that title.
     */
    private Parent loadingWithProgress(String initial, String jobTitle) {
        ProgressBar bar = new ProgressBar(ProgressBar.INDETERMINATE_PROGRESS);
        bar.setPrefWidth(360);
        bar.setId("start-progress");
        Label words = new Label(initial);
        words.setId("start-progress-text");
        VBox box = new VBox(12, bar, words);
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("loading");
        javafx.collections.ListChangeListener<dev.mailroom.app.common.Job> follow = c -> runner.jobs().stream()
                .filter(j -> j.title().equals(jobTitle))
                .findFirst()
                .ifPresent(j -> {
                    if (!bar.progressProperty().isBound()) {
                        bar.progressProperty().bind(j.progress());
                        words.textProperty()
                                .bind(javafx.beans.binding.Bindings.createStringBinding(
                                        () -> j.message().get() == null
                                                        || j.message().get().isBlank()
                                                ? initial
                                                : j.message().get(),
                                        j.message()));
                    }
                });
        runner.jobs().addListener(follow);
        return box;
    }

    private static Parent loading(String message) {
        VBox box = new VBox(12, new ProgressIndicator(), new Label(message));
        box.setAlignment(Pos.CENTER);
        box.getStyleClass().add("loading");
        return box;
    }

    private void restoreGeometry() {
        settings.getDouble("window.width").ifPresent(stage::setWidth);
        settings.getDouble("window.height").ifPresent(stage::setHeight);
        settings.getDouble("window.x").ifPresent(stage::setX);
        settings.getDouble("window.y").ifPresent(stage::setY);
        settings.get("window.maximized").map(Boolean::valueOf).ifPresent(stage::setMaximized);
    }

    private void rememberGeometry() {
        if (settings == null || stage == null) {
            return;
        }
        settings.put("window.maximized", Boolean.toString(stage.isMaximized()));
        if (!stage.isMaximized()) {
            settings.put("window.width", Double.toString(stage.getWidth()));
            settings.put("window.height", Double.toString(stage.getHeight()));
            settings.put("window.x", Double.toString(stage.getX()));
            settings.put("window.y", Double.toString(stage.getY()));
        }
    }

    /** The --screenshot hook: lives in {@link Screenshot}, apart from the console's navigation. */
    private void screenshotThenExit(Path file) {
        new Screenshot(stage, scene, runner, options.page()).takeThenExit(file);
    }

    /**
     * At exit a store file less than half data is copied into a fresh one when its data is small enough,
     * else compacted in place for up to 3 s (issue 19).
     */
    private void compactAtExit() {
        try {
            services.storeMaintenance()
                    .atExit(java.time.Duration.ofSeconds(3))
                    .ifPresent(c -> log.info(
                            "Store compacted at exit: {} -> {} bytes in {} ms",
                            c.before().fileBytes(),
                            c.after().fileBytes(),
                            c.took().toMillis()));
        } catch (RuntimeException e) {
            log.warn("Store not compacted at exit: {}", e.getMessage());
        }
    }

    /** The FX-thread stall watch, when started with --watch-stalls. */
    Optional<dev.mailroom.app.common.FxStallWatch> stallWatch() {
        return Optional.ofNullable(stallWatch);
    }

    /** Saves what the person chose and closes the store. Safe to call more than once. */
    public void shutdown() {
        if (stallWatch != null) {
            // Before the exit's own waits (the sender's last round, compaction), which are not the person's.
            stallWatch.close();
            stallWatch = null;
        }
        stopScheduledChecks();
        rememberGeometry();
        if (mainWindow != null) {
            mainWindow.stop();
        }
        if (settings != null) {
            settings.save();
        }
        // A send round under way is given up to 30 s to record its messages (decision 0021); else 3 s.
        boolean sending = stopSender(true);
        runner.shutdownWithin(java.time.Duration.ofSeconds(sending ? 30 : 3));
        if (services != null) {
            services.smtp().close();
            compactAtExit();
            services.store().close();
            services = null;
        }
    }
}
