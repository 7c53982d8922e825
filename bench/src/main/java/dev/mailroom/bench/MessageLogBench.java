package dev.mailroom.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.MessageLogQuery;
import dev.mailroom.model.activity.MessageLogResults;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.activity.JooqMessageLogStore;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The message log on a realistic store: messages (sent, then delivered, deferred, bounced, opened…)
 * spread Zipf-like over tenants, 90 days. Times (median of 5, H2 result cache off) of the log's
 * searches for the largest tenant, against the obvious query (group the tenant's events by message,
 * newest first) measured in the same run, and the plans H2 chooses.
 *
 * <p>Run: {@code ./mvnw -B -q -o -pl bench -am -DskipTests compile exec:java -Dexec.mainClass=dev.mailroom.bench.MessageLogBench -Dmessages=500000}
 */
public final class MessageLogBench {
    private static final String[] TYPES_AFTER = {
        "DELIVERED", "DELIVERED", "DELIVERED", "DEFERRED", "OPENED", "SOFT_BOUNCE"
    };

    public static void main(String[] args) throws Exception {
        int messages = Integer.getInteger("messages", 1_000_000);
        int tenants = Integer.getInteger("tenants", 50);
        Path dir = Path.of(System.getProperty(
                "dir", Files.createTempDirectory("mailroom-log-bench").toString()));
        List<TenantId> ids;
        try (Store store = Store.open(StoreConfig.h2(dir))) {
            JooqTenantStore t = new JooqTenantStore(store.transactions());
            ids = store.transactions().inTransaction(() -> {
                List<TenantId> out = new ArrayList<>();
                for (int i = 0; i < tenants; i++) {
                    out.add(t.insert(
                            new TenantDraft(
                                    String.format("Client %03d", i + 1),
                                    "#2563EB",
                                    "",
                                    "",
                                    OwnershipModel.AGENCY_OWNED,
                                    PartnerAccessPattern.AGENCY_MANAGED),
                            Instant.EPOCH));
                }
                return out;
            });
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        double[] cumulative = new double[tenants];
        double sum = 0;
        for (int i = 0; i < tenants; i++) {
            sum += 1.0 / (i + 1);
            cumulative[i] = sum;
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl("jdbc:h2:file:" + dir.resolve("mailroom").toAbsolutePath() + ";OPTIMIZE_REUSE_RESULTS=0");
        hc.setUsername("mailroom");
        hc.setPassword("");
        hc.setMaximumPoolSize(2);
        long events = 0;
        String probeRecipient = null;
        String probeMessage = null;
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                PreparedStatement ps = c.prepareStatement(
                        "insert into event (tenant_id, domain_name, at, recipient, "
                                + "message_id, event_type, smtp_reply, status_code, diagnostic) values (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                Random r = new Random(7);
                for (int m = 0; m < messages; m++) {
                    double x = r.nextDouble() * sum;
                    int ti = Math.min(tenants - 1, Math.abs(Arrays.binarySearch(cumulative, x) + 1));
                    Instant at = now.minusSeconds(r.nextInt(90 * 86_400));
                    String to = "p" + r.nextInt(200_000) + "@example" + r.nextInt(20) + ".com";
                    String id = "<m" + m + "@client" + ti + ".example>";
                    if (ti == 0 && m % 1000 == 7) {
                        probeRecipient = to;
                        probeMessage = id;
                    }
                    events += add(ps, ids.get(ti), at, to, id, "SENT");
                    double roll = r.nextDouble();
                    if (roll < 0.01) {
                        events += add(ps, ids.get(ti), at.plusSeconds(2), to, id, "HARD_BOUNCE");
                    } else if (roll < 0.0015 + 0.01) {
                        events += add(ps, ids.get(ti), at.plusSeconds(3600), to, id, "COMPLAINED");
                    } else {
                        events += add(
                                ps,
                                ids.get(ti),
                                at.plusSeconds(30),
                                to,
                                id,
                                TYPES_AFTER[r.nextInt(TYPES_AFTER.length)]);
                    }
                    if (m % 10_000 == 9_999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
                // The roll-up the event store would have kept (the exact-recipient search reads the tenant's domains
                // there).
                c.createStatement()
                        .execute("insert into event_daily (tenant_id, event_day, domain_name, event_type, event_count) "
                                + "select tenant_id, cast(at as date), domain_name, event_type, count(*) from event "
                                + "group by tenant_id, cast(at as date), domain_name, event_type");
                c.commit();
            }
            JooqTransactions tx = new JooqTransactions(DSL.using(
                    ds,
                    SQLDialect.H2,
                    new Settings().withRenderQuotedNames(RenderQuotedNames.EXPLICIT_DEFAULT_UNQUOTED)));
            JooqMessageLogStore log = new JooqMessageLogStore(tx);
            TenantId largest = ids.get(0);
            long largestEvents = tx.inTransaction(() -> tx.dsl()
                    .fetchCount(DSL.table("event"), DSL.field("tenant_id").eq(largest.value())));
            System.out.printf(
                    "Message log bench: %,d events of %,d messages over %d tenants; the largest has %,d events%n",
                    events, messages, tenants, largestEvents);
            Instant from = now.minus(90, ChronoUnit.DAYS);
            Instant to = now.plus(1, ChronoUnit.DAYS);
            String rcpt = probeRecipient;
            String mid = probeMessage;
            report(
                    "first page, all messages",
                    tx,
                    () -> log.search(largest, MessageLogQuery.all(from, to), Optional.empty(), 100));
            MessageLogResults first =
                    tx.inTransaction(() -> log.search(largest, MessageLogQuery.all(from, to), Optional.empty(), 100));
            report(
                    "second page, all messages",
                    tx,
                    () -> log.search(largest, MessageLogQuery.all(from, to), first.next(), 100));
            report(
                    "hard bounces",
                    tx,
                    () -> log.search(
                            largest, q("", "", Optional.of(EventType.HARD_BOUNCE), from, to), Optional.empty(), 100));
            report(
                    "complaints",
                    tx,
                    () -> log.search(
                            largest, q("", "", Optional.of(EventType.COMPLAINED), from, to), Optional.empty(), 100));
            report(
                    "exact recipient",
                    tx,
                    () -> log.search(largest, q(rcpt, "", Optional.empty(), from, to), Optional.empty(), 100));
            report(
                    "Message-ID",
                    tx,
                    () -> log.search(largest, q("", mid, Optional.empty(), from, to), Optional.empty(), 100));
            report(
                    "recipient contains (scan)",
                    tx,
                    () -> log.search(largest, q("p1999", "", Optional.empty(), from, to), Optional.empty(), 100));
            report("one message's timeline", tx, () -> log.timeline(largest, mid, 500));
            double naive = time(
                    tx,
                    () -> tx.dsl()
                            .fetch(
                                    "select message_id, max(at) m from event where tenant_id = ? and at >= ? "
                                            + "and at < ? group by message_id order by m desc limit 100",
                                    largest.value(),
                                    Times.toDb(from),
                                    Times.toDb(to))
                            .size());
            System.out.printf("  baseline: group the tenant's events by message, newest 100: %.1f ms%n", naive);
            System.out.println("Plan of the first page's sent-event walk:");
            System.out.println(tx.inTransaction(() -> tx.dsl()
                    .fetchValue(
                            "explain select * from event where tenant_id = ? "
                                    + "and at >= ? and at < ? and message_id is not null and event_type = 'SENT' "
                                    + "order by tenant_id, event_type, at desc, id desc limit 101",
                            largest.value(),
                            Times.toDb(from),
                            Times.toDb(to))));
        }
    }

    private static MessageLogQuery q(
            String recipient, String messageId, Optional<EventType> status, Instant from, Instant to) {
        return new MessageLogQuery(recipient, "", messageId, status, from, to);
    }

    private static int add(PreparedStatement ps, TenantId t, Instant at, String to, String id, String type)
            throws Exception {
        ps.setLong(1, t.value());
        ps.setString(2, "mail.client" + t.value() + ".example");
        ps.setObject(3, Times.toDb(at));
        ps.setString(4, to);
        ps.setString(5, id);
        ps.setString(6, type);
        boolean bounce = type.equals("HARD_BOUNCE");
        if (bounce) {
            ps.setShort(7, (short) 550);
            ps.setString(8, "5.1.1");
            ps.setString(9, "550 5.1.1 no such user");
        } else {
            ps.setNull(7, java.sql.Types.SMALLINT);
            ps.setString(8, null);
            ps.setString(9, null);
        }
        ps.addBatch();
        return 1;
    }

    private static void report(String what, JooqTransactions tx, Supplier<Object> search) {
        double[] found = new double[1];
        double ms = time(tx, () -> {
            Object r = search.get();
            found[0] = r instanceof MessageLogResults p ? p.messages().size() : r instanceof List<?> l ? l.size() : 0;
            return 0;
        });
        System.out.printf("  %-28s %8.2f ms (%d rows)%n", what + ":", ms, (int) found[0]);
    }

    private static double time(JooqTransactions tx, Supplier<Integer> query) {
        tx.inTransaction(query::get);
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            tx.inTransaction(query::get);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
