package dev.mailroom.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Instant;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first-run form's view model on a real H2 store: "The passwords differ." follows what is typed. */
class FirstRunViewModelTest {
    @TempDir
    Path dir;

    private Store store;
    private FirstRunViewModel vm;

    /** The form's error labels are JavaFX controls: the toolkit must be up (headless, through Monocle). */
    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        vm = new FirstRunViewModel(
                Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")))
                        .firstRun(),
                BackgroundRunner.synchronous());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void thePasswordsDifferMessageGoesAsSoonAsTheyMatchAndComesBackWhenTheyDifferAgain() {
        Label differ = vm.errors().labelFor("passwordAgain");
        vm.password().set("a long enough password");
        vm.passwordAgain().set("a long enough passwor");
        assertThat(differ.isVisible())
                .as("not scolded before the first attempt")
                .isFalse();
        vm.agencyName().set("Brightwave");
        vm.ownerName().set("Ana Owner");
        vm.ownerEmail().set("ana@brightwave.example");
        vm.submit();
        assertThat(differ.isVisible()).isTrue();
        assertThat(differ.getText()).isEqualTo("The passwords differ.");

        vm.passwordAgain().set("a long enough password");
        assertThat(differ.isVisible()).isFalse();
        vm.password().set("a long enough password!");
        assertThat(differ.isVisible()).isTrue();
        assertThat(differ.getText()).isEqualTo("The passwords differ.");
    }
}
