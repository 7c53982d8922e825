package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.onboarding.EscalationLevel;
import dev.mailroom.model.onboarding.EscalationService;
import dev.mailroom.model.onboarding.GovernanceGate;
import dev.mailroom.model.onboarding.PausePolicy;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.SendingLimits;
import dev.mailroom.persistence.onboarding.JooqGovernanceStore;
import dev.mailroom.persistence.sending.JooqSendingLimitStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Escalation enforced by the outbox's claim, on a real store, sending through GreenMail on loopback:
 * suspended mail waits and goes after lifting, banned mail never goes, a restriction caps the day, the
 * automatic-pause policy pauses in the claim itself, and probation keeps samples for review.
 */
class OutboxEscalationTest {
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

    private record World(
            SendingFixture f, Connection relay, GreenMail mail, Outbox outbox, EscalationService escalation) {}

    private World world(Backend backend) {
        GreenMail g = greenMail();
        Store store = backend.open(dir);
        toClose.add(store);
        SendingFixture f = new SendingFixture(store, dir);
        Connection c = f.localRelay("Local relay", g.getSmtp().getPort(), 2, 0);
        JooqGovernanceStore governance = new JooqGovernanceStore(f.tx, f.outbox);
        // The outbox as the console wires it: limits and escalation read in the claim.
        Outbox outbox = new Outbox(
                f.outbox,
                f.endpoints,
                OutboxDeliveryTest.signedDomain(),
                transport(),
                f.suppressions,
                f.events,
                f.tx,
                f.clock,
                OutboxDeliveryTest.RETRY,
                new SendingLimits(
                        new JooqSendingLimitStore(f.tx),
                        new GovernanceGate(governance, f.events, f.tenants, f.audit, f.clock, new Random(7)),
                        f.clock));
        EscalationService escalation =
                new EscalationService(governance, f.tenants, f.events, f.access, f.audit, f.tx, f.clock);
        return new World(f, c, g, outbox, escalation);
    }

    private static List<NewMessage> messages(World w, String prefix, int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> new NewMessage(
                        w.f().acme,
                        w.relay().id(),
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

    private static List<OutboxMessage> reload(World w, List<OutboxMessage> ms) {
        return ms.stream()
                .map(m -> w.f().tx
                        .inTransaction(() -> w.f().outbox.find(m.tenant(), m.id()))
                        .orElseThrow())
                .toList();
    }

    private static List<String> auditActions(World w) {
        return w.f().tx
                .inTransaction(() -> w.f().tx
                        .dsl()
                        .resultQuery("select action from audit_entry where action like 'escalation.%' order by id")
                        .fetch()
                        .map(r -> r.get(0, String.class)));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSuspendedTenantsMailStaysQueuedUntouchedAndGoesAfterLifting(Backend backend) throws Exception {
        World w = world(backend);
        w.escalation().suspend(w.f().owner, w.f().acme, "Complaints from a recipient's postmaster");
        List<OutboxMessage> queued = w.outbox().enqueue(messages(w, "s", 3));

        Outbox.DrainReport held = w.outbox().drain(2);
        assertThat(held.count(OutboxState.SENT)).isZero();
        assertThat(w.mail().getReceivedMessages()).isEmpty();
        // Not claimed at all: still queued, no attempt counted, nothing to say.
        assertThat(reload(w, queued)).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.QUEUED);
            assertThat(m.attempts()).isZero();
        });

        w.f().clock.advance(Duration.ofHours(1));
        w.escalation().lift(w.f().owner, w.f().acme, "Spoke with the client; list cleaned");
        Outbox.DrainReport after = w.outbox().drain(2);
        assertThat(after.count(OutboxState.SENT)).isEqualTo(3);
        assertThat(w.mail().waitForIncomingEmail(3)).isTrue();
        assertThat(reload(w, queued)).allSatisfy(m -> assertThat(m.state()).isEqualTo(OutboxState.SENT));
        assertThat(auditActions(w)).containsExactly("escalation.suspended", "escalation.lifted");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aBannedTenantsMailIsRejectedAtTheClaimAndNeverGoesEvenAfterLifting(Backend backend) throws Exception {
        World w = world(backend);
        List<OutboxMessage> queued = w.outbox().enqueue(messages(w, "b", 3));
        w.escalation().ban(w.f().owner, w.f().acme, "Sent to a bought list");
        assertThat(w.f().tenants.find(w.f().acme).orElseThrow().isArchived()).isTrue();

        Outbox.DrainReport report = w.outbox().drain(2);
        assertThat(report.count(OutboxState.REJECTED)).isEqualTo(3);
        assertThat(reload(w, queued)).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.REJECTED);
            assertThat(m.note()).isEqualTo("Not sent: this client is banned (Sent to a bought list).");
        });

        w.escalation().lift(w.f().owner, w.f().acme, "Reinstated after review");
        w.outbox().drain(2);
        assertThat(w.mail().getReceivedMessages()).isEmpty();
        assertThat(reload(w, queued)).allSatisfy(m -> assertThat(m.state()).isEqualTo(OutboxState.REJECTED));
        assertThat(w.f().tenants.find(w.f().acme).orElseThrow().isArchived()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aRestrictionCapsTheDayAndTheRestWaitsForTomorrow(Backend backend) throws Exception {
        World w = world(backend);
        w.escalation().restrict(w.f().owner, w.f().acme, 2, "Bounce rate climbing");
        List<OutboxMessage> queued = w.outbox().enqueue(messages(w, "r", 4));

        Outbox.DrainReport report = w.outbox().drain(4);
        assertThat(report.count(OutboxState.SENT)).isEqualTo(2);
        assertThat(report.count(OutboxState.DEFERRED)).isEqualTo(2);
        assertThat(w.mail().waitForIncomingEmail(2)).isTrue();
        assertThat(reload(w, queued))
                .filteredOn(m -> m.state() == OutboxState.DEFERRED)
                .hasSize(2)
                .allSatisfy(m -> assertThat(m.note())
                        .isEqualTo("Waiting until 2026-05-05: over the restriction to 2 a day (Bounce rate climbing);"
                                + " 2 sent or sending today."));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void crossingTheStrictPolicysThresholdPausesTheTenantInTheClaimWithTheFigures(Backend backend) throws Exception {
        World w = world(backend);
        w.escalation().setPausePolicy(w.f().owner, w.f().acme, PausePolicy.STRICT, 20, 7);
        // 40 sent yesterday and today, 3 hard bounces: 7.5%, over the 5% warning level.
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            events.add(Event.of(
                    w.f().acme,
                    OutboxDeliveryTest.DOMAIN,
                    w.f().clock.instant().minus(Duration.ofHours(i)),
                    "x" + i + "@example.net",
                    EventType.SENT));
        }
        for (int i = 0; i < 3; i++) {
            events.add(Event.of(
                    w.f().acme,
                    OutboxDeliveryTest.DOMAIN,
                    w.f().clock.instant().minus(Duration.ofHours(i)),
                    "x" + i + "@example.net",
                    EventType.HARD_BOUNCE));
        }
        w.f().tx.run(() -> w.f().events.append(events));
        List<OutboxMessage> queued = w.outbox().enqueue(messages(w, "p", 2));

        Outbox.DrainReport report = w.outbox().drain(2);
        assertThat(report.count(OutboxState.SENT)).isZero();
        assertThat(w.mail().getReceivedMessages()).isEmpty();
        var standing = w.escalation().standing(w.f().owner, w.f().acme);
        assertThat(standing.governance().is(EscalationLevel.SUSPENDED)).isTrue();
        assertThat(standing.governance().automatic()).isTrue();
        assertThat(standing.flag())
                .isEqualTo("Paused automatically: Bounces 7.5% (3 of 40 sent), over the warning level of 5.0%"
                        + " in the last 7 days.");
        // Claimed in the round that paused it, then put back as it was: queued, saying why.
        assertThat(reload(w, queued)).allSatisfy(m -> {
            assertThat(m.state()).isEqualTo(OutboxState.QUEUED);
            assertThat(m.note()).startsWith("Held: sending is suspended for this client (Bounces 7.5%");
        });
        assertThat(auditActions(w)).containsExactly("escalation.policy.set", "escalation.paused.automatic");

        // The account manager decides: lifted, it sends, and the policy only flags for the rest of the window.
        w.escalation().lift(w.f().owner, w.f().acme, "Bounces were an old list; removed");
        Outbox.DrainReport after = w.outbox().drain(2);
        assertThat(after.count(OutboxState.SENT)).isEqualTo(2);
        assertThat(w.escalation().standing(w.f().owner, w.f().acme).flag())
                .startsWith("Pause warning: Bounces 7.1% (3 of 42 sent)"); // the two just sent count too
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void duringProbationOneInNSentMessagesIsKeptForReview(Backend backend) throws Exception {
        World w = world(backend);
        SendingLimitService limits = new SendingLimitService(
                new JooqSendingLimitStore(w.f().tx), w.f().tenants, w.f().access, w.f().audit, w.f().tx, w.f().clock);
        limits.setProbation(w.f().owner, w.f().acme, OptionalInt.of(1000));
        w.escalation().setReviewSampling(w.f().owner, w.f().acme, 4);
        w.outbox().enqueue(messages(w, "k", 40));

        Outbox.DrainReport report = w.outbox().drain(4);
        assertThat(report.count(OutboxState.SENT)).isEqualTo(40);
        var samples = w.escalation().reviewSamples(w.f().owner, w.f().acme, 100);
        // 1 in 4 at random (seeded): about 10 of 40; never none, never all.
        assertThat(samples).hasSizeBetween(4, 18);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.message().state()).isEqualTo(OutboxState.SENT);
            assertThat(s.message().textBody()).isEqualTo("Hello.\r\n");
            assertThat(s.reviewed()).isFalse();
        });
        w.escalation()
                .markReviewed(w.f().owner, w.f().acme, samples.get(0).message().id(), "Fine");
        assertThat(w.escalation().reviewSamples(w.f().owner, w.f().acme, 100))
                .filteredOn(s -> s.reviewed())
                .singleElement()
                .satisfies(s -> assertThat(s.reviewNote()).isEqualTo("Fine"));

        // Off probation nothing more is kept.
        limits.setProbation(w.f().owner, w.f().acme, OptionalInt.empty());
        w.outbox().enqueue(messages(w, "n", 8));
        w.outbox().drain(4);
        assertThat(w.escalation().reviewSamples(w.f().owner, w.f().acme, 100)).hasSameSizeAs(samples);
    }
}
