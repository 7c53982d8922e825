package dev.mailroom.model.templates;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Use cases on templates and brand kits. Templates belong to a {@link TemplateOwner}: a tenant (read
 * with {@link Permission#TEMPLATES_VIEW}, changed with {@link Permission#TEMPLATES_EDIT}) or the agency
 * library (read by anyone who may read templates in some tenant, changed by the agency owner only).
 * Every change is one transaction with its audit entry; every save is a new version.
 */
public final class TemplateService {
    private static final String NO_SUCH_TEMPLATE = "No such template, or you have no access to it.";

    private final TemplateStore templates;
    private final BrandKitStore brandKits;
    private final TenantStore tenants;
    private final StarterLibrary starters;
    private final Tools tools;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    /** The adapters that do the work outside the JDK: rendering, comparing, bundle files. */
    public record Tools(TemplateRenderer renderer, TextDiffer differ, TemplateBundleCodec bundles) {
        public Tools {
            Objects.requireNonNull(renderer, "renderer");
            Objects.requireNonNull(differ, "differ");
            Objects.requireNonNull(bundles, "bundles");
        }
    }

    public TemplateService(
            TemplateStore templates,
            BrandKitStore brandKits,
            TenantStore tenants,
            StarterLibrary starters,
            Tools tools,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.templates = templates;
        this.brandKits = brandKits;
        this.tenants = tenants;
        this.starters = starters;
        this.tools = tools;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    // --- reading ---------------------------------------------------------------------------------

    public List<Template> list(Actor actor, TemplateOwner owner) {
        return tx.inTransaction(() -> {
            requireRead(actor, owner);
            return templates.list(owner);
        });
    }

    public Template get(Actor actor, TemplateOwner owner, TemplateId id) {
        return tx.inTransaction(() -> {
            requireRead(actor, owner);
            return load(owner, id);
        });
    }

    /** Newest first. */
    public List<TemplateVersion> versions(Actor actor, TemplateOwner owner, TemplateId id) {
        return tx.inTransaction(() -> {
            requireRead(actor, owner);
            load(owner, id);
            return templates.versions(owner, id);
        });
    }

    /** Two versions side by side, part by part. */
    public VersionComparison compare(
            Actor actor, TemplateOwner owner, TemplateId id, int leftVersion, int rightVersion) {
        return tx.inTransaction(() -> {
            requireRead(actor, owner);
            load(owner, id);
            TemplateVersion left = loadVersion(owner, id, leftVersion);
            TemplateVersion right = loadVersion(owner, id, rightVersion);
            Map<String, SideBySideDiff> parts = new LinkedHashMap<>();
            parts.put("Details", tools.differ().compare(details(left), details(right)));
            parts.put(
                    "Subject",
                    tools.differ()
                            .compare(left.content().subject(), right.content().subject()));
            parts.put(
                    "HTML",
                    tools.differ()
                            .compare(left.content().html(), right.content().html()));
            parts.put("Plain text", tools.differ().compare(textPart(left.content()), textPart(right.content())));
            parts.put(
                    "Sample data",
                    tools.differ()
                            .compare(
                                    left.content().sampleData(), right.content().sampleData()));
            return new VersionComparison(left, right, parts);
        });
    }

    /** The starter library, grouped by kind of business in the order of {@link BusinessKind}. */
    public List<StarterTemplate> starters() {
        List<StarterTemplate> all = new ArrayList<>(starters.all());
        all.sort(java.util.Comparator.comparing(StarterTemplate::business).thenComparing(StarterTemplate::kind));
        return all;
    }

    // --- rendering ---------------------------------------------------------------------------------

    /**
     * Renders content being edited (not yet saved) with the tenant's current brand kit, for the
     * editor's live preview. Never throws for bad templates or data: see {@link Rendering#problems()}.
     */
    public Rendering preview(Actor actor, TenantId tenant, TemplateContent content) {
        Optional<BrandKit> kit = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TEMPLATES_VIEW);
            return brandKits.find(tenant);
        });
        return tools.renderer().render(RenderRequest.preview(content, kit));
    }

    /**
     * Renders a saved template of the tenant with the tenant's brand kit as it is now, so a change to
     * the kit shows in every template at its next render. {@code data} empty: the sample data.
     */
    public Rendering render(Actor actor, TenantId tenant, TemplateId id, Optional<String> data, RenderTarget target) {
        TemplateOwner owner = TemplateOwner.tenant(tenant);
        record Loaded(Template template, Optional<BrandKit> kit) {}
        Loaded loaded = tx.inTransaction(() -> {
            requireRead(actor, owner);
            return new Loaded(load(owner, id), brandKits.find(tenant));
        });
        TemplateContent content = loaded.template().content();
        return tools.renderer()
                .render(new RenderRequest(content, data.orElse(content.sampleData()), loaded.kit(), target));
    }

    // --- changing ----------------------------------------------------------------------------------

    public Template create(Actor actor, TemplateOwner owner, TemplateDraft draft) {
        TemplateDraft clean = draft.validated();
        return tx.inTransaction(() -> {
            String where = requireWrite(actor, owner);
            requireUniqueName(owner, clean.name(), Optional.empty());
            TemplateId id = templates.insert(owner, clean, Optional.empty(), author(actor), now(), "Created");
            record(
                    actor,
                    owner,
                    where,
                    "template.created",
                    clean.name(),
                    Map.of("kind", clean.kind().label(), "version", "1"));
            return load(owner, id);
        });
    }

    /**
     * Saves the editor's content as a new version. {@code basedOnVersion} is the version the editor
     * started from: if someone saved in between, the save is refused rather than overwriting their
     * work. Saving unchanged content adds no version.
     */
    public Template save(Actor actor, TemplateOwner owner, TemplateId id, TemplateDraft draft, int basedOnVersion) {
        TemplateDraft clean = draft.validated();
        return tx.inTransaction(() -> {
            String where = requireWrite(actor, owner);
            Template current = load(owner, id);
            if (current.version() != basedOnVersion) {
                throw new Conflict("\"" + current.name() + "\" was saved by " + current.updatedBy() + " (version "
                        + current.version() + ") after you opened it. Copy your changes, reload, and save again.");
            }
            if (current.toDraft().equals(clean)) {
                return current;
            }
            requireUniqueName(owner, clean.name(), Optional.of(id));
            int version = templates.addVersion(owner, id, clean, author(actor), now(), "");
            record(actor, owner, where, "template.saved", clean.name(), changes(current.toDraft(), clean, version));
            return load(owner, id);
        });
    }

    /** Makes an old version the current one, as a new version; nothing is lost. */
    public Template restore(Actor actor, TemplateOwner owner, TemplateId id, int version) {
        return tx.inTransaction(() -> {
            String where = requireWrite(actor, owner);
            Template current = load(owner, id);
            TemplateVersion old = loadVersion(owner, id, version);
            if (old.number() == current.version()) {
                throw new Conflict("Version " + version + " is already the current version.");
            }
            TemplateDraft restored = old.toDraft();
            requireUniqueName(owner, restored.name(), Optional.of(id));
            int created =
                    templates.addVersion(owner, id, restored, author(actor), now(), "Restored from version " + version);
            record(
                    actor,
                    owner,
                    where,
                    "template.restored",
                    restored.name(),
                    Map.of("restored version", String.valueOf(version), "new version", String.valueOf(created)));
            return load(owner, id);
        });
    }

    public void delete(Actor actor, TemplateOwner owner, TemplateId id) {
        tx.run(() -> {
            String where = requireWrite(actor, owner);
            Template t = load(owner, id);
            templates.delete(owner, id);
            record(actor, owner, where, "template.deleted", t.name(), Map.of("versions", String.valueOf(t.version())));
        });
    }

    /** "Use in tenant": copies a starter; it draws on the tenant's brand kit from then on. */
    public Template useStarter(Actor actor, TemplateOwner owner, String starterId, Optional<String> name) {
        StarterTemplate starter = starters.find(starterId)
                .orElseThrow(() -> new NotFound("There is no starter template \"" + starterId + "\"."));
        return copy(
                actor,
                owner,
                starter.toDraft(),
                name,
                "Starter: " + starter.name() + " (" + starter.business().label() + ")",
                "template.copied_from_starter");
    }

    /** Copies an agency-library template into the tenant, with the tenant's brand kit applied. */
    public Template copyFromLibrary(Actor actor, TenantId tenant, TemplateId libraryTemplate, Optional<String> name) {
        Template source = get(actor, TemplateOwner.agency(), libraryTemplate);
        return copy(
                actor,
                TemplateOwner.tenant(tenant),
                source.toDraft(),
                name,
                "Agency library: " + source.name(),
                "template.copied_from_library");
    }

    private Template copy(
            Actor actor,
            TemplateOwner owner,
            TemplateDraft source,
            Optional<String> name,
            String origin,
            String action) {
        TemplateContent content = source.content();
        Optional<String> chosen = name.filter(n -> !n.isBlank());
        TemplateDraft draft = new TemplateDraft(
                        chosen.orElse(source.name()),
                        source.kind(),
                        new TemplateContent(
                                content.subject(), content.html(), content.textPart(), content.sampleData(), true))
                .validated();
        return tx.inTransaction(() -> {
            String where = requireWrite(actor, owner);
            String unique = chosen.isPresent() ? draft.name() : freeName(owner, draft.name(), "copy");
            requireUniqueName(owner, unique, Optional.empty());
            TemplateId id =
                    templates.insert(owner, draft.withName(unique), Optional.of(origin), author(actor), now(), origin);
            record(actor, owner, where, action, unique, Map.of("from", origin));
            return load(owner, id);
        });
    }

    // --- brand kits --------------------------------------------------------------------------------

    public Optional<BrandKit> brandKit(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TEMPLATES_VIEW);
            return brandKits.find(tenant);
        });
    }

    /**
     * Saves the tenant's kit; every template that uses it shows the change at its next render. A PNG logo
     * is stored re-encoded at the size templates show it ({@link Logo#atShownSize()}).
     */
    public BrandKit saveBrandKit(Actor actor, TenantId tenant, BrandKit kit) {
        BrandKit validated = kit.validated();
        BrandKit clean = validated.withLogo(validated.logo().map(Logo::atShownSize));
        return tx.inTransaction(() -> {
            String where = requireWrite(actor, TemplateOwner.tenant(tenant));
            Optional<BrandKit> before = brandKits.find(tenant);
            brandKits.save(tenant, clean, now());
            Map<String, String> details = new LinkedHashMap<>();
            Map<String, String> after = clean.describe();
            Map<String, String> old = before.map(BrandKit::describe).orElse(Map.of());
            after.forEach((k, v) -> {
                if (!v.equals(old.get(k))) {
                    details.put(k, old.containsKey(k) ? old.get(k) + " → " + v : v);
                }
            });
            audit.record(actor, tenant, where, "brandkit.saved", clean.companyName(), details);
            return brandKits.find(tenant).orElseThrow();
        });
    }

    // --- bundles -----------------------------------------------------------------------------------

    /** One or several templates as a bundle file, with the owner's brand kit (logo included). */
    public byte[] export(Actor actor, TemplateOwner owner, List<TemplateId> ids) {
        if (ids.isEmpty()) {
            throw new InvalidInput("templates", "Choose at least one template to export.");
        }
        TemplateBundle bundle = tx.inTransaction(() -> {
            requireRead(actor, owner);
            List<TemplateBundle.Item> items = new ArrayList<>();
            for (TemplateId id : ids) {
                Template t = load(owner, id);
                items.add(new TemplateBundle.Item(t.name(), t.kind(), t.content()));
            }
            String source = owner.tenant().map(this::tenantName).orElse("Agency library");
            Optional<BrandKit> kit = owner.tenant().flatMap(brandKits::find);
            Map<String, String> details = new LinkedHashMap<>();
            details.put(
                    "templates",
                    String.join(
                            ", ", items.stream().map(TemplateBundle.Item::name).toList()));
            record(
                    actor,
                    owner,
                    source,
                    "template.exported",
                    items.size() + " template" + (items.size() == 1 ? "" : "s"),
                    details);
            return new TemplateBundle(
                    TemplateBundle.CURRENT_FORMAT, now(), source, actor.user().name(), items, kit);
        });
        return tools.bundles().encode(bundle);
    }

    /**
     * Imports a bundle's templates (renamed "… (imported)" where the name is taken) and reports which
     * brand values they use that this tenant's kit lacks. A damaged or too-new file is refused with
     * {@link InvalidInput} before anything is stored.
     */
    public ImportReport importBundle(Actor actor, TemplateOwner owner, byte[] file) {
        TemplateBundle bundle = tools.bundles().decode(file);
        List<TemplateDraft> drafts = new ArrayList<>();
        for (TemplateBundle.Item item : bundle.templates()) {
            try {
                drafts.add(item.toDraft().validated());
            } catch (InvalidInput e) {
                throw new InvalidInput(
                        "bundle",
                        "The template \"" + item.name() + "\" in the bundle cannot be imported: " + e.getMessage());
            }
        }
        if (drafts.isEmpty()) {
            throw new InvalidInput("bundle", "The bundle holds no templates.");
        }
        // Brand variables each template uses, read before the transaction (parsing can take a moment).
        Map<String, List<String>> usedBy = new LinkedHashMap<>();
        for (TemplateDraft d : drafts) {
            TemplateContent c = d.content();
            List<String> sources = new ArrayList<>(List.of(c.subject(), c.html()));
            c.textPart().ifPresent(sources::add);
            for (String v : tools.renderer().variablesUsed(sources)) {
                if (v.startsWith(BrandKit.PREFIX)) {
                    usedBy.computeIfAbsent(v, k -> new ArrayList<>()).add(d.name());
                }
            }
        }
        return tx.inTransaction(() -> {
            String where = requireWrite(actor, owner);
            String origin = "Imported from " + bundle.source();
            List<ImportReport.Imported> imported = new ArrayList<>();
            for (TemplateDraft d : drafts) {
                String name = freeName(owner, d.name(), "imported");
                TemplateId id =
                        templates.insert(owner, d.withName(name), Optional.of(origin), author(actor), now(), origin);
                imported.add(new ImportReport.Imported(id, name, d.name()));
            }
            Optional<BrandKit> kit = owner.tenant().flatMap(brandKits::find);
            List<ImportReport.MissingBrandValue> missing = new ArrayList<>();
            if (!owner.isAgency()) {
                usedBy.forEach((variable, names) -> {
                    if (kit.flatMap(k -> k.value(variable)).isEmpty()) {
                        boolean bundleHad = bundle.sourceBrandKit()
                                .flatMap(k -> k.value(variable))
                                .isPresent();
                        missing.add(new ImportReport.MissingBrandValue(variable, names, bundleHad));
                    }
                });
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("from", bundle.source());
            // A count, and the first few names: a list of every name overflows the audit entry on a large import.
            details.put("templates", String.valueOf(imported.size()));
            details.put("first", firstNames(imported));
            if (!missing.isEmpty()) {
                details.put(
                        "missing brand values",
                        String.join(
                                ", ",
                                missing.stream()
                                        .map(ImportReport.MissingBrandValue::variable)
                                        .toList()));
            }
            record(
                    actor,
                    owner,
                    where,
                    "template.imported",
                    imported.size() + " template" + (imported.size() == 1 ? "" : "s"),
                    details);
            return new ImportReport(imported, missing, kit.isPresent());
        });
    }

    // --- helpers -----------------------------------------------------------------------------------

    /** Up to five imported names, shortened, for the audit entry. */
    private static String firstNames(List<ImportReport.Imported> imported) {
        List<String> names = new ArrayList<>();
        for (ImportReport.Imported i : imported.subList(0, Math.min(5, imported.size()))) {
            names.add(i.name().length() > 60 ? i.name().substring(0, 59) + "…" : i.name());
        }
        return String.join(", ", names) + (imported.size() > 5 ? ", …" : "");
    }

    /** Reading a tenant's templates needs TEMPLATES_VIEW there; the library, TEMPLATES_VIEW in any tenant. */
    private void requireRead(Actor actor, TemplateOwner owner) {
        if (owner.tenant().isPresent()) {
            access.require(actor, owner.tenant().get(), Permission.TEMPLATES_VIEW);
            return;
        }
        if (access.isAgencyOwner(actor)) {
            return;
        }
        TenantScope scope = access.scope(actor);
        boolean any = scope.tenants().stream().anyMatch(t -> access.can(actor, t, Permission.TEMPLATES_VIEW));
        if (!any) {
            throw new PermissionDenied(
                    "Your roles do not include templates, so the agency library is not open to you.");
        }
    }

    /** Checks the right to change the owner's templates; returns the tenant's name for the audit log. */
    private String requireWrite(Actor actor, TemplateOwner owner) {
        if (owner.isAgency()) {
            if (!access.isAgencyOwner(actor)) {
                throw new PermissionDenied("The agency library is read-only: only the agency owner changes it. "
                        + "Copy the template into a client to edit it there.");
            }
            return "Agency library";
        }
        TenantId tenant = owner.tenant().get();
        access.require(actor, tenant, Permission.TEMPLATES_EDIT);
        Tenant t = tenants.find(tenant).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to make changes.");
        }
        return t.name();
    }

    private void record(
            Actor actor, TemplateOwner owner, String where, String action, String target, Map<String, String> details) {
        if (owner.tenant().isPresent()) {
            audit.record(actor, owner.tenant().get(), where, action, target, details);
        } else {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("library", "agency");
            d.putAll(details);
            audit.record(actor, action, target, d);
        }
    }

    private String tenantName(TenantId id) {
        return tenants.find(id).map(Tenant::name).orElse(id.toString());
    }

    private Template load(TemplateOwner owner, TemplateId id) {
        return templates.find(owner, id).orElseThrow(() -> new NotFound(NO_SUCH_TEMPLATE));
    }

    private TemplateVersion loadVersion(TemplateOwner owner, TemplateId id, int number) {
        return templates
                .version(owner, id, number)
                .orElseThrow(() -> new NotFound("This template has no version " + number + "."));
    }

    private void requireUniqueName(TemplateOwner owner, String name, Optional<TemplateId> self) {
        templates
                .findByNameKey(owner, Text.key(name))
                .filter(existing -> self.map(s -> !s.equals(existing.id())).orElse(true))
                .ifPresent(existing -> {
                    throw new InvalidInput("name", "A template named \"" + existing.name() + "\" already exists here.");
                });
    }

    /** The name, or "name (suffix)", "name (suffix 2)", … whichever is free. */
    private String freeName(TemplateOwner owner, String name, String suffix) {
        if (templates.findByNameKey(owner, Text.key(name)).isEmpty()) {
            return name;
        }
        for (int i = 1; ; i++) {
            String candidate = name + " (" + suffix + (i == 1 ? "" : " " + i) + ")";
            if (candidate.length() > TemplateDraft.MAX_NAME_CHARS) {
                candidate = candidate.substring(candidate.length() - TemplateDraft.MAX_NAME_CHARS);
            }
            if (templates.findByNameKey(owner, Text.key(candidate)).isEmpty()) {
                return candidate;
            }
        }
    }

    private static TemplateStore.Author author(Actor actor) {
        String name = actor.impersonator()
                .map(i -> actor.user().name() + " (by " + i.name() + ")")
                .orElse(actor.user().name());
        return new TemplateStore.Author(Optional.of(actor.userId()), name);
    }

    private Instant now() {
        return clock.instant();
    }

    private static String textPart(TemplateContent c) {
        return c.textPart().orElse("(generated from the HTML)");
    }

    private static String details(TemplateVersion v) {
        return "Name: " + v.name() + "\nKind: " + v.kind().label() + "\nBrand kit: "
                + (v.content().usesBrandKit() ? "used" : "not used");
    }

    private static Map<String, String> changes(TemplateDraft before, TemplateDraft after, int version) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("version", String.valueOf(version));
        if (!before.name().equals(after.name())) {
            m.put("name", before.name() + " → " + after.name());
        }
        if (before.kind() != after.kind()) {
            m.put("kind", before.kind().label() + " → " + after.kind().label());
        }
        TemplateContent b = before.content();
        TemplateContent a = after.content();
        List<String> parts = new ArrayList<>();
        if (!b.subject().equals(a.subject())) {
            parts.add("subject");
        }
        if (!b.html().equals(a.html())) {
            parts.add("HTML");
        }
        if (!b.textPart().equals(a.textPart())) {
            parts.add("plain text");
        }
        if (!b.sampleData().equals(a.sampleData())) {
            parts.add("sample data");
        }
        if (b.usesBrandKit() != a.usesBrandKit()) {
            parts.add("brand kit use");
        }
        if (!parts.isEmpty()) {
            m.put("changed", String.join(", ", parts));
        }
        return m;
    }
}
