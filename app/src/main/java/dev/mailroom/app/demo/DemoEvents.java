package dev.mailroom.app.demo;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.activity.ComplaintReport;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.Event;
import dev.mailroom.model.activity.EventDetails;
import dev.mailroom.model.activity.EventType;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.suppressions.SuppressingEvents;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;

/**
 * 90 days of believable events for the demo clients, written in batches through {@link SuppressingEvents}, as
 * the outbox and incoming reports write theirs: the hard bounces, complaints and unsubscribes are suppressed.
 * Each message is sent, then delivered, deferred, bounced or opened and clicked; weekends are quiet.
 * A fixed seed makes every demo store the same, which the UI tests rely on.
 */
final class DemoEvents {
    static final int DAYS = 90;
    private static final int BATCH = 5_000;
    private static final String[] MAILBOXES = {
        "gmail.com",
        "gmail.com",
        "gmail.com",
        "outlook.com",
        "outlook.com",
        "yahoo.com",
        "hotmail.com",
        "icloud.com",
        "gmx.de",
        "aol.com",
        "web.de",
        "proton.me"
    };
    private static final String[] DEFERRALS = {"4.7.28", "4.2.2", "4.4.7", "4.7.0", "4.2.1"};

    /** How one client sends: volume per weekday, and how much of it goes wrong. */
    record Profile(
            TenantId tenant,
            List<String> domains,
            int perDay,
            double hardBounce,
            double softBounce,
            double deferred,
            double complaint,
            double open,
            double spikeToday) {}

    private final Services services;
    private final Random random = new Random(20261102);
    private final List<Event> pending = new ArrayList<>(BATCH);
    private final SuppressingEvents recorder;
    private long written;
    private int suppressed;

    DemoEvents(Services services) {
        this.services = services;
        this.recorder = new SuppressingEvents(
                services.events(),
                new dev.mailroom.persistence.suppressions.JooqSuppressionStore(
                        services.store().transactions()));
    }

    /** Suppression entries the written events made. */
    int suppressed() {
        return suppressed;
    }

    long write(List<Profile> profiles) {
        return write(profiles, (day, days, events) -> {});
    }

    /** Told after each day is generated: {@code day} of {@code days}, and the events written so far. */
    interface DayDone {
        void done(int day, int days, long events);
    }

    long write(List<Profile> profiles, DayDone progress) {
        Instant now = services.clock().instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int d = DAYS - 1; d >= 0; d--) {
            LocalDate day = today.minusDays(d);
            for (Profile p : profiles) {
                boolean spike = d == 0 && p.spikeToday() > 1;
                boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
                // A spike is a campaign sent whatever the day.
                double weekday = weekend && !spike ? 0.35 : 1.0;
                double growth = 0.75 + 0.25 * (DAYS - d) / DAYS;
                double factor = d == 0 ? p.spikeToday() : 1.0;
                // The troubled client's list went bad a month ago: its bounces climb from then on.
                double trouble = d < 30 ? 1.0 : 0.25;
                int messages =
                        (int) Math.round(p.perDay() * weekday * growth * factor * (0.85 + 0.3 * random.nextDouble()));
                for (int m = 0; m < messages; m++) {
                    Instant at = day.atStartOfDay()
                            .toInstant(ZoneOffset.UTC)
                            .plusSeconds(6 * 3600 + random.nextInt(14 * 3600));
                    if (at.isAfter(now)) {
                        at = now.minusSeconds(random.nextInt(3600));
                    }
                    message(p, at, trouble);
                }
            }
            progress.done(DAYS - d, DAYS, written + pending.size());
        }
        flush();
        return written;
    }

    private void message(Profile p, Instant at, double trouble) {
        String domain = p.domains().get(random.nextInt(p.domains().size()));
        String mailbox = MAILBOXES[random.nextInt(MAILBOXES.length)];
        String recipient = DemoMessages.address(random.nextInt(40_000), mailbox);
        String messageId = "<" + Long.toHexString(random.nextLong()) + "@" + domain + ">";
        add(p, domain, at, recipient, messageId, EventType.SENT, EventDetails.NONE);
        double hard = p.hardBounce() * (p.hardBounce() > 0.02 ? trouble : 1.0);
        double roll = random.nextDouble();
        if (roll < hard) {
            add(
                    p,
                    domain,
                    at.plusSeconds(2),
                    recipient,
                    messageId,
                    EventType.HARD_BOUNCE,
                    details(550, "5.1.1", "550 5.1.1 The email account that you tried to reach does not exist"));
            return;
        }
        if (roll < hard + p.softBounce()) {
            add(
                    p,
                    domain,
                    at.plusSeconds(60),
                    recipient,
                    messageId,
                    EventType.SOFT_BOUNCE,
                    details(452, "4.2.2", "452 4.2.2 The recipient's inbox is out of storage space"));
            return;
        }
        if (random.nextDouble() < p.deferred()) {
            String code = DEFERRALS[
                    Math.min(DEFERRALS.length - 1, (int)
                            (random.nextDouble() * random.nextDouble() * DEFERRALS.length))];
            add(
                    p,
                    domain,
                    at.plusSeconds(5),
                    recipient,
                    messageId,
                    EventType.DEFERRED,
                    details(code.equals("4.2.2") ? 452 : 421, code, "try again later"));
        }
        Instant delivered = at.plusSeconds(3 + random.nextInt(600));
        add(p, domain, delivered, recipient, messageId, EventType.DELIVERED, EventDetails.NONE);
        if (random.nextDouble() < p.open()) {
            Instant opened = delivered.plusSeconds(60 + random.nextInt(6 * 3600));
            add(p, domain, opened, recipient, messageId, EventType.OPENED, EventDetails.NONE);
            if (random.nextDouble() < 0.22) {
                add(p, domain, opened.plusSeconds(20), recipient, messageId, EventType.CLICKED, EventDetails.NONE);
            }
        }
        if (random.nextDouble() < p.complaint() * (p.complaint() > 0.002 ? trouble : 1.0)) {
            add(
                    p,
                    domain,
                    delivered.plusSeconds(3600),
                    recipient,
                    messageId,
                    EventType.COMPLAINED,
                    complaint(domain, recipient, delivered));
        } else if (random.nextDouble() < 0.001) {
            add(
                    p,
                    domain,
                    delivered.plusSeconds(1800),
                    recipient,
                    messageId,
                    EventType.UNSUBSCRIBED,
                    EventDetails.NONE);
        }
    }

    /**
     * A complaint as a mailbox provider's feedback loop reports it (RFC 5965): the fields follow from
     * the message, so the demo's random sequence is not touched.
     */
    private static EventDetails complaint(String domain, String recipient, Instant delivered) {
        String isp = recipient.substring(recipient.indexOf('@') + 1);
        ComplaintReport report = new ComplaintReport(
                "abuse",
                Optional.of("FBL-Reporter/2.1 (" + isp + ")"),
                Optional.of("1"),
                Optional.of("203.0.113." + (1 + Math.floorMod(domain.hashCode(), 200))),
                Optional.of(DateTimeFormatter.RFC_1123_DATE_TIME.format(delivered.atOffset(ZoneOffset.UTC))),
                Optional.of(delivered),
                List.of(domain),
                List.of(),
                List.of("mx." + isp + "; spf=pass smtp.mailfrom=bounces." + domain + "; dkim=pass header.d=" + domain
                        + "; dmarc=pass header.from=" + domain),
                Optional.of("<bounces@" + domain + ">"),
                List.of("<" + recipient + ">"),
                Optional.empty(),
                Optional.of("dns; fbl." + isp),
                OptionalInt.empty());
        return new EventDetails(
                OptionalInt.empty(),
                Optional.empty(),
                "Feedback-Type: abuse · Source-IP: " + report.sourceIp().orElse(""),
                Optional.of(report));
    }

    private static EventDetails details(int reply, String status, String text) {
        return new EventDetails(OptionalInt.of(reply), Optional.of(EnhancedStatus.of(status)), text);
    }

    private void add(
            Profile p,
            String domain,
            Instant at,
            String recipient,
            String messageId,
            EventType type,
            EventDetails details) {
        pending.add(new Event(p.tenant(), domain, at, recipient, Optional.of(messageId), type, details));
        if (pending.size() >= BATCH) {
            flush();
        }
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Event> batch = List.copyOf(pending);
        pending.clear();
        // Bounces, complaints and unsubscribes reach the suppression list the way real ones do.
        services.store().transactions().run(() -> suppressed += recorder.record(batch));
        written += batch.size();
    }
}
