package dev.mailroom.persistence.sending;

import static dev.mailroom.persistence.jooq.Tables.OUTBOX_INLINE_PART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.AttachmentRef;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.NewMessage;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Inline parts through the outbox on both stores: stored once per tenant, sent with every message. */
class OutboxInlinePartsTest {
    @TempDir
    Path dir;

    private final List<OutgoingMail> handedOver = Collections.synchronizedList(new ArrayList<>());

    private final MailTransport recorder = new MailTransport() {
        @Override
        public DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail) {
            handedOver.add(mail);
            return DeliveryOutcome.accepted(250, "2.0.0 Ok: queued");
        }

        @Override
        public void close() {}
    };

    private static final SendingDomains DOMAINS = new SendingDomains() {
        @Override
        public boolean isVerified(TenantId tenant, String domain) {
            return true;
        }

        @Override
        public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
            return Optional.of(new DkimSigningKey(domain, "s1", Secret.of("unused by the recorder")));
        }
    };

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    private static final String HTML = "<p><img src=\"cid:brand-logo\" alt=\"Acme\"> Thanks.</p>";

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aCampaignsLogoIsStoredOnceAndGoesOutWithEveryMessage(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            f.acme,
                            SendingFixture.draft(
                                    "Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
            Outbox outbox = new Outbox(
                    f.outbox,
                    f.endpoints,
                    DOMAINS,
                    recorder,
                    f.suppressions,
                    f.events,
                    f.tx,
                    f.clock,
                    RetryPolicy.DEFAULT);
            InlineImage logo = new InlineImage("brand-logo", "image/png", PNG);
            outbox.enqueue(List.of(
                    message(f, c, "ann@example.net", logo),
                    message(f, c, "bob@example.net", logo),
                    message(f, c, "cat@example.net", logo)));
            // A second campaign with the same logo (another instance, the same bytes): still one stored part.
            List<OutboxMessage> second = outbox.enqueue(
                    List.of(message(f, c, "dan@example.net", new InlineImage("brand-logo", "image/png", PNG))));
            assertThat(f.tx.inTransaction(() -> f.tx.dsl().fetchCount(OUTBOX_INLINE_PART)))
                    .isEqualTo(1);
            assertThat(f.tx.inTransaction(
                                    () -> f.outbox.find(f.acme, second.get(0).id()))
                            .orElseThrow()
                            .inlineParts())
                    .singleElement()
                    .satisfies(r -> assertThat(r.contentId()).isEqualTo("brand-logo"));

            assertThat(outbox.drain(1).count(OutboxState.SENT)).isEqualTo(4);
            assertThat(handedOver)
                    .hasSize(4)
                    .allSatisfy(m -> assertThat(m.inlineParts()).containsExactly(logo));

            assertThatThrownBy(() -> outbox.enqueue(List.of(message(f, c, "eve@example.net", null))))
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.problems().get("body")).contains("cid:brand-logo"));
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aReceiptPdfAttachedToASendIsStoredOnceKeepsItsNameAndGoesOutWithEveryMessage(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            Connection c = f.connectionService(e -> null)
                    .create(
                            f.owner,
                            f.acme,
                            SendingFixture.draft(
                                    "Relay", "localhost", 2525, SmtpSecurity.PLAIN_LOCALHOST_ONLY, "", null));
            Outbox outbox = new Outbox(
                    f.outbox,
                    f.endpoints,
                    DOMAINS,
                    recorder,
                    f.suppressions,
                    f.events,
                    f.tx,
                    f.clock,
                    RetryPolicy.DEFAULT);
            InlineImage logo = new InlineImage("brand-logo", "image/png", PNG);
            byte[] pdf = "%PDF-1.4 receipt".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            // A name with spaces and letters outside ASCII, as people name files.
            List<Attachment> files = List.of(
                    Attachment.named("Quittung März 2026.pdf", pdf), Attachment.named("terms.txt", new byte[] {'o'}));
            List<OutboxMessage> queued = outbox.enqueue(List.of(
                    withFiles(message(f, c, "ann@example.net", logo), files),
                    withFiles(message(f, c, "bob@example.net", logo), files)));

            // The logo and the two files: three stored parts for two messages.
            assertThat(f.tx.inTransaction(() -> f.tx.dsl().fetchCount(OUTBOX_INLINE_PART)))
                    .isEqualTo(3);
            assertThat(f.tx.inTransaction(
                                    () -> f.outbox.find(f.acme, queued.get(1).id()))
                            .orElseThrow()
                            .attachments())
                    .extracting(AttachmentRef::filename)
                    .containsExactly("Quittung März 2026.pdf", "terms.txt");

            assertThat(outbox.drain(1).count(OutboxState.SENT)).isEqualTo(2);
            assertThat(handedOver).hasSize(2).allSatisfy(m -> {
                assertThat(m.attachments()).containsExactlyElementsOf(files);
                assertThat(m.attachments().get(0).mediaType()).isEqualTo("application/pdf");
            });

            assertThatThrownBy(() -> outbox.enqueue(List.of(withFiles(
                            message(f, c, "eve@example.net", logo),
                            List.of(Attachment.named("setup.exe", new byte[] {'M', 'Z'}))))))
                    .isInstanceOfSatisfying(
                            InvalidInput.class,
                            e -> assertThat(e.problems().get("attachments")).contains("setup.exe"));
        }
    }

    private static NewMessage withFiles(NewMessage m, List<Attachment> files) {
        return new NewMessage(
                m.tenant(),
                m.connection(),
                m.fromAddress(),
                m.fromName(),
                m.to(),
                m.subject(),
                m.textBody(),
                m.htmlBody(),
                m.transactional(),
                m.unsubscribeUrl(),
                m.inlineParts(),
                files);
    }

    private static NewMessage message(SendingFixture f, Connection c, String to, InlineImage logo) {
        return new NewMessage(
                f.acme,
                c.id(),
                "hello@tryacme.test",
                "Acme",
                to,
                "Your receipt",
                "Thanks.",
                Optional.of(HTML),
                true,
                Optional.empty(),
                logo == null ? List.of() : List.of(logo));
    }
}
