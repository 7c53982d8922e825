package dev.mailroom.app.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.dmarc.DomainDmarc;
import dev.mailroom.model.dmarc.ReportDecoder;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DMARC screen's view model without a window: import files, then read the domain's picture. */
class DmarcReportsViewModelTest {
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    @TempDir
    Path dir;

    private Store store;
    private Services services;
    private Actor owner;
    private Tenant able;

    @BeforeEach
    void open() {
        store = Backend.H2.open(dir.resolve("store"));
        services = Services.create(store, new MutableClock(NOW));
        char[] pw = "owner-password".toCharArray();
        owner = services.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        able = services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Able Moose Group",
                                "#2563EB",
                                "Morgan Lee",
                                "morgan@ablemoose.example",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        services.domains()
                .add(
                        owner,
                        able.id(),
                        "tryablemoose.com",
                        RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example")
                                .withDmarcReports("dmarc@ablemoose.example"),
                        Set.of(DkimAlgorithm.RSA));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static String report(String domain, String id, long begin, String ip, int count, String dkim) {
        return "<?xml version=\"1.0\"?><feedback><report_metadata><org_name>google.com</org_name>"
                + "<email>noreply-dmarc-support@google.com</email><report_id>" + id + "</report_id>"
                + "<date_range><begin>" + begin + "</begin><end>" + (begin + 86399) + "</end></date_range>"
                + "</report_metadata><policy_published><domain>" + domain + "</domain><p>none</p><sp>none</sp>"
                + "<pct>100</pct></policy_published><record><row><source_ip>" + ip + "</source_ip><count>" + count
                + "</count><policy_evaluated><disposition>none</disposition><dkim>" + dkim + "</dkim><spf>fail</spf>"
                + "</policy_evaluated></row><identifiers><header_from>" + domain + "</header_from></identifiers>"
                + "</record></feedback>";
    }

    @Test
    void importedReportsShowWithTheAdvisorsWord() throws IOException {
        List<Path> files = new ArrayList<>();
        long day = NOW.getEpochSecond() - 86400L * 20;
        for (int i = 0; i < 16; i++) {
            Path f = dir.resolve("r" + i + ".xml");
            Files.writeString(f, report("tryablemoose.com", "id-" + i, day + 86400L * i, "192.0.2.25", 40, "pass"));
            files.add(f);
        }
        Path foreign = dir.resolve("foreign.xml");
        Files.writeString(foreign, report("someone-else.example", "x", day, "192.0.2.9", 3, "pass"));
        files.add(foreign);
        Path broken = dir.resolve("empty.xml");
        Files.writeString(broken, "");
        files.add(broken);

        DomainReportsViewModel<DomainDmarc, ReportDecoder> vm = DomainReportsViewModel.dmarc(
                services.dmarc(), services.dmarcDecoder(), BackgroundRunner.synchronous(), owner);
        List<Throwable> errors = new ArrayList<>();
        int[] done = {0};
        vm.importFiles(Optional.of(able), files, () -> done[0]++, errors::add);

        assertThat(errors).isEmpty();
        assertThat(done[0]).isEqualTo(1);
        assertThat(vm.importing().get()).isFalse();
        assertThat(vm.importResult().get())
                .startsWith("16 reports stored")
                .contains("1 for a domain no client has")
                .contains("empty.xml: the file is empty");

        vm.load(Optional.of(able), errors::add);
        assertThat(errors).isEmpty();
        assertThat(vm.domains()).containsExactly("tryablemoose.com");
        assertThat(vm.view().get().messages()).isEqualTo(16 * 40);
        assertThat(vm.view().get().sources())
                .singleElement()
                .satisfies(s -> assertThat(s.sourceIp()).isEqualTo("192.0.2.25"));
        assertThat(vm.view().get().advice().headline()).startsWith("Ready for p=quarantine");
        assertThat(vm.view().get().advice().record())
                .contains(
                        "_dmarc.tryablemoose.com. TXT \"v=DMARC1; p=quarantine; rua=mailto:dmarc@ablemoose.example\"");

        // Importing the same files again stores nothing twice.
        vm.importFiles(Optional.of(able), files, () -> {}, errors::add);
        assertThat(vm.importResult().get()).startsWith("0 reports stored, 16 already here");
    }
}
