package dev.mailroom.app.templates;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.model.templates.TemplateService;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The brand kit dialog's state: logo, colours, font stack, footer and social links as properties, the
 * form's problems as {@link FieldErrors}, and the commands that read the kit, read a logo file and save,
 * through the {@link BackgroundRunner}. A failed save keeps every field as typed and says why in the form.
 */
public final class BrandKitViewModel {
    public static final List<String> NETWORKS = List.of("facebook", "instagram", "linkedin", "x", "youtube", "tiktok");
    static final List<String> COLOURS = List.of("primaryColor", "secondaryColor", "backgroundColor", "textColor");

    private final TemplateService templates;
    private final Actor actor;
    private final Tenant tenant;
    private final BackgroundRunner runner;
    private final boolean editable;

    private final Map<String, StringProperty> colours = new LinkedHashMap<>();
    private final StringProperty fontStack = new SimpleStringProperty("");
    private final StringProperty companyName = new SimpleStringProperty("");
    private final StringProperty postalAddress = new SimpleStringProperty("");
    private final Map<String, StringProperty> social = new LinkedHashMap<>();
    private final ObjectProperty<Optional<Logo>> logo = new SimpleObjectProperty<>(Optional.empty());
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final FieldErrors errors = new FieldErrors(Set.of(
            "logo",
            "primaryColor",
            "secondaryColor",
            "backgroundColor",
            "textColor",
            "fontStack",
            "companyName",
            "postalAddress",
            "social"));
    /** Links to networks the form has no field for: kept as they were. */
    private List<SocialLink> otherSocial = List.of();

    public BrandKitViewModel(
            TemplateService templates, Actor actor, Tenant tenant, boolean editable, BackgroundRunner runner) {
        this.templates = templates;
        this.actor = actor;
        this.tenant = tenant;
        this.editable = editable;
        this.runner = runner;
        for (String c : COLOURS) {
            colours.put(c, new SimpleStringProperty(""));
        }
        for (String n : NETWORKS) {
            social.put(n, new SimpleStringProperty(""));
        }
    }

    /**
     * Reads the tenant's kit (a neutral one when it has none) into the fields, then calls {@code onLoaded};
     * a failure goes to the runner's default error path and nothing opens.
     */
    public void load(Runnable onLoaded) {
        runner.run(Task.of("Loading the brand kit", p -> templates.brandKit(actor, tenant.id()), kit -> {
            fill(kit.orElse(BrandKit.neutral(tenant.name())));
            onLoaded.run();
        }));
    }

    private void fill(BrandKit kit) {
        logo.set(kit.logo());
        colours.get("primaryColor").set(kit.primaryColor());
        colours.get("secondaryColor").set(kit.secondaryColor());
        colours.get("backgroundColor").set(kit.backgroundColor());
        colours.get("textColor").set(kit.textColor());
        fontStack.set(kit.fontStack());
        companyName.set(kit.companyName());
        postalAddress.set(kit.postalAddress());
        social.forEach((n, url) -> url.set(kit.socialUrl(n).orElse("")));
        otherSocial = kit.social().stream()
                .filter(s -> !NETWORKS.contains(s.network()))
                .toList();
    }

    /** Reads a logo file off the FX thread; one over 1 MB is refused before it is read. */
    public void readLogo(Path file) {
        errors.clear();
        runner.run(Task.of(
                "Reading the logo",
                p -> {
                    // Check the size before reading: a wrong pick could be a large video.
                    long size = Files.size(file);
                    if (size > Logo.MAX_BYTES) {
                        throw new InvalidInput(
                                "logo",
                                String.format(
                                        Locale.ROOT,
                                        "%s is %.1f MB; the limit is 1 MB. Export it smaller.",
                                        file.getFileName(),
                                        size / (1024.0 * 1024.0)));
                    }
                    return Logo.of(Files.readAllBytes(file));
                },
                read -> logo.set(Optional.of(read)),
                errors::show));
    }

    public void removeLogo() {
        logo.set(Optional.empty());
    }

    /** The kit as the form holds it now. */
    BrandKit kit() {
        List<SocialLink> links = new ArrayList<>();
        social.forEach((network, url) -> {
            String u = url.get() == null ? "" : url.get();
            if (!u.isBlank()) {
                links.add(new SocialLink(network, u));
            }
        });
        links.addAll(otherSocial);
        return new BrandKit(
                logo.get(),
                colours.get("primaryColor").get(),
                colours.get("secondaryColor").get(),
                colours.get("backgroundColor").get(),
                colours.get("textColor").get(),
                fontStack.get(),
                companyName.get(),
                postalAddress.get(),
                links);
    }

    /**
     * Saves the kit; {@code onSaved} gets the kit as stored. On failure the problems are shown in the form
     * (next to their field, or in the general line) and every field keeps what was typed.
     */
    public void save(Consumer<BrandKit> onSaved) {
        if (!editable || busy.get()) {
            return;
        }
        errors.clear();
        BrandKit kit = kit();
        busy.set(true);
        runner.run(Task.of(
                "Saving the brand kit",
                p -> templates.saveBrandKit(actor, tenant.id(), kit),
                saved -> {
                    busy.set(false);
                    onSaved.accept(saved);
                },
                e -> {
                    busy.set(false);
                    errors.show(e);
                }));
    }

    public Tenant tenant() {
        return tenant;
    }

    public boolean editable() {
        return editable;
    }

    public StringProperty colour(String field) {
        return colours.get(field);
    }

    public StringProperty fontStack() {
        return fontStack;
    }

    public StringProperty companyName() {
        return companyName;
    }

    public StringProperty postalAddress() {
        return postalAddress;
    }

    public StringProperty social(String network) {
        return social.get(network);
    }

    public ObjectProperty<Optional<Logo>> logo() {
        return logo;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    public FieldErrors errors() {
        return errors;
    }
}
