package dev.mailroom.bench.validation;

import dev.mailroom.mailer.dns.DnsjavaLookup;
import dev.mailroom.mailer.dns.TestDnsServer;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.validation.AddressCheckRun;
import dev.mailroom.model.validation.AddressCheckService;
import dev.mailroom.model.validation.AddressChecker;
import dev.mailroom.model.validation.MailDomainChecker;
import dev.mailroom.model.validation.Verdict;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.xbill.DNS.Type;

/**
 * Checks 1,000,000 addresses over 20,000 domains (issue 14), streamed as the "Check addresses" tool does
 * (chunks, each domain looked up once, bounded DNS threads), twice: offline (syntax, lists, typos: the
 * baseline) and with every domain asked of a DNS server on 127.0.0.1 (MX for most, null MX, A only,
 * NXDOMAIN and SERVFAIL for some). Prints addresses per second, the ratio of the two, and the peak heap.
 * The addresses are generated as they are read, never held: the heap measured is the check's own.
 *
 * <p>Arguments: addresses, domains, DNS threads (defaults 1000000 20000 16).
 */
public final class AddressCheckBench {
    private AddressCheckBench() {}

    public static void main(String[] args) {
        long addresses = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        try (TestDnsServer dns = TestDnsServer.start()) {
            for (int i = 0; i < domains; i++) {
                String d = domain(i);
                switch (i % 50) {
                    case 0 -> dns.add(d, Type.MX, "0 .");
                    case 1 -> dns.add(d, Type.A, "192.0.2.1");
                    case 2 -> {} // NXDOMAIN
                    case 3 -> dns.fail(d, TestDnsServer.Failure.SERVFAIL);
                    default -> dns.add(d, Type.MX, "10 mx." + d + ".");
                }
            }
            AddressChecker checker = AddressChecker.withBundledLists();
            MailDomainChecker domainChecker = new MailDomainChecker(
                    new DnsjavaLookup(ResolverSettings.parse(dns.address(), Duration.ofSeconds(2), 2)));
            System.out.printf(
                    Locale.ROOT,
                    "Address check bench: %,d addresses over %,d domains, %d DNS threads,"
                            + " DNS server %s, max heap %,d MB%n",
                    addresses,
                    domains,
                    threads,
                    dns.address(),
                    Runtime.getRuntime().maxMemory() >> 20);
            // Warm-up: the JIT sees both paths before anything is timed.
            run(checker, domainChecker, 100_000, 500, threads, false);
            resetPeaks();
            Result offline = run(checker, domainChecker, addresses, domains, threads, false);
            long offlinePeak = peakHeapMb();
            System.out.printf(
                    Locale.ROOT,
                    "  offline (syntax, lists, typos): %,.0f addresses/s (%.1f s), peak heap %,d MB%n",
                    offline.rate(),
                    offline.seconds,
                    offlinePeak);
            dns.clearQueries();
            System.gc();
            resetPeaks();
            Result full = run(checker, domainChecker, addresses, domains, threads, true);
            long fullPeak = peakHeapMb();
            System.out.printf(
                    Locale.ROOT,
                    "  with DNS (%,d domains looked up, %,d questions): %,.0f addresses/s (%.1f s),"
                            + " peak heap %,d MB%n",
                    full.summary.domainsLookedUp(),
                    dns.queries().size(),
                    full.rate(),
                    full.seconds,
                    fullPeak);
            System.out.printf(
                    Locale.ROOT, "  with DNS / offline: %.2f of the offline rate%n", full.rate() / offline.rate());
            System.out.println("  verdicts: " + full.summary.words());
        }
    }

    private record Result(AddressCheckService.Summary summary, double seconds) {
        double rate() {
            return summary.checked() / seconds;
        }
    }

    private static Result run(
            AddressChecker checker, MailDomainChecker domainChecker, long n, int domains, int threads, boolean dns) {
        Random random = new Random(42);
        Iterator<String> list = new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public String next() {
                long k = i++;
                int d = random.nextInt(domains);
                return switch ((int) (k % 100)) {
                    case 0 -> "not an address " + k;
                    case 1 -> "info@" + domain(d);
                    case 2 -> "user" + k + "@gmial.com";
                    case 3 -> "user" + k + "@mailinator.com";
                    default -> "First.Last" + k + "@" + domain(d);
                };
            }
        };
        Map<Verdict, Long> seen = new EnumMap<>(Verdict.class);
        long start = System.nanoTime();
        AddressCheckService.Summary s = new AddressCheckRun(checker, domainChecker, threads)
                .run(
                        list,
                        dns,
                        v -> seen.merge(v.verdict(), 1L, Long::sum),
                        p -> {},
                        new Cancellation(),
                        wanted -> Map.of());
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(s, seconds);
    }

    static String domain(int i) {
        return "client" + i + ".com";
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum >> 20;
    }
}
