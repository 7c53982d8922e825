package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.providers.ActivitySyncService;
import dev.mailroom.model.providers.SyncReport;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.providers.JooqSyncStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Runs the provider paths (test connection, activity sync: success, a refused key the provider echoes
 * back, a rate limit, a server error, a malformed page, a broken answer) with every logger at DEBUG, then
 * reads everything logged (messages and stack traces), the words shown to people, and the raw store files:
 * the keys appear in none of them.
 */
class ProviderKeysNeverLoggedTest {
    static final String MS_KEY = "mlsn.keysneverloggedkeysneverloggedkeysneverloggedkeysnever0001";
    static final String SG_KEY = "SG.keysneverlogged0002.KEYSNEVERLOGGEDKEYSNEVERLOGGEDKEYSNEVER0002";

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level rootLevel;

    @BeforeEach
    void start() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        logged.start();
        root.addAppender(logged);
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = ApiStub.unchecked();
    }

    @AfterEach
    void stop() {
        stub.close();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(logged);
        root.setLevel(rootLevel);
    }

    @Test
    void noKeyInTheLogsTheWordsOrTheStoreFile() throws Exception {
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(3)), f.clock, d -> {}, 1, Duration.ofSeconds(30));
        ProviderAdapters adapters = new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
        ConnectionService connections =
                f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters));
        ActivitySyncService sync = new ActivitySyncService(
                f.connections,
                f.tenants,
                f.cipher,
                new JooqSyncStore(f.tx),
                f.events,
                new ProviderActivity(http),
                f.access,
                f.audit,
                f.tx,
                f.clock);
        Connection ms = connection(connections, ConnectionKind.MAILERSEND_API, MS_KEY);
        Connection sg = connection(connections, ConnectionKind.SENDGRID_API, SG_KEY);
        List<String> words = new ArrayList<>();

        // A provider that echoes the key in its refusal: the worst case for a message shown to a person.
        stub.on("GET", "/v1/domains", r -> Reply.json(401, "{\"message\":\"Invalid token " + MS_KEY + "\"}"));
        stub.on("GET", "/v3/messages", r -> Reply.json(401, "{\"errors\":[{\"message\":\"bad key " + SG_KEY + "\"}]}"));
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> Reply.json(401, "{\"errors\":[{\"message\":\"bad key " + SG_KEY + "\"}]}"));
        for (Connection c : List.of(ms, sg)) {
            ProbeReport probe = connections.test(f.owner, f.acme, c.id());
            words.add(probe.summary());
            words.add(run(sync, c).words());
        }
        // Rate limited, a server error, a malformed page, an answer broken off, and then a good page.
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200));
        List<Reply> faults = List.of(
                Reply.json(429, "{\"message\":\"Too Many Attempts.\"}").withHeader("Retry-After", "900"),
                Reply.json(500, "{\"message\":\"Server Error\"}"),
                Reply.json(200, "{\"data\":[{\"id\":"),
                Recorded.mailerSend("ActivitiesTest_TestGetActivities()", 200).brokenMidBody(),
                Recorded.mailerSend("ActivitiesTest_TestGetActivities()", 200));
        for (Reply fault : faults) {
            stub.on("GET", "/v1/activity/jpzkmgq7e5vl059v", r -> fault);
            words.add(run(sync, ms).words());
        }
        assertThat(words.get(words.size() - 1)).contains("3 new events");
        assertThat(words).anyMatch(w -> w.contains("refused the key")).anyMatch(w -> w.contains("••••••"));

        store.close();
        List<String> logs = new ArrayList<>();
        for (ILoggingEvent e : logged.list) {
            logs.add(e.getFormattedMessage());
            if (e.getThrowableProxy() != null) {
                logs.add(ThrowableProxyUtil.asString(e.getThrowableProxy()));
            }
        }
        assertThat(logs)
                .as("something was logged at DEBUG, so the scan can fail")
                .isNotEmpty();
        for (String key : List.of(MS_KEY, SG_KEY)) {
            String middle = key.substring(10, 40);
            assertThat(logs).as("log lines").noneMatch(l -> l.contains(middle));
            assertThat(words).as("words shown to people").noneMatch(w -> w.contains(middle));
            assertThat(storeFilesContain(middle)).as("the raw store files").isFalse();
        }
    }

    private SyncReport run(ActivitySyncService sync, Connection c) {
        f.clock.advance(Duration.ofHours(7)); // past any back-off
        return sync.syncNow(
                f.owner, f.acme, c.id(), p -> LoggerFactory.getLogger("sync").debug(p), new Cancellation());
    }

    private Connection connection(ConnectionService connections, ConnectionKind kind, String key) {
        return connections.createApi(
                f.owner,
                f.acme,
                new ApiConnectionDraft(
                        kind.label(),
                        SendingEnvironment.PRODUCTION,
                        kind,
                        Optional.of(Secret.of(key)),
                        Optional.empty(),
                        Optional.of(stub.baseUrl()),
                        1,
                        0));
    }

    private boolean storeFilesContain(String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] hay = Files.readAllBytes(p);
                outer:
                for (int i = 0; i + needle.length <= hay.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (hay[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    return true;
                }
            }
        }
        return false;
    }
}
