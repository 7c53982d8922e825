package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.InDoubtCheckService;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A message whose API answer was lost is in doubt; "Ask the provider" looks it up at the provider (SendGrid by
 * Mailroom's custom argument, MailerSend by recipient, sender, subject and time) on a loopback stub, records
 * the ones the provider has as sent, leaves the others in doubt with what was found, and never sends again.
 */
class InDoubtCheckServiceTest {
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();
    private static final String DOMAIN = ApiOutboxTest.DOMAIN;

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private ApiStub stub;
    private SmtpMailTransport smtp;
    private ProviderAdapters adapters;

    @BeforeEach
    void start() throws Exception {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        stub = new ApiStub(r -> r.path().startsWith("/v3/") ? SPEC.violations(r) : List.of());
        smtp = new SmtpMailTransport(SmtpSettings.system());
        RateLimitWaits http = new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)), f.clock, d -> {}, 3, Duration.ofSeconds(30));
        adapters = new ProviderAdapters(new MailerSendAdapter(http), new SendGridAdapter(http));
    }

    @AfterEach
    void stop() {
        smtp.close();
        stub.close();
        store.close();
        assertThat(stub.violations())
                .as("requests outside SendGrid's OpenAPI specs")
                .isEmpty();
    }

    @Test
    void sendGridIsSearchedByMailroomsIdAndWhatItHasIsRecordedAsSentTheRestStaysInDoubt() {
        Connection c = connection(ConnectionKind.SENDGRID_API, "SG.in-doubt-key.abcdefghijklmnopqrstuvwxyz");
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> Reply.json(202, "{\"pad\":\"" + "x".repeat(2000) + "\"}").brokenMidBody());
        List<OutboxMessage> queued = send(c, "ann@example.net", "bob@example.net");
        assertThat(queued).allSatisfy(m -> assertThat(reload(m).state()).isEqualTo(OutboxState.IN_DOUBT));
        String annId = queued.get(0).messageId();
        List<String> queries = new ArrayList<>();
        stub.on("GET", "/v3/messages", r -> {
            String q = r.query().get("query");
            queries.add(q);
            return q.contains(annId)
                    ? Reply.json(
                            200,
                            "{\"messages\":[{\"from_email\":\"hello@" + DOMAIN + "\",\"msg_id\":\"sg-ann-1\","
                                    + "\"subject\":\"Your order\",\"to_email\":\"ann@example.net\",\"status\":\"delivered\","
                                    + "\"opens_count\":0,\"clicks_count\":0,\"last_event_time\":\"2026-05-04T09:01:00Z\"}]}")
                    : Reply.json(200, "{\"messages\":[]}");
        });
        int sends = sendsSoFar();

        InDoubtCheckService.Report report = check().askProviders(f.editor, f.acme, s -> {}, new Cancellation());

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.notFound()).isEqualTo(1);
        assertThat(report.summary()).startsWith("1 found at the provider and recorded as sent; 1 not found there");
        OutboxMessage ann = reload(queued.get(0));
        assertThat(ann.state()).isEqualTo(OutboxState.SENT);
        assertThat(ann.sentAt()).isPresent();
        assertThat(ann.note()).contains("SendGrid has it (message sg-ann-1, delivered)");
        OutboxMessage bob = reload(queued.get(1));
        assertThat(bob.state()).isEqualTo(OutboxState.IN_DOUBT);
        assertThat(bob.note())
                .startsWith("Still in doubt: SendGrid's Email Activity has no message with Mailroom's id "
                        + queued.get(1).messageId());
        assertThat(queries).contains("unique_args['" + SendGridAdapter.MESSAGE_ID_ARG + "']=\"" + annId + "\"");
        assertThat(sendsSoFar()).as("nothing is sent again by the check").isEqualTo(sends);
        assertThat(sentEvents()).isEqualTo(1L);
        assertThat(f.tx.inTransaction(() -> f.auditStore.all()))
                .extracting(e -> e.action())
                .contains("outbox.found-at-provider", "outbox.asked-provider");

        // Asked again, nothing changes for the one already settled; the other is still looked up.
        InDoubtCheckService.Report again = check().askProviders(f.editor, f.acme, s -> {}, new Cancellation());
        assertThat(again.asked()).isEqualTo(1);
        assertThat(sentEvents()).isEqualTo(1L);
    }

    @Test
    void withoutSendGridsPaidActivityTheCheckSaysSoAndDecidesNothing() {
        Connection c = connection(ConnectionKind.SENDGRID_API, "SG.no-activity-key.abcdefghijklmnopqrstuvwxyz");
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> Reply.json(202, "{\"pad\":\"" + "x".repeat(2000) + "\"}").brokenMidBody());
        List<OutboxMessage> queued = send(c, "ann@example.net");
        stub.on(
                "GET",
                "/v3/messages",
                r -> Reply.json(403, "{\"errors\":[{\"message\":\"access forbidden\",\"field\":null}]}"));

        InDoubtCheckService.Report report = check().askProviders(f.editor, f.acme, s -> {}, new Cancellation());

        assertThat(report.cannotTell()).isEqualTo(1);
        OutboxMessage ann = reload(queued.get(0));
        assertThat(ann.state()).isEqualTo(OutboxState.IN_DOUBT);
        assertThat(ann.note())
                .contains("paid add-on")
                .contains("email_activity.read")
                .doesNotContain("SG.");
    }

    @Test
    void mailerSendIsSearchedByRecipientSenderSubjectAndTimeAndTwoLookalikesAreNotGuessed() throws Exception {
        Connection c = connection(ConnectionKind.MAILERSEND_API, "mlsn.in-doubt-token-0123456789abcdef");
        stub.on(
                "POST",
                "/v1/email",
                r -> Reply.json(202, "{\"pad\":\"" + "x".repeat(2000) + "\"}").brokenMidBody());
        List<OutboxMessage> queued = send(c, "ann@example.net", "bob@example.net", "cy@example.net");
        stub.on(
                "GET",
                "/v1/domains",
                r -> Reply.json(
                        200,
                        "{\"data\":[{\"id\":\"other1\",\"name\":\"elsewhere.test\"},{\"id\":\"dom42\",\"name\":\""
                                + DOMAIN + "\"}],\"links\":{\"next\":null}}"));
        List<Map<String, String>> activityQueries = new ArrayList<>();
        stub.on("GET", "/v1/activity/dom42", r -> {
            activityQueries.add(r.query());
            return Reply.json(
                    200,
                    "{\"data\":["
                            + activity("a1", "e-ann", "ann@example.net", "Your order", "sent")
                            + "," + activity("a2", "e-ann", "ann@example.net", "Your order", "delivered")
                            + "," + activity("a3", "e-bob-other", "bob@example.net", "Something else", "sent")
                            + "," + activity("a4", "e-cy-1", "cy@example.net", "Your order", "sent")
                            + "," + activity("a5", "e-cy-2", "cy@example.net", "Your order", "sent")
                            + "],\"links\":{\"next\":null}}");
        });

        InDoubtCheckService.Report report = check().askProviders(f.editor, f.acme, s -> {}, new Cancellation());

        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.notFound()).isEqualTo(1);
        assertThat(report.cannotTell()).isEqualTo(1);
        assertThat(reload(queued.get(0)).state()).isEqualTo(OutboxState.SENT);
        assertThat(reload(queued.get(0)).note()).contains("MailerSend has it (email e-ann");
        assertThat(reload(queued.get(1)).state()).isEqualTo(OutboxState.IN_DOUBT);
        assertThat(reload(queued.get(1)).note()).contains("has no message to bob@example.net");
        assertThat(reload(queued.get(2)).state()).isEqualTo(OutboxState.IN_DOUBT);
        assertThat(reload(queued.get(2)).note()).contains("2 messages to cy@example.net");
        assertThat(activityQueries).allSatisfy(q -> {
            long from = Long.parseLong(q.get("date_from"));
            assertThat(from).isLessThanOrEqualTo(SendingFixture.T0.getEpochSecond());
            assertThat(Long.parseLong(q.get("date_to"))).isGreaterThanOrEqualTo(from);
        });
    }

    @Test
    void onlyPeopleWhoMaySendMayAskAndOnlyTheirTenantsMessagesAreLookedUp() {
        Connection c = connection(ConnectionKind.SENDGRID_API, "SG.roles-key.abcdefghijklmnopqrstuvwxyz");
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> Reply.json(202, "{\"pad\":\"" + "x".repeat(2000) + "\"}").brokenMidBody());
        List<OutboxMessage> queued = send(c, "ann@example.net");
        stub.on("GET", "/v3/messages", r -> Reply.json(200, "{\"messages\":[]}"));
        Actor analyst = f.user("ana@agency.test", "Ana", false, Optional.of(Role.ANALYTICS));

        assertThatThrownBy(() -> check().askProviders(analyst, f.acme, s -> {}, new Cancellation()))
                .isInstanceOf(PermissionDenied.class);
        var other = f.tenantNamed("Globex");
        // The agency owner may act in every tenant; Globex has nothing in doubt, and Acme's is not looked up.
        assertThat(check().askProviders(f.owner, other, s -> {}, new Cancellation())
                        .asked())
                .isZero();
        assertThat(stub.requests()).noneMatch(r -> r.path().equals("/v3/messages"));
        assertThat(reload(queued.get(0)).state()).isEqualTo(OutboxState.IN_DOUBT);
    }

    @Test
    void aCancelledCheckKeepsWhatItSettledAndLooksUpNothingMore() {
        Connection c = connection(ConnectionKind.SENDGRID_API, "SG.cancel-key.abcdefghijklmnopqrstuvwxyz");
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> Reply.json(202, "{\"pad\":\"" + "x".repeat(2000) + "\"}").brokenMidBody());
        send(c, "ann@example.net", "bob@example.net", "cy@example.net");
        Cancellation cancel = new Cancellation();
        stub.on("GET", "/v3/messages", r -> {
            cancel.cancel();
            return Reply.json(200, "{\"messages\":[{\"msg_id\":\"sg-1\",\"status\":\"processed\"}]}");
        });

        InDoubtCheckService.Report report = check().askProviders(f.editor, f.acme, s -> {}, cancel);

        assertThat(report.cancelled()).isTrue();
        assertThat(report.accepted()).isEqualTo(1);
        assertThat(report.summary()).endsWith("Cancelled before the rest.");
        assertThat(stub.requests())
                .filteredOn(r -> r.path().equals("/v3/messages"))
                .hasSize(1);
        assertThat(sentEvents()).isEqualTo(1L);
    }

    private static String activity(String id, String emailId, String to, String subject, String type) {
        return "{\"id\":\"" + id + "\",\"created_at\":\"2026-05-04T09:00:30Z\",\"type\":\"" + type + "\",\"email\":{"
                + "\"id\":\"" + emailId + "\",\"from\":\"hello@" + DOMAIN + "\",\"subject\":\"" + subject + "\","
                + "\"tags\":[\"mailroom\"],\"created_at\":\"2026-05-04T09:00:20Z\",\"recipient\":{\"email\":\"" + to
                + "\"}}}";
    }

    private InDoubtCheckService check() {
        return new InDoubtCheckService(
                f.outbox,
                f.endpoints,
                new ProviderAcceptanceLookup(adapters),
                f.tenants,
                f.events,
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    private List<OutboxMessage> send(Connection c, String... recipients) {
        Outbox outbox = new Outbox(
                f.outbox,
                f.endpoints,
                ApiOutboxTest.unsignedDomain(),
                new RoutingMailTransport(smtp, adapters),
                f.suppressions,
                f.events,
                f.tx,
                f.clock,
                ApiOutboxTest.RETRY);
        List<NewMessage> messages = new ArrayList<>();
        for (String to : recipients) {
            messages.add(new NewMessage(
                    f.acme,
                    c.id(),
                    "hello@" + DOMAIN,
                    "Acme",
                    to,
                    "Your order",
                    "Thanks for your order.\r\n",
                    Optional.empty(),
                    true,
                    Optional.empty()));
        }
        List<OutboxMessage> queued = outbox.enqueue(messages);
        outbox.drain(1);
        return queued;
    }

    private Connection connection(ConnectionKind kind, String key) {
        return f.connectionService(new RoutingProbe(new SmtpProbe(SmtpSettings.system()), adapters))
                .createApi(
                        f.owner,
                        f.acme,
                        new ApiConnectionDraft(
                                kind.label(),
                                SendingEnvironment.PRODUCTION,
                                kind,
                                Optional.of(Secret.of(key)),
                                Optional.empty(),
                                Optional.of(stub.baseUrl()),
                                2,
                                0));
    }

    private OutboxMessage reload(OutboxMessage m) {
        return f.tx.inTransaction(() -> f.outbox.find(m.tenant(), m.id())).orElseThrow();
    }

    private int sendsSoFar() {
        return (int)
                stub.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    private long sentEvents() {
        var counts = f.tx.inTransaction(() ->
                f.events.dailyCounts(f.acme, Optional.of(DOMAIN), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 4)));
        return counts.entrySet().stream()
                .filter(e -> e.getKey().type() == EventType.SENT)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }
}
