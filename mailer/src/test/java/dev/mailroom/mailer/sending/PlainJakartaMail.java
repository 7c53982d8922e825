package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.sending.SmtpSecurity;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * The baseline of the send benchmark (bench module): plain Jakarta Mail, no outbox and no store.
 * Each thread opens one SMTP connection and reuses it for message after message, rendering and
 * DKIM-signing each one as Mailroom's transport does (the same {@link MessageRenderer}), so the
 * benchmark's ratio is the outbox's own cost.
 */
public final class PlainJakartaMail {
    private PlainJakartaMail() {}

    /** Sends every message to the relay at 127.0.0.1:{@code port} on {@code threads} connections; returns the seconds taken. */
    public static double send(int port, int threads, List<OutgoingMail> mails) throws Exception {
        SmtpEndpoint e = new SmtpEndpoint(
                new ConnectionId(0),
                "127.0.0.1",
                port,
                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                "",
                Optional.empty(),
                "mailroom.bench.test",
                threads,
                0);
        Session session = SmtpSettings.system().session(e);
        MessageRenderer renderer = new MessageRenderer();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        try {
            long t0 = System.nanoTime();
            List<Future<?>> all = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                all.add(pool.submit(() -> {
                    SMTPTransport tr = (SMTPTransport) session.getTransport("smtp");
                    tr.connect("127.0.0.1", port, null, null);
                    try {
                        int i;
                        while ((i = next.getAndIncrement()) < mails.size()) {
                            MimeMessage m = renderer.render(session, mails.get(i));
                            tr.sendMessage(m, m.getAllRecipients());
                        }
                    } finally {
                        tr.close();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            pool.shutdown();
        }
    }
}
