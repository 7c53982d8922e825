package dev.mailroom.bench.domains;

import dev.mailroom.mailer.dns.DnsjavaLookup;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.domains.BoundedRunner;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.ExistingRecords;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.RecordPlanner;
import dev.mailroom.model.domains.RecordVerifier;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimPublicKey;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.domains.names.DomainName;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Verifies 1,000 domains × 6 records (SPF, DKIM, return path, DMARC, tracking, MTA-STS) against a DNS
 * server on 127.0.0.1, first one domain at a time (the baseline), then as "check all domains" does it
 * (domains on a bounded pool of threads), and prints records per second and the ratio. Everything runs
 * on loopback and stops by itself.
 *
 * <p>Run: {@code mvn -q -pl bench -am install -DskipTests && mvn -q -pl bench exec:exec}
 * (or run the class with arguments: domains, look-ups at once, rounds, answer latency in ms; defaults 1000 48 3 30:
 * the console's default look-ups at once, and a latency a resolver a few networks away has, since on an
 * instant loopback server concurrency hardly shows).
 */
public final class DomainVerificationBench {
    private DomainVerificationBench() {}

    public static void main(String[] args) {
        int domains = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int parallelism = args.length > 1 ? Integer.parseInt(args[1]) : 48;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Duration latency = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 30);
        Clock clock = Clock.systemUTC();
        DkimPublicKey key = new DkimKeyGenerator(clock, new SecureRandom())
                .generate(DkimAlgorithm.RSA, List.of())
                .publicKey();
        RecordPlanSettings settings = RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example")
                .withDmarcReports("dmarc@agency.example")
                .withTracking(new RecordPlanSettings.Tracking("track", "track.relay.example"))
                .withMtaSts(new RecordPlanSettings.MtaSts("testing", List.of("mx.relay.example"), 86400), null);

        try (TestDnsServer dns = TestDnsServer.start().latency(latency)) {
            List<RecordPlan> plans = new ArrayList<>();
            for (int i = 0; i < domains; i++) {
                RecordPlan p = RecordPlanner.plan(
                        DomainName.parse("client" + i + ".com"),
                        settings,
                        List.of(key),
                        ExistingRecords.none(),
                        Optional.empty(),
                        clock.instant());
                for (PlannedRecord r : p.records()) {
                    switch (r.type()) {
                        case TXT -> dns.addTxt(r.host(), r.strings().toArray(String[]::new));
                        case CNAME -> dns.cname(r.host(), r.value());
                        default -> throw new IllegalStateException(r.type().name());
                    }
                }
                plans.add(p);
            }
            int recordsPerDomain = plans.get(0).records().size();
            long total = (long) domains * recordsPerDomain;
            RecordVerifier verifier = new RecordVerifier(
                    new DnsjavaLookup(ResolverSettings.parse(dns.address(), Duration.ofSeconds(2), 2)), clock);
            System.out.printf(
                    Locale.ROOT,
                    "Verifying %d domains × %d records = %d records against %s answering after %d ms, %d rounds%n",
                    domains,
                    recordsPerDomain,
                    total,
                    dns.address(),
                    latency.toMillis(),
                    rounds);

            // Warm-up: class loading, JIT, the resolver's sockets.
            oneAtATime(verifier, plans.subList(0, Math.min(100, domains)));
            bounded(verifier, plans.subList(0, Math.min(100, domains)), parallelism);

            double bestBase = 0;
            double bestBounded = 0;
            for (int round = 1; round <= rounds; round++) {
                double base = rate(total, () -> oneAtATime(verifier, plans));
                dns.clearQueries();
                double par = rate(total, () -> bounded(verifier, plans, parallelism));
                bestBase = Math.max(bestBase, base);
                bestBounded = Math.max(bestBounded, par);
                System.out.printf(
                        Locale.ROOT,
                        "round %d: one at a time %,.0f records/s (%.1f s); %d at once %,.0f records/s (%.1f s),"
                                + " most look-ups waiting at once %d%n",
                        round,
                        base,
                        total / base,
                        parallelism,
                        par,
                        total / par,
                        dns.mostInFlight());
            }
            System.out.printf(
                    Locale.ROOT,
                    "best: one at a time %,.0f records/s; %d at once %,.0f records/s; ratio %.2f×%n",
                    bestBase,
                    parallelism,
                    bestBounded,
                    bestBounded / bestBase);
        }
    }

    private static double rate(long records, Runnable run) {
        long start = System.nanoTime();
        run.run();
        double s = (System.nanoTime() - start) / 1e9;
        return records / s;
    }

    private static void oneAtATime(RecordVerifier verifier, List<RecordPlan> plans) {
        for (RecordPlan p : plans) {
            requireFound(verifier.verify(p, Optional.empty()));
        }
    }

    private static void bounded(RecordVerifier verifier, List<RecordPlan> plans, int parallelism) {
        List<List<RecordCheck>> all = BoundedRunner.run(
                plans,
                parallelism,
                "bench-check",
                p -> verifier.verify(p, Optional.empty()),
                (done, r) -> {},
                new Cancellation());
        if (all.size() != plans.size()) {
            throw new IllegalStateException("not every domain was checked");
        }
        all.forEach(DomainVerificationBench::requireFound);
    }

    private static void requireFound(List<RecordCheck> checks) {
        for (RecordCheck c : checks) {
            if (c.status() != CheckStatus.FOUND) {
                throw new IllegalStateException(c.record().host() + ": " + c.status() + " " + c.message());
            }
        }
    }
}
