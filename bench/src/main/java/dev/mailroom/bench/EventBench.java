package dev.mailroom.bench;

import static dev.mailroom.persistence.jooq.Tables.EVENT;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.when;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.MessageIds;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.activity.JooqAnalyticsStore;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import dev.mailroom.persistence.store.Times;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * Ingest and analytics queries over many events in H2, with and without roll-ups, in one run.
 * Two stores with the same schema get the same events: one through {@link JooqEventStore#append}
 * (batch insert plus the three roll-ups), one by plain JDBC batch inserts. Then the largest tenant's
 * 90 days by day and type, and the 500-tenant 30-day overview, are timed from roll-ups and from raw rows.
 * H2 is opened with OPTIMIZE_REUSE_RESULTS=0 so a repeated query is really run again.
 *
 * <p>Properties: {@code -Devents=10000000 -Dtenants=500 -Dbatch=10000 -Ddir=/tmp/x}; {@code -Dqueries-only=true}
 * with the {@code -Ddir} of an earlier run times the queries again on its stores, without ingesting.
 */
public final class EventBench {
    private static final int DAYS = 90;
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 2);
    private static final EventType[] TYPES = {
        EventType.SENT,
        EventType.DELIVERED,
        EventType.OPENED,
        EventType.CLICKED,
        EventType.DEFERRED,
        EventType.SOFT_BOUNCE,
        EventType.HARD_BOUNCE,
        EventType.COMPLAINED,
        EventType.REJECTED,
        EventType.UNSUBSCRIBED
    };
    /** Cumulative shares of {@link #TYPES}: a believable mix of what happens to mail. */
    private static final double[] TYPE_SHARES = cumulative(40, 37, 13, 3, 3, 1, 1.5, 0.1, 1, 0.4);

    private static final String[] MAILBOXES = {
        "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "gmx.de", "aol.com", "web.de"
    };
    private static final String[] CODES = {"4.7.28", "4.2.2", "4.4.7", "5.1.1", "5.7.1"};

    private EventBench() {}

    public static void main(String[] args) throws Exception {
        long events = Long.getLong("events", 10_000_000L);
        int tenants = Integer.getInteger("tenants", 500);
        int batch = Integer.getInteger("batch", 10_000);
        Path dir = Path.of(System.getProperty(
                "dir", Files.createTempDirectory("mailroom-bench").toString()));
        System.out.printf(
                "Mailroom event bench: %,d events, %d tenants (Zipf s=1), %d days, batches of %,d, in %s%n",
                events, tenants, DAYS, batch, dir);

        boolean queriesOnly = Boolean.getBoolean("queries-only");
        List<TenantId> withRollups =
                queriesOnly ? existing(dir.resolve("rollups"), tenants) : createStore(dir.resolve("rollups"), tenants);
        List<TenantId> plain = queriesOnly ? List.of() : createStore(dir.resolve("plain"), tenants);

        try (HikariDataSource rollDs = h2(dir.resolve("rollups"));
                HikariDataSource plainDs = h2(dir.resolve("plain"))) {
            JooqTransactions tx = new JooqTransactions(DSL.using(
                    rollDs,
                    SQLDialect.H2,
                    new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)));
            JooqEventStore store = new JooqEventStore(tx);
            JooqAnalyticsStore analytics = new JooqAnalyticsStore(tx);

            // Alternate the two in slices so that both see the same machine load over the run.
            Generator genA = new Generator(withRollups, events, 42);
            Generator genB = new Generator(plain, events, 42);
            long rollNanos = 0;
            long plainNanos = 0;
            long done = 0;
            long nextReport = events / 10;
            try (Connection c = plainDs.getConnection()) {
                if (queriesOnly) {
                    done = events;
                }
                c.setAutoCommit(false);
                PreparedStatement insert = c.prepareStatement(
                        "insert into event (tenant_id, domain_name, at, recipient, "
                                + "message_id, event_type, smtp_reply, status_code, diagnostic) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                while (done < events) {
                    int n = (int) Math.min(batch, events - done);
                    List<Event> a = genA.next(n);
                    List<Event> b = genB.next(n);
                    long t0 = System.nanoTime();
                    tx.run(() -> store.append(a));
                    long t1 = System.nanoTime();
                    plainInsert(c, insert, b);
                    long t2 = System.nanoTime();
                    rollNanos += t1 - t0;
                    plainNanos += t2 - t1;
                    done += n;
                    if (done >= nextReport) {
                        System.out.printf(
                                "  %,d events: with roll-ups %,.0f/s, plain %,.0f/s%n",
                                done, done / (rollNanos / 1e9), done / (plainNanos / 1e9));
                        nextReport += events / 10;
                    }
                }
            }
            if (!queriesOnly) {
                double rollRate = events / (rollNanos / 1e9);
                double plainRate = events / (plainNanos / 1e9);
                System.out.printf(
                        "%nIngest: with roll-ups %,.0f events/s, plain batch inserts %,.0f events/s: ratio %.2f (target >= 0.5)%n",
                        rollRate, plainRate, rollRate / plainRate);
            }

            TenantId largest = withRollups.get(0);
            DSLContext dsl = tx.dsl();
            LocalDate from90 = TODAY.minusDays(DAYS - 1);
            Instant start90 = from90.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant end = TODAY.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant start30 = TODAY.minusDays(29).atStartOfDay().toInstant(ZoneOffset.UTC);

            double tenantRoll = time(
                    20,
                    () -> tx.inTransaction(() -> store.dailyCounts(largest, Optional.empty(), from90, TODAY))
                            .size());
            double tenantRaw = time(
                    3,
                    () -> dsl.select(DSL.cast(EVENT.AT, LocalDate.class), EVENT.EVENT_TYPE, count())
                            .from(EVENT)
                            .where(EVENT.TENANT_ID.eq(largest.value()))
                            .and(EVENT.AT.ge(Times.toDb(start90)))
                            .and(EVENT.AT.lt(Times.toDb(end)))
                            .groupBy(DSL.cast(EVENT.AT, LocalDate.class), EVENT.EVENT_TYPE)
                            .fetch()
                            .size());
            double overviewRoll = time(
                    20,
                    () -> tx.inTransaction(() -> analytics.agencyOverviewActivity(TenantScope.everything(), TODAY))
                            .size());
            double overviewRaw = time(
                    3,
                    () -> dsl.select(
                                    EVENT.TENANT_ID,
                                    EVENT.EVENT_TYPE,
                                    count(),
                                    sum(when(
                                                    EVENT.AT.ge(Times.toDb(
                                                            TODAY.atStartOfDay().toInstant(ZoneOffset.UTC))),
                                                    1)
                                            .otherwise(0)))
                            .from(EVENT)
                            .where(EVENT.AT.ge(Times.toDb(start30)))
                            .and(EVENT.AT.lt(Times.toDb(end)))
                            .groupBy(EVENT.TENANT_ID, EVENT.EVENT_TYPE)
                            .fetch()
                            .size());
            System.out.printf(
                    "Largest tenant (%,d events), 90 days by day and type: roll-up %.2f ms, raw rows %.1f ms (target < 10 ms)%n",
                    queriesOnly ? dsl.fetchCount(EVENT, EVENT.TENANT_ID.eq(largest.value())) : genA.countOf(0),
                    tenantRoll,
                    tenantRaw);
            System.out.printf(
                    "Overview of %d tenants, 30 days: roll-up %.2f ms, raw rows %.1f ms (target < 20 ms)%n",
                    tenants, overviewRoll, overviewRaw);
        }
    }

    private static List<TenantId> createStore(Path dir, int tenants) {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            JooqTenantStore t = new JooqTenantStore(store.transactions());
            return store.transactions().inTransaction(() -> {
                List<TenantId> ids = new ArrayList<>();
                for (int i = 0; i < tenants; i++) {
                    ids.add(t.insert(
                            new TenantDraft(
                                    String.format("Client %03d", i + 1),
                                    "#2563EB",
                                    "",
                                    "",
                                    OwnershipModel.AGENCY_OWNED,
                                    PartnerAccessPattern.AGENCY_MANAGED),
                            Instant.EPOCH));
                }
                return ids;
            });
        }
    }

    /** The tenants of a store an earlier run filled (created in rank order, so the first is the largest). */
    private static List<TenantId> existing(Path dir, int tenants) {
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            return store.transactions()
                    .inTransaction(() -> new JooqTenantStore(store.transactions())
                            .list(TenantScope.everything()).stream()
                                    .map(t -> t.id())
                                    .sorted(java.util.Comparator.comparingLong(TenantId::value))
                                    .limit(tenants)
                                    .toList());
        }
    }

    private static HikariDataSource h2(Path dir) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:h2:file:" + dir.resolve("mailroom").toAbsolutePath() + ";OPTIMIZE_REUSE_RESULTS=0");
        hc.setUsername("mailroom");
        hc.setPassword("");
        hc.setMaximumPoolSize(2);
        return new HikariDataSource(hc);
    }

    private static void plainInsert(Connection c, PreparedStatement ps, List<Event> events) throws Exception {
        for (Event e : events) {
            ps.setLong(1, e.tenant().value());
            ps.setString(2, e.domain());
            ps.setObject(3, Times.toDb(e.at()));
            ps.setString(4, e.recipient());
            ps.setString(5, e.messageId().orElse(null));
            ps.setString(6, e.type().name());
            if (e.details().smtpReply().isPresent()) {
                ps.setShort(7, (short) e.details().smtpReply().getAsInt());
            } else {
                ps.setNull(7, java.sql.Types.SMALLINT);
            }
            ps.setString(8, e.details().status().map(Object::toString).orElse(null));
            ps.setString(
                    9, e.details().diagnostic().isEmpty() ? null : e.details().diagnostic());
            ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
    }

    /** Median of {@code runs} timings in milliseconds, after one warm-up run. */
    private static double time(int runs, Supplier<Integer> query) {
        query.get();
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            query.get();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[runs / 2];
    }

    private static double[] cumulative(double... shares) {
        double total = Arrays.stream(shares).sum();
        double[] out = new double[shares.length];
        double run = 0;
        for (int i = 0; i < shares.length; i++) {
            run += shares[i] / total;
            out[i] = run;
        }
        return out;
    }

    /** Events in time order over {@link #DAYS} days, tenants drawn with Zipf weights (rank 1 largest). */
    static final class Generator {
        private final List<TenantId> tenants;
        private final double[] tenantCdf;
        private final long[] perTenant;
        private final long total;
        private final SplittableRandom random;
        private long produced;

        Generator(List<TenantId> tenants, long total, long seed) {
            this.tenants = tenants;
            this.total = total;
            this.random = new SplittableRandom(seed);
            double[] weights = new double[tenants.size()];
            for (int i = 0; i < weights.length; i++) {
                weights[i] = 1.0 / (i + 1);
            }
            this.tenantCdf = cumulative(weights);
            this.perTenant = new long[tenants.size()];
        }

        long countOf(int rank) {
            return perTenant[rank];
        }

        List<Event> next(int n) {
            List<Event> out = new ArrayList<>(n);
            long spanSeconds = DAYS * 86_400L;
            Instant start = TODAY.minusDays(DAYS - 1).atStartOfDay().toInstant(ZoneOffset.UTC);
            for (int i = 0; i < n; i++) {
                int rank = pick(tenantCdf, random.nextDouble());
                perTenant[rank]++;
                EventType type = TYPES[pick(TYPE_SHARES, random.nextDouble())];
                Instant at = start.plusSeconds(spanSeconds * produced / total + random.nextInt(60));
                String domain = "mail" + random.nextInt(1 + rank % 3) + ".client" + rank + ".example";
                String recipient = "r" + random.nextInt(200_000) + "@" + MAILBOXES[random.nextInt(MAILBOXES.length)];
                EventDetails details = EventDetails.NONE;
                if (type.isBounce() || type == EventType.DEFERRED) {
                    String code = type == EventType.HARD_BOUNCE ? "5.1.1" : CODES[random.nextInt(3)];
                    details = new EventDetails(
                            OptionalInt.of(code.startsWith("5") ? 550 : 451), Optional.of(EnhancedStatus.of(code)), "");
                }
                out.add(new Event(
                        tenants.get(rank),
                        domain,
                        at,
                        recipient,
                        Optional.of(MessageIds.at(domain, at)),
                        type,
                        details));
                produced++;
            }
            return out;
        }

        private static int pick(double[] cdf, double u) {
            int i = Arrays.binarySearch(cdf, u);
            return Math.min(cdf.length - 1, i >= 0 ? i : -i - 1);
        }
    }
}
