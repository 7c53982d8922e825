package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OverLimitPolicy;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.SendingLimits;
import dev.mailroom.model.sending.WarmupPlan;
import dev.mailroom.model.suppressions.SuppressionService;
import dev.mailroom.persistence.sending.JooqSendingLimitStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Warm-up plans and probation caps on a real store, sending through GreenMail on loopback. */
class OutboxLimitsTest {
    static final String FROM = "hello@" + OutboxDeliveryTest.DOMAIN;

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private GreenMail greenMail() {
        GreenMail g = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        g.start();
        toClose.add(g::stop);
        return g;
    }

    private SmtpMailTransport transport() {
        SmtpMailTransport t = new SmtpMailTransport(SmtpProbeTest.TEST_TLS);
        toClose.add(t);
        return t;
    }

    private static Connection relay(SendingFixture f, int port) {
        return f.localRelay("Local relay", port, 2, 0);
    }

    /** The outbox as the console wires it: with limits read from the store. */
    private static Outbox outbox(SendingFixture f, SmtpMailTransport transport) {
        return new Outbox(
                f.outbox,
                f.endpoints,
                OutboxDeliveryTest.signedDomain(),
                transport,
                f.suppressions,
                f.events,
                f.tx,
                f.clock,
                OutboxDeliveryTest.RETRY,
                new SendingLimits(new JooqSendingLimitStore(f.tx), f.clock));
    }

    private static SendingLimitService limits(SendingFixture f) {
        return new SendingLimitService(new JooqSendingLimitStore(f.tx), f.tenants, f.access, f.audit, f.tx, f.clock);
    }

    private static List<NewMessage> messages(SendingFixture f, Connection c, String prefix, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new NewMessage(
                        f.acme,
                        c.id(),
                        FROM,
                        "Acme",
                        prefix + i + "@example.net",
                        "Welcome",
                        "Hello.\r\n",
                        Optional.empty(),
                        true,
                        Optional.empty()))
                .toList();
    }

    private static OutboxMessage reload(SendingFixture f, OutboxMessage m) {
        return f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id())).orElseThrow();
    }

    private static List<String> recipients(GreenMail g) {
        return Arrays.stream(g.getReceivedMessages())
                .map(m -> {
                    try {
                        return ((jakarta.mail.internet.InternetAddress) m.getAllRecipients()[0]).getAddress();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The events with a reason the limits wrote, oldest first: type and diagnostic. */
    private static List<String> limitEvents(SendingFixture f) {
        return f.tx.inTransaction(() -> f.tx.dsl()
                .resultQuery(
                        "select event_type, diagnostic from event where event_type in ('DEFERRED', 'REJECTED') order by id")
                .fetch()
                .map(r -> r.get(0, String.class) + " " + r.get(1, String.class)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void overTheWarmUpPlanMessagesWaitForTheNextDayAndARestartKeepsTheCount(Backend backend) throws Exception {
        GreenMail g = greenMail();
        Store store = backend.open(dir);
        SendingFixture f = new SendingFixture(store, dir);
        Connection c = relay(f, g.getSmtp().getPort());
        LocalDate day1 = LocalDate.of(2026, 5, 4); // the fixture's clock: 09:00 UTC that day
        limits(f).setPlan(f.owner, f.acme, WarmupPlan.linear(WarmupPlan.Scope.MAILBOX, FROM, 5, 5, 25, day1));

        SmtpMailTransport transport = transport();
        List<OutboxMessage> first = outbox(f, transport).enqueue(messages(f, c, "a", 8));
        Outbox.DrainReport report = outbox(f, transport).drain(4);
        assertThat(report.count(OutboxState.SENT)).isEqualTo(5);
        assertThat(report.count(OutboxState.DEFERRED)).isEqualTo(3);
        assertThat(g.waitForIncomingEmail(5)).isTrue();
        Instant midnight = Instant.parse("2026-05-05T00:00:00Z");
        List<OutboxMessage> waiting = first.stream()
                .map(m -> reload(f, m))
                .filter(m -> m.state() == OutboxState.DEFERRED)
                .toList();
        assertThat(waiting).hasSize(3).allSatisfy(m -> {
            assertThat(m.nextAttemptAt()).isEqualTo(midnight);
            assertThat(m.sentAt()).isEmpty();
            assertThat(m.note())
                    .isEqualTo("Waiting until 2026-05-05: over the warm-up plan of " + FROM
                            + " (day 1: 5 a day); 5 sent or sending today.");
        });
        assertThat(limitEvents(f))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e).startsWith("DEFERRED Waiting until 2026-05-05"));
        assertThat(limits(f).limits(f.owner, f.acme).plans())
                .singleElement()
                .satisfies(p -> assertThat(p.stage()).isEqualTo("Day 1 of plan: 5/day, 5 sent today"));

        // Mailroom stops and starts again the same day: nothing of the old outbox survives but the store, and the
        // count comes from there, so nothing more goes out today. On H2 the store itself is closed and reopened.
        SendingFixture after;
        if (backend == Backend.H2) {
            store.close();
            Store reopened = Backend.H2.open(dir);
            toClose.add(reopened);
            after = SendingFixture.reopen(reopened, dir);
        } else {
            toClose.add(store); // an embedded PostgreSQL database lives as long as its store here
            after = f;
        }
        after.clock.advance(Duration.ofHours(3));
        Outbox restarted = outbox(after, transport);
        restarted.recoverAfterStop();
        restarted.enqueue(messages(after, c, "b", 2));
        Outbox.DrainReport again = restarted.drain(4);
        assertThat(again.count(OutboxState.SENT)).isZero();
        assertThat(again.count(OutboxState.DEFERRED)).isEqualTo(2);
        assertThat(g.getReceivedMessages()).hasSize(5);

        // Just after midnight the plan's day 2 allows 10: the five waiting go out.
        after.clock.advance(Duration.ofHours(12).plusMinutes(1));
        Outbox.DrainReport nextDay = outbox(after, transport).drain(4);
        assertThat(nextDay.count(OutboxState.SENT)).isEqualTo(5);
        assertThat(g.waitForIncomingEmail(10)).isTrue();
        assertThat(recipients(g))
                .containsExactlyInAnyOrder(
                        "a0@example.net",
                        "a1@example.net",
                        "a2@example.net",
                        "a3@example.net",
                        "a4@example.net",
                        "a5@example.net",
                        "a6@example.net",
                        "a7@example.net",
                        "b0@example.net",
                        "b1@example.net");
        assertThat(limits(after).limits(after.owner, after.acme).plans())
                .singleElement()
                .satisfies(p -> assertThat(p.stage()).isEqualTo("Day 2 of plan: 10/day, 5 sent today"));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void underTheRejectPolicyOverTheProbationCapIsRejectedWithTheReasonBeforeAnyNetwork(Backend backend)
            throws Exception {
        GreenMail g = greenMail();
        Store store = backend.open(dir);
        toClose.add(store);
        SendingFixture f = new SendingFixture(store, dir);
        Connection c = relay(f, g.getSmtp().getPort());
        SendingLimitService limits = limits(f);
        limits.setProbation(f.owner, f.acme, OptionalInt.of(3));
        limits.setOverLimitPolicy(f.owner, f.acme, OverLimitPolicy.REJECT);
        // A suppressed recipient is refused first and uses none of the cap.
        new SuppressionService(f.suppressions, f.tenants, f.access, f.audit, f.tx, f.clock)
                .addManual(f.owner, f.acme, OutboxDeliveryTest.DOMAIN, "p1@example.net", "asked to stop");

        SmtpMailTransport transport = transport();
        Outbox outbox = outbox(f, transport);
        List<OutboxMessage> queued = outbox.enqueue(messages(f, c, "p", 6));
        Outbox.DrainReport report = outbox.drain(4); // room for all six in one claim
        assertThat(report.count(OutboxState.SENT)).isEqualTo(3);
        assertThat(report.count(OutboxState.REJECTED)).isEqualTo(3);
        // drain() returns once every session has ended and each outcome is recorded: nothing else can arrive.
        assertThat(g.waitForIncomingEmail(3)).isTrue();
        assertThat(g.getReceivedMessages()).hasSize(3);
        assertThat(recipients(g)).doesNotContain("p1@example.net");

        List<OutboxMessage> rejected = queued.stream()
                .map(m -> reload(f, m))
                .filter(m -> m.state() == OutboxState.REJECTED)
                .toList();
        assertThat(rejected)
                .extracting(OutboxMessage::note)
                .filteredOn(n -> n.contains("probation"))
                .hasSize(2)
                .allSatisfy(n -> assertThat(n)
                        .isEqualTo("Not sent: over the probation cap of 3 a day; 3 sent or sending today. "
                                + "This client's setting rejects messages over a limit."));
        assertThat(rejected)
                .extracting(OutboxMessage::note)
                .filteredOn(n -> n.contains("suppression list"))
                .hasSize(1);
        assertThat(limitEvents(f)).hasSize(3).allSatisfy(e -> assertThat(e).startsWith("REJECTED Not sent"));

        // The next day the cap allows three again; rejected messages stay rejected. One claim at a time now (drain(1)
        // holds two): a suppressed message still SENDING in the store while the next claim counts must not use the cap.
        f.clock.advance(Duration.ofDays(1));
        new SuppressionService(f.suppressions, f.tenants, f.access, f.audit, f.tx, f.clock)
                .addManual(f.owner, f.acme, OutboxDeliveryTest.DOMAIN, "q0@example.net", "asked to stop");
        outbox.enqueue(messages(f, c, "q", 5));
        Outbox.DrainReport nextDay = outbox.drain(1);
        assertThat(nextDay.count(OutboxState.SENT)).isEqualTo(3);
        assertThat(nextDay.count(OutboxState.REJECTED)).isEqualTo(2);
        assertThat(g.waitForIncomingEmail(6)).isTrue();
        assertThat(recipients(g)).contains("q1@example.net", "q2@example.net", "q3@example.net");
    }
}
