package dev.mailroom.mailer.providers.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.mailer.providers.ApiCall;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.OpenApiSpec;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SendGrid adapter against a real HTTP server on loopback. Every request it makes is checked against
 * SendGrid's published OpenAPI specs; a test fails on any violation.
 */
class SendGridAdapterTest {
    static final String KEY = "SG.abcdefghijklmnopqrstuv.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiSpec SPEC = OpenApiSpec.sendGrid();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-04T09:00:00Z"), ZoneOffset.UTC);

    private ApiStub stub;
    private final List<Duration> waited = new CopyOnWriteArrayList<>();
    private SendGridAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        stub = new ApiStub(SPEC::violations);
        adapter = adapterWithTimeout(Duration.ofSeconds(5));
    }

    private SendGridAdapter adapterWithTimeout(Duration timeout) {
        return new SendGridAdapter(new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), timeout), CLOCK, waited::add, 3, Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        stub.close();
        assertThat(stub.violations())
                .as("requests outside SendGrid's OpenAPI specs")
                .isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.println(
                "SendGrid spec operations exercised: " + SPEC.exercised().size() + " " + SPEC.exercised());
    }

    private ApiEndpoint endpoint() {
        return new ApiEndpoint(ConnectionKind.SENDGRID_API, stub.baseUrl(), Secret.of(KEY), Optional.empty());
    }

    private ApiEndpoint subuser() {
        return new ApiEndpoint(ConnectionKind.SENDGRID_API, stub.baseUrl(), Secret.of(KEY), Optional.of("acme-sub"));
    }

    static OutgoingMail mail(String to) {
        return mail(to, List.of());
    }

    static OutgoingMail mail(String to, List<InlineImage> inline) {
        return new OutgoingMail(
                "<20260504090000.abc@mail.acme.test>",
                Instant.parse("2026-05-04T09:00:00Z"),
                "hello@mail.acme.test",
                "Acme",
                to,
                "Your order",
                "Thanks for your order.",
                Optional.of("<p>Thanks for your order.</p>"),
                Optional.of("https://mail.acme.test/u/123"),
                Optional.empty(),
                inline);
    }

    private static Reply accepted() {
        return Reply.of(202, Map.of("X-Message-Id", "W5JVaKbIQK2vOFXH1p8Hvw"), "");
    }

    private static Reply error(int status, String message, String field) {
        return Reply.json(
                status,
                "{\"errors\":[{\"message\":\"" + message + "\",\"field\":"
                        + (field == null ? "null" : "\"" + field + "\"") + "}]}");
    }

    @Test
    void aMessageIsSentAsOnePersonalizationWithOurMessageIdAndTheUnsubscribeHeaders() throws Exception {
        stub.on("POST", "/v3/mail/send", r -> accepted());
        DeliveryOutcome o = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        assertThat(o.description()).contains("W5JVaKbIQK2vOFXH1p8Hvw");
        ApiStub.Request r = stub.requests().get(0);
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/personalizations/0/to/0/email").asText()).isEqualTo("ann@example.com");
        assertThat(body.at("/personalizations/0/custom_args/" + SendGridAdapter.MESSAGE_ID_ARG)
                        .asText())
                .isEqualTo("<20260504090000.abc@mail.acme.test>");
        assertThat(body.at("/from/name").asText()).isEqualTo("Acme");
        assertThat(body.at("/content/0/type").asText()).isEqualTo("text/plain");
        assertThat(body.at("/content/1/type").asText()).isEqualTo("text/html");
        assertThat(body.at("/headers/List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void inlineImagesTravelAsInlineAttachmentsWithTheirContentIds() throws Exception {
        stub.on("POST", "/v3/mail/send", r -> accepted());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        adapter.send(endpoint(), mail("ann@example.com", List.of(new InlineImage("logo", "image/png", png))));
        JsonNode a = JSON.readTree(stub.requests().get(0).body()).at("/attachments/0");
        assertThat(a.path("disposition").asText()).isEqualTo("inline");
        assertThat(a.path("content_id").asText()).isEqualTo("logo");
        assertThat(java.util.Base64.getDecoder().decode(a.path("content").asText()))
                .isEqualTo(png);
    }

    @Test
    void attachedFilesTravelAfterTheInlineImagesWithTheirNamesAndTypes() throws Exception {
        stub.on("POST", "/v3/mail/send", r -> accepted());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
        OutgoingMail m = mail("ann@example.com", List.of(new InlineImage("logo", "image/png", png)));
        OutgoingMail withFile = new OutgoingMail(
                m.messageId(),
                m.date(),
                m.fromAddress(),
                m.fromName(),
                m.to(),
                m.subject(),
                m.textBody(),
                m.htmlBody(),
                m.listUnsubscribe(),
                m.dkim(),
                m.inlineParts(),
                List.of(Attachment.named("receipt.pdf", pdf)));
        // stop() fails the test if the body is outside SendGrid's published schema.
        assertThat(adapter.send(endpoint(), withFile).kind()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        JsonNode body = JSON.readTree(stub.requests().get(0).body());
        assertThat(body.at("/attachments/0/disposition").asText()).isEqualTo("inline");
        JsonNode a = body.at("/attachments/1");
        assertThat(a.path("disposition").asText()).isEqualTo("attachment");
        assertThat(a.path("filename").asText()).isEqualTo("receipt.pdf");
        assertThat(a.path("type").asText()).isEqualTo("application/pdf");
        assertThat(java.util.Base64.getDecoder().decode(a.path("content").asText()))
                .isEqualTo(pdf);
    }

    @Test
    void aRateLimitIsWaitedOutAsTheProviderAsksThenTheMessageGoes() {
        AtomicInteger calls = new AtomicInteger();
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> calls.incrementAndGet() == 1
                        ? error(429, "too many requests", null).withHeader("Retry-After", "7")
                        : accepted());
        DeliveryOutcome o = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        assertThat(waited).containsExactly(Duration.ofSeconds(7));
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void aRateLimitResetHeaderIsHonouredAndALastingLimitIsLeftToTheOutboxBackOff() {
        long reset = CLOCK.instant().plusSeconds(4).getEpochSecond();
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> error(429, "too many requests", null).withHeader("X-RateLimit-Reset", Long.toString(reset)));
        DeliveryOutcome o = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.TEMPORARY);
        assertThat(o.description())
                .contains("SendGrid is limiting requests (429")
                .contains("4 seconds");
        assertThat(waited).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(4), Duration.ofSeconds(4));
        assertThat(stub.requests()).hasSize(4);
    }

    @Test
    void aLongRetryAfterIsNotWaitedForOnASenderThread() {
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> error(429, "too many requests", null).withHeader("Retry-After", "3600"));
        DeliveryOutcome o = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.TEMPORARY);
        assertThat(o.description()).contains("3600 seconds");
        assertThat(waited).isEmpty();
    }

    @Test
    void serverErrorsAreTemporaryAndClientErrorsAreNeverRetried() {
        for (int status : new int[] {500, 503}) {
            stub.on("POST", "/v3/mail/send", r -> error(status, "internal error", null));
            DeliveryOutcome o = adapter.send(endpoint(), mail("ann@example.com"));
            assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.TEMPORARY);
            assertThat(o.reply()).hasValue(status);
            assertThat(o.description()).contains("SendGrid had a server error (" + status);
        }
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> error(400, "Does not contain a valid address.", "personalizations.0.to.0.email"));
        DeliveryOutcome bad = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(bad.kind()).isEqualTo(DeliveryOutcome.Kind.RECIPIENT_REFUSED);
        assertThat(bad.description()).contains("Does not contain a valid address.");
        stub.on("POST", "/v3/mail/send", r -> error(413, "too large", null));
        assertThat(adapter.send(endpoint(), mail("ann@example.com")).kind()).isEqualTo(DeliveryOutcome.Kind.PERMANENT);
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> error(401, "The provided authorization grant is invalid, expired, or revoked", null));
        DeliveryOutcome revoked = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(revoked.kind()).isEqualTo(DeliveryOutcome.Kind.PERMANENT);
        assertThat(revoked.description())
                .contains("SendGrid refused the key (401")
                .contains("revoked");
        assertThat(waited).isEmpty();
        assertThat(stub.requests()).hasSize(5); // one each: nothing retried inside the adapter
    }

    @Test
    void anAnswerCutOffMidwayOrTooSlowLeavesTheMessageInDoubtNotSentTwice() {
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> Reply.json(202, "{\"padding\":\"" + "x".repeat(4000) + "\"}")
                        .brokenMidBody());
        DeliveryOutcome cut = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(cut.kind()).isEqualTo(DeliveryOutcome.Kind.IN_DOUBT);
        assertThat(cut.description()).startsWith("In doubt: ").contains("may have accepted it");

        SendGridAdapter impatient = adapterWithTimeout(Duration.ofMillis(300));
        stub.on("POST", "/v3/mail/send", r -> accepted().after(Duration.ofMillis(1500)));
        DeliveryOutcome slow = impatient.send(endpoint(), mail("ann@example.com"));
        assertThat(slow.kind()).isEqualTo(DeliveryOutcome.Kind.IN_DOUBT);
        assertThat(slow.description()).startsWith("In doubt: ").contains("did not answer within");
    }

    @Test
    void noNetworkIsTemporaryBecauseNothingCanHaveArrived() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        ApiEndpoint nowhere = new ApiEndpoint(
                ConnectionKind.SENDGRID_API, "http://127.0.0.1:" + closedPort, Secret.of(KEY), Optional.empty());
        DeliveryOutcome o = adapter.send(nowhere, mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.TEMPORARY);
        assertThat(o.description()).contains("Nothing answered at 127.0.0.1").contains("Will try again");
        ProbeReport check = adapter.check(nowhere);
        assertThat(check.ok()).isFalse();
        assertThat(check.summary()).contains("Nothing answered");
    }

    @Test
    void testConnectionSaysWhatTheKeyCanDo() {
        stub.on("POST", "/v3/mail/send", r -> Reply.json(200, ""))
                .on("GET", "/v3/suppression/bounces", r -> Reply.json(200, "[]"))
                .on("GET", "/v3/stats", r -> Reply.json(200, "[]"));
        ProbeReport all = adapter.check(endpoint());
        assertThat(all.ok()).isTrue();
        assertThat(all.summary()).isEqualTo("The key works and can send.");
        assertThat(all.offered()).containsExactly("mail.send", "suppression.read", "stats.read");
        JsonNode sandbox = readTree(stub.requests().get(0).body());
        assertThat(sandbox.at("/mail_settings/sandbox_mode/enable").asBoolean()).isTrue();

        stub.on("GET", "/v3/stats", r -> error(403, "access forbidden", null));
        ProbeReport noStats = adapter.check(endpoint());
        assertThat(noStats.ok()).isTrue();
        assertThat(noStats.summary()).startsWith("The key can send, but lacks stats.read.");

        stub.on("POST", "/v3/mail/send", r -> error(403, "access forbidden", null));
        ProbeReport cannotSend = adapter.check(endpoint());
        assertThat(cannotSend.ok()).isFalse();
        assertThat(cannotSend.summary()).contains("lacks mail.send and stats.read: it cannot send.");
    }

    @Test
    void testConnectionNamesABadKeyASuspendedAccountAndARateLimit() {
        stub.on(
                "POST",
                "/v3/mail/send",
                r -> error(401, "The provided authorization grant is invalid, expired, or revoked", null));
        ProbeReport bad = adapter.check(endpoint());
        assertThat(bad.ok()).isFalse();
        assertThat(bad.summary()).startsWith("SendGrid refused the key (401");

        stub.on("POST", "/v3/mail/send", r -> error(401, "Your account has been suspended.", null));
        assertThat(adapter.check(endpoint()).summary()).startsWith("The SendGrid account is suspended");

        stub.on(
                "POST",
                "/v3/mail/send",
                r -> error(429, "too many requests", null).withHeader("Retry-After", "120"));
        assertThat(adapter.check(endpoint()).summary())
                .isEqualTo("SendGrid is limiting requests (429: \"too many requests\"); it asks to wait 120 seconds.");
        for (ApiStub.Request r : stub.requests()) {
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        }
    }

    @Test
    void aSubuserIsReachedWithOnBehalfOfWhereTheSpecAllowsItAndSendingNeedsItsOwnKey() {
        stub.on("GET", "/v3/suppression/bounces", r -> Reply.json(200, "[]"))
                .on("GET", "/v3/stats", r -> Reply.json(200, "[]"));
        ProbeReport check = adapter.check(subuser());
        assertThat(check.ok()).isTrue();
        assertThat(check.summary()).contains("needs a key made in that subuser");
        assertThat(stub.requests())
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.header("on-behalf-of")).isEqualTo("acme-sub"));

        DeliveryOutcome o = adapter.send(subuser(), mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.PERMANENT);
        assertThat(o.description()).contains("key made in subuser acme-sub");
        assertThat(stub.requests()).hasSize(2); // mail send was not called with on-behalf-of
    }

    @Test
    void noOutcomeOrReportEverHoldsTheKey() {
        stub.on("POST", "/v3/mail/send", r -> error(401, "bad key " + r.header("Authorization"), null));
        assertThat(adapter.send(endpoint(), mail("ann@example.com")).toString()).doesNotContain("ABCDEFGHIJKLMNOP");
        assertThat(endpoint().toString()).doesNotContain(KEY);
    }

    @Test
    void theSpecCheckCatchesWhatSendGridWouldRefuse() {
        ApiStub.Request bad = new ApiStub.Request(
                "POST",
                "/v3/mail/send",
                "verbose=1",
                Map.of("content-type", List.of("application/json"), "on-behalf-of", List.of("x")),
                "{\"personalizations\":[{\"to\":[{\"name\":\"no address\"}]}],\"from\":\"not an object\"}");
        assertThat(SPEC.violations(bad))
                .anySatisfy(v -> assertThat(v).contains("no bearer token"))
                .anySatisfy(v -> assertThat(v).contains("query parameter verbose is not declared"))
                .anySatisfy(v -> assertThat(v).contains("header on-behalf-of is not declared"))
                .anySatisfy(v -> assertThat(v).contains("/from string found, object expected"))
                .anySatisfy(v -> assertThat(v).contains("/personalizations/0/to/0 required property 'email'"));
        ApiStub.Request noAccept = new ApiStub.Request(
                "GET", "/v3/suppression/bounces", "limit=ten", Map.of("authorization", List.of("Bearer x")), "");
        assertThat(SPEC.violations(noAccept))
                .anySatisfy(v -> assertThat(v).contains("required header parameter Accept is missing"))
                .anySatisfy(v -> assertThat(v).contains("limit=ten"));
        assertThat(SPEC.violations(new ApiStub.Request("GET", "/v3/nothing", null, Map.of(), "")))
                .containsExactly("no operation GET /v3/nothing in the specs");
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
