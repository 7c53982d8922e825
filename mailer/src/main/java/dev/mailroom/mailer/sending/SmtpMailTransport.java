package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.SmtpEndpoint;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP through Jakarta Mail (Angus). Per relay: a pool of open sessions reused for message after
 * message, at most {@link SmtpEndpoint#maxSessions()} of them, and a rate limit. A session that failed
 * in any way is closed rather than reused: its state after an error is not worth guessing.
 */
public final class SmtpMailTransport implements MailTransport {
    private static final Logger log = LoggerFactory.getLogger(SmtpMailTransport.class);

    private final SmtpSettings settings;
    private final MessageRenderer renderer = new MessageRenderer();
    private final Map<SmtpEndpoint, Pool> pools = new ConcurrentHashMap<>();

    public SmtpMailTransport(SmtpSettings settings) {
        this.settings = settings;
    }

    private final class Pool {
        final SmtpEndpoint endpoint;
        final Session session;
        final Semaphore sessions;
        final RateLimiter rate;
        final Deque<Idle> idle = new ArrayDeque<>();
        int opened;

        Pool(SmtpEndpoint endpoint) {
            this.endpoint = endpoint;
            this.session = settings.session(endpoint);
            this.sessions = new Semaphore(endpoint.maxSessions(), true);
            this.rate = RateLimiter.perSecond(endpoint.ratePerSecond());
        }

        synchronized Idle takeIdle() {
            return idle.pollFirst();
        }

        synchronized void giveBack(SMTPTransport t) {
            idle.addFirst(new Idle(t, System.nanoTime()));
        }

        synchronized void counted() {
            opened++;
        }
    }

    /** A pooled session and when it was last used. */
    private record Idle(SMTPTransport transport, long sinceNanos) {}

    /**
     * A session idle for longer than this is checked (NOOP) before reuse; the relay may have dropped
     * it. A busy session is not: a NOOP per message would cost a round trip each.
     */
    private static final long CHECK_AFTER_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    @Override
    public DeliveryOutcome send(SmtpEndpoint endpoint, OutgoingMail mail) {
        return send(prepare(endpoint, mail));
    }

    /**
     * Renders and signs the message and writes it out once, as the bytes DATA will carry: the RSA
     * signature is the costly part of sending, and done here it runs off the session threads.
     */
    @Override
    public Ready prepare(SmtpEndpoint endpoint, OutgoingMail mail) {
        Pool pool = pools.computeIfAbsent(endpoint, Pool::new);
        try {
            MimeMessage rendered = renderer.render(pool.session, mail);
            ByteArrayOutputStream bytes =
                    new ByteArrayOutputStream(mail.textBody().length() * 2 + 2048);
            rendered.writeTo(bytes, DATA_IGNORES);
            return new Ready(endpoint, mail, new Rendered(pool.session, rendered, bytes.toByteArray()));
        } catch (MessagingException | IllegalArgumentException | IOException e) {
            return new Ready(
                    endpoint,
                    mail,
                    new DeliveryOutcome(
                            DeliveryOutcome.Kind.PERMANENT,
                            OptionalInt.empty(),
                            "Mailroom could not build this message: " + e.getMessage()));
        }
    }

    @Override
    public DeliveryOutcome send(Ready ready) {
        return send(ready, () -> {});
    }

    /**
     * Calls {@code beforeEnd} after the message's data is written and before the final "." — the one line
     * after which the relay may accept it. When {@code beforeEnd} throws,
     * Angus's SMTPTransport drops the connection on the IOException it gets, and the "." never goes out.
     */
    @Override
    public DeliveryOutcome send(Ready ready, EndOfData beforeEnd) {
        if (ready.rendered() instanceof DeliveryOutcome failed) {
            return failed;
        }
        if (!(ready.rendered() instanceof Rendered)) {
            return send(prepare(ready.endpoint(), ready.mail()), beforeEnd);
        }
        SmtpEndpoint endpoint = ready.endpoint();
        Pool pool = pools.computeIfAbsent(endpoint, Pool::new);
        Rendered message = (Rendered) ready.rendered();
        message.beforeEnd = beforeEnd;
        try {
            pool.sessions.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.temporary(OptionalInt.empty(), "Sending was interrupted; will try again.");
        }
        SMTPTransport transport = null;
        try {
            pool.rate.acquire();
            Idle reused = pool.takeIdle();
            if (reused != null) {
                transport = reused.transport();
                if (System.nanoTime() - reused.sinceNanos() > CHECK_AFTER_NANOS && !transport.isConnected()) {
                    closeQuietly(transport);
                    transport = null;
                }
            }
            if (transport == null) {
                transport = connect(pool);
            }
            Address[] to = message.getAllRecipients();
            transport.sendMessage(message, to);
            int code = transport.getLastReturnCode();
            String reply = String.valueOf(transport.getLastServerResponse()).strip();
            pool.giveBack(transport);
            transport = null;
            return DeliveryOutcome.accepted(code == 0 ? 250 : code, reply);
        } catch (MessagingException e) {
            DeliveryOutcome outcome = SmtpFailures.classify(endpoint, e);
            log.info("Not accepted by {}: {}", endpoint.address(), outcome.description());
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.temporary(OptionalInt.empty(), "Sending was interrupted; will try again.");
        } finally {
            if (transport != null) {
                closeQuietly(transport);
            }
            pool.sessions.release();
        }
    }

    /** How many SMTP sessions were opened to this relay so far (to see that sessions are reused). */
    public int sessionsOpened(SmtpEndpoint endpoint) {
        Pool p = pools.get(endpoint);
        if (p == null) {
            return 0;
        }
        synchronized (p) {
            return p.opened;
        }
    }

    private SMTPTransport connect(Pool pool) throws MessagingException {
        SmtpEndpoint e = pool.endpoint;
        SMTPTransport t = (SMTPTransport) pool.session.getTransport("smtp");
        if (e.authenticates()) {
            t.connect(
                    e.host(),
                    e.port(),
                    e.username(),
                    e.password().map(p -> p.reveal()).orElse(""));
        } else {
            t.connect(e.host(), e.port(), null, null);
        }
        pool.counted();
        return t;
    }

    @Override
    public void close() {
        for (Pool p : pools.values()) {
            Idle i;
            while ((i = p.takeIdle()) != null) {
                closeQuietly(i.transport());
            }
        }
        pools.clear();
    }

    /** The headers SMTPTransport leaves out of DATA; the bytes are written as it would write them. */
    private static final String[] DATA_IGNORES = {"Bcc", "Content-Length"};

    /**
     * A message already rendered and signed: the envelope comes from its headers, DATA from the bytes
     * written once in {@link #prepare} (writing a DKIM message again would sign it again).
     */
    private static final class Rendered extends MimeMessage {
        private final byte[] bytes;
        /** Set by the session that sends it; one session at a time sends a message. */
        private volatile EndOfData beforeEnd = () -> {};

        Rendered(Session session, MimeMessage source, byte[] bytes) throws MessagingException {
            super(session);
            setFrom(source.getFrom()[0]);
            setRecipients(RecipientType.TO, source.getRecipients(RecipientType.TO));
            this.bytes = bytes;
        }

        @Override
        public void writeTo(OutputStream os, String[] ignoreList) throws IOException {
            os.write(bytes);
            // SMTPTransport sends the final "." right after this returns (its finishData); some of the bytes may
            // still be in its buffer and go out with it. Nothing before the "." lets the relay accept the message.
            try {
                beforeEnd.reached();
            } catch (RuntimeException e) {
                throw new IOException("Not finishing the message: " + e.getMessage(), e);
            }
        }
    }

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (MessagingException ignored) {
            // the session is being dropped anyway
        }
    }
}
