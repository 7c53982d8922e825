package dev.mailroom.bench.billing;

import dev.mailroom.mailer.billing.PdfBillingDocuments;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.billing.BillingService;
import dev.mailroom.model.billing.ClientReportService;
import dev.mailroom.model.billing.MonthlyRun;
import dev.mailroom.model.billing.PlanTerms;
import dev.mailroom.model.billing.PricePlan;
import dev.mailroom.model.billing.TenantOverrides;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.persistence.activity.JooqAnalyticsStore;
import dev.mailroom.persistence.billing.JooqBillingStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The month's billing run and every client's white-label report PDF (issue 15) over a store of many
 * tenants: April 2026's events are spread over the tenants with a long tail (a few big senders, many
 * small), every tenant is on one graduated plan, then {@link BillingService#issueAll} issues the month and
 * {@link ClientReportService#reportPdf} makes each tenant's PDF. Prints seconds in all and per tenant, and
 * the peak heap in use, sampled every 5 ms.
 *
 * <p>Arguments: tenants (default 500), events (default 1,000,000), folder (default a new temporary one).
 */
public final class BillingBench {
    private static final YearMonth APRIL = YearMonth.of(2026, 4);
    private static final Instant APRIL_START = Instant.parse("2026-04-01T00:00:00Z");
    private static final int BATCH = 20_000;

    private BillingBench() {}

    public static void main(String[] args) throws Exception {
        int tenantCount = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long eventCount = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000L;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("billing-bench");
        System.out.printf(
                Locale.ROOT,
                "Billing bench: %,d tenants, %,d events in April 2026, H2 in %s, max heap %,d MB%n",
                tenantCount,
                eventCount,
                dir,
                Runtime.getRuntime().maxMemory() >> 20);
        HeapPeak heap = HeapPeak.start();
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            SendingFixture f = new SendingFixture(store, dir);
            JooqBillingStore billingStore = new JooqBillingStore(f.tx);
            BillingService billing = new BillingService(billingStore, f.tenants, f.access, f.audit, f.tx, f.clock);
            // The bench makes the reports and never e-mails them: no send use case is needed.
            ClientReportService reports = new ClientReportService(
                    billingStore,
                    new JooqAnalyticsStore(f.tx),
                    f.tenants,
                    f.access,
                    f.audit,
                    f.tx,
                    new PdfBillingDocuments(),
                    f.connections,
                    null);

            List<TenantId> tenants = new ArrayList<>();
            tenants.add(f.acme);
            for (int i = 1; i < tenantCount; i++) {
                tenants.add(f.tenantNamed(String.format(Locale.ROOT, "Client %04d", i)));
            }
            long t0 = System.nanoTime();
            ingest(f, tenants, eventCount);
            System.out.printf(
                    Locale.ROOT, "Events stored with their roll-ups in %.1f s%n", (System.nanoTime() - t0) / 1e9);

            PricePlan plan = billing.createPlan(f.owner, "Graduated", APRIL, PlanTerms.productDefault());
            for (TenantId t : tenants) {
                billing.assign(f.owner, t, plan.id(), APRIL, TenantOverrides.NONE);
            }

            heap.reset();
            long t1 = System.nanoTime();
            MonthlyRun run = billing.issueAll(f.owner, APRIL, (done, all) -> {}, new Cancellation());
            double runSeconds = (System.nanoTime() - t1) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "Billing run: %,d invoices issued, %,d skipped in %.2f s (%.1f ms a tenant); peak heap %,d MB%n",
                    run.invoices().size(),
                    run.skipped().size(),
                    runSeconds,
                    runSeconds * 1000 / tenants.size(),
                    heap.peakMb());

            heap.reset();
            long t2 = System.nanoTime();
            long bytes = 0;
            for (TenantId t : tenants) {
                bytes += reports.reportPdf(f.owner, t, APRIL).length;
            }
            double reportSeconds = (System.nanoTime() - t2) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "Client reports: %,d PDFs (%,d KB in all) in %.2f s (%.1f ms a report); peak heap %,d MB%n",
                    tenants.size(),
                    bytes >> 10,
                    reportSeconds,
                    reportSeconds * 1000 / tenants.size(),
                    heap.peakMb());
            System.out.printf(Locale.ROOT, "Billing run and reports together: %.2f s%n", runSeconds + reportSeconds);
        } finally {
            heap.stop();
        }
    }

    /** April's events, tenant i getting a share proportional to 1/(i+1) (a few big senders, a long tail). */
    private static void ingest(SendingFixture f, List<TenantId> tenants, long eventCount) {
        double[] weight = new double[tenants.size()];
        double sum = 0;
        for (int i = 0; i < weight.length; i++) {
            weight[i] = 1.0 / (i + 1);
            sum += weight[i];
        }
        SplittableRandom random = new SplittableRandom(15);
        long seconds = 30L * 86_400;
        List<Event> batch = new ArrayList<>(BATCH);
        long written = 0;
        for (int i = 0; i < tenants.size(); i++) {
            long mine = Math.max(1, Math.round(eventCount * weight[i] / sum));
            for (long n = 0; n < mine; n++) {
                EventType type = type(random.nextInt(1000));
                batch.add(Event.of(
                        tenants.get(i),
                        "client" + i + ".example",
                        APRIL_START.plusSeconds(random.nextLong(seconds)),
                        "r" + random.nextInt(200_000) + "@example.net",
                        type));
                if (batch.size() == BATCH) {
                    written += flush(f, batch);
                }
            }
        }
        written += flush(f, batch);
        System.out.printf(Locale.ROOT, "  %,d events written%n", written);
    }

    /** Mostly sent and delivered; some bounces, complaints and opens, as a month of transactional mail. */
    private static EventType type(int permille) {
        if (permille < 480) {
            return EventType.SENT;
        }
        if (permille < 940) {
            return EventType.DELIVERED;
        }
        if (permille < 955) {
            return EventType.HARD_BOUNCE;
        }
        if (permille < 960) {
            return EventType.COMPLAINED;
        }
        return EventType.OPENED;
    }

    private static int flush(SendingFixture f, List<Event> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<Event> copy = List.copyOf(batch);
        f.tx.run(() -> f.events.append(copy));
        batch.clear();
        return copy.size();
    }

    /** The heap in use, sampled every 5 ms on a daemon thread; the largest since the last reset. */
    private static final class HeapPeak {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        static HeapPeak start() {
            HeapPeak h = new HeapPeak();
            Thread t = new Thread(h::sample, "heap-peak");
            t.setDaemon(true);
            t.start();
            return h;
        }

        private void sample() {
            Runtime rt = Runtime.getRuntime();
            while (running) {
                long used = rt.totalMemory() - rt.freeMemory();
                peak.accumulateAndGet(used, Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void reset() {
            System.gc();
            peak.set(0);
        }

        long peakMb() {
            return peak.get() >> 20;
        }

        void stop() {
            running = false;
        }
    }
}
