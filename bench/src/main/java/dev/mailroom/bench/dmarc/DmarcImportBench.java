package dev.mailroom.bench.dmarc;

import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.dmarc.AggregateReport;
import dev.mailroom.model.dmarc.DmarcImportSummary;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.DomainDmarc;
import dev.mailroom.model.dmarc.PublishedPolicy;
import dev.mailroom.model.dmarc.ReportRow;
import dev.mailroom.persistence.dmarc.JooqDmarcStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import dev.mailroom.persistence.store.Times;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * Imports {@code reports} generated DMARC aggregate reports (about 100 rows each) into a new H2 store
 * through {@link DmarcService#importReports}, as the report mailbox and the DMARC page's file import do,
 * {@code chunk} reports a call. The reports are made as they are imported (only one chunk is held): six
 * reporting organisations, four policy domains owned by two clients (one domain carries 40% of the mail),
 * each with its own relays and provider IPs mostly aligned, plus forwarders and spoofers from a pool of
 * 20,000 addresses; begin dates spread over the 90 days before the store's clock. Prints reports/s and
 * rows/s for every tenth of the run (so a slowdown as the store grows shows) and overall, then the
 * median time of the DMARC page's per-domain read ({@link DmarcService#domain}: sources, alignment,
 * trend, reporters, advisor) for the largest domain over 30 and 90 days.
 *
 * <p>Arguments: reports (default 10000), query runs (default 9), folder (default a new temporary one).
 */
public final class DmarcImportBench {
    private static final String[] DOMAINS = {"acme.example", "shop.acme.example", "beta.example", "news.beta.example"};
    private static final double[] DOMAIN_SHARE = {0.40, 0.15, 0.30, 0.15};
    private static final String[][] REPORTERS = {
        {"google.com", "noreply-dmarc-support@google.com"},
        {"Outlook.com", "dmarcreport@microsoft.com"},
        {"Yahoo", "dmarchelp@yahooinc.com"},
        {"comcast.net", "dmarc_reports@comcast.net"},
        {"Mail.Ru", "dmarc_support@corp.mail.ru"},
        {"WEB.DE", "dmarc-report@web.de"},
    };
    private static final double[] REPORTER_SHARE = {0.40, 0.25, 0.12, 0.10, 0.08, 0.05};

    private DmarcImportBench() {}

    public static void main(String[] args) throws Exception {
        int reports = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("dmarc-bench");
        int chunk = Integer.getInteger("chunk", 100);
        System.out.printf(
                Locale.ROOT,
                "DMARC import bench: %,d reports (about %,d rows), %d a call, H2 in %s, max heap %,d MB%n",
                reports,
                reports * 100L,
                chunk,
                dir,
                Runtime.getRuntime().maxMemory() >> 20);
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId beta = f.tenantNamed("Beta Outfitters");
            domain(f, f.acme, DOMAINS[0], "dmarc@agency.example");
            domain(f, f.acme, DOMAINS[1], "dmarc@agency.example");
            domain(f, beta, DOMAINS[2], "dmarc@agency.example");
            domain(f, beta, DOMAINS[3], "");
            DmarcService service =
                    new DmarcService(new JooqDmarcStore(f.tx), f.access, f.tx, f.audit, f.tenants, f.clock);

            Generator gen = new Generator(new Random(13), f.clock.instant());
            long rows = 0;
            int done = 0;
            int stored = 0;
            int step = Math.max(reports / 10, chunk);
            long t0 = System.nanoTime();
            long tStep = t0;
            long rowsStep = 0;
            int doneStep = 0;
            while (done < reports) {
                int n = Math.min(chunk, reports - done);
                List<AggregateReport> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(gen.next());
                }
                DmarcImportSummary s = service.importReports(f.owner, Optional.empty(), batch, List.of(), "bench");
                stored += s.stored();
                rows += s.rows();
                done += n;
                if (done / step != (done - n) / step || done == reports) {
                    long now = System.nanoTime();
                    double sec = (now - tStep) / 1e9;
                    System.out.printf(
                            Locale.ROOT,
                            "  %,d reports (%,d rows): last %,d at %,.0f reports/s, %,.0f rows/s%n",
                            done,
                            rows,
                            done - doneStep,
                            (done - doneStep) / sec,
                            (rows - rowsStep) / sec);
                    tStep = now;
                    rowsStep = rows;
                    doneStep = done;
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Runtime rt = Runtime.getRuntime();
            System.out.printf(
                    Locale.ROOT,
                    "Import: %,d reports stored (%,d rows) in %.1f s: %,.0f reports/s, %,.0f rows/s; heap in use %,d MB%n",
                    stored,
                    rows,
                    seconds,
                    stored / seconds,
                    rows / seconds,
                    (rt.totalMemory() - rt.freeMemory()) >> 20);

            for (int days : new int[] {30, 90}) {
                double[] ms = new double[runs];
                DomainDmarc last = null;
                for (int i = 0; i < runs; i++) {
                    // A second later each run, so H2 cannot hand back a result it kept.
                    f.clock.advance(Duration.ofSeconds(1));
                    long q0 = System.nanoTime();
                    last = service.domain(f.owner, f.acme, DOMAINS[0], days);
                    ms[i] = (System.nanoTime() - q0) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf(
                        Locale.ROOT,
                        "DMARC page for %s, %d days (%,d messages, %d sources shown, %d days in the trend,"
                                + " %d reporters): median %.1f ms of %d runs (min %.1f, max %.1f)%n",
                        DOMAINS[0],
                        days,
                        last.messages(),
                        last.sources().size(),
                        last.trend().size(),
                        last.reporters().size(),
                        ms[runs / 2],
                        runs,
                        ms[0],
                        ms[runs - 1]);
            }
        }
    }

    private static void domain(SendingFixture f, TenantId tenant, String name, String rua) {
        f.tx.run(() -> f.tx.dsl()
                .insertInto(SENDING_DOMAIN)
                .set(SENDING_DOMAIN.TENANT_ID, tenant.value())
                .set(SENDING_DOMAIN.NAME, name)
                .set(SENDING_DOMAIN.SPF_MECHANISM, "include:spf.relay.example")
                .set(SENDING_DOMAIN.RETURN_PATH_LABEL, "bounce")
                .set(SENDING_DOMAIN.RETURN_PATH_TARGET, "bounce.relay.example")
                .set(SENDING_DOMAIN.DMARC_RUA, rua.isEmpty() ? null : rua)
                .set(SENDING_DOMAIN.TTL, 3600)
                .set(SENDING_DOMAIN.CREATED_AT, Times.toDb(SendingFixture.T0))
                .execute());
    }

    /** Believable reports, one at a time. */
    private static final class Generator {
        private final Random random;
        private final Instant today;
        private final int[] serial = new int[REPORTERS.length];

        Generator(Random random, Instant now) {
            this.random = random;
            this.today = now.truncatedTo(ChronoUnit.DAYS);
        }

        AggregateReport next() {
            int d = pick(DOMAIN_SHARE);
            int r = pick(REPORTER_SHARE);
            String domain = DOMAINS[d];
            Instant begin = today.minus(Duration.ofDays(1 + random.nextInt(90)));
            PublishedPolicy policy = new PublishedPolicy(
                    domain, d == 2 ? "quarantine" : "none", "none", 100, "r", random.nextInt(4) == 0 ? "s" : "r");
            int size = 40 + random.nextInt(121);
            List<ReportRow> rows = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                rows.add(row(d, domain, policy.p()));
            }
            return new AggregateReport(
                    REPORTERS[r][0],
                    REPORTERS[r][1],
                    REPORTERS[r][0].toLowerCase(Locale.ROOT) + "-" + (++serial[r]) + "-" + random.nextInt(1_000_000),
                    begin,
                    begin.plus(Duration.ofDays(1)).minusSeconds(1),
                    policy,
                    rows);
        }

        private ReportRow row(int d, String domain, String p) {
            int kind = random.nextInt(100);
            String ip;
            boolean dkim;
            boolean spf;
            String envelope;
            String dkimDomains;
            long count;
            if (kind < 45) { // the client's own relays: 16 addresses a domain
                ip = "192.0." + (2 + d) + "." + (10 + random.nextInt(16));
                dkim = random.nextInt(1000) != 0;
                spf = random.nextInt(200) != 0;
                envelope = "bounce." + domain;
                dkimDomains = domain;
                count = 1 + random.nextInt(400);
            } else if (kind < 70) { // a sending provider, a /22 of it
                ip = "198.51." + (100 + random.nextInt(4)) + "." + random.nextInt(256);
                dkim = random.nextInt(50) != 0;
                spf = random.nextInt(10) != 0;
                envelope = "em" + d + ".provider.example";
                dkimDomains = domain + ",provider.example";
                count = 1 + random.nextInt(120);
            } else if (kind < 80) { // Google Workspace
                ip = "209.85." + (128 + random.nextInt(64)) + "." + random.nextInt(256);
                dkim = true;
                spf = true;
                envelope = domain;
                dkimDomains = domain;
                count = 1 + random.nextInt(20);
            } else if (kind < 93) { // forwarders and mailing lists: DKIM survives now and then
                ip = pool();
                dkim = random.nextInt(3) == 0;
                spf = false;
                envelope = "lists.example.org";
                dkimDomains = dkim ? domain : "lists.example.org";
                count = 1 + random.nextInt(5);
            } else { // spoofers
                ip = pool();
                dkim = false;
                spf = false;
                envelope = domain;
                dkimDomains = "";
                count = 1 + random.nextInt(3);
            }
            String disposition = dkim || spf ? "none" : p.equals("none") ? "none" : p;
            return new ReportRow(ip, count, disposition, dkim, spf, domain, envelope, dkimDomains, envelope);
        }

        private String pool() {
            int n = random.nextInt(20_000);
            return (20 + n % 180) + "." + (n / 180 % 250) + "." + (n * 7 % 250) + "." + (1 + n % 253);
        }

        private int pick(double[] shares) {
            double x = random.nextDouble();
            for (int i = 0; i < shares.length - 1; i++) {
                x -= shares[i];
                if (x < 0) {
                    return i;
                }
            }
            return shares.length - 1;
        }
    }
}
