package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Job;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.providers.ProviderDomainLink;
import dev.mailroom.model.providers.ProviderDomainService;
import dev.mailroom.model.sending.Connection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The provider part of a sending domain without its nodes, for the wizard's Records step, the domain's
 * detail and "Import from provider…": the client's MailerSend and SendGrid connections, the domain's link to
 * the provider's domain and what the provider last said, and "Create at…", "Pull records", "Ask … to
 * verify" and importing, each on the background runner with Stop. After a change the owner re-plans
 * ({@link #onLinkChanged}) so the provider's records show in the plan.
 */
public final class ProviderDomainViewModel {
    private final ProviderDomainService service;
    private final Actor actor;
    private final BackgroundRunner runner;

    private TenantId tenant;
    private Optional<DomainId> domain = Optional.empty();
    private Runnable onLinkChanged = () -> {};
    private Job running;

    private final ObservableList<Connection> connections = FXCollections.observableArrayList();
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();
    private final ObjectProperty<ProviderDomainLink> link = new SimpleObjectProperty<>();
    private final ObservableList<ProviderDomainService.Row> importable = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty busyText = new SimpleStringProperty("");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty problem = new SimpleStringProperty("");

    public ProviderDomainViewModel(ProviderDomainService service, Actor actor, BackgroundRunner runner) {
        this.service = service;
        this.actor = actor;
        this.runner = runner;
    }

    /** Called on the FX thread after the link or its records changed. */
    public void onLinkChanged(Runnable r) {
        this.onLinkChanged = r;
    }

    /**
     * Reads the client's provider connections and, for a domain, its link. A person who may not manage
     * domains sees the link only.
     */
    public void load(TenantId tenant, Optional<DomainId> domain) {
        this.tenant = tenant;
        this.domain = domain;
        record Loaded(List<Connection> connections, Optional<ProviderDomainLink> link) {}
        runner.run(Task.of(
                "Reading the client's provider connections",
                p -> {
                    List<Connection> cs;
                    try {
                        cs = service.connections(actor, tenant);
                    } catch (PermissionDenied notHere) {
                        cs = List.of();
                    }
                    Optional<ProviderDomainLink> l =
                            domain.isPresent() ? service.link(actor, tenant, domain.get()) : Optional.empty();
                    return new Loaded(cs, l);
                },
                l -> {
                    connections.setAll(l.connections());
                    link.set(l.link().orElse(null));
                    Connection linked = l.link()
                            .flatMap(ProviderDomainLink::connection)
                            .flatMap(id -> l.connections().stream()
                                    .filter(c -> c.id().equals(id))
                                    .findFirst())
                            .orElse(null);
                    connection.set(
                            linked != null
                                    ? linked
                                    : l.connections().isEmpty()
                                            ? null
                                            : l.connections().get(0));
                    status.set(l.link().map(ProviderDomainLink::statusWords).orElse(""));
                },
                e -> problem.set(DomainsViewModel.errorText(e))));
    }

    /** Whether there is anything to offer: the client has a MailerSend or SendGrid connection, or a link. */
    public boolean offered() {
        return !connections.isEmpty() || link.get() != null;
    }

    /** "MailerSend", "SendGrid": the linked provider, else the chosen connection's. */
    public String providerName() {
        if (link.get() != null) {
            return link.get().providerName();
        }
        return connection.get() == null
                ? "the provider"
                : ProviderDomainLink.providerName(connection.get().kind());
    }

    public String createLabel() {
        return "Create at " + providerName();
    }

    public String verifyLabel() {
        return "Ask " + providerName() + " to verify";
    }

    /** Creates the domain at the chosen connection's provider (or links the one its account has). */
    public void create() {
        Connection c = connection.get();
        if (c == null || domain.isEmpty() || busy.get()) {
            return;
        }
        DomainId d = domain.get();
        TenantId t = tenant;
        change(
                "Creating the domain at " + providerName() + "…",
                p -> service.create(actor, t, d, c.id()),
                l -> status.set(l.statusWords()));
    }

    /** Reads the provider's records and status again. */
    public void pullRecords() {
        if (domain.isEmpty() || link.get() == null || busy.get()) {
            return;
        }
        DomainId d = domain.get();
        TenantId t = tenant;
        change(
                "Reading " + providerName() + "'s records…",
                p -> service.pullRecords(actor, t, d),
                l -> status.set(l.statusWords()));
    }

    /** Asks the provider to look at the domain's DNS now, and shows what it says. */
    public void verify() {
        if (domain.isEmpty() || link.get() == null || busy.get()) {
            return;
        }
        DomainId d = domain.get();
        TenantId t = tenant;
        change(
                "Asking " + providerName() + " to verify…",
                p -> service.verify(actor, t, d),
                l -> status.set(l.statusWords()));
    }

    /**
     * Ends the domain's link: the provider's records leave the plan and Mailroom's own come back. The
     * domain stays at the provider; the page asks the person to confirm first.
     */
    public void unlink() {
        ProviderDomainLink l = link.get();
        if (domain.isEmpty() || l == null || busy.get()) {
            return;
        }
        DomainId d = domain.get();
        TenantId t = tenant;
        start("Unlinking from " + l.providerName() + "…");
        running = runner.run(Task.<Boolean>of(
                "Unlinking from " + l.providerName(),
                p -> {
                    service.unlink(actor, t, d);
                    return true;
                },
                done -> {
                    stop();
                    link.set(null);
                    status.set("Unlinked from " + l.providerName() + " (" + l.providerDomainName()
                            + " is still there). Mailroom's own DKIM and return path are in the plan again.");
                    onLinkChanged.run();
                },
                this::failed));
    }

    /** The domains of the chosen connection's account that are not yet this client's. */
    public void listImportable() {
        Connection c = connection.get();
        if (c == null || busy.get()) {
            return;
        }
        TenantId t = tenant;
        start("Reading the domains at " + providerName() + "…");
        importable.clear();
        running = runner.run(Task.<List<ProviderDomainService.Row>>of(
                        "Reading the domains at " + providerName(),
                        p -> service.list(actor, t, c.id()),
                        rows -> {
                            stop();
                            importable.setAll(rows.stream()
                                    .filter(r -> r.inTenant().isEmpty())
                                    .toList());
                            status.set(
                                    importable.isEmpty()
                                            ? providerName() + " has no domain this client does not have already."
                                            : importable.size() + " of " + rows.size() + " domains at " + providerName()
                                                    + " are not this client's yet.");
                        },
                        this::failed)
                .withCancel());
    }

    /** Imports one domain of the provider's account as a sending domain of the client. */
    public void importDomain(ProviderDomainService.Row row, Consumer<SendingDomain> done) {
        Connection c = connection.get();
        if (c == null || busy.get()) {
            return;
        }
        TenantId t = tenant;
        start("Importing " + row.domain().name() + " from " + providerName() + "…");
        record Imported(SendingDomain domain, boolean withRecords) {}
        running = runner.run(Task.<Imported>of(
                        "Importing " + row.domain().name(),
                        p -> {
                            SendingDomain d = service.importDomain(
                                    actor, t, c.id(), row.domain().id());
                            boolean records = service.link(actor, t, d.id())
                                    .map(l -> !l.records().isEmpty())
                                    .orElse(false);
                            return new Imported(d, records);
                        },
                        i -> {
                            stop();
                            importable.remove(row);
                            String name = i.domain().name().unicode();
                            status.set(
                                    i.withRecords()
                                            ? name + " is now a sending domain of this client, with " + providerName()
                                                    + "'s records in its plan."
                                            : name + " is now a sending domain of this client, but " + providerName()
                                                    + "'s records could not be read yet: select it and press Pull "
                                                    + "records.");
                            done.accept(i.domain());
                        },
                        this::failed)
                .withCancel());
    }

    /** Stops the running request (its answer, when it comes, is dropped). */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private void change(
            String words, dev.mailroom.app.common.Work<ProviderDomainLink> work, Consumer<ProviderDomainLink> after) {
        start(words);
        running = runner.run(Task.<ProviderDomainLink>of(
                        words.replace("…", ""),
                        work,
                        l -> {
                            stop();
                            link.set(l);
                            after.accept(l);
                            onLinkChanged.run();
                        },
                        e -> {
                            failed(e);
                            // a refusal after the link was made (records not pulled) still shows the link
                            if (domain.isPresent() && link.get() == null) {
                                load(tenant, domain);
                            }
                        })
                .withCancel());
    }

    private void start(String words) {
        problem.set("");
        busy.set(true);
        busyText.set(words);
    }

    private void stop() {
        busy.set(false);
        busyText.set("");
        running = null;
    }

    private void failed(Throwable e) {
        stop();
        if (!(e instanceof CancellationException)) {
            problem.set(DomainsViewModel.errorText(e));
        }
    }

    public ObservableList<Connection> connections() {
        return connections;
    }

    public ObjectProperty<Connection> connection() {
        return connection;
    }

    public ObjectProperty<ProviderDomainLink> link() {
        return link;
    }

    public ObservableList<ProviderDomainService.Row> importable() {
        return importable;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public StringProperty busyText() {
        return busyText;
    }

    /** What the provider last said, or what the last action did, in words. */
    public StringProperty status() {
        return status;
    }

    /** Why the last action failed, in words (bad key, missing scope, rate limit, no network). */
    public StringProperty problem() {
        return problem;
    }
}
