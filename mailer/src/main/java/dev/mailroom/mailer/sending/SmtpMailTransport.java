package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.SmtpEndpoint;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
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
        /** Sessions for messages with a UTF-8 address (SMTPUTF8 on MAIL FROM); rare, kept apart. */
        final Deque<Idle> idleUtf8 = new ArrayDeque<>();

        int opened;

        Pool(SmtpEndpoint endpoint) {
            this.endpoint = endpoint;
            this.session = settings.session(endpoint);
            this.sessions = new Semaphore(endpoint.maxSessions(), true);
            this.rate = RateLimiter.perSecond(endpoint.ratePerSecond());
        }

        synchronized Idle takeIdle() {
            Idle i = idle.pollFirst();
            return i != null ? i : idleUtf8.pollFirst();
        }

        synchronized Idle takeIdle(boolean utf8) {
            return utf8 ? idleUtf8.pollFirst() : idle.pollFirst();
        }

        synchronized void giveBack(SMTPTransport t, boolean utf8) {
            (utf8 ? idleUtf8 : idle).addFirst(new Idle(t, System.nanoTime()));
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
            return new Ready(endpoint, mail, renderer.render(pool.session, mail));
        } catch (MessagingException | IllegalArgumentException e) {
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
        if (ready.rendered() instanceof DeliveryOutcome failed) {
            return failed;
        }
        if (!(ready.rendered() instanceof MessageRenderer.Signed)) {
            return send(prepare(ready.endpoint(), ready.mail()));
        }
        SmtpEndpoint endpoint = ready.endpoint();
        Pool pool = pools.computeIfAbsent(endpoint, Pool::new);
        MessageRenderer.Signed message = (MessageRenderer.Signed) ready.rendered();
        boolean utf8 = message.needsSmtpUtf8();
        try {
            pool.sessions.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.temporary(OptionalInt.empty(), "Sending was interrupted; will try again.");
        }
        SMTPTransport transport = null;
        try {
            pool.rate.acquire();
            Idle reused = pool.takeIdle(utf8);
            if (reused != null) {
                transport = reused.transport();
                if (System.nanoTime() - reused.sinceNanos() > CHECK_AFTER_NANOS && !transport.isConnected()) {
                    closeQuietly(transport);
                    transport = null;
                }
            }
            if (transport == null) {
                transport = connect(pool, utf8 ? renderer.utf8Session(pool.session) : pool.session);
            }
            if (utf8 && !transport.supportsExtension("SMTPUTF8")) {
                pool.giveBack(transport, true);
                transport = null;
                return new DeliveryOutcome(
                        DeliveryOutcome.Kind.PERMANENT,
                        OptionalInt.empty(),
                        "Not sent: this address has characters outside ASCII before the @, and "
                                + endpoint.host()
                                + " does not offer SMTPUTF8 (RFC 6531), which such an address needs.");
            }
            Address[] to = message.getAllRecipients();
            transport.sendMessage(message, to);
            int code = transport.getLastReturnCode();
            String reply = String.valueOf(transport.getLastServerResponse()).strip();
            pool.giveBack(transport, utf8);
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

    private SMTPTransport connect(Pool pool, Session session) throws MessagingException {
        SmtpEndpoint e = pool.endpoint;
        SMTPTransport t = (SMTPTransport) session.getTransport("smtp");
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

    private static void closeQuietly(Transport t) {
        try {
            t.close();
        } catch (MessagingException ignored) {
            // the session is being dropped anyway
        }
    }
}
