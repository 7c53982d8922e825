package dev.mailroom.app.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.dmarc.DomainTlsReports;
import dev.mailroom.model.dmarc.TlsReportDecoder;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DMARC screen's TLS reports section without a window: import files, then read the domain's sessions. */
class TlsReportsViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private Services services;
    private Actor owner;
    private Tenant able;
    private Tenant bravo;

    @BeforeEach
    void open() {
        store = Backend.H2.open(dir.resolve("store"));
        services = Services.create(store, new MutableClock(NOW));
        char[] pw = "owner-password".toCharArray();
        owner = services.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        able = tenant("Able Moose Group", "tryablemoose.com");
        bravo = tenant("Bravo Bakery", "bravobakery.com");
    }

    private Tenant tenant(String name, String domain) {
        Tenant t = services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                name,
                                "#2563EB",
                                "Morgan Lee",
                                "morgan@" + domain,
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        services.domains()
                .add(
                        owner,
                        t.id(),
                        domain,
                        RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                        Set.of(DkimAlgorithm.RSA));
        return t;
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String report(String org, String id, Instant begin, String domain, int ok, int expired) {
        return "{\"organization-name\": \"" + org + "\", \"date-range\": {\"start-datetime\": \"" + begin
                + "\", \"end-datetime\": \"" + begin.plusSeconds(86399) + "\"}, \"contact-info\": \"tls@" + org
                + "\", \"report-id\": \"" + id + "\", \"policies\": [{\"policy\": {\"policy-type\": \"sts\","
                + " \"policy-string\": [\"version: STSv1\", \"mode: enforce\"], \"policy-domain\": \"" + domain
                + "\"}, \"summary\": {\"total-successful-session-count\": " + ok
                + ", \"total-failure-session-count\": " + expired + "}, \"failure-details\": [{\"result-type\":"
                + " \"certificate-expired\", \"sending-mta-ip\": \"2001:db8:abcd:0012::1\", \"receiving-mx-hostname\":"
                + " \"mx1.example\", \"failed-session-count\": " + expired + "}]}]}";
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(b)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    @Test
    void importedReportsShowForTheirClientOnly() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path f = dir.resolve("google-" + i + ".json.gz");
            Files.write(
                    f,
                    gzip(report(
                            "Google Inc.",
                            "g-" + i,
                            NOW.minusSeconds(86400L * (i + 1)),
                            "tryablemoose.com",
                            1000,
                            i == 0 ? 4 : 0)));
            files.add(f);
        }
        Path bravos = dir.resolve("bravo.json");
        Files.writeString(bravos, report("Google Inc.", "b-1", NOW.minusSeconds(86400), "bravobakery.com", 50, 1));
        files.add(bravos);
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"policies\": [");
        files.add(broken);

        DomainReportsViewModel<DomainTlsReports, TlsReportDecoder> vm = DomainReportsViewModel.tls(
                services.tlsReports(), services.tlsDecoder(), BackgroundRunner.synchronous(), owner);
        List<Throwable> errors = new ArrayList<>();
        int[] done = {0};
        vm.importFiles(Optional.of(able), files, () -> done[0]++, errors::add);

        assertThat(errors).isEmpty();
        assertThat(done[0]).isEqualTo(1);
        assertThat(vm.importing().get()).isFalse();
        assertThat(vm.importResult().get())
                .startsWith("TLS reports: 5 reports stored")
                .contains("1 for another client's domain (not stored here)")
                .contains("broken.json: not a TLS report that could be read");

        vm.load(Optional.of(able), errors::add);
        assertThat(errors).isEmpty();
        assertThat(vm.domains()).containsExactly("tryablemoose.com");
        assertThat(vm.view().get().succeeded()).isEqualTo(5000);
        assertThat(vm.view().get().failed()).isEqualTo(4);
        assertThat(vm.view().get().failures()).containsExactly(new CountedName("certificate-expired", 4));
        assertThat(vm.view().get().policyType()).contains("sts");

        // Bravo's report was not stored from Able's page, and Able's never show for Bravo.
        vm.domain().set(null);
        vm.load(Optional.of(bravo), errors::add);
        assertThat(vm.domains()).isEmpty();
        assertThat(vm.view().get()).isNull();

        // Importing the same files again stores nothing twice.
        vm.importFiles(Optional.of(able), files, () -> {}, errors::add);
        assertThat(vm.importResult().get()).startsWith("TLS reports: 0 reports stored, 5 already here");
    }

    @Test
    void sectionTextsSayWhatTheNumbersMean() {
        assertThat(DmarcPage.tlsPolicyWords(Optional.of("sts"))).isEqualTo("MTA-STS");
        assertThat(DmarcPage.tlsPolicyWords(Optional.of("no-policy-found"))).isEqualTo("None");
        assertThat(DmarcPage.tlsResultWords("certificate-expired")).isEqualTo("The certificate has expired");
        assertThat(DmarcPage.tlsPolicyWords(Optional.empty())).isEqualTo("–");
    }
}
