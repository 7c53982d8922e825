package dev.mailroom.app.domains;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.session.Services;
import dev.mailroom.app.testing.ConsoleWorld;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.domains.CheckAllResult;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.tenants.Tenant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A scheduled round checks every domain and reports records that were found last time and are gone
 * now. Two real DNS servers on 127.0.0.1 stand for "before" (records published) and "after" (removed).
 */
class ScheduledDomainChecksTest {
    @TempDir
    Path dir;

    @Test
    void aRecordThatDisappearsIsReportedAsBrokenByTheNextRound() {
        try (TestDnsServer before = TestDnsServer.start();
                TestDnsServer after = TestDnsServer.start();
                ConsoleWorld world = ConsoleWorld.h2(dir, resolver(before))) {
            Services first = world.services;
            Actor owner = world.owner;
            Tenant acme = world.tenant("Acme");
            var domain = first.domains()
                    .add(
                            owner,
                            acme.id(),
                            "tryacme.com",
                            RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                            Set.of(DkimAlgorithm.RSA));
            for (PlannedRecord r :
                    first.domains().plan(owner, acme.id(), domain.domain().id()).records()) {
                if (r.type() == DnsType.CNAME) {
                    before.cname(r.host(), r.value());
                } else {
                    before.addTxt(r.host(), chunks(r.value()).toArray(String[]::new));
                }
            }

            List<CheckAllResult> results = new ArrayList<>();
            round(first.domains(), owner, results);
            assertThat(results.get(0).total()).isEqualTo(1);
            assertThat(results.get(0).results().get(0).allFound()).isTrue();
            assertThat(ScheduledDomainChecks.describeBroken(results.get(0))).isEmpty();
            var healthy = first.domains().dnsHealthOfVisibleTenants(owner).get(acme.id());
            assertThat(healthy.domains()).isEqualTo(1);
            assertThat(healthy.problems()).isZero();

            // The client's IT "tidied up" the zone: the next round asks a server without the records.
            world.clock.advance(Duration.ofHours(6));
            round(Services.create(world.store, world.clock, resolver(after)).domains(), owner, results);
            assertThat(results.get(1).results().get(0).broke()).isNotEmpty();
            assertThat(ScheduledDomainChecks.describeBroken(results.get(1))).startsWith("tryacme.com: ");
            var broken = first.domains().dnsHealthOfVisibleTenants(owner).get(acme.id());
            assertThat(broken.broke())
                    .isEqualTo(broken.problems())
                    .isEqualTo(broken.checkedRecords())
                    .isPositive();
        }
    }

    @Test
    void aRoundNeverHoldsMoreLookUpsInFlightThanTheSettingAllows() {
        // Answers take 20 ms, as a resolver a few networks away: look-ups overlap, so the bound shows.
        try (TestDnsServer dns = TestDnsServer.start().latency(Duration.ofMillis(20));
                ConsoleWorld world = ConsoleWorld.h2(dir, resolver(dns))) {
            Services s = world.services;
            Actor owner = world.owner;
            Tenant acme = world.tenant("Acme");
            for (int i = 0; i < 30; i++) {
                s.domains()
                        .add(
                                owner,
                                acme.id(),
                                "client" + i + ".com",
                                RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example"),
                                Set.of());
            }
            for (int atOnce : new int[] {3, 10}) {
                dns.clearQueries();
                List<CheckAllResult> results = new ArrayList<>();
                new ScheduledDomainChecks(
                                s.domains(),
                                owner,
                                BackgroundRunner.synchronous(),
                                Duration.ofHours(6),
                                List::of,
                                () -> atOnce,
                                results::add)
                        .checkNow();
                assertThat(results.get(0).total()).isEqualTo(30);
                assertThat(dns.queries()).hasSizeGreaterThanOrEqualTo(90);
                assertThat(dns.mostInFlight())
                        .as("look-ups waiting at once with the setting at %d", atOnce)
                        .isLessThanOrEqualTo(atOnce)
                        .isGreaterThan(1);
            }
        }
    }

    private static void round(DomainService domains, Actor owner, List<CheckAllResult> into) {
        new ScheduledDomainChecks(domains, owner, BackgroundRunner.synchronous(), Duration.ofHours(6), into::add)
                .checkNow();
    }

    private static ResolverSettings resolver(TestDnsServer server) {
        return ResolverSettings.parse(server.address(), Duration.ofSeconds(2), 1);
    }

    private static List<String> chunks(String value) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            out.add(value.substring(i, Math.min(value.length(), i + 255)));
        }
        return out;
    }
}
