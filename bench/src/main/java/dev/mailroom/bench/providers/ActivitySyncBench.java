package dev.mailroom.bench.providers;

import dev.mailroom.mailer.providers.ApiCall;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.mailersend.MailerSendActivity;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.providers.ActivitySource;
import dev.mailroom.model.providers.ActivitySyncService;
import dev.mailroom.model.providers.SyncReport;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.providers.JooqSyncStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 12: an activity sync of 200,000 MailerSend events from a loopback stub that pages as MailerSend
 * pages (100 a page, {@code links.next}) and enforces a per-minute request limit as MailerSend does (a
 * fixed window; 429 with Retry-After and {@code X-RateLimit-Reset} when it is used up). Prints events/s,
 * requests answered, and the fraction of the limit the sync used: near 1 means the provider's limit, not
 * Mailroom, bounds the sync.
 *
 * <p>Arguments: events (200000), requests per minute (60: MailerSend's general API limit; a larger value
 * makes a quicker run of the same shape), H2 folder (a new temporary one).
 */
public final class ActivitySyncBench {
    private static final String DOMAIN_ID = "benchdomain01";

    private ActivitySyncBench() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int perMinute = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("activity-bench");
        System.out.printf(
                Locale.ROOT,
                "Activity sync bench: %,d MailerSend events, %d a page, limit %d requests/min, H2 in %s%n",
                events,
                MailerSendActivity.PAGE_SIZE,
                perMinute,
                dir);
        Limiter limiter = new Limiter(perMinute);
        try (Store store = Store.open(StoreConfig.h2(dir));
                ApiStub stub = ApiStub.unchecked()) {
            SendingFixture f = new SendingFixture(store, dir);
            Instant now = f.clock.instant();
            Instant first =
                    now.minus(Duration.ofDays(ActivitySource.FIRST_SYNC_DAYS)).plusSeconds(60);
            double step = Duration.between(first, now.minusSeconds(60)).getSeconds() / (double) events;
            stub.on(
                    "GET",
                    "/v1/domains",
                    r -> limiter.answer(() -> Reply.json(
                            200,
                            "{\"data\":[{\"id\":\"" + DOMAIN_ID
                                    + "\",\"name\":\"bench.test\"}],\"links\":{\"next\":null}}")));
            stub.on(
                    "GET",
                    "/v1/activity/" + DOMAIN_ID,
                    r -> limiter.answer(() -> page(r.query(), events, first, step)));
            ConnectionId id = f.connectionService(e -> null)
                    .createApi(
                            f.owner,
                            f.acme,
                            new ApiConnectionDraft(
                                    "Bench MailerSend",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.MAILERSEND_API,
                                    Optional.of(Secret.of("mlsn.bench-token-0123456789abcdef0123456789")),
                                    Optional.empty(),
                                    Optional.of(stub.baseUrl()),
                                    2,
                                    0))
                    .id();
            ActivitySyncService sync = new ActivitySyncService(
                    f.connections,
                    f.tenants,
                    f.cipher,
                    new JooqSyncStore(f.tx),
                    f.events,
                    new MailerSendActivity(RateLimitWaits.forSync(ApiCall.defaults(), f.clock)),
                    f.access,
                    f.audit,
                    f.tx,
                    f.clock);
            long t0 = System.nanoTime();
            limiter.start();
            long recorded = 0;
            int runs = 0;
            while (true) {
                SyncReport report = sync.syncNow(f.owner, f.acme, id, words -> {}, new Cancellation());
                runs++;
                recorded += report.recorded();
                if (report.error().isPresent()) {
                    System.out.println("  stopped by a fault: " + report.error().get());
                    break;
                }
                if (report.caughtUp() || report.pages() == 0) {
                    break;
                }
                System.out.printf(Locale.ROOT, "  run %d: %,d events so far%n", runs, recorded);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            double allowed = perMinute * seconds / 60.0;
            System.out.printf(
                    Locale.ROOT,
                    "  recorded %,d events in %.1f s over %d sync runs: %,.0f events/s%n",
                    recorded,
                    seconds,
                    runs,
                    recorded / seconds);
            System.out.printf(
                    Locale.ROOT,
                    "  requests answered %,d (refused with 429: %,d); the limit allowed %,.0f in that time:"
                            + " %.2f of the limit used%n",
                    limiter.answered(),
                    limiter.refused(),
                    allowed,
                    limiter.answered() / allowed);
        }
    }

    /** One page of the window the sync asks for; events are spread evenly over the first sync's 7 days. */
    private static Reply page(Map<String, String> q, int events, Instant first, double step) {
        long from = Long.parseLong(q.getOrDefault("date_from", "0"));
        long to = Long.parseLong(q.getOrDefault("date_to", "0"));
        int pageNo = Integer.parseInt(q.getOrDefault("page", "1"));
        int limit = Integer.parseInt(q.getOrDefault("limit", "25"));
        long lo = Math.max(0, (long) Math.ceil((from - first.getEpochSecond()) / step));
        long hi = Math.min(events, (long) Math.floor((to - first.getEpochSecond()) / step) + 1);
        long start = lo + (long) (pageNo - 1) * limit;
        long end = Math.min(hi, start + limit);
        StringBuilder b = new StringBuilder(limit * 400).append("{\"data\":[");
        for (long i = start; i < end; i++) {
            if (i > start) {
                b.append(',');
            }
            Instant at = first.plusSeconds((long) (i * step));
            String type = i % 10 == 0 ? "opened" : i % 97 == 0 ? "hard_bounced" : "delivered";
            b.append("{\"id\":\"act")
                    .append(i)
                    .append("\",\"created_at\":\"")
                    .append(at)
                    .append("\",\"type\":\"")
                    .append(type)
                    .append("\",\"email\":{\"id\":\"em")
                    .append(i)
                    .append("\",\"from\":\"hello@bench.test\",\"subject\":\"Your receipt\",\"tags\":[\"mailroom\"],")
                    .append("\"recipient\":{\"email\":\"user")
                    .append(i % 50_000)
                    .append("@example.net\"}}}");
        }
        b.append("],\"links\":{\"next\":");
        b.append(end < hi ? "\"https://api.mailersend.com/v1/activity/x?page=" + (pageNo + 1) + "\"" : "null");
        return Reply.json(200, b.append("}}").toString());
    }

    /** MailerSend's per-minute limit as a fixed window from the first request. */
    private static final class Limiter {
        private final int perMinute;
        private long windowStart;
        private int inWindow;
        private long answered;
        private long refused;

        Limiter(int perMinute) {
            this.perMinute = perMinute;
        }

        synchronized void start() {
            windowStart = System.nanoTime();
            inWindow = 0;
            answered = 0;
            refused = 0;
        }

        synchronized Reply answer(java.util.function.Supplier<Reply> ok) {
            long now = System.nanoTime();
            long window = 60_000_000_000L;
            while (now - windowStart >= window) {
                windowStart += window;
                inWindow = 0;
            }
            long leftNanos = windowStart + window - now;
            long reset = Instant.now().plusNanos(leftNanos).getEpochSecond() + 1;
            if (inWindow >= perMinute) {
                refused++;
                return Reply.json(
                                429,
                                "{\"message\":\"Your account reached its rate limit of " + perMinute
                                        + " requests/min. Please wait before trying again. #MS42903\"}")
                        .withHeader("Retry-After", Long.toString((leftNanos + 999_999_999L) / 1_000_000_000L))
                        .withHeader("X-RateLimit-Limit", Integer.toString(perMinute))
                        .withHeader("X-RateLimit-Remaining", "0")
                        .withHeader("X-RateLimit-Reset", Long.toString(reset));
            }
            inWindow++;
            answered++;
            return ok.get()
                    .withHeader("X-RateLimit-Limit", Integer.toString(perMinute))
                    .withHeader("X-RateLimit-Remaining", Integer.toString(perMinute - inWindow));
        }

        synchronized long answered() {
            return answered;
        }

        synchronized long refused() {
            return refused;
        }
    }
}
