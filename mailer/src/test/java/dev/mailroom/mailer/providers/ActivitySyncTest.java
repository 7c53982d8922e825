package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.ActivitySyncService;
import dev.mailroom.model.providers.SyncReport;
import dev.mailroom.model.providers.SyncState;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.providers.JooqSyncStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Activity sync from a provider on loopback into the real H2 event store: MailerSend's recorded activity
 * pages, SendGrid's Email Activity answer from its spec (every SendGrid request checked against the spec),
 * and the faults a sync meets, each tried for real.
 */
class ActivitySyncTest {
    static final String MS_KEY = "mlsn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd";
    static final String SG_KEY = "SG.syncsyncsyncsyncsync.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789sync";
    static final String DOMAIN_ID = "jpzkmgq7e5vl059v";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();
    private static final LocalDate FROM = LocalDate.parse("2000-01-01");
    private static final LocalDate TO = LocalDate.parse("2026-12-31");

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private JooqSyncStore syncStore;
    private ActivitySyncService sync;
    private final List<Duration> waited = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = new ApiStub(r -> r.path().startsWith("/v3/") ? SPEC.violations(r) : List.of());
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                f.clock,
                waited::add,
                3,
                Duration.ofSeconds(30));
        syncStore = new JooqSyncStore(f.tx);
        sync = new ActivitySyncService(
                f.connections,
                f.tenants,
                f.cipher,
                syncStore,
                f.events,
                new ProviderActivity(http),
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    @AfterEach
    void stop() {
        stub.close();
        store.close();
        assertThat(stub.violations())
                .as("requests outside SendGrid's OpenAPI specs")
                .isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.println("Activity sync: SendGrid spec operations exercised " + SPEC.exercised()
                + "; MailerSend recorded files " + Recorded.used());
    }

    private Connection connection(TenantId tenant, ConnectionKind kind, String key, String baseUrl) {
        RateLimitWaits http = new RateLimitWaits(ApiCall.defaults(), f.clock, d -> {}, 0, Duration.ZERO);
        return f.connectionService(new RoutingProbe(
                        new SmtpProbe(SmtpSettings.system()),
                        new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http))))
                .createApi(
                        f.owner,
                        tenant,
                        new ApiConnectionDraft(
                                kind.label() + " " + tenant.value(),
                                SendingEnvironment.PRODUCTION,
                                kind,
                                Optional.of(Secret.of(key)),
                                Optional.empty(),
                                Optional.of(baseUrl),
                                2,
                                0));
    }

    private Connection mailerSend() {
        return connection(f.acme, ConnectionKind.MAILERSEND_API, MS_KEY, stub.baseUrl());
    }

    private SyncReport syncNow(Connection c) {
        return sync.syncNow(f.owner, c.tenant(), c.id(), p -> {}, new Cancellation());
    }

    private long count(TenantId tenant, EventType type) {
        Map<RollupKey, Long> counts =
                f.tx.inTransaction(() -> f.events.dailyCounts(tenant, Optional.empty(), FROM, TO));
        return counts.entrySet().stream()
                .filter(e -> e.getKey().type() == type)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    private long total(TenantId tenant) {
        Map<RollupKey, Long> counts =
                f.tx.inTransaction(() -> f.events.dailyCounts(tenant, Optional.empty(), FROM, TO));
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private SyncState state(Connection c) {
        return f.tx.inTransaction(() -> syncStore.find(c.tenant(), c.id())).orElseThrow();
    }

    /** A recorded MailerSend activity page, with MailerSend's {@code links.next} added for paging. */
    private static Reply activityPage(int recording, String next) {
        List<Reply> pages = Recorded.mailerSend("ActivitiesTest_TestActivitiesPagination()").stream()
                .filter(r -> r.status() == 200)
                .toList();
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(pages.get(recording).body());
            ObjectNode links = body.putObject("links");
            links.putNull("prev");
            if (next == null) {
                links.putNull("next");
            } else {
                links.put("next", next);
            }
            return Reply.json(200, JSON.writeValueAsString(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void servePagedActivity() {
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        stub.on(
                "GET",
                "/v1/activity/" + DOMAIN_ID,
                r -> "1".equals(r.query().get("page"))
                        ? activityPage(0, "https://api.mailersend.com/v1/activity/" + DOMAIN_ID + "?page=2")
                        : activityPage(1, null));
    }

    @Test
    void mailerSendActivityIsRecordedPageByPageOnceIntoTheRollups() {
        servePagedActivity();
        Connection c = mailerSend();

        SyncReport first = syncNow(c);

        // page 1: opened ×5, delivered, sent (processed and queued are the provider's own steps);
        // page 2: opened ×3, delivered ×2, sent ×2
        assertThat(first.error()).isEmpty();
        assertThat(first.pages()).isEqualTo(2);
        assertThat(first.recorded()).isEqualTo(14);
        assertThat(first.caughtUp()).isTrue();
        assertThat(count(f.acme, EventType.OPENED)).isEqualTo(8);
        assertThat(count(f.acme, EventType.DELIVERED)).isEqualTo(3);
        assertThat(count(f.acme, EventType.SENT)).isEqualTo(3);

        List<ApiStub.Request> activity = stub.requests().stream()
                .filter(r -> r.path().startsWith("/v1/activity/"))
                .toList();
        assertThat(activity).hasSize(2);
        ApiStub.Request one = activity.get(0);
        assertThat(one.header("Authorization")).isEqualTo("Bearer " + MS_KEY);
        assertThat(one.query()).containsEntry("page", "1").containsEntry("limit", "100");
        long dateFrom = Long.parseLong(one.query().get("date_from"));
        long dateTo = Long.parseLong(one.query().get("date_to"));
        assertThat(dateTo).isEqualTo(f.clock.instant().getEpochSecond());
        assertThat(dateTo - dateFrom).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(activity.get(1).query()).containsEntry("page", "2");

        // Again, later: the provider answers the same events; nothing is counted twice.
        f.clock.advance(Duration.ofMinutes(20));
        SyncReport second = syncNow(c);
        assertThat(second.recorded()).isZero();
        assertThat(second.duplicates()).isEqualTo(14);
        assertThat(total(f.acme)).isEqualTo(14);
        // The next window starts where the last ended (less five minutes' overlap), not seven days back.
        ApiStub.Request again = stub.requests().stream()
                .filter(r -> r.path().startsWith("/v1/activity/"))
                .toList()
                .get(2);
        assertThat(Long.parseLong(again.query().get("date_from")))
                .isEqualTo(dateTo - Duration.ofMinutes(5).toSeconds());

        SyncState s = state(c);
        assertThat(s.lastError()).isEmpty();
        assertThat(s.eventsRecorded()).isEqualTo(14);
        assertThat(s.nextSyncAt()).contains(f.clock.instant().plus(ActivitySyncService.INTERVAL));
    }

    @Test
    void eachTenantGetsOnlyItsOwnConnectionsEvents() {
        servePagedActivity();
        TenantId globex = f.tenantNamed("Globex");
        Connection acme = mailerSend();
        Connection other = connection(globex, ConnectionKind.MAILERSEND_API, MS_KEY, stub.baseUrl());

        syncNow(acme);
        assertThat(total(f.acme)).isEqualTo(14);
        assertThat(total(globex)).isZero();
        assertThat(sync.statuses(f.owner, globex)).singleElement().satisfies(cs -> {
            assertThat(cs.connection().id()).isEqualTo(other.id());
            assertThat(cs.state().eventsRecorded()).isZero();
        });

        // The same provider events through the other tenant's own connection are that tenant's.
        syncNow(other);
        assertThat(total(globex)).isEqualTo(14);
        assertThat(total(f.acme)).isEqualTo(14);
    }

    @Test
    void aBadKeyIsNamedAndTheCursorStays() {
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("ActivitiesTest_TestGetActivities()", 401));
        Connection c = mailerSend();

        SyncReport r = syncNow(c);

        assertThat(r.error()).get().asString().contains("MailerSend refused the key (401: \"Unauthenticated.\")");
        assertThat(r.error().get()).contains("Edit the connection's key").doesNotContain(MS_KEY);
        SyncState s = state(c);
        assertThat(s.cursor()).isEmpty();
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.nextSyncAt()).contains(f.clock.instant().plus(Duration.ofHours(6)));
        assertThat(s.lastError()).isEqualTo(r.error());
    }

    @Test
    void aKeyWithoutTheActivityScopeIsToldWhichScope() {
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        stub.on(
                "GET",
                "/v1/activity/" + DOMAIN_ID,
                r -> Reply.json(403, "{\"message\":\"This action is unauthorized.\"}"));

        SyncReport r = syncNow(mailerSend());

        assertThat(r.error())
                .get()
                .asString()
                .startsWith("The key lacks the scope activity_read (MailerSend answered 403");
    }

    @Test
    void aRateLimitWaitsAsLongAsTheProviderAsks() {
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        stub.on(
                "GET",
                "/v1/activity/" + DOMAIN_ID,
                r -> Reply.json(429, "{\"message\":\"Too Many Attempts.\"}").withHeader("Retry-After", "600"));
        Connection c = mailerSend();

        SyncReport r = syncNow(c);

        assertThat(r.error())
                .get()
                .asString()
                .contains("limiting requests (429")
                .contains("wait 600 seconds");
        assertThat(state(c).nextSyncAt()).contains(f.clock.instant().plusSeconds(600));
    }

    @Test
    void shortRateLimitsAreWaitedOutWithinTheRun() {
        servePagedActivity();
        int[] calls = {0};
        stub.on("GET", "/v1/activity/" + DOMAIN_ID, r -> {
            if (calls[0]++ == 0) {
                return Reply.json(429, "{\"message\":\"Too Many Attempts.\"}").withHeader("Retry-After", "2");
            }
            return "1".equals(r.query().get("page"))
                    ? activityPage(0, "https://api.mailersend.com/v1/activity/" + DOMAIN_ID + "?page=2")
                    : activityPage(1, null);
        });

        SyncReport r = syncNow(mailerSend());

        assertThat(r.error()).isEmpty();
        assertThat(r.recorded()).isEqualTo(14);
        assertThat(waited).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsBackOffDoublingAndTheNextRunContinues() {
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        stub.on("GET", "/v1/activity/" + DOMAIN_ID, r -> Reply.json(503, "<html>Service Unavailable</html>"));
        Connection c = mailerSend();

        SyncReport one = syncNow(c);
        assertThat(one.error())
                .get()
                .asString()
                .isEqualTo("MailerSend had a server error (503) while Mailroom read its activity. Mailroom will try"
                        + " again later.");
        assertThat(state(c).nextSyncAt()).contains(f.clock.instant().plus(Duration.ofMinutes(1)));
        syncNow(c);
        assertThat(state(c).failures()).isEqualTo(2);
        assertThat(state(c).nextSyncAt()).contains(f.clock.instant().plus(Duration.ofMinutes(2)));

        servePagedActivity();
        SyncReport healed = syncNow(c);
        assertThat(healed.error()).isEmpty();
        assertThat(healed.recorded()).isEqualTo(14);
        assertThat(state(c).failures()).isZero();
        assertThat(state(c).lastError()).isEmpty();
    }

    @Test
    void aMalformedPageStopsWithoutLosingWhatCameBeforeAndIsAskedForAgain() {
        servePagedActivity();
        stub.on(
                "GET",
                "/v1/activity/" + DOMAIN_ID,
                r -> "1".equals(r.query().get("page"))
                        ? activityPage(0, "https://api.mailersend.com/v1/activity/" + DOMAIN_ID + "?page=2")
                        : Reply.json(200, "{\"data\":[{\"id\":\"x\",\"type\":\"opened\""));
        Connection c = mailerSend();

        SyncReport broken = syncNow(c);
        assertThat(broken.error())
                .get()
                .asString()
                .startsWith("MailerSend sent a page of activity Mailroom cannot read (it begins \"{\"data\":[{");
        assertThat(broken.recorded()).isEqualTo(7);
        assertThat(total(f.acme)).isEqualTo(7);

        servePagedActivity();
        int before = stub.requests().size();
        SyncReport next = syncNow(c);
        assertThat(next.error()).isEmpty();
        assertThat(next.recorded()).isEqualTo(7);
        assertThat(total(f.acme)).isEqualTo(14);
        // it went straight back to page 2 of the same window
        ApiStub.Request resumed = stub.requests().get(before);
        assertThat(resumed.path()).isEqualTo("/v1/activity/" + DOMAIN_ID);
        assertThat(resumed.query()).containsEntry("page", "2");
    }

    @Test
    void aKeyRevokedMidSyncKeepsTheFirstPages() {
        servePagedActivity();
        stub.on(
                "GET",
                "/v1/activity/" + DOMAIN_ID,
                r -> "1".equals(r.query().get("page"))
                        ? activityPage(0, "https://api.mailersend.com/v1/activity/" + DOMAIN_ID + "?page=2")
                        : Recorded.mailerSend("ActivitiesTest_TestActivitiesPagination()", 401));
        Connection c = mailerSend();

        SyncReport r = syncNow(c);

        assertThat(r.recorded()).isEqualTo(7);
        assertThat(r.error()).get().asString().contains("refused the key");
        assertThat(total(f.acme)).isEqualTo(7);
    }

    @Test
    void aNextPageThatGoesBackwardsStopsTheLoop() {
        servePagedActivity();
        stub.on(
                "GET",
                "/v1/activity/" + DOMAIN_ID,
                r -> "1".equals(r.query().get("page"))
                        ? activityPage(0, "https://api.mailersend.com/v1/activity/" + DOMAIN_ID + "?page=2")
                        : activityPage(1, "https://api.mailersend.com/v1/activity/" + DOMAIN_ID + "?page=1"));

        SyncReport r = syncNow(mailerSend());

        assertThat(r.error()).get().asString().contains("goes backwards (page 1 after page 2)");
        assertThat(r.recorded()).isEqualTo(7);
    }

    @Test
    void anEmptyPageEndsTheWindow() {
        servePagedActivity();
        stub.on("GET", "/v1/activity/" + DOMAIN_ID, r -> Reply.json(200, "{\"data\":[],\"links\":{\"next\":null}}"));

        SyncReport r = syncNow(mailerSend());

        assertThat(r.error()).isEmpty();
        assertThat(r.caughtUp()).isTrue();
        assertThat(r.recorded()).isZero();
    }

    @Test
    void noNetworkIsSaidInWordsAndTriedAgainLater() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Connection c = connection(f.acme, ConnectionKind.MAILERSEND_API, MS_KEY, "http://127.0.0.1:" + port);

        SyncReport r = syncNow(c);

        assertThat(r.error()).get().asString().startsWith("Nothing answered at 127.0.0.1");
        assertThat(state(c).nextSyncAt()).contains(f.clock.instant().plus(Duration.ofMinutes(1)));
    }

    @Test
    void aCancelledSyncStopsBetweenPagesAndContinuesNextTime() {
        servePagedActivity();
        Connection c = mailerSend();
        Cancellation cancel = new Cancellation();
        List<String> progress = new ArrayList<>();

        SyncReport r = sync.syncNow(
                f.owner,
                f.acme,
                c.id(),
                p -> {
                    progress.add(p);
                    if (p.contains("page 1,")) {
                        cancel.cancel();
                    }
                },
                cancel);

        assertThat(r.cancelled()).isTrue();
        assertThat(r.recorded()).isEqualTo(7);
        assertThat(progress).anyMatch(p -> p.contains("page 1, 7 new events"));
        assertThat(r.words()).endsWith("Cancelled; the next sync continues from here.");
        assertThat(syncNow(c).recorded()).isEqualTo(7);
        assertThat(total(f.acme)).isEqualTo(14);
    }

    /** SendGrid's Email Activity answer as its spec gives it. */
    private static String specExample() throws Exception {
        try (InputStream in = ActivitySyncTest.class.getResourceAsStream(
                "/fixtures/provider-api-sendgrid/tsg_email_activity_v3.json")) {
            JsonNode spec = JSON.readTree(in);
            return JSON.writeValueAsString(spec.at(
                    "/paths/~1v3~1messages/get/responses/200/content/application~1json/examples/response/value"));
        }
    }

    @Test
    void sendGridEmailActivityIsReadInWindowsSplitWhenFull() throws Exception {
        String example = specExample();
        JsonNode messages = JSON.readTree(example).path("messages");
        assertThat(messages.size()).isPositive();
        // A full answer (1,000 messages) for any window longer than a day: the sync must split it.
        ObjectNode full = JSON.createObjectNode();
        ArrayNode many = full.putArray("messages");
        for (int i = 0; i < 1000; i++) {
            ObjectNode m = ((ObjectNode) messages.get(0).deepCopy());
            m.put("msg_id", "bulk" + i);
            many.add(m);
        }
        String fullBody = JSON.writeValueAsString(full);
        List<long[]> windows = new CopyOnWriteArrayList<>();
        stub.on("GET", "/v3/messages", r -> {
            String q = r.query().get("query");
            String[] parts = q.split("\"");
            long from = Instant.parse(parts[1]).getEpochSecond();
            long to = Instant.parse(parts[3]).getEpochSecond();
            windows.add(new long[] {from, to});
            return Reply.json(200, to - from > 86_400 ? fullBody : example);
        });
        Connection c = connection(f.acme, ConnectionKind.SENDGRID_API, SG_KEY, stub.baseUrl());

        SyncReport r = syncNow(c);

        assertThat(r.error()).isEmpty();
        assertThat(r.caughtUp()).isTrue();
        // 7 days → halves until a day or less: 1 + 2 + 4 + 8 requests, the 8 leaves read
        assertThat(windows).hasSize(15);
        long covered = windows.stream()
                .filter(w -> w[1] - w[0] <= 86_400)
                .mapToLong(w -> w[1] - w[0])
                .sum();
        assertThat(covered).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(r.recorded()).isPositive();
        long perLeaf = r.recorded();
        // the example's messages recorded once, however many windows returned them
        assertThat(total(f.acme)).isEqualTo(perLeaf);
        ApiStub.Request first = stub.requests().get(0);
        assertThat(first.query()).containsEntry("limit", "1000");
        assertThat(first.query().get("query")).startsWith("last_event_time BETWEEN TIMESTAMP \"");
        assertThat(first.header("Authorization")).isEqualTo("Bearer " + SG_KEY);
        assertThat(SPEC.exercised()).contains("GET /v3/messages");

        assertThat(syncNow(c).recorded()).isZero();
    }

    @Test
    void sendGridWithoutTheActivityAddOnSaysSo() {
        stub.on("GET", "/v3/messages", r -> Reply.json(403, "{\"errors\":[{\"message\":\"access forbidden\"}]}"));

        SyncReport r = syncNow(connection(f.acme, ConnectionKind.SENDGRID_API, SG_KEY, stub.baseUrl()));

        assertThat(r.error())
                .get()
                .asString()
                .contains("The key lacks the scope email_activity.read")
                .contains("paid SendGrid add-on")
                .doesNotContain(SG_KEY);
    }
}
