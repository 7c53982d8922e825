package dev.mailroom.app.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.sending.TestImages;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.LogoType;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The brand kit dialog's view model on a real H2 store, without a window. */
class BrandKitViewModelTest {
    @TempDir
    Path dir;

    private ConsoleWorld world;
    private Tenant acme;
    private final SynchronousRunner runner = BackgroundRunner.synchronous();
    private final List<BrandKit> saved = new ArrayList<>();

    @BeforeEach
    void open() {
        world = ConsoleWorld.h2(dir.resolve("store"));
        acme = world.tenant("Acme");
    }

    @AfterEach
    void close() {
        world.close();
    }

    private BrandKitViewModel loaded(Actor actor, boolean editable) {
        BrandKitViewModel vm = new BrandKitViewModel(world.services.templates(), actor, acme, editable, runner);
        boolean[] opened = {false};
        vm.load(() -> opened[0] = true);
        assertThat(opened[0]).as("the dialog opens once the kit is read").isTrue();
        return vm;
    }

    @Test
    void aNewKitStartsNeutralAndSavesWhatWasTyped() {
        BrandKitViewModel vm = loaded(world.owner, true);
        assertThat(vm.companyName().get()).isEqualTo("Acme");
        assertThat(vm.colour("primaryColor").get()).isEqualTo("#2563EB");
        assertThat(vm.logo().get()).isEmpty();

        vm.colour("primaryColor").set("#112233");
        vm.postalAddress().set("1 Market St, Springfield");
        vm.social("instagram").set("https://instagram.com/acme");
        vm.save(saved::add);

        assertThat(saved).hasSize(1);
        BrandKit stored =
                world.services.templates().brandKit(world.owner, acme.id()).orElseThrow();
        assertThat(stored.primaryColor()).isEqualTo("#112233");
        assertThat(stored.postalAddress()).isEqualTo("1 Market St, Springfield");
        assertThat(stored.socialUrl("instagram")).contains("https://instagram.com/acme");
        assertThat(vm.errors().isEmpty()).isTrue();
        assertThat(runner.reported()).isEmpty();

        // Opened again, the form shows the stored kit.
        BrandKitViewModel again = loaded(world.owner, true);
        assertThat(again.colour("primaryColor").get()).isEqualTo("#112233");
        assertThat(again.social("instagram").get()).isEqualTo("https://instagram.com/acme");
    }

    @Test
    void problemsStandNextToTheirFieldsAndNothingTypedIsLost() {
        BrandKitViewModel vm = loaded(world.owner, true);
        vm.colour("textColor").set("dark blue");
        vm.fontStack().set("");
        vm.social("x").set("x.com/acme");
        vm.postalAddress().set("1 Market St");

        vm.save(saved::add);

        assertThat(saved).isEmpty();
        assertThat(vm.errors().get("textColor")).contains("#RRGGBB");
        assertThat(vm.errors().get("fontStack")).contains("font stack");
        assertThat(vm.errors().get("social")).contains("https://");
        assertThat(vm.errors().get("primaryColor")).isEmpty();
        assertThat(vm.colour("textColor").get()).isEqualTo("dark blue");
        assertThat(vm.social("x").get()).isEqualTo("x.com/acme");
        assertThat(vm.postalAddress().get()).isEqualTo("1 Market St");
        assertThat(vm.busy().get()).isFalse();
        assertThat(world.services.templates().brandKit(world.owner, acme.id())).isEmpty();
    }

    @Test
    void aLogoOverOneMegabyteIsRefusedAndAPngIsTaken() throws Exception {
        BrandKitViewModel vm = loaded(world.owner, true);
        Path big = dir.resolve("holiday-video.png");
        Files.write(big, new byte[1024 * 1024 + 100_000]);
        vm.readLogo(big);
        assertThat(vm.errors().get("logo")).contains("holiday-video.png is 1.1 MB; the limit is 1 MB");
        assertThat(vm.logo().get()).isEmpty();

        Path png = dir.resolve("logo.png");
        Files.write(png, TestImages.png());
        vm.readLogo(png);
        assertThat(vm.errors().isEmpty()).isTrue();
        assertThat(vm.logo().get()).hasValueSatisfying(l -> assertThat(l.type()).isEqualTo(LogoType.PNG));
        vm.save(saved::add);
        assertThat(world.services
                        .templates()
                        .brandKit(world.owner, acme.id())
                        .orElseThrow()
                        .logo())
                .isPresent();

        vm.removeLogo();
        vm.save(saved::add);
        assertThat(world.services
                        .templates()
                        .brandKit(world.owner, acme.id())
                        .orElseThrow()
                        .logo())
                .isEmpty();
    }

    @Test
    void aRefusalOrAFailedStoreIsShownInTheFormWithEverythingKept() {
        // A read-only dialog saves nothing.
        BrandKitViewModel readOnly = loaded(world.owner, false);
        readOnly.companyName().set("Changed");
        readOnly.save(saved::add);
        assertThat(saved).isEmpty();
        assertThat(world.services.templates().brandKit(world.owner, acme.id())).isEmpty();

        // A role that may not see the kit: the default error path says so and nothing opens.
        Actor analyst = world.member(acme, Role.ANALYTICS, "bea@acme.example");
        boolean[] opened = {false};
        new BrandKitViewModel(world.services.templates(), analyst, acme, true, runner).load(() -> opened[0] = true);
        assertThat(opened[0]).isFalse();
        assertThat(runner.reported()).singleElement().asString().startsWith("Loading the brand kit did not finish: ");

        // The use case refuses (the client was archived meanwhile): the form says so.
        BrandKitViewModel vm = loaded(world.owner, true);
        vm.companyName().set("Acme Ltd");
        world.services.tenants().archive(world.owner, acme.id());
        vm.save(saved::add);
        assertThat(saved).isEmpty();
        assertThat(vm.errors().general().get()).isNotEmpty();
        assertThat(vm.companyName().get()).isEqualTo("Acme Ltd");

        // The store gone: said in the form, the fields as typed.
        BrandKitViewModel owners = new BrandKitViewModel(world.services.templates(), world.owner, acme, true, runner);
        owners.companyName().set("Acme Ltd");
        owners.colour("primaryColor").set("#112233");
        owners.colour("secondaryColor").set("#112233");
        owners.colour("backgroundColor").set("#FFFFFF");
        owners.colour("textColor").set("#000000");
        owners.fontStack().set("Arial, sans-serif");
        world.store.close();
        owners.save(saved::add);
        assertThat(saved).isEmpty();
        assertThat(owners.errors().general().get()).isNotEmpty();
        assertThat(owners.companyName().get()).isEqualTo("Acme Ltd");
        assertThat(owners.busy().get()).isFalse();
    }
}
