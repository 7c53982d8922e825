package dev.mailroom.app.templates;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.templates.ImportReport;
import dev.mailroom.model.templates.StarterTemplate;
import dev.mailroom.model.templates.Template;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateId;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.templates.TemplateService;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * A client's templates or the agency library without a window: the list and its filter, what the
 * person may do (with the reason when not), and the commands (add, delete, copy to a client, bundles in
 * and out), each calling {@link TemplateService} through the background runner. Errors without their
 * own handler go to the runner's default path.
 */
public final class TemplatesViewModel {
    /** Bundles are JSON with base64 images: generous, but a file this large is not a bundle. */
    static final long MAX_BUNDLE_BYTES = 64L * 1024 * 1024;

    /** The signed-in person's permissions in a tenant (read once per session). */
    @FunctionalInterface
    public interface Access {
        boolean may(TenantId tenant, Permission permission);
    }

    private final TemplateService service;
    private final Actor actor;
    private final BackgroundRunner runner;
    private final boolean library;
    private final boolean agencyOwner;
    private final Access access;

    private final ObjectProperty<Tenant> tenant = new SimpleObjectProperty<>();
    private final ObservableList<Template> templates = FXCollections.observableArrayList();
    private final FilteredList<Template> shown = new FilteredList<>(templates);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper mayEdit = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper readOnlyNote = new ReadOnlyStringWrapper("");

    public TemplatesViewModel(
            TemplateService service,
            Actor actor,
            BackgroundRunner runner,
            boolean library,
            boolean agencyOwner,
            Access access) {
        this.service = service;
        this.actor = actor;
        this.runner = runner;
        this.library = library;
        this.agencyOwner = agencyOwner;
        this.access = access;
        filter.addListener((o, was, q) -> {
            String s = q.strip().toLowerCase(Locale.ROOT);
            shown.setPredicate(t -> s.isEmpty()
                    || t.name().toLowerCase(Locale.ROOT).contains(s)
                    || t.kind().label().toLowerCase(Locale.ROOT).contains(s)
                    || t.content().subject().toLowerCase(Locale.ROOT).contains(s));
        });
        tenant.addListener((o, was, now) -> updateAllowed());
        updateAllowed();
    }

    public boolean library() {
        return library;
    }

    /** The current client (the library previews and copies with it). */
    public ObjectProperty<Tenant> tenant() {
        return tenant;
    }

    public ObservableList<Template> templates() {
        return templates;
    }

    /** The templates the filter lets through. */
    public ObservableList<Template> shown() {
        return shown;
    }

    public StringProperty filter() {
        return filter;
    }

    /** The person may change what the page lists (the use cases check again). */
    public ReadOnlyBooleanProperty mayEdit() {
        return mayEdit.getReadOnlyProperty();
    }

    /** Why the list is read-only, empty when it is not. */
    public ReadOnlyStringProperty readOnlyNote() {
        return readOnlyNote.getReadOnlyProperty();
    }

    public Optional<TemplateOwner> owner() {
        return library
                ? Optional.of(TemplateOwner.agency())
                : Optional.ofNullable(tenant.get()).map(t -> TemplateOwner.tenant(t.id()));
    }

    /** The client a library template can be copied into, when the person may add templates there. */
    public Optional<Tenant> copyTarget() {
        return Optional.ofNullable(tenant.get())
                .filter(t -> !t.isArchived() && access.may(t.id(), Permission.TEMPLATES_EDIT));
    }

    /** The tenant whose brand kit the editor previews with. */
    public Optional<TenantId> previewTenant(Template t) {
        return library
                ? Optional.ofNullable(tenant.get())
                        .map(Tenant::id)
                        .filter(id -> access.may(id, Permission.TEMPLATES_VIEW))
                : t.owner().tenant();
    }

    /** Recomputes {@link #mayEdit()} and the read-only note (the tenant or its state changed). */
    public void updateAllowed() {
        Tenant t = tenant.get();
        boolean edit =
                library ? agencyOwner : t != null && !t.isArchived() && access.may(t.id(), Permission.TEMPLATES_EDIT);
        mayEdit.set(edit);
        String why = "";
        if (!edit) {
            if (library) {
                why = "The library is read-only for you: only the agency owner adds or changes its templates. "
                        + "You can open them and copy one into the current client.";
            } else if (t != null) {
                why = t.isArchived()
                        ? t.name() + " is archived, so its templates are read-only."
                        : "Read-only: your role in " + t.name() + " lets you see templates, not change them.";
            }
        }
        readOnlyNote.set(why);
    }

    private boolean mayRead() {
        return library
                || Optional.ofNullable(tenant.get())
                        .map(t -> access.may(t.id(), Permission.TEMPLATES_VIEW))
                        .orElse(false);
    }

    /** Loads the list; {@code then} gets it once it is shown. */
    public void refresh(Consumer<List<Template>> then) {
        updateAllowed();
        Optional<TemplateOwner> owner = owner();
        if (owner.isEmpty() || !mayRead()) {
            templates.clear();
            return;
        }
        runner.run(Task.of(
                library ? "Loading the library" : "Loading templates",
                p -> service.list(actor, owner.get()),
                found -> {
                    templates.setAll(found);
                    then.accept(found);
                },
                e -> runner.reporter().report("Could not load the templates", e)));
    }

    /** Reads the template as stored now, for the editor. */
    public void open(Template t, Consumer<Template> onOpened) {
        owner().ifPresent(owner -> runner.run(Task.of(
                "Opening " + t.name(),
                p -> service.get(actor, owner, t.id()),
                onOpened,
                e -> runner.reporter().report("Could not open \"" + t.name() + "\"", e))));
    }

    /** The starter library the "New from starter" dialog offers. */
    public List<StarterTemplate> starters() {
        return service.starters();
    }

    /** Adds a template from a starter (its own name lets the use case pick a free one) or a blank one. */
    public void create(Optional<StarterTemplate> starter, String name, Consumer<Template> onCreated) {
        Optional<TemplateOwner> owner = owner();
        if (owner.isEmpty() || !mayEdit.get()) {
            return;
        }
        runner.run(Task.of(
                "Adding a template",
                p -> starter.isPresent()
                        ? service.useStarter(
                                actor,
                                owner.get(),
                                starter.get().id(),
                                Optional.of(name)
                                        .filter(n -> !n.equals(starter.get().name())))
                        : service.create(actor, owner.get(), blank(name)),
                created -> {
                    refresh(x -> {});
                    onCreated.accept(created);
                },
                e -> runner.reporter().report("Could not add the template", e)));
    }

    public void delete(Template t) {
        owner().ifPresent(owner -> runner.run(Task.of(
                "Deleting " + t.name(),
                p -> {
                    service.delete(actor, owner, t.id());
                    return null;
                },
                ok -> refresh(x -> {}),
                e -> runner.reporter().report("Could not delete \"" + t.name() + "\"", e))));
    }

    public void copyToTenant(Template t, Tenant target, Consumer<Template> onCopied) {
        runner.run(Task.of(
                "Copying " + t.name(),
                p -> service.copyFromLibrary(actor, target.id(), t.id(), Optional.empty()),
                onCopied,
                e -> runner.reporter().report("Could not copy \"" + t.name() + "\"", e)));
    }

    /** "acme-templates.json", "agency-library-templates.json". */
    public String exportFileName() {
        String base = library
                ? "agency-library"
                : Optional.ofNullable(tenant.get()).map(Tenant::name).orElse("templates");
        return base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-") + "-templates.json";
    }

    /** Writes the chosen templates as a bundle (with the brand kit and its logo). */
    public void exportTo(List<Template> chosen, Path file, Consumer<Path> onDone) {
        Optional<TemplateOwner> owner = owner();
        if (owner.isEmpty() || chosen.isEmpty()) {
            return;
        }
        List<TemplateId> ids = chosen.stream().map(Template::id).toList();
        runner.run(Task.of(
                "Exporting templates",
                p -> {
                    byte[] bundle = service.export(actor, owner.get(), ids);
                    Files.write(file, bundle);
                    return file;
                },
                onDone,
                e -> runner.reporter().report("Could not export the templates", e)));
    }

    /** Imports a bundle file; {@code onReport} gets what was imported and what the brand kit lacks. */
    public void importFrom(Path file, Consumer<ImportReport> onReport) {
        Optional<TemplateOwner> owner = owner();
        if (owner.isEmpty()) {
            return;
        }
        runner.run(Task.of(
                "Importing templates",
                p -> {
                    if (Files.size(file) > MAX_BUNDLE_BYTES) {
                        throw new InvalidInput(
                                "bundle",
                                "This file is " + Files.size(file) / (1024 * 1024)
                                        + " MB: too large to be a template bundle.");
                    }
                    return service.importBundle(actor, owner.get(), Files.readAllBytes(file));
                },
                report -> {
                    refresh(x -> {});
                    onReport.accept(report);
                },
                e -> runner.reporter().report("Could not import " + file.getFileName(), e)));
    }

    /** "2 templates imported, with brand values missing". */
    public static String reportHeader(ImportReport report) {
        return report.imported().size()
                + (report.imported().size() == 1 ? " template imported" : " templates imported")
                + (report.complete() ? "" : ", with brand values missing");
    }

    /** The imported names (renamed ones say so) and, for a client, what its brand kit lacks. */
    public String reportText(ImportReport report) {
        StringBuilder b = new StringBuilder();
        for (ImportReport.Imported i : report.imported()) {
            b.append("• ").append(i.name());
            if (i.renamed()) {
                b.append(" (the name \"").append(i.nameInBundle()).append("\" was taken)");
            }
            b.append('\n');
        }
        if (!library) {
            if (!report.tenantHasBrandKit()) {
                b.append(
                        "\nThis client has no brand kit yet: brand values stay empty until you set one up (Brand kit…).\n");
            }
            if (!report.missing().isEmpty()) {
                b.append("\nMissing in this client's brand kit:\n");
                report.missing()
                        .forEach(m -> b.append("• ").append(m.describe()).append('\n'));
            } else if (report.tenantHasBrandKit()) {
                b.append("\nEvery brand value the templates use is in this client's brand kit.");
            }
        }
        return b.toString().strip();
    }

    static TemplateDraft blank(String name) {
        String html = """
                <!DOCTYPE html>
                <html>
                <head>
                <style>
                  body { margin: 0; background: {{brand.backgroundColor}}; font-family: {{brand.fontStack}}; color: {{brand.textColor}}; }
                  .card { max-width: 600px; margin: 24px auto; background: #ffffff; padding: 32px; border-radius: 8px; }
                  h1 { color: {{brand.primaryColor}}; font-size: 22px; }
                </style>
                </head>
                <body>
                <div class="card">
                  <h1>Hello {{name}}</h1>
                  <p>Write your message here.</p>
                  <p style="font-size:12px;color:#6b7280">{{brand.companyName}} · {{brand.postalAddress}}</p>
                </div>
                </body>
                </html>
                """;
        return new TemplateDraft(
                name,
                TemplateKind.OTHER,
                new TemplateContent(
                        "A message from {{brand.companyName}}",
                        html,
                        Optional.empty(),
                        "{\n  \"name\": \"Alex\"\n}",
                        true));
    }
}
