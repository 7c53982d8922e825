package dev.mailroom.mailer.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mailroom.mailer.providers.mailersend.MailerSendAdapter;
import dev.mailroom.mailer.providers.sendgrid.SendGridAdapter;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.activity.RollupKey;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.WebhookImportService;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.persistence.providers.JooqSyncStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Webhook files into the real H2 event store: signatures made here with real keys (MailerSend's
 * HMAC-SHA256 secret, a SendGrid-style ECDSA P-256 key pair) are checked, a changed body or a wrong key
 * refuses the whole file, and importing twice records nothing twice.
 */
class WebhookImportTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MS_SECRET = "whsec-0123456789abcdef-mailroom-test";
    private static final LocalDate FROM = LocalDate.parse("2000-01-01");
    private static final LocalDate TO = LocalDate.parse("2026-12-31");

    @TempDir
    Path dir;

    private Store store;
    private SendingFixture f;
    private WebhookImportService webhooks;

    @BeforeEach
    void start() {
        store = Backend.H2.open(dir);
        f = new SendingFixture(store, dir);
        webhooks = new WebhookImportService(
                f.connections,
                f.tenants,
                new JooqSyncStore(f.tx),
                f.events,
                new WebhookFiles(),
                f.access,
                f.audit,
                f.tx,
                f.clock);
    }

    @AfterEach
    void stop() {
        store.close();
    }

    private Connection connection(TenantId tenant, ConnectionKind kind) {
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
                                Optional.of(Secret.of(
                                        kind == ConnectionKind.SENDGRID_API
                                                ? ActivitySyncTest.SG_KEY
                                                : ActivitySyncTest.MS_KEY)),
                                Optional.empty(),
                                Optional.of("http://127.0.0.1:9"),
                                2,
                                0));
    }

    private long count(TenantId tenant, EventType type) {
        Map<RollupKey, Long> counts =
                f.tx.inTransaction(() -> f.events.dailyCounts(tenant, Optional.empty(), FROM, TO));
        return counts.entrySet().stream()
                .filter(e -> e.getKey().type() == type)
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    /** A MailerSend webhook body: an activity entry as the activity API returns it, wrapped as a webhook. */
    private static String mailerSendBody(String id, String type, String to) {
        ObjectNode root = JSON.createObjectNode().put("type", "activity." + type);
        root.put("created_at", "2026-05-04T10:00:00.000000Z").put("webhook_id", "ws0mv1");
        ObjectNode data = root.putObject("data")
                .put("object", "activity")
                .put("id", id)
                .put("type", type)
                .put("created_at", "2026-05-04T10:00:00.000000Z");
        ObjectNode email = data.putObject("email")
                .put("object", "email")
                .put("id", "62fb66bef54a112e920b5493")
                .put("from", "receipts@acme.example")
                .put("subject", "Your receipt");
        email.putObject("recipient").put("object", "recipient").put("email", to);
        email.putObject("message").put("object", "message").put("id", "62fb66bef54a112e920b5492");
        return root.toString();
    }

    private static String hmac(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String delivery(Map<String, String> headers, String body) {
        ObjectNode d = JSON.createObjectNode();
        ObjectNode h = d.putObject("headers");
        headers.forEach(h::put);
        d.put("body", body);
        return d.toString();
    }

    @Test
    void signedMailerSendDeliveriesAreCheckedRecordedOnceAndAudited() throws Exception {
        Connection ms = connection(f.acme, ConnectionKind.MAILERSEND_API);
        String delivered = mailerSendBody("6319f0ca01", "delivered", "ann@example.net");
        String bounced = mailerSendBody("6319f0ca02", "hard_bounced", "bob@example.net");
        String file =
                delivery(Map.of("Signature", hmac(delivered, MS_SECRET), "Content-Type", "application/json"), delivered)
                        + "\n" + delivery(Map.of("signature", hmac(bounced, MS_SECRET)), bounced) + "\n";

        WebhookImportService.Report r = webhooks.importFile(
                f.owner, f.acme, ms.id(), file.getBytes(StandardCharsets.UTF_8), Optional.of(MS_SECRET));
        assertThat(r.deliveries()).isEqualTo(2);
        assertThat(r.recorded()).isEqualTo(2);
        assertThat(r.verified()).isTrue();
        assertThat(r.words()).contains("every signature checked");
        assertThat(count(f.acme, EventType.DELIVERED)).isEqualTo(1);
        assertThat(count(f.acme, EventType.HARD_BOUNCE)).isEqualTo(1);

        WebhookImportService.Report again = webhooks.importFile(
                f.owner, f.acme, ms.id(), file.getBytes(StandardCharsets.UTF_8), Optional.of(MS_SECRET));
        assertThat(again.recorded()).isZero();
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(count(f.acme, EventType.DELIVERED)).as("nothing twice").isEqualTo(1);

        assertThat(f.tx.inTransaction(() -> f.auditStore.all()))
                .anySatisfy(e -> assertThat(e.toString()).contains("provider.webhooks-imported"))
                .noneSatisfy(e -> assertThat(e.toString()).contains(MS_SECRET));
    }

    @Test
    void aChangedBodyOrAWrongSecretRefusesTheWholeFile() throws Exception {
        Connection ms = connection(f.acme, ConnectionKind.MAILERSEND_API);
        String good = mailerSendBody("6319f0ca03", "delivered", "cat@example.net");
        String original = mailerSendBody("6319f0ca04", "delivered", "dan@example.net");
        String forged = original.replace("dan@example.net", "eve@example.net");
        String file = delivery(Map.of("Signature", hmac(good, MS_SECRET)), good) + "\n"
                + delivery(Map.of("Signature", hmac(original, MS_SECRET)), forged);

        assertThatThrownBy(() -> webhooks.importFile(
                        f.owner, f.acme, ms.id(), file.getBytes(StandardCharsets.UTF_8), Optional.of(MS_SECRET)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("Delivery 2")
                .hasMessageContaining("does not match")
                .hasMessageContaining("Nothing was imported");
        assertThat(count(f.acme, EventType.DELIVERED))
                .as("the good one is not kept either")
                .isZero();

        String fileOk = delivery(Map.of("Signature", hmac(good, MS_SECRET)), good);
        assertThatThrownBy(() -> webhooks.importFile(
                        f.owner, f.acme, ms.id(), fileOk.getBytes(StandardCharsets.UTF_8), Optional.of("another")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("does not match");
        // Bodies saved without their headers cannot be verified: refused with a key, taken without one.
        assertThatThrownBy(() -> webhooks.importFile(
                        f.owner, f.acme, ms.id(), good.getBytes(StandardCharsets.UTF_8), Optional.of(MS_SECRET)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("no headers");
        WebhookImportService.Report unverified =
                webhooks.importFile(f.owner, f.acme, ms.id(), good.getBytes(StandardCharsets.UTF_8), Optional.empty());
        assertThat(unverified.recorded()).isEqualTo(1);
        assertThat(unverified.words()).contains("not verified");
    }

    @Test
    void signedSendGridEventsAreVerifiedWithTheEcdsaKeyAndKeyedAsTheSyncKeysThem() throws Exception {
        Connection sg = connection(f.acme, ConnectionKind.SENDGRID_API);
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = gen.generateKeyPair();
        String publicKey = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());

        ArrayNode events = JSON.createArrayNode();
        for (String[] e : new String[][] {
            {"delivered", "ann@example.net", "ev1"},
            {"open", "ann@example.net", "ev2"},
            {"open", "ann@example.net", "ev3"}, // a second open of the same message counts once, as the sync does
            {"bounce", "bob@example.net", "ev4"},
            {"spamreport", "cat@example.net", "ev5"},
            {"processed", "dan@example.net", "ev6"}
        }) {
            ObjectNode n = events.addObject()
                    .put("email", e[1])
                    .put("timestamp", 1777900000L)
                    .put("event", e[0])
                    .put("sg_event_id", e[2])
                    .put("sg_message_id", "14c5d75ce93." + e[1].charAt(0) + ".filter0001.16648.5515E0B88.0")
                    .put(SendGridAdapter.MESSAGE_ID_ARG, "<20260504T0900" + e[1].charAt(0) + "@acme.example>");
            if (e[0].equals("bounce")) {
                n.put("type", "bounce").put("reason", "550 5.1.1 The email account does not exist.");
            }
        }
        String body = events.toString();
        String timestamp = "1777900001";
        Signature ecdsa = Signature.getInstance("SHA256withECDSA");
        ecdsa.initSign(keys.getPrivate());
        ecdsa.update((timestamp + body).getBytes(StandardCharsets.UTF_8));
        String signature = Base64.getEncoder().encodeToString(ecdsa.sign());
        String file = "["
                + delivery(
                        Map.of(
                                "X-Twilio-Email-Event-Webhook-Signature", signature,
                                "X-Twilio-Email-Event-Webhook-Timestamp", timestamp),
                        body)
                + "]";

        WebhookImportService.Report r = webhooks.importFile(
                f.owner, f.acme, sg.id(), file.getBytes(StandardCharsets.UTF_8), Optional.of(publicKey));
        assertThat(r.recorded()).isEqualTo(4);
        assertThat(r.duplicates()).isEqualTo(1);
        assertThat(r.skipped()).as("processed is not counted").isEqualTo(1);
        assertThat(count(f.acme, EventType.DELIVERED)).isEqualTo(1);
        assertThat(count(f.acme, EventType.OPENED)).isEqualTo(1);
        assertThat(count(f.acme, EventType.HARD_BOUNCE)).isEqualTo(1);
        assertThat(count(f.acme, EventType.COMPLAINED)).isEqualTo(1);

        String tampered = file.replace("1777900001", "1777900002");
        assertThatThrownBy(() -> webhooks.importFile(
                        f.owner, f.acme, sg.id(), tampered.getBytes(StandardCharsets.UTF_8), Optional.of(publicKey)))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("does not match");
        assertThatThrownBy(() -> webhooks.importFile(
                        f.owner, f.acme, sg.id(), file.getBytes(StandardCharsets.UTF_8), Optional.of("not-a-key")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("verification key");
    }

    @Test
    void rolesAndTenantsHoldAndBrokenFilesSayWhatIsWrong() {
        Connection ms = connection(f.acme, ConnectionKind.MAILERSEND_API);
        byte[] body =
                mailerSendBody("6319f0ca05", "delivered", "ann@example.net").getBytes(StandardCharsets.UTF_8);
        Actor analyst = f.user("analyst@agency.example", "Ana Lyst", false, Optional.of(Role.ANALYTICS));
        assertThatThrownBy(() -> webhooks.importFile(analyst, f.acme, ms.id(), body, Optional.empty()))
                .isInstanceOf(PermissionDenied.class);
        TenantId bolt = f.tenantNamed("Bolt");
        assertThatThrownBy(() -> webhooks.importFile(f.owner, bolt, ms.id(), body, Optional.empty()))
                .as("another client's connection is not found from this one")
                .isInstanceOf(NotFound.class);
        assertThat(count(f.acme, EventType.DELIVERED) + count(bolt, EventType.DELIVERED))
                .isZero();

        assertThatThrownBy(() -> webhooks.importFile(
                        f.owner, f.acme, ms.id(), "{\"type\": \"activity.deliv".getBytes(), Optional.empty()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("damaged");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThatThrownBy(() -> webhooks.importFile(
                        f.owner, f.acme, ms.id(), deep.getBytes(StandardCharsets.UTF_8), Optional.empty()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("not a webhook file");
        assertThatThrownBy(() -> webhooks.importFile(f.owner, f.acme, ms.id(), new byte[0], Optional.empty()))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("empty");
    }
}
