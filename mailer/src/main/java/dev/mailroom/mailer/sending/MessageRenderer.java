package dev.mailroom.mailer.sending;

import dev.mailroom.mailer.templates.PlainText;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.MailAddresses;
import dev.mailroom.model.sending.MailTransport;
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
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.mail.util.StreamProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds the bytes of an {@link OutgoingMail} as the relay will receive them:
 * <ul>
 *   <li>the outbox's Message-ID and date; From and To with an internationalised domain in its ASCII form
 *       ({@code xn--}); a local part outside ASCII only as UTF-8 for a relay offering SMTPUTF8;</li>
 *   <li>every header line within 998 characters (RFC 5322 §2.1.1): the subject and display name folded, or
 *       as encoded words when they are not ASCII, when a word is too long to fold, or when they only look
 *       like encoded words ({@code =?utf-8?q?…?=}, which clients would otherwise decode); a long
 *       List-Unsubscribe URL folded inside its angle brackets (RFC 2369 §2 ignores that whitespace);</li>
 *   <li>a text part, and the HTML as its alternative; an HTML-only message gets the text made from its HTML
 *       ({@link PlainText}, as templates do); images the HTML shows by {@code cid:} in a
 *       {@code multipart/related} with the HTML; attached files after the body in a {@code multipart/mixed};</li>
 *   <li>text parts in 7bit when they are ASCII with short lines, else quoted-printable; every line ending in CRLF;</li>
 *   <li>DKIM signatures over those bytes ({@link DkimSigner}: rsa-sha256, plus ed25519-sha256 where the domain
 *       has that key too).</li>
 * </ul>
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

    static final int MAX_LINE = 998;

    private final DkimSigner signer = new DkimSigner();
    private final Map<Session, Session> utf8Sessions = new ConcurrentHashMap<>();

    /**
     * The message, rendered and signed: its {@code writeTo} writes the final bytes; its From and To are
     * the envelope.
     */
    Signed render(Session session, OutgoingMail mail) throws MessagingException {
        String from = ascii(mail.fromAddress());
        String to = ascii(mail.to());
        boolean utf8 = MailAddresses.needsSmtpUtf8(from) || MailAddresses.needsSmtpUtf8(to);
        Session s = utf8 ? utf8Session(session) : session;
        MimeMessage msg = new FixedIdMessage(s, mail.messageId());
        msg.setHeader("From", fold("From", mailbox(mail.fromName(), from)));
        msg.setHeader("To", to);
        msg.setHeader("Subject", fold("Subject", phrase(mail.subject(), false)));
        msg.setSentDate(Date.from(mail.date()));
        String text = mail.textBody();
        if (mail.htmlBody().isPresent()) {
            String html = mail.htmlBody().get();
            if (text.isBlank()) {
                text = PlainText.fromHtml(html);
            }
            MimeMultipart alternative = new MimeMultipart("alternative");
            alternative.addBodyPart(textPart(text, "plain"));
            alternative.addBodyPart(withInlineParts(textPart(html, "html"), mail.inlineParts()));
            if (mail.attachments().isEmpty()) {
                msg.setContent(alternative);
            } else {
                MimeBodyPart body = new MimeBodyPart();
                body.setContent(alternative);
                msg.setContent(withAttachments(body, mail.attachments()));
            }
        } else if (!mail.attachments().isEmpty()) {
            msg.setContent(withAttachments(textPart(text, "plain"), mail.attachments()));
        } else {
            msg.setText(text, "UTF-8");
            msg.setHeader("Content-Transfer-Encoding", transferEncoding(text));
        }
        if (mail.listUnsubscribe().isPresent()) {
            if (!MailAddresses.isAscii(mail.listUnsubscribe().get())
                    || mail.listUnsubscribe().get().chars().anyMatch(ch -> ch <= ' ' || ch == '<' || ch == '>')) {
                throw new MessagingException(
                        "the unsubscribe link has spaces, line breaks or characters outside ASCII");
            }
            msg.setHeader(
                    "List-Unsubscribe",
                    foldUrl("List-Unsubscribe", mail.listUnsubscribe().get()));
            msg.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        msg.saveChanges();
        byte[] bytes = crlf(write(msg));
        checkHeaderLines(bytes);
        if (mail.dkim().isPresent()) {
            byte[] signature = signer.sign(bytes, mail.dkim().get(), mail.date());
            byte[] all = new byte[signature.length + bytes.length];
            System.arraycopy(signature, 0, all, 0, signature.length);
            System.arraycopy(bytes, 0, all, signature.length, bytes.length);
            bytes = all;
        }
        return new Signed(s, envelope(from), envelope(to), utf8, bytes);
    }

    /** The address with its domain in ASCII (the outbox stores it so; messages queued before are converted here). */
    private static String ascii(String address) {
        return MailAddresses.normalize(address.strip()).address().orElse(address.strip());
    }

    private static InternetAddress envelope(String address) {
        InternetAddress a = new InternetAddress();
        a.setAddress(address); // no parsing: a UTF-8 local part is carried as it is, for SMTPUTF8
        return a;
    }

    /** The session with {@code mail.mime.allowutf8}: UTF-8 headers, and SMTPUTF8 on MAIL FROM when the relay offers it. */
    Session utf8Session(Session session) {
        return utf8Sessions.computeIfAbsent(session, base -> {
            Properties p = new Properties();
            p.putAll(base.getProperties());
            p.setProperty("mail.mime.allowutf8", "true");
            return Session.getInstance(p);
        });
    }

    private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", subtype);
        part.setHeader("Content-Transfer-Encoding", transferEncoding(text));
        return part;
    }

    /** 7bit for ASCII text whose lines fit in 998 characters, else quoted-printable (lines of 76). */
    static String transferEncoding(String text) {
        int line = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line = 0;
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    return "quoted-printable"; // a bare CR
                }
            } else if (c > 0x7e || (c < 0x20 && c != '\t') || ++line > MAX_LINE) {
                return "quoted-printable";
            }
        }
        return "7bit";
    }

    /** "Name <address>", the name quoted or encoded as needed; the address alone when there is no name. */
    static String mailbox(String name, String address) {
        if (name == null || name.isBlank()) {
            return address;
        }
        return phrase(name.strip(), true) + " <" + address + ">";
    }

    /**
     * Text for a header: as it is when it is printable ASCII, has no word too long to fold and does not look
     * like an encoded word; else RFC 2047 encoded words (UTF-8, B), each within 75 characters.
     *
     * @param displayName quote it when it holds RFC 5322 specials
     */
    static String phrase(String text, boolean displayName) {
        if (!needsEncoding(text)) {
            return displayName ? quoteIfNeeded(text) : text;
        }
        StringBuilder out = new StringBuilder();
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            byte[] b = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            if (chunk.size() + b.length > 45) { // 45 bytes: 60 base64 characters, 72 with the markers
                word(out, chunk);
            }
            chunk.writeBytes(b);
            i += Character.charCount(cp);
        }
        if (chunk.size() > 0 || out.length() == 0) {
            word(out, chunk);
        }
        return out.toString();
    }

    private static void word(StringBuilder out, ByteArrayOutputStream chunk) {
        if (out.length() > 0) {
            out.append("\r\n ");
        }
        out.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(chunk.toByteArray()))
                .append("?=");
        chunk.reset();
    }

    private static boolean needsEncoding(String text) {
        if (text.contains("=?")) {
            return true; // would be decoded by clients as if it were an encoded word
        }
        int word = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0x7e || (c < 0x20 && c != '\t')) {
                return true;
            }
            word = c == ' ' || c == '\t' ? 0 : word + 1;
            if (word > 76) {
                return true; // cannot be folded within a line
            }
        }
        return false;
    }

    private static String quoteIfNeeded(String name) {
        for (int i = 0; i < name.length(); i++) {
            if ("()<>[]:;@\\,.\"".indexOf(name.charAt(i)) >= 0) {
                return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            }
        }
        return name;
    }

    /** Folds at whitespace so lines stay near 78 characters (encoded words are already on lines of their own). */
    private static String fold(String header, String value) {
        if (value.contains("\r\n")) {
            return value;
        }
        return MimeUtility.fold(header.length() + 2, value);
    }

    /**
     * {@code <url>}, folded inside the angle brackets when the line would pass 78 characters: RFC 2369 §2
     * says the whitespace inside them is ignored, and a URL has no whitespace of its own to fold at.
     */
    static String foldUrl(String header, String url) {
        String value = "<" + url + ">";
        int first = 78 - header.length() - 2;
        if (value.length() <= first) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + value.length() / 70 * 3);
        out.append(value, 0, first);
        for (int i = first; i < value.length(); i += 76) {
            out.append("\r\n ").append(value, i, Math.min(value.length(), i + 76));
        }
        return out.toString();
    }

    /**
     * The HTML part, or, when it refers to images inside the message, a multipart/related of the HTML
     * and those images (each with its Content-ID), so clients show them without fetching anything.
     */
    private static MimeBodyPart withInlineParts(MimeBodyPart html, List<InlineImage> parts) throws MessagingException {
        if (parts.isEmpty()) {
            return html;
        }
        MimeMultipart related = new Related();
        related.addBodyPart(html);
        for (InlineImage p : parts) {
            MimeBodyPart image = new MimeBodyPart();
            image.setDataHandler(new DataHandler(new ByteArrayDataSource(p.bytes(), p.mediaType())));
            image.setContentID("<" + p.contentId() + ">");
            image.setDisposition(Part.INLINE);
            image.setHeader("Content-Transfer-Encoding", "base64");
            related.addBodyPart(image);
        }
        MimeBodyPart wrapper = new MimeBodyPart();
        wrapper.setContent(related);
        return wrapper;
    }

    /**
     * A multipart/mixed of the body and the files, each in base64 as an attachment. A file name outside
     * ASCII, or too long for one line, goes as RFC 2231 parameters ({@code filename*0*=UTF-8''…}), which
     * Jakarta Mail writes by default; clients that predate RFC 2231 also get {@code name} on Content-Type.
     */
    private static MimeMultipart withAttachments(MimeBodyPart body, List<Attachment> files) throws MessagingException {
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        for (Attachment f : files) {
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(f.bytes(), f.mediaType())));
            file.setDisposition(Part.ATTACHMENT);
            file.setFileName(f.filename());
            file.setHeader("Content-Transfer-Encoding", "base64");
            mixed.addBodyPart(file);
        }
        return mixed;
    }

    private static byte[] write(MimeMessage msg) throws MessagingException {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            msg.writeTo(out, new String[] {"Bcc", "Content-Length"});
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("Could not write the message: " + e.getMessage(), e);
        }
    }

    /** Every line ending as CRLF: a bare LF or CR (a text body typed on Unix) becomes CRLF, as SMTP carries it. */
    static byte[] crlf(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + in.length / 50);
        for (int i = 0; i < in.length; i++) {
            byte b = in[i];
            if (b == '\r') {
                out.write('\r');
                out.write('\n');
                if (i + 1 < in.length && in[i + 1] == '\n') {
                    i++;
                }
            } else if (b == '\n') {
                out.write('\r');
                out.write('\n');
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    /** A header line over 998 characters would be cut or refused on the way: refuse to build the message. */
    private static void checkHeaderLines(byte[] m) throws MessagingException {
        int start = 0;
        for (int i = 0; i + 1 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n') {
                if (i == start) {
                    return; // the end of the header
                }
                if (i - start > MAX_LINE) {
                    String name = new String(m, start, Math.min(40, i - start), StandardCharsets.UTF_8);
                    throw new MessagingException("a header line is longer than 998 characters: " + name + "…");
                }
                start = i + 2;
            }
        }
    }

    /** {@code multipart/related} with its {@code type} parameter, which RFC 2387 requires: the root is the HTML. */
    private static final class Related extends MimeMultipart {
        Related() throws MessagingException {
            super("related");
            jakarta.mail.internet.ContentType ct = new jakarta.mail.internet.ContentType(contentType);
            ct.setParameter("type", "text/html");
            contentType = ct.toString();
        }
    }

    /** Rendered and signed: its bytes are what DATA carries; From and To are the envelope. */
    static final class Signed extends MimeMessage {
        private final byte[] bytes;
        private final boolean utf8;
        private volatile MailTransport.EndOfData beforeEnd = () -> {};

        Signed(Session session, InternetAddress from, InternetAddress to, boolean utf8, byte[] bytes)
                throws MessagingException {
            super(session);
            setFrom(from);
            setRecipient(Message.RecipientType.TO, to);
            this.utf8 = utf8;
            this.bytes = bytes;
        }

        /** Whether the envelope or the header carries a UTF-8 address: only a relay offering SMTPUTF8 takes it. */
        boolean needsSmtpUtf8() {
            return utf8;
        }

        byte[] bytes() {
            return bytes.clone();
        }

        /** Set by the session that sends it (one at a time): runs before the final "." of DATA. */
        void beforeEnd(MailTransport.EndOfData hook) {
            this.beforeEnd = hook;
        }

        /**
         * What SMTPTransport writes as DATA. It sends the final "." right after this returns (its finishData);
         * some of the bytes may still be in its buffer and go out with it. Nothing before the "." lets the relay
         * accept the message. When the hook throws, the IOException makes SMTPTransport drop the connection
         * without the ".".
         */
        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            os.write(bytes);
            try {
                beforeEnd.reached();
            } catch (RuntimeException e) {
                throw new IOException("Not finishing the message: " + e.getMessage(), e);
            }
        }

        @Override
        public void writeTo(OutputStream os) throws IOException {
            os.write(bytes);
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
