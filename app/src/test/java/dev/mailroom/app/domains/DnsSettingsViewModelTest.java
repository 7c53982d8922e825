package dev.mailroom.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.common.UiSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DNS settings form without a window: problems per field, nothing saved until all are right. */
class DnsSettingsViewModelTest {
    @TempDir
    Path dir;

    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @Test
    void problemsShowByFieldAndAGoodFormIsSavedToTheSettingsFile() {
        DnsSettingsViewModel vm = new DnsSettingsViewModel(UiSettings.load(dir), runner);
        AtomicInteger saved = new AtomicInteger();
        vm.timeout().set("99");
        vm.lookups().set("4.5");
        vm.blocklists().set("Test DBL | dbl.test | domains\n");
        vm.save(saved::incrementAndGet);
        assertThat(saved.get()).isZero();
        assertThat(vm.errors().get("timeout")).contains("from 0.1 to 30");
        assertThat(vm.errors().get("lookups")).contains("whole number").contains("from 1 to 128");
        assertThat(vm.errors().get("blocklists")).contains("Line 1");
        assertThat(vm.errors().get("recheck")).isEmpty();
        assertThat(vm.saving().get()).isFalse();

        vm.timeout().set("2,5");
        vm.lookups().set("64");
        vm.restoreDefaultBlocklists();
        vm.recheck().set("12");
        vm.save(saved::incrementAndGet);
        assertThat(saved.get()).isEqualTo(1);
        assertThat(vm.errors().isEmpty()).isTrue();
        DnsSettingsViewModel again = new DnsSettingsViewModel(UiSettings.load(dir), runner);
        assertThat(again.timeout().get()).isEqualTo("2.5");
        assertThat(again.recheck().get()).isEqualTo("12.0");
        assertThat(again.lookups().get()).isEqualTo("64");
        assertThat(again.blocklists().get()).isEqualTo(vm.blocklists().get());
    }

    @Test
    void aSettingsFileThatCannotBeWrittenIsSaidInTheForm() throws Exception {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        DnsSettingsViewModel vm = new DnsSettingsViewModel(UiSettings.load(data), runner);
        // The data folder is gone and a file stands in its place: the settings file cannot be written.
        Files.delete(data);
        Files.writeString(data, "not a folder");
        vm.save(() -> {});
        assertThat(vm.errors().general().get()).contains("could not be written");
        assertThat(vm.saving().get()).isFalse();
    }
}
