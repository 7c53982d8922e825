package dev.mailroom.mailer.providers.mailersend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.mailer.providers.ApiCall;
import dev.mailroom.mailer.providers.ApiStub;
import dev.mailroom.mailer.providers.ApiStub.Reply;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.Recorded;
import dev.mailroom.model.sending.ApiEndpoint;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.ProbeReport;
import dev.mailroom.model.sending.Secret;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MailerSend adapter against MailerSend's real recorded answers, served on loopback. */
class MailerSendAdapterTest {
    static final String TOKEN = "mlsn.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-04T09:00:00Z"), ZoneOffset.UTC);

    private ApiStub stub;
    private final List<Duration> waited = new CopyOnWriteArrayList<>();
    private MailerSendAdapter adapter;

    @BeforeEach
    void start() throws Exception {
        stub = ApiStub.unchecked();
        adapter = new MailerSendAdapter(new RateLimitWaits(
                new ApiCall(Duration.ofSeconds(2), Duration.ofSeconds(5)),
                CLOCK,
                waited::add,
                3,
                Duration.ofSeconds(30)));
    }

    @AfterEach
    void stop() {
        stub.close();
        assertThat(stub.violations()).isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.println(
                "MailerSend recorded-response files served: " + Recorded.used().size() + " " + Recorded.used());
    }

    private ApiEndpoint endpoint() {
        return new ApiEndpoint(ConnectionKind.MAILERSEND_API, stub.baseUrl(), Secret.of(TOKEN), Optional.empty());
    }

    static OutgoingMail mail(String to) {
        return new OutgoingMail(
                "<20260504090000.abc@mail.acme.test>",
                Instant.parse("2026-05-04T09:00:00Z"),
                "hello@mail.acme.test",
                "Acme",
                to,
                "Your order",
                "Thanks for your order.",
                Optional.of("<p>Thanks for your order.</p>"),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void attachedFilesTravelBase64WithTheirNamesAsAttachments() throws Exception {
        stub.on("POST", "/v1/email", r -> Recorded.mailerSend("EmailSendTest_TestSimpleSend()", 202));
        byte[] pdf = {'%', 'P', 'D', 'F', 0, (byte) 0xff};
        OutgoingMail m = mail("ann@example.com");
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
                List.of(),
                List.of(Attachment.named("Rechnung März.pdf", pdf)));
        assertThat(adapter.send(endpoint(), withFile).kind()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        JsonNode a = JSON.readTree(stub.requests().get(0).body()).at("/attachments/0");
        assertThat(a.path("disposition").asText()).isEqualTo("attachment");
        assertThat(a.path("filename").asText()).isEqualTo("Rechnung März.pdf");
        assertThat(a.has("id")).isFalse();
        assertThat(java.util.Base64.getDecoder().decode(a.path("content").asText()))
                .isEqualTo(pdf);
    }

    @Test
    void aMessageGoesAsMailerSendsEmailRequestAndItsMessageIdIsKept() throws Exception {
        stub.on("POST", "/v1/email", r -> Recorded.mailerSend("EmailSendTest_TestSimpleSend()", 202));
        DeliveryOutcome o = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        assertThat(o.reply()).hasValue(202);
        assertThat(o.description()).isEqualTo("Accepted by MailerSend (message 63189f260a946e37f800f018).");
        ApiStub.Request r = stub.requests().get(0);
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.at("/to/0/email").asText()).isEqualTo("ann@example.com");
        assertThat(body.at("/from/email").asText()).isEqualTo("hello@mail.acme.test");
        assertThat(body.at("/from/name").asText()).isEqualTo("Acme");
        assertThat(body.path("html").asText()).isEqualTo("<p>Thanks for your order.</p>");
        assertThat(body.path("text").asText()).isEqualTo("Thanks for your order.");
    }

    @Test
    void mailerSendsOwnErrorBodiesBecomeReasonsAndAreNeverRetried() {
        stub.on("POST", "/v1/email", r -> Recorded.mailerSend("EmailSendTest_TestInvalidTokenFailsWith401()", 401));
        DeliveryOutcome unauthenticated = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(unauthenticated.kind()).isEqualTo(DeliveryOutcome.Kind.PERMANENT);
        assertThat(unauthenticated.description())
                .isEqualTo("Not sent: MailerSend refused the key (401: \"Unauthenticated.\"). Check that it was pasted "
                        + "whole and has not been deleted or revoked.");

        stub.on("POST", "/v1/email", r -> Recorded.mailerSend("EmailSendTest_missing to", 422));
        DeliveryOutcome noTo = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(noTo.kind()).isEqualTo(DeliveryOutcome.Kind.RECIPIENT_REFUSED);
        assertThat(noTo.description()).contains("(422: \"The to field is required.\")");

        stub.on("POST", "/v1/email", r -> Recorded.mailerSend("EmailSendTest_TestInvalidPersonalization()", 422));
        DeliveryOutcome personalization = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(personalization.kind()).isEqualTo(DeliveryOutcome.Kind.PERMANENT);
        assertThat(personalization.description()).contains("personalization.0.data contains array keys");
        assertThat(stub.requests()).hasSize(3);
        assertThat(waited).isEmpty();
    }

    @Test
    void aSuppressedRecipientWarningIsReadFromTheRecordedAnswer() {
        // The recorded answer names bcc@test-sdk.com as suppressed (SOME_SUPPRESSED): our one recipient went.
        stub.on("POST", "/v1/email", r -> Recorded.mailerSend("EmailSendTest_TestBccSend()", 202));
        assertThat(adapter.send(endpoint(), mail("ann@example.com")).kind()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        // The same shape with ALL_SUPPRESSED: nothing went, and the reason is MailerSend's.
        stub.on(
                "POST",
                "/v1/email",
                r -> Reply.json(
                        202,
                        "{\"message\":\"There are some warnings for your request.\",\"warnings\":[{\"type\":\"ALL_SUPPRESSED\","
                                + "\"warning\":\"None of the recipients were sent this email.\",\"recipients\":[{\"email\":"
                                + "\"bcc@test-sdk.com\",\"name\":\"BCC Email\",\"reasons\":[\"blocklisted\"]}]}]}"));
        DeliveryOutcome o = adapter.send(endpoint(), mail("bcc@test-sdk.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.RECIPIENT_REFUSED);
        assertThat(o.description())
                .isEqualTo("Not sent: MailerSend has bcc@test-sdk.com on its suppression list (blocklisted).");
    }

    @Test
    void a429WithRetryAfterIsWaitedOutAndServerErrorsAreTemporary() {
        AtomicInteger calls = new AtomicInteger();
        // MailerSend's documented 429 body; its SDK recorded none.
        stub.on(
                "POST",
                "/v1/email",
                r -> calls.incrementAndGet() == 1
                        ? Reply.json(429, "{\"message\":\"Too Many Attempts.\"}")
                                .withHeader("Retry-After", "2")
                        : Recorded.mailerSend("EmailSendTest_TestSimpleSend()", 202));
        assertThat(adapter.send(endpoint(), mail("ann@example.com")).kind()).isEqualTo(DeliveryOutcome.Kind.ACCEPTED);
        assertThat(waited).containsExactly(Duration.ofSeconds(2));

        stub.on("POST", "/v1/email", r -> Reply.json(503, "{\"message\":\"Service Unavailable\"}"));
        DeliveryOutcome o = adapter.send(endpoint(), mail("ann@example.com"));
        assertThat(o.kind()).isEqualTo(DeliveryOutcome.Kind.TEMPORARY);
        assertThat(o.description()).contains("MailerSend had a server error (503");
    }

    @Test
    void testConnectionReadsTheRecordedDomainListAndNamesWhatIsMissing() {
        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("DomainsTest_DomainsListTest()", 200))
                .on(
                        "GET",
                        "/v1/suppressions/hard-bounces",
                        r -> Reply.json(403, "{\"message\":\"This action is unauthorized.\"}"));
        ProbeReport report = adapter.check(endpoint());
        assertThat(report.ok()).isTrue();
        assertThat(report.offered()).containsExactly("domains_read");
        assertThat(report.summary()).startsWith("The token works but lacks suppressions_read.");
        assertThat(stub.requests())
                .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));

        stub.on("GET", "/v1/domains", r -> Recorded.mailerSend("EmailSendTest_TestInvalidTokenFailsWith401()", 401));
        ProbeReport bad = adapter.check(endpoint());
        assertThat(bad.ok()).isFalse();
        assertThat(bad.summary()).startsWith("MailerSend refused the key (401: \"Unauthenticated.\")");

        stub.on(
                "GET",
                "/v1/domains",
                r -> Reply.json(429, "{\"message\":\"Too Many Attempts.\"}").withHeader("Retry-After", "90"));
        assertThat(adapter.check(endpoint()).summary())
                .isEqualTo(
                        "MailerSend is limiting requests (429: \"Too Many Attempts.\"); it asks to wait 90 seconds.");
    }
}
