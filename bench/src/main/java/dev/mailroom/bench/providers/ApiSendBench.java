package dev.mailroom.bench.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.ApiCall;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.ProviderAdapters;
import dev.mailroom.mailer.providers.RoutingMailTransport;
import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 12: 10,000 messages sent through the outbox to SendGrid's mail send on a loopback stub (stored
 * first, claimed, one request each, outcomes and events recorded) against the same requests made by a
 * plain {@link HttpClient} on as many threads, in the same run, alternating which goes first. Prints
 * messages/s of both and their ratio (target: the outbox at least 0.8 of the plain client).
 *
 * <p>Arguments: messages (10000), requests in flight (8), rounds (3), the stub's answer time in ms (0; a real
 * provider answers mail send in tens to hundreds of milliseconds, which the requests in flight overlap).
 */
public final class ApiSendBench {
    private static final String DOMAIN = "bench.test";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiSendBench() {}

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Duration latency = Duration.ofMillis(args.length > 3 ? Long.parseLong(args[3]) : 0);
        Path dir = Files.createTempDirectory("api-send-bench");
        System.out.printf(
                Locale.ROOT,
                "API send bench: %,d messages, %d requests in flight, %d rounds, answers after %d ms, %d processors,"
                        + " H2 in %s%n",
                n,
                inFlight,
                rounds,
                latency.toMillis(),
                Runtime.getRuntime().availableProcessors(),
                dir);
        AtomicInteger accepted = new AtomicInteger();
        try (Store store = Store.open(StoreConfig.h2(dir));
                ApiStub stub = ApiStub.unchecked();
                SmtpMailTransport smtp = new SmtpMailTransport(SmtpSettings.system())) {
            stub.on("POST", "/v3/mail/send", r -> {
                accepted.incrementAndGet();
                return Reply.of(202, Map.of("X-Message-Id", "sg-" + accepted.get()), "")
                        .after(latency);
            });
            SendingFixture f = new SendingFixture(store, dir);
            ConnectionId connection = f.connectionService(e -> null)
                    .createApi(
                            f.owner,
                            f.acme,
                            new ApiConnectionDraft(
                                    "Bench SendGrid",
                                    SendingEnvironment.PRODUCTION,
                                    ConnectionKind.SENDGRID_API,
                                    Optional.of(Secret.of("SG.bench-key.abcdefghijklmnopqrstuvwxyz0123")),
                                    Optional.empty(),
                                    Optional.of(stub.baseUrl()),
                                    inFlight,
                                    0))
                    .id();
            Outbox outbox = new Outbox(
                    f.outbox,
                    f.endpoints,
                    new SendingDomains() {
                        @Override
                        public boolean isVerified(TenantId tenant, String domain) {
                            return domain.equals(DOMAIN);
                        }

                        @Override
                        public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
                            return Optional.empty(); // the provider signs
                        }
                    },
                    new RoutingMailTransport(smtp, ProviderAdapters.standard(ApiCall.defaults(), Clock.systemUTC())),
                    f.suppressions,
                    f.events,
                    f.tx,
                    Clock.systemUTC(),
                    RetryPolicy.DEFAULT);
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            int[] batch = {0};

            // Warm-up of both sides (class loading, JIT) before any timing.
            throughOutbox(outbox, messages(f.acme, connection, 2_000, batch[0]++), inFlight);
            plain(client, stub.baseUrl(), 2_000, inFlight);

            double outboxSeconds = 0;
            double plainSeconds = 0;
            for (int round = 1; round <= rounds; round++) {
                double o;
                double p;
                if (round % 2 == 1) {
                    o = throughOutbox(outbox, messages(f.acme, connection, n, batch[0]++), inFlight);
                    p = plain(client, stub.baseUrl(), n, inFlight);
                } else {
                    p = plain(client, stub.baseUrl(), n, inFlight);
                    o = throughOutbox(outbox, messages(f.acme, connection, n, batch[0]++), inFlight);
                }
                outboxSeconds += o;
                plainSeconds += p;
                System.out.printf(
                        Locale.ROOT,
                        "round %d: outbox %,.0f msg/s, plain HttpClient %,.0f msg/s: ratio %.2f%n",
                        round,
                        n / o,
                        n / p,
                        p / o);
            }
            System.out.printf(
                    Locale.ROOT,
                    "API sending: outbox %,.0f msg/s, plain HttpClient %,.0f msg/s: ratio %.2f (target >= 0.8);"
                            + " %,d requests answered%n",
                    rounds * n / outboxSeconds,
                    rounds * n / plainSeconds,
                    plainSeconds / outboxSeconds,
                    accepted.get());
        }
    }

    private static List<NewMessage> messages(TenantId tenant, ConnectionId c, int n, int batch) {
        List<NewMessage> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new NewMessage(
                    tenant,
                    c,
                    "receipts@" + DOMAIN,
                    "Bench",
                    "user" + batch + "-" + i + "@example.net",
                    "Your receipt " + i,
                    "Thanks for your order " + i + ".\r\n",
                    Optional.empty(),
                    true,
                    Optional.empty()));
        }
        return out;
    }

    /** Seconds from the first message stored to the last outcome recorded. */
    private static double throughOutbox(Outbox outbox, List<NewMessage> messages, int inFlight) {
        long t0 = System.nanoTime();
        outbox.enqueue(messages);
        int sent = 0;
        while (sent < messages.size()) {
            int before = sent;
            sent += outbox.drain(inFlight).count(dev.mailroom.model.sending.OutboxState.SENT);
            if (sent == before) {
                throw new IllegalStateException("the outbox stopped sending after " + sent + " messages");
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** The same request bodies SendGrid's adapter makes, posted by a plain client on {@code inFlight} threads. */
    private static double plain(HttpClient client, String baseUrl, int n, int inFlight) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < inFlight; w++) {
            workers.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    ObjectNode body = JSON.createObjectNode();
                    ObjectNode p = body.putArray("personalizations").addObject();
                    p.putArray("to").addObject().put("email", "plain" + i + "@example.net");
                    p.putObject("custom_args").put("mailroom_message_id", "<plain" + i + "@" + DOMAIN + ">");
                    body.putObject("from").put("email", "receipts@" + DOMAIN).put("name", "Bench");
                    body.put("subject", "Your receipt " + i);
                    body.putArray("content")
                            .addObject()
                            .put("type", "text/plain")
                            .put("value", "Thanks for your order " + i + ".\r\n");
                    HttpRequest r = HttpRequest.newBuilder(URI.create(baseUrl + "/v3/mail/send"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer SG.bench-key.abcdefghijklmnopqrstuvwxyz0123")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                            .build();
                    HttpResponse<String> answer = client.send(r, HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() != 202) {
                        throw new IllegalStateException("plain request answered " + answer.statusCode());
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return (System.nanoTime() - t0) / 1e9;
    }
}
