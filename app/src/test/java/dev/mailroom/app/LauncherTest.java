package dev.mailroom.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The installed `mailroom` (the bundle's launcher, linked on PATH by the .deb and .rpm) asked for help or its
 * version, as its own process: it answers on the terminal and exits 0, without opening a window.
 */
class LauncherTest {
    @TempDir
    Path dir;

    @Test
    void helpNamesTheConsolesOptionsAndTheCommands() throws Exception {
        Ran help = run("--help");
        assertThat(help.code()).as(help.err()).isZero();
        assertThat(help.out()).contains("--demo", "--data-dir", "Commands for scripts", "tenants", "domains", "send");
        assertThat(help.err()).doesNotContain("Unknown option");
    }

    @Test
    void versionIsPrinted() throws Exception {
        Ran version = run("--version");
        assertThat(version.code()).as(version.err()).isZero();
        assertThat(version.out()).containsIgnoringCase("mailroom");
    }

    @Test
    void anUnknownOptionStillSaysHowToStart() throws Exception {
        Ran bad = run("--frobnicate");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("Unknown option --frobnicate", "--data-dir");
    }

    record Ran(int code, String out, String err) {}

    private Ran run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Launcher.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().put("MAILROOM_DATA_DIR", dir.resolve("data").toString());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), out, java.nio.file.Files.readString(dir.resolve("err.txt")));
    }
}
