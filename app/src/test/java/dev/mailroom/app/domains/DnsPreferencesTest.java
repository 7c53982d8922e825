package dev.mailroom.app.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.app.common.UiSettings;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.domains.blocklist.Blocklist;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsPreferencesTest {
    @TempDir
    Path dir;

    @Test
    void whatIsSavedIsWhatTheNextStartReads() throws Exception {
        DnsPreferences typed = DnsPreferences.read(
                "9.9.9.9, 127.0.0.1:5353",
                "1,5",
                "20",
                "12",
                "Local list | bl.example.net | ip | https://bl.example.net/\n# a comment\n\nDomains | dbl.example.net. | DOMAIN",
                "ip4:203.0.113.10",
                "bounces.relay.example.com");
        UiSettings ui = UiSettings.load(dir);
        typed.writeTo(ui);
        ui.saveOrThrow();

        DnsPreferences read = DnsPreferences.from(UiSettings.load(dir));
        assertThat(read).isEqualTo(typed);
        assertThat(read.timeoutSeconds()).isEqualTo(1.5);
        assertThat(read.blocklists()).extracting(Blocklist::zone).containsExactly("bl.example.net", "dbl.example.net");
        assertThat(read.blocklists())
                .extracting(Blocklist::kind)
                .containsExactly(Blocklist.Kind.IP, Blocklist.Kind.DOMAIN);
        assertThat(read.resolverSettings().describe()).contains("9.9.9.9").contains("127.0.0.1:5353");
        assertThat(read.recheckEvery()).hasHours(12);
        assertThat(read.lookupsAtOnce()).isEqualTo(20);
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() ->
                        DnsPreferences.read("dns.google", "0", "2.5", "1000", "Only a name", "v=spf1", "not a host"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems())
                                .containsOnlyKeys(
                                        "resolvers",
                                        "timeout",
                                        "lookups",
                                        "recheck",
                                        "blocklists",
                                        "relaySpf",
                                        "returnPath"));
        assertThatThrownBy(() -> DnsPreferences.read("", "2", "48", "6", "Bad | not_a zone | ip", "a", "x.example"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems().get("blocklists"))
                                .startsWith("Line 1")
                                .contains("not a DNS zone"));
        assertThatThrownBy(() -> DnsPreferences.read("", "2", "48", "6", "# nothing\n", "a", "x.example"))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.problems().get("blocklists")).contains("at least one"));
    }

    @Test
    void aHandEditedFileThatCannotBeReadFallsBackToDefaults() throws Exception {
        Files.writeString(
                dir.resolve("ui.properties"),
                "dns.resolvers=dns.google\ndns.blocklists=broken\ndns.recheck.hours=0\nrelay.spf=nonsense\n"
                        + "dns.lookups.atOnce=100000\n");
        DnsPreferences read = DnsPreferences.from(UiSettings.load(dir));
        assertThat(read).isEqualTo(DnsPreferences.defaults());
    }
}
