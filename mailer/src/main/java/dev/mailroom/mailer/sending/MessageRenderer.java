package dev.mailroom.mailer.sending;

import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.OutgoingMail;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.io.UnsupportedEncodingException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * Builds the MIME message for an {@link OutgoingMail}: the outbox's Message-ID and date, a text part
 * (and an HTML alternative), List-Unsubscribe with one-click POST for non-transactional mail, and a
 * related part for inline images (a logo by {@code cid:}), and a DKIM signature (rsa-sha256, relaxed/relaxed) over From, To, Subject, Date, Message-ID, MIME-Version,
 * Content-Type and the List-Unsubscribe headers.
 */
final class MessageRenderer {
    static {
        // Jakarta Mail 2.1 finds its StreamProvider anew, through ServiceLoader, for every body part, header
        // block and encoder (jakartaee/mail-api#861): a class-path scan per call, about 6% of signing's CPU.
        // FactoryFinder looks at a system property named after the interface first; naming Angus's provider
        // there skips the scan. Left alone when someone has set it.
        String property = StreamProvider.class.getName();
        if (System.getProperty(property) == null) {
            System.setProperty(property, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final Map<String, RSAPrivateKey> keys = new ConcurrentHashMap<>();

    MimeMessage render(Session session, OutgoingMail mail) throws MessagingException {
        MimeMessage msg = new FixedIdMessage(session, mail.messageId());
        try {
            msg.setFrom(new InternetAddress(
                    mail.fromAddress(), mail.fromName().isEmpty() ? null : mail.fromName(), "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
        msg.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        msg.setSubject(mail.subject(), "UTF-8");
        msg.setSentDate(Date.from(mail.date()));
        if (mail.htmlBody().isPresent()) {
            MimeMultipart alternative = new MimeMultipart("alternative");
            MimeBodyPart text = new MimeBodyPart();
            text.setText(mail.textBody(), "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.htmlBody().get(), "UTF-8", "html");
            alternative.addBodyPart(text);
            alternative.addBodyPart(withInlineParts(html, mail.inlineParts()));
            msg.setContent(alternative);
        } else {
            msg.setText(mail.textBody(), "UTF-8");
        }
        if (mail.listUnsubscribe().isPresent()) {
            msg.setHeader("List-Unsubscribe", "<" + mail.listUnsubscribe().get() + ">");
            msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        msg.saveChanges();
        if (mail.dkim().isEmpty()) {
            return msg;
        }
        return new DkimMessage(msg, signer(mail.dkim().get()));
    }

    /**
     * The HTML part, or, when it refers to images inside the message, a multipart/related of the HTML
     * and those images (each with its Content-ID), so clients show them without fetching anything.
     */
    private static MimeBodyPart withInlineParts(MimeBodyPart html, List<InlineImage> parts) throws MessagingException {
        if (parts.isEmpty()) {
            return html;
        }
        MimeMultipart related = new MimeMultipart("related");
        related.addBodyPart(html);
        for (InlineImage p : parts) {
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(p.bytes(), p.mediaType())));
            image.setContentID("<" + p.contentId() + ">");
            image.setDisposition(Part.INLINE);
            related.addBodyPart(image);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(related);
        return wrapper;
    }

    /** A signer per message: DkimSigner keeps a {@code Signature} and is not safe to share across threads. */
    private DkimSigner signer(DkimSigningKey key) throws MessagingException {
        RSAPrivateKey pk = keys.computeIfAbsent(key.privateKeyPem().reveal(), MessageRenderer::parsePkcs8);
        DkimSigner signer = new DkimSigner(key.domain(), key.selector(), pk);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setLengthParam(false);
        signer.setCheckDomainKey(false);
        signer.addHeaderToSign("To");
        signer.addHeaderToSign("List-Unsubscribe-Post");
        return signer;
    }

    static RSAPrivateKey parsePkcs8(String pem) {
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("The DKIM key is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY).");
        }
        String b64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (java.security.GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // The key's bytes are not part of the message.
            throw new IllegalArgumentException("The DKIM key could not be read as an RSA private key.");
        }
    }

    /** Keeps the outbox's Message-ID: Jakarta Mail would otherwise make a new one in saveChanges(). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
