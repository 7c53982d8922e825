package dev.mailroom.mailer.activity;

import dev.mailroom.model.activity.BounceClassifier;
import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one incoming message and says what it is: a delivery status notification (RFC 3464, or
 * one of the common non-standard bounce formats), a feedback report (RFC 5965 ARF, Microsoft's
 * JMRP, Apple's unsubscribe), an RFC 3834 auto-reply, or an ordinary message.
 *
 * <p>It never throws: input that cannot be read at all gives {@link ReportKind#UNREADABLE} with a
 * note, a broken MIME structure is read as plain text, and at most {@code maxBytes} of the message
 * are read (the report parts come before the returned original, so a huge attachment only loses
 * its own tail).
 *
 * <p>How a DSN recipient's status is chosen: the server's own code in {@code Diagnostic-Code}
 * ("550 5.7.1 …") wins over the reporting MTA's {@code Status} when both are of the same class,
 * because the reporting MTA often writes a generic {@code 5.0.0}; a code is read from the wording
 * only where no code is given at all ({@link ReportedRecipient#statusInferred()}).
 */
public final class BounceParser {
    public static final int DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
    private static final int MAX_PART_CHARS = 512 * 1024;

    private static final Pattern BOUNCE_SENDER = Pattern.compile(
            "(?i)mailer-daemon|mailer_daemon|mail-daemon|maildaemon|mdaemon|postmaster|microsoftexchange[0-9a-f]{32}@|mail delivery|delivery subsystem|mail administrator");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|delivery status notification|delivery (has )?fail|returned mail|failure notice"
                    + "|mail delivery failed|could not be delivered|non-?delivery|failed delivery|mail failure"
                    + "|delivery status|delayed mail|delivery problem|returned to sender|warning: message"
                    + "|could not send message|non-?deliverable|returned message|message not delivered|bounced mail"
                    + "|rejected mail"
                    // Exchange's and other servers' notices in the languages bounces most often come in.
                    + "|unzustellbar|nicht zugestellt|non remis|non distribu|no se puede entregar|no entregado"
                    + "|non recapitabile|non consegnato|onbestelbaar|niet bezorgd|n[aã]o entregue|n[aã]o foi poss[ií]vel entregar");
    private static final Pattern DELAY_WORDS = Pattern.compile(
            "(?i)has been delayed|delayed for|delayed mail|still being retried|will be retried|warning message only"
                    + "|this is a warning|temporary failure report|\\(delay\\)|delivery delayed|not yet been delivered"
                    + "|not been delivered yet|delivery attempts will continue|keep trying|still trying|will continue to try"
                    + "|is being retried|being retried|warning only|message delayed|delivery is delayed|delayed \\d"
                    + "|will retry|temporary problem delivering|delivery incomplete|queued for later delivery|will continue trying"
                    // The server, not the sender, will try again ("please try again later" asks the sender).
                    + "|we['’]?ll try again|we will try again|will try to deliver it again|will attempt (delivery|to deliver) again"
                    + "|delivery will be attempted again"
                    + "|could not send message for past|still undelivered after"
                    + "|se volver[aá] a intentar|wird (sp[aä]ter )?erneut versucht|sera r[ée]essay[ée]|ritenter[aà]"
                    + "|wordt (later )?opnieuw (geprobeerd|verzonden)|ser[aá] tentad[ao] novamente");
    /** Words of a virus scanner's notice about a message it stopped. */
    private static final Pattern VIRUS_NOTICE = Pattern.compile(
            "(?i)virus alert|virus(es)? (was |were )?(found|detected)|found (a )?virus|contain(s|ed) (a )?virus"
                    + "|(is|was) infected|infected (message|attachment|file)|malware (was )?detected");
    /**
     * A notice that promises more attempts ("Gmail will retry for 46 more hours", "Delivery attempts will
     * continue"): a delay even where it quotes the server's 5xx answer to the last attempt.
     */
    private static final Pattern RETRY_PROMISED = Pattern.compile(
            "(?i)will retry for|delivery attempts will continue|will continue to try|will continue trying|we['’]?ll try again"
                    + "|we will try again|delivery will be attempted again|will be notified if|notified if the"
                    + " delivery fails|still being retried|will keep trying");
    /** Words of a final failure: with these, delay words elsewhere in the text do not make it a delay. */
    private static final Pattern PERMANENT_WORDS = Pattern.compile(
            // Sendmail's warning heads its list "transient non-fatal errors": that is no fatal error; Gmail's
            // delay says "You'll be notified if the delivery fails permanently".
            "permanent error|(?<!fails )permanently|(?<!non-)fatal error|permanent fatal|i've given up|have given up|has given up"
                    + "|will not be retried|won't be retried|not be retried|no further attempts|retry timeout exceeded"
                    + "|in the queue too long|too long in the queue"
                    + "|erreur permanente|error permanente|errore permanente|permanenter fehler|erro permanente"
                    + "|permanente fout|nicht erneut versucht");

    /** Mailboxes of a mail system or its administrator: a bounce may come from them with a sender. */
    private static final Set<String> SYSTEM_LOCALS = Set.of(
            "admin",
            "administrator",
            "root",
            "system",
            "daemon",
            "mail",
            "mailer",
            "mailadmin",
            "nobody",
            "noreply",
            "no-reply",
            "bounce",
            "bounces",
            "smtp",
            "mta",
            "exchange",
            "notes",
            "gateway");

    /** Mailboxes of the mail system itself (not "noreply", which sends newsletters and auto-replies). */
    private static final Set<String> MAIL_SYSTEM_LOCALS = Set.of(
            "mail", "mailer", "system", "daemon", "smtp", "mta", "gateway", "mailsystem", "mailserver", "mail-server");

    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
            "(?i)^\\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|away from|away until|vacation"
                    + "|abwesenheit|r[ée]ponse automatique|autoreply|auto:)");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^[ \\t]*+Message-I[Dd]:[ \\t]*+(\\S[^\\r\\n]*+)");
    private static final Pattern REPLY_START = Pattern.compile("(?<![\\w.\\-#:/=\\[+])[245][0-5]\\d[\\s\\-']");

    /** The time one message may take to read before it is recorded as unreadable ({@link ReadBudget}). */
    public static final Duration READ_BUDGET = Duration.ofSeconds(10);

    private final int maxBytes;
    private final Duration budget;
    private final Session session;

    public BounceParser() {
        this(DEFAULT_MAX_BYTES);
    }

    public BounceParser(int maxBytes) {
        this(maxBytes, READ_BUDGET);
    }

    BounceParser(int maxBytes, Duration budget) {
        this.budget = budget;
        if (maxBytes < 1024) {
            throw new IllegalArgumentException("maxBytes must be at least 1 KiB");
        }
        this.maxBytes = maxBytes;
        Properties p = new Properties();
        p.setProperty("mail.mime.address.strict", "false");
        p.setProperty("mail.mime.parameters.strict", "false");
        p.setProperty("mail.mime.multipart.allowempty", "true");
        p.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        p.setProperty("mail.mime.base64.ignoreerrors", "true");
        this.session = Session.getInstance(p);
    }

    /** Reads at most {@code maxBytes} of {@code in} (it is not closed). */
    public InboundReport parse(InputStream in) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            boolean truncated = false;
            while ((n = in.read(buf)) > 0) {
                int room = maxBytes - out.size();
                if (n > room) {
                    out.write(buf, 0, room);
                    truncated = true;
                    break;
                }
                out.write(buf, 0, n);
            }
            return read(out.toByteArray(), truncated);
        } catch (IOException e) {
            return InboundReport.nothing(ReportKind.UNREADABLE, "The message could not be read: " + e.getMessage());
        }
    }

    public InboundReport parse(byte[] message) {
        if (message.length > maxBytes) {
            byte[] head = new byte[maxBytes];
            System.arraycopy(message, 0, head, 0, maxBytes);
            return read(head, true);
        }
        return read(message, false);
    }

    private InboundReport read(byte[] raw, boolean truncated) {
        ReadBudget.start(budget);
        try {
            InboundReport report = readOrThrow(raw, 0);
            if (truncated) {
                return new InboundReport(
                        report.kind(),
                        report.recipients(),
                        report.originalMessageId(),
                        report.note() + " Only the first " + (maxBytes / 1024) + " KiB of the message were read.");
            }
            return report;
        } catch (ReadBudget.Exceeded e) {
            return InboundReport.nothing(
                    ReportKind.UNREADABLE,
                    "Reading this message took longer than " + budget.toSeconds()
                            + " s, so it was left for a person to look at.");
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            return InboundReport.nothing(
                    ReportKind.UNREADABLE,
                    "The message could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        } finally {
            ReadBudget.end();
        }
    }

    private InboundReport readOrThrow(byte[] raw, int depth) {
        raw = withoutLeadingBlankLines(raw);
        if (!looksLikeMail(raw)) {
            return InboundReport.nothing(ReportKind.UNREADABLE, "This is not an e-mail message (no header lines).");
        }
        MimeMessage message;
        try {
            message = new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (Exception e) {
            return InboundReport.nothing(
                    ReportKind.UNREADABLE, "The message headers could not be read: " + e.getMessage());
        }
        Headers top = new Headers(message);
        if (depth > 0
                && top.failedRecipients.isEmpty()
                && !BOUNCE_SENDER.matcher(top.from).find()
                && !top.nullSender()) {
            // An attached message read as a bounce only when a mail system sent it (the returned
            // original, our own mail, is never read for recipients).
            return InboundReport.nothing(ReportKind.NOT_A_REPORT, "The attached message is not a bounce.");
        }
        MessageParts parts = new MessageParts(MAX_PART_CHARS, 200, 12);
        parts.walk(message);
        List<String> readable = parts.readable();
        String notification = TextBounces.beforeOriginal(String.join("\n\n", readable));
        String problems = parts.problems.isEmpty() ? "" : " Note: " + String.join("; ", parts.problems) + ".";
        Optional<String> originalId = originalMessageId(parts);

        Optional<InboundReport> feedback = Feedback.read(parts, top, originalId);
        if (feedback.isPresent()) {
            InboundReport f = feedback.get();
            return new InboundReport(
                    f.kind(), f.recipients(), f.originalMessageId(), f.note() + problems, f.complaint());
        }

        boolean bounceContext = top.bounceContext();
        String folded = Codes.fold(notification);
        if (challenge(folded + " " + Codes.fold(String.join(" ", parts.deliveryStatus)))) {
            return new InboundReport(
                    ReportKind.AUTO_REPLY,
                    List.of(),
                    originalId.or(top::inReplyTo),
                    "A challenge-response request (the recipient's filter asks the sender to confirm); nothing"
                            + " to record." + problems);
        }
        boolean delayNotice = (DELAY_WORDS.matcher(top.subject).find()
                        || DELAY_WORDS.matcher(folded).find())
                && !PERMANENT_WORDS.matcher(folded).find();
        Set<String> ignore = top.ownAddresses();
        String whole = String.join("\n\n", readable);
        String copy = whole.substring(notification.length());
        Set<String> senders = originalSenders(parts.originalHeaders, copy);
        Map<String, TextBounces.Block> blocks = TextBounces.blocks(notification, ignore);

        List<Fields> dsn = new ArrayList<>();
        for (String status : parts.deliveryStatus) {
            dsn.addAll(recipientGroups(Fields.groups(status)));
        }
        String how = "an RFC 3464 delivery status notification";
        if (dsn.isEmpty()
                && Pattern.compile("(?im)^[ \\t]*+(Final|Original)-Recipient:")
                        .matcher(parts.all)
                        .find()) {
            // A DSN whose MIME structure was lost (no boundaries) or that was pasted into the text.
            dsn.addAll(recipientGroups(Fields.groups(TextBounces.beforeOriginal(parts.all.toString()))));
            how = "the delivery status fields in the text of a report";
        }
        if (!dsn.isEmpty()) {
            List<ReportedRecipient> recipients = new ArrayList<>();
            for (Fields group : dsn) {
                recipients.add(fromDsn(group, blocks, delayNotice, sentTo(parts, blocks, ignore, senders)));
            }
            return new InboundReport(
                    ReportKind.DELIVERY_STATUS, dedupe(recipients), originalId, "Read as " + how + "." + problems);
        }

        if (VIRUS_NOTICE.matcher(folded + " " + top.subject).find()
                && Codes.scan(folded).reply().isEmpty()
                && Codes.scan(folded).status().isEmpty()) {
            // AMaViS's "VIRUS ALERT … Delivery of the email was stopped!", a gateway's "blocked because it
            // contained a virus": the scanner stopped this message for its content; the recipient's
            // address is not at fault. (A server that refused it with a 5xx is a bounce, read below.)
            return InboundReport.nothing(
                    ReportKind.NOT_A_REPORT,
                    "A virus scanner's notice about the message's content, not a bounce; nothing recorded." + problems);
        }
        if (bounceContext) {
            List<ReportedRecipient> recipients = fromText(
                    top,
                    blocks,
                    notification,
                    delayNotice,
                    senders,
                    () -> recipientNames(parts.originalHeaders, copy),
                    () -> originalRecipients(parts.originalHeaders, copy));
            if (!recipients.isEmpty()) {
                return new InboundReport(
                        ReportKind.DELIVERY_STATUS,
                        recipients,
                        originalId,
                        "Read as a bounce in " + (top.failedRecipients.isEmpty() ? "plain-text" : "Exim-style")
                                + " form." + problems);
            }
        }
        if (top.autoReply()) {
            return new InboundReport(
                    ReportKind.AUTO_REPLY,
                    List.of(),
                    top.inReplyTo(),
                    "An automatic reply (" + top.autoReplyReason + "); nothing to record." + problems);
        }
        if (bounceContext && depth == 0) {
            // A gateway that passes on a bounce it received ("The bounce below was received for your
            // domain"), attached whole: the attached message is the bounce, read as one (one level).
            for (String attached : parts.attachedMessages) {
                InboundReport inner = readOrThrow(attached.getBytes(StandardCharsets.UTF_8), 1);
                if (inner.kind() == ReportKind.DELIVERY_STATUS
                        && !inner.recipients().isEmpty()) {
                    return new InboundReport(
                            inner.kind(),
                            inner.recipients(),
                            inner.originalMessageId().or(() -> originalId),
                            inner.note() + " (The bounce was attached to a notice that passed it on.)" + problems,
                            inner.complaint());
                }
            }
        }
        if (bounceContext) {
            return InboundReport.nothing(
                    ReportKind.NOT_A_REPORT,
                    "Looks like a bounce, but names no failed recipient that could be read; nothing recorded."
                            + problems);
        }
        return InboundReport.nothing(
                ReportKind.NOT_A_REPORT, "Not a bounce or a complaint; nothing recorded." + problems);
    }

    /** Header names of the returned original that name its sender (never the failed recipient). */
    private static final Set<String> SENDER_HEADERS =
            Set.of("from", "sender", "reply-to", "return-path", "errors-to", "resent-from");

    /**
     * The sender's addresses as the returned original names them (its From, Sender, Reply-To,
     * Return-Path), from its headers part and from the copy after the notification's text (lower case).
     */
    static Set<String> originalSenders(List<String> headerParts, String copy) {
        Set<String> out = new HashSet<>();
        List<String> sources = new ArrayList<>(headerParts);
        sources.add(copy.length() > 32768 ? copy.substring(0, 32768) : copy);
        for (String headers : sources) {
            int seen = 0;
            for (String line : TextBounces.lines(headers)) {
                if (++seen > 200) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || colon > 20) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                if (SENDER_HEADERS.contains(name)) {
                    for (TextBounces.Found f : TextBounces.addresses(line.substring(colon + 1))) {
                        out.add(f.address().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    /**
     * Display name (lower case) → address, from the returned original's To and Cc ("\"Bea Strand\"
     * <bea@example.com>", "Bea Strand <bea@example.com>"); names of five characters or more, at
     * most 50 names.
     */
    static Map<String, String> recipientNames(List<String> headerParts, String copy) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>(headerParts);
        sources.add(copy.length() > 32768 ? copy.substring(0, 32768) : copy);
        for (String headers : sources) {
            int seen = 0;
            for (String line : TextBounces.lines(headers)) {
                if (++seen > 200) {
                    break;
                }
                String lower = line.toLowerCase(Locale.ROOT);
                if (!(lower.startsWith("to:") || lower.startsWith("cc:"))) {
                    continue;
                }
                for (String part : line.substring(3).split(",")) {
                    int lt = part.indexOf('<');
                    List<TextBounces.Found> found = TextBounces.addresses(part);
                    if (lt <= 0 || found.size() != 1) {
                        continue;
                    }
                    String name = part.substring(0, lt)
                            .replace("\"", "")
                            .replace("'", "")
                            .trim();
                    if (name.length() >= 5
                            && name.length() <= 64
                            && name.chars().anyMatch(Character::isLetter)) {
                        out.putIfAbsent(Codes.fold(name), found.get(0).address());
                        if (out.size() >= 50) {
                            // Each notification line is compared with each name: keep that bounded.
                            return out;
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * Lines of the notification (not header lines) that start with a display name of the original's
     * recipients, alone or followed by " on <date>": that recipient's address → the lines after it.
     */
    private static Map<String, String> byDisplayName(String notification, Map<String, String> names) {
        Map<String, String> out = new LinkedHashMap<>();
        if (names.isEmpty()) {
            return out;
        }
        List<String> lines = TextBounces.lines(notification);
        for (int i = 0; i < lines.size(); i++) {
            String line = TextBounces.unquote(lines.get(i)).trim();
            if (line.isEmpty() || TextBounces.headerLine(line)) {
                continue;
            }
            String folded = Codes.fold(line.replace("'", "").replace("\"", ""));
            for (Map.Entry<String, String> n : names.entrySet()) {
                String name = n.getKey();
                if (folded.startsWith(name)
                        && (folded.length() == name.length() || folded.startsWith(" on ", name.length()))) {
                    StringBuilder reason = new StringBuilder();
                    for (int k = i + 1;
                            k < lines.size() && k < i + 8 && !lines.get(k).isBlank();
                            k++) {
                        reason.append(lines.get(k)).append('\n');
                    }
                    out.putIfAbsent(n.getValue(), reason.toString());
                }
            }
        }
        return out;
    }

    /**
     * Messages saved from some mail programs start with empty lines, or lines of blanks, before their
     * headers; a mail reader would take the first empty line as the end of the headers. At most 64 KiB
     * of them are skipped.
     */
    static byte[] withoutLeadingBlankLines(byte[] raw) {
        int limit = Math.min(raw.length, 64 * 1024);
        int start = 0;
        int i = 0;
        while (i < limit) {
            byte b = raw[i];
            if (b == '\n') {
                start = i + 1;
            } else if (b != ' ' && b != '\t' && b != '\r') {
                break;
            }
            i++;
        }
        if (start == 0) {
            return raw;
        }
        byte[] out = new byte[raw.length - start];
        System.arraycopy(raw, start, out, 0, out.length);
        return out;
    }

    /** Challenge-response filters (Boxbe, Spam Arrest…): the mail waits for the sender to confirm. */
    private static final String[] CHALLENGE_WORDS = {
        "not pre-approved", "has been waitlisted", "boxbe guest list", "requires confirmation",
        "challenge-response", "challenge/response", "confirm that you are a human", "verify that you are a human",
        "prove you are a human", "spam arrest", "add yourself to my guest list"
    };

    static boolean challenge(String folded) {
        for (String w : CHALLENGE_WORDS) {
            if (folded.contains(w)) {
                return true;
            }
        }
        return false;
    }

    private static boolean looksLikeMail(byte[] raw) {
        int end = Math.min(raw.length, 4096);
        String head = new String(raw, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
        return Pattern.compile("(?m)^[A-Za-z][A-Za-z0-9-]*:").matcher(head).find();
    }

    private static List<Fields> recipientGroups(List<Fields> groups) {
        List<Fields> out = new ArrayList<>();
        for (Fields g : groups) {
            if (g.has("final-recipient") || (g.has("original-recipient") && (g.has("action") || g.has("status")))) {
                out.add(g);
            }
        }
        return out;
    }

    /**
     * Where a DSN's {@code Final-Recipient} is no address we could have sent to (X.400, an internal
     * host): the one address the text names, else the one the returned original was addressed to.
     */
    private static Optional<String> sentTo(
            MessageParts parts, Map<String, TextBounces.Block> blocks, Set<String> ignore, Set<String> senders) {
        if (blocks.size() == 1) {
            return Optional.of(blocks.keySet().iterator().next());
        }
        // The envelope recipient, as the returned original's trace headers name it ("Received: … for
        // <a@b>; date"): one address in all of them.
        Set<String> envelope = new LinkedHashSet<>();
        for (String headers : parts.originalHeaders) {
            StringBuilder received = null;
            int seen = 0;
            for (String line : TextBounces.lines(headers)) {
                if (++seen > 200) {
                    break;
                }
                boolean folded = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
                if (received != null && folded && received.length() < 2000) {
                    received.append(' ').append(line.trim());
                    continue;
                }
                if (received != null) {
                    envelope.addAll(receivedFor(received.toString()));
                    received = null;
                }
                if (line.regionMatches(true, 0, "Received:", 0, 9)) {
                    received = new StringBuilder(line);
                }
            }
            if (received != null) {
                envelope.addAll(receivedFor(received.toString()));
            }
        }
        envelope.removeIf(a -> ignore.contains(a) || senders.contains(a));
        if (envelope.size() == 1) {
            return Optional.of(envelope.iterator().next());
        }
        for (String headers : parts.originalHeaders) {
            for (String line : TextBounces.lines(headers)) {
                if (line.regionMatches(true, 0, "To:", 0, 3)) {
                    List<TextBounces.Found> found = TextBounces.addresses(line);
                    if (found.size() == 1) {
                        String a = found.get(0).address().toLowerCase(Locale.ROOT);
                        // The sender's own address (a Bcc send, "To: Client News <news@client>") is no recipient.
                        return ignore.contains(a) || senders.contains(a)
                                ? Optional.empty()
                                : Optional.of(found.get(0).address());
                    }
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The addresses after " for " in one unfolded Received header ("… for <a@b>; Wed, 4 Nov"), lower case. */
    private static List<String> receivedFor(String header) {
        String lower = header.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf(" for ");
        if (at < 0) {
            return List.of();
        }
        int semi = lower.indexOf(';', at);
        String part = header.substring(at + 5, semi < 0 ? header.length() : semi);
        List<String> out = new ArrayList<>();
        for (TextBounces.Found f : TextBounces.addresses(part)) {
            out.add(f.address().toLowerCase(Locale.ROOT));
        }
        return out.size() == 1 ? out : List.of();
    }

    /** An Internet address of a public domain, as a DSN's rfc822-typed recipient field names it. */
    static boolean deliverable(String typedValue, String address) {
        int semi = typedValue.indexOf(';');
        String type = semi > 0 ? typedValue.substring(0, semi).trim().toLowerCase(Locale.ROOT) : "rfc822";
        int at = address.indexOf('@');
        if (!(type.equals("rfc822") || type.equals("utf-8")) || at <= 0) {
            return false;
        }
        String local = address.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = address.substring(at + 1).toLowerCase(Locale.ROOT);
        return domain.contains(".")
                && !local.startsWith("imcea")
                && !(domain.endsWith(".local")
                        || domain.endsWith(".lan")
                        || domain.endsWith(".internal")
                        || domain.endsWith(".localdomain")
                        || domain.endsWith(".localhost")
                        || domain.endsWith(".intranet")
                        || domain.endsWith(".corp"));
    }

    private static ReportedRecipient fromDsn(
            Fields g, Map<String, TextBounces.Block> blocks, boolean delayNotice, Optional<String> sentTo) {
        String finalField = g.first("final-recipient").orElse("");
        String originalField = g.first("original-recipient").orElse("");
        String finalRcpt = address(Fields.untyped(finalField));
        String originalRcpt = address(Fields.untyped(originalField));
        if (!originalRcpt.isEmpty() && !deliverable(originalField, originalRcpt)) {
            originalRcpt = "";
        }
        if (!finalRcpt.isEmpty() && !deliverable(finalField, finalRcpt)) {
            // X.400 or an internal mailbox: record the address that was sent to.
            finalRcpt = originalRcpt.isEmpty() ? sentTo.orElse(finalRcpt) : originalRcpt;
        }
        String recipient = finalRcpt.isEmpty() ? originalRcpt : finalRcpt;
        Optional<String> original = originalRcpt.isEmpty() || originalRcpt.equalsIgnoreCase(recipient)
                ? Optional.empty()
                : Optional.of(originalRcpt);
        Optional<EnhancedStatus> given = g.first("status").flatMap(EnhancedStatus::parse);
        String diagnostic = g.first("diagnostic-code").map(Fields::untyped).orElse("");
        TextBounces.Block block = blocks.get(recipient.toLowerCase(Locale.ROOT));
        if (block == null && original.isPresent()) {
            block = blocks.get(original.get().toLowerCase(Locale.ROOT));
        }
        if (diagnostic.isBlank() && block != null) {
            diagnostic = block.diagnostic();
        }
        Codes.Found found = Codes.scan(diagnostic);
        DeliveryAction fallbackAction = given.map(s -> s.isSuccess()
                        ? DeliveryAction.DELIVERED
                        : s.isTransient() && delayNotice ? DeliveryAction.DELAYED : DeliveryAction.FAILED)
                .orElse(delayNotice ? DeliveryAction.DELAYED : DeliveryAction.FAILED);
        DeliveryAction action = DeliveryAction.parse(g.first("action").orElse(null), fallbackAction);

        Optional<EnhancedStatus> status = given;
        boolean inferred = false;
        if (found.status().isPresent()
                && (given.isEmpty()
                        || given.get().statusClass() == found.status().get().statusClass())) {
            status = found.status();
        }
        if (status.isEmpty()) {
            int cls = found.reply().isPresent()
                    ? found.reply().getAsInt() / 100
                    : action == DeliveryAction.DELAYED ? 4 : action == DeliveryAction.DELIVERED ? 2 : 5;
            status = Optional.of(Codes.make(cls, Codes.guessDetail(diagnostic).orElse("0.0")));
            inferred = true;
        }
        String wording = diagnostic + (block == null ? "" : "\n" + block.text);
        Optional<EnhancedStatus> implied = Codes.implied(status.get().statusClass(), wording);
        return new ReportedRecipient(
                recipient,
                original,
                action,
                status,
                inferred,
                found.reply(),
                oneLine(diagnostic),
                BounceClassifier.severity(action, status, implied),
                Optional.empty());
    }

    private static List<ReportedRecipient> fromText(
            Headers top,
            Map<String, TextBounces.Block> blocks,
            String notification,
            boolean delayNotice,
            Set<String> senders,
            java.util.function.Supplier<Map<String, String>> names,
            java.util.function.Supplier<Set<String>> originals) {
        DeliveryAction action = delayNotice ? DeliveryAction.DELAYED : DeliveryAction.FAILED;
        Map<String, String> chosen = new LinkedHashMap<>();
        Map<String, Integer> strength = new LinkedHashMap<>();
        int strongest = 0;
        for (TextBounces.Block b : blocks.values()) {
            String text = b.before + "\n" + b.text;
            Codes.Found f = Codes.scan(text);
            boolean named = top.failedRecipients.stream().anyMatch(r -> r.equalsIgnoreCase(b.address));
            boolean coded = f.status().map(s -> !s.isSuccess()).orElse(false)
                    || (f.reply().isPresent() && f.reply().getAsInt() >= 400)
                    || Codes.guessDetail(text).isPresent();
            if (b.labelSuccess && !named) {
                // "Delivered: a@b" in a report that lists each recipient's outcome.
                continue;
            }
            int level = named || coded || b.labelDelay != null ? 3 : b.context;
            if (level > 0) {
                chosen.put(b.address, text);
                strength.put(b.address, level);
                strongest = Math.max(strongest, level);
            }
        }
        if (strongest >= 3) {
            // Addresses whose own words say what failed; the others are mentioned in passing, unless
            // they open a line of the same failure paragraph (a list: "jade@b\n  retry timeout not reached")
            // or of a list under a failure heading (Exim's entries, one paragraph each).
            strength.forEach((address, level) -> {
                TextBounces.Block b = blocks.get(address);
                if (level < 3 && !(level >= 1 && b != null && b.startsLine)) {
                    chosen.remove(address);
                }
            });
        }
        if (chosen.keySet().stream().anyMatch(a -> !senders.contains(a))) {
            // The original's sender, quoted in the text beside the failed recipient, is not one; alone it
            // may be (a list member whose own post came back to them, a forged sender).
            chosen.keySet().removeIf(senders::contains);
        }
        if (chosen.isEmpty() && top.failedRecipients.isEmpty()) {
            // AOL: "…could not be delivered because…:" then the mailbox name without its domain.
            String domain = top.fromDomain();
            if (!domain.isEmpty()) {
                for (String name : TextBounces.bareNames(notification)) {
                    chosen.put(name + "@" + domain, failureSection(notification));
                }
            }
        }
        if (chosen.isEmpty() && top.failedRecipients.isEmpty()) {
            // Exchange 5.5: "did not reach the following recipient(s):\n\nBea Strand on …", the address
            // only in the returned original's "To: "Bea Strand" <bea@…>".
            chosen.putAll(byDisplayName(notification, names.get()));
        }
        if (chosen.isEmpty()) {
            // Exim and Google also name the failed recipients in X-Failed-Recipients; used when the
            // text names none that can be read (Exim's "save to …", a bare local part, Japanese text).
            for (String r : top.failedRecipients) {
                TextBounces.Block b = blocks.get(r.toLowerCase(Locale.ROOT));
                String text = b != null
                        ? b.text.toString()
                        : top.failedRecipients.size() == 1 ? failureSection(notification) : "";
                chosen.put(r, text);
            }
        }
        if (chosen.isEmpty()) {
            // "Subject: Delivery failure: a@b" over a text that names no address: the subject's.
            subjectRecipient(top, senders).ifPresent(a -> chosen.put(a, failureSection(notification)));
        }
        if (chosen.isEmpty()) {
            // GroupWise's "Message status - undeliverable" quotes the original's To: above its reason.
            noticeToRecipient(top, notification, senders).ifPresent(a -> chosen.put(a, failureSection(notification)));
        }
        Map<String, String> picked = rejoined(chosen, notification, originals);
        // Folded, so that wording wrapped over lines ("Gmail will\n    retry for 46 more hours") is found.
        boolean retryPromised = RETRY_PROMISED.matcher(Codes.fold(notification)).find();
        List<ReportedRecipient> out = new ArrayList<>();
        for (Map.Entry<String, String> e : picked.entrySet()) {
            String text = e.getValue();
            TextBounces.Block block = blocks.get(e.getKey().toLowerCase(Locale.ROOT));
            Codes.Found found = Codes.scan(text);
            // "User not listed in …" above the address, or a list headed "were unknown": the reason,
            // when the address's own lines give none.
            String wording = text;
            if (block != null
                    && found.status().isEmpty()
                    && found.reply().isEmpty()
                    && Codes.guessDetail(text).isEmpty()) {
                wording = text + "\n" + block.lead;
            }
            Optional<EnhancedStatus> status = found.status();
            boolean inferred = false;
            // The address's own label or list heading ("Failed:", "Delayed:", Sendmail's "transient
            // non-fatal errors") says more about it than the notice as a whole.
            boolean delay = block != null && block.labelDelay != null ? block.labelDelay : delayNotice;
            if (status.isEmpty()) {
                Optional<String> detail = Codes.guessDetail(wording);
                int cls;
                if (found.reply().isPresent()) {
                    cls = found.reply().getAsInt() / 100;
                } else if (delay || Codes.soundsLikeExpiry(wording)) {
                    // "retry timeout exceeded": the condition was a temporary one that outlasted the retries.
                    cls = 4;
                } else {
                    cls = 5;
                }
                status = Optional.of(Codes.make(cls == 2 ? 5 : cls, detail.orElse("0.0")));
                inferred = true;
            }
            DeliveryAction a = block != null && block.labelDelay != null
                    ? (block.labelDelay ? DeliveryAction.DELAYED : DeliveryAction.FAILED)
                    : status.get().isTransient() && delayNotice ? DeliveryAction.DELAYED : action;
            if (a == DeliveryAction.DELAYED && status.get().isPermanent() && !retryPromised) {
                a = DeliveryAction.FAILED;
            }
            Optional<EnhancedStatus> implied = Codes.implied(status.get().statusClass(), wording);
            Optional<String> generatedFrom =
                    block == null || block.generatedFrom == null ? Optional.empty() : Optional.of(block.generatedFrom);
            out.add(new ReportedRecipient(
                    e.getKey(),
                    generatedFrom,
                    a,
                    status,
                    inferred,
                    found.reply(),
                    oneLine(diagnosticOf(text)),
                    BounceClassifier.severity(a, status, implied),
                    Optional.empty()));
        }
        return out;
    }

    /**
     * The one address a bounce's subject names as the one that failed ("Delivery failure: a@b",
     * "Undeliverable mail to <a@b>", "failure notice for a@b"): right after the subject's failure words
     * and their ":", "to" or "for", with nothing but punctuation after it. An address anywhere else in
     * the subject (the original's subject, quoted after "Undeliverable:") is not taken.
     */
    static Optional<String> subjectRecipient(Headers top, Set<String> senders) {
        String subject = top.subject.length() > 300 ? top.subject.substring(0, 300) : top.subject;
        List<TextBounces.Found> found = TextBounces.addresses(subject);
        if (found.size() != 1) {
            return Optional.empty();
        }
        TextBounces.Found f = found.get(0);
        String before = subject.substring(0, f.start()).toLowerCase(Locale.ROOT).trim();
        while (!before.isEmpty() && "<\"'([".indexOf(before.charAt(before.length() - 1)) >= 0) {
            before = before.substring(0, before.length() - 1).trim();
        }
        String after = subject.substring(f.end());
        for (int k = 0; k < after.length(); k++) {
            if (">\"')]. \t".indexOf(after.charAt(k)) < 0) {
                return Optional.empty();
            }
        }
        if (!(before.endsWith(":") || before.endsWith(" to") || before.endsWith(" for"))) {
            return Optional.empty();
        }
        String words = before.endsWith(":") ? before.substring(0, before.length() - 1) : before;
        // Each part between colons is the notice's own words ("Warning: delayed mail to"); a part in
        // other words is the original's subject ("Undeliverable: Invoice sent to a@b").
        for (String part : words.split(":", 8)) {
            String w = part.trim();
            if (!(w.equals("warning")
                    || BOUNCE_SUBJECT.matcher(w).find()
                    || DELAY_WORDS.matcher(w).find())) {
                return Optional.empty();
            }
        }
        String address = f.address();
        String key = address.toLowerCase(Locale.ROOT);
        if (top.ownAddresses().contains(key)
                || senders.contains(key)
                || BOUNCE_SENDER.matcher(address).find()) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    /**
     * The one address of a "To:" line that the notice quotes from the original in its own text
     * ("Message status - undeliverable … To: a@b … could not be delivered"), when the notice says
     * delivery failed, names no other recipient (no second address in To, no Cc) and no success.
     */
    static Optional<String> noticeToRecipient(Headers top, String notification, Set<String> senders) {
        String folded = Codes.fold(notification);
        if (!TextBounces.hasFailureWords(TextBounces.withoutSuccess(folded))
                || TextBounces.withoutSuccess(folded).length() != folded.length()
                || TextBounces.readReceipt(folded)) {
            return Optional.empty();
        }
        Set<String> ignore = top.ownAddresses();
        String found = null;
        int seen = 0;
        for (String raw : TextBounces.lines(notification)) {
            if (++seen > 400) {
                break;
            }
            String line = TextBounces.unquote(raw).trim();
            int colon = line.indexOf(':');
            if (colon <= 0 || colon > 12) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            boolean to = name.equals("to");
            if (!(to || name.equals("cc") || name.equals("bcc"))) {
                continue;
            }
            for (TextBounces.Found f : TextBounces.addresses(line.substring(colon + 1))) {
                String key = f.address().toLowerCase(Locale.ROOT);
                if (ignore.contains(key) || senders.contains(key)) {
                    continue;
                }
                if (!to || (found != null && !found.equalsIgnoreCase(f.address()))) {
                    return Optional.empty();
                }
                found = f.address();
            }
        }
        return Optional.ofNullable(found);
    }

    /**
     * An address that ends a line, cut by a wrapping mail system after a whole label of its domain
     * ("a@mail.exam" / "ple.org"): read with the next line's start when the returned original was
     * sent to that longer address. (Without the original the two readings cannot be told apart, and
     * the text's own is kept.)
     */
    static Map<String, String> rejoined(
            Map<String, String> chosen, String notification, java.util.function.Supplier<Set<String>> originals) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        // The address at the end of each line → the domain-like word that starts the next one.
        Map<String, String> cut = new HashMap<>();
        List<String> lines = TextBounces.lines(notification);
        for (int i = 0; i + 1 < lines.size(); i++) {
            String line = lines.get(i).stripTrailing();
            List<TextBounces.Found> found = TextBounces.addresses(line);
            if (found.isEmpty() || found.get(found.size() - 1).end() != line.length()) {
                continue;
            }
            String next = lines.get(i + 1);
            int b = 0;
            while (b < next.length() && (next.charAt(b) == ' ' || next.charAt(b) == '\t' || next.charAt(b) == '>')) {
                b++;
            }
            int h = b;
            while (h < next.length() && h - b < 255 && TextBounces.domainChar(next.charAt(h))) {
                h++;
            }
            String head = next.substring(b, h);
            if (head.indexOf('.') > 0 && (h == next.length() || next.charAt(h) != '@')) {
                cut.putIfAbsent(found.get(found.size() - 1).address().toLowerCase(Locale.ROOT), head);
            }
        }
        if (cut.isEmpty() || chosen.keySet().stream().noneMatch(a -> cut.containsKey(a.toLowerCase(Locale.ROOT)))) {
            return chosen;
        }
        Set<String> sentTo = originals.get();
        Map<String, String> out = new LinkedHashMap<>();
        chosen.forEach((address, text) -> {
            String head = cut.get(address.toLowerCase(Locale.ROOT));
            String whole = head == null ? null : address + head;
            out.put(whole != null && sentTo.contains(whole.toLowerCase(Locale.ROOT)) ? whole : address, text);
        });
        return out;
    }

    /** The addresses of the returned original's To and Cc (lower case), at most 200. */
    static Set<String> originalRecipients(List<String> headerParts, String copy) {
        Set<String> out = new HashSet<>();
        List<String> sources = new ArrayList<>(headerParts);
        sources.add(copy.length() > 32768 ? copy.substring(0, 32768) : copy);
        for (String headers : sources) {
            int seen = 0;
            boolean open = false;
            for (String line : TextBounces.lines(headers)) {
                if (++seen > 200 || out.size() >= 200) {
                    break;
                }
                String lower = line.toLowerCase(Locale.ROOT);
                boolean folded = open && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
                open = folded || lower.startsWith("to:") || lower.startsWith("cc:");
                if (open) {
                    for (TextBounces.Found f : TextBounces.addresses(folded ? line : line.substring(3))) {
                        out.add(f.address().toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return out;
    }

    /** Exim: the text after "The following address(es) failed:". */
    private static String failureSection(String notification) {
        Matcher m = Pattern.compile("(?i)address(\\(es\\))?\\s++failed:|following\\s++recipients?[^\\n:]*+:")
                .matcher(notification);
        return m.find() ? notification.substring(m.end()) : notification;
    }

    /** From the first SMTP reply code on, when there is one: that is where the server's words start. */
    private static String diagnosticOf(String text) {
        String one = oneLine(text);
        Matcher m = REPLY_START.matcher(one);
        if (m.find()) {
            return one.substring(m.start());
        }
        return one;
    }

    static String oneLine(String text) {
        String d = (text.length() > 4000 ? text.substring(0, 4000) : text)
                .replaceAll("[\\r\\n]+", " ")
                .replaceAll("\\s+", " ")
                .trim();
        d = d.replaceAll("^\\(reason: (.*)\\)$", "$1");
        return d.length() > 500 ? d.substring(0, 500) + "…" : d;
    }

    private static List<ReportedRecipient> dedupe(List<ReportedRecipient> list) {
        Map<String, ReportedRecipient> seen = new LinkedHashMap<>();
        for (ReportedRecipient r : list) {
            seen.putIfAbsent(r.recipient().toLowerCase(Locale.ROOT) + "\u0000" + r.action(), r);
        }
        return new ArrayList<>(seen.values());
    }

    /** "<a@b.c>", "rfc822;a@b.c", "\"Name\" <a@b.c>" → "a@b.c"; anything else trimmed. */
    static String address(String value) {
        String v = value.trim();
        if (v.length() > 2000) {
            v = v.substring(0, 2000);
        }
        List<TextBounces.Found> found = TextBounces.addresses(v);
        if (!found.isEmpty()) {
            return found.get(0).address();
        }
        if (v.startsWith("<")) {
            v = v.substring(1);
        }
        if (v.endsWith(">")) {
            v = v.substring(0, v.length() - 1);
        }
        return v.trim();
    }

    private static Optional<String> originalMessageId(MessageParts parts) {
        for (String headers : parts.originalHeaders) {
            Matcher m = MESSAGE_ID.matcher(headers);
            if (m.find()) {
                return Optional.of(m.group(1).trim());
            }
        }
        String all = parts.all.toString();
        int start = TextBounces.beforeOriginal(all).length();
        Matcher m = MESSAGE_ID.matcher(all);
        if (m.find(start < all.length() ? start : 0)) {
            String id = m.group(1).trim();
            return Optional.of(id.length() > 998 ? id.substring(0, 998) : id);
        }
        return Optional.empty();
    }

    /** The top-level headers the classification looks at. */
    static final class Headers {
        final String from;
        final String to;
        final String subject;
        final String returnPath;
        final List<String> failedRecipients = new ArrayList<>();
        final MimeMessage message;
        String autoReplyReason = "";

        Headers(MimeMessage m) {
            this.message = m;
            this.from = header("From");
            this.to = header("To");
            this.returnPath = header("Return-Path");
            String s = header("Subject");
            try {
                s = MimeUtility.decodeText(s);
            } catch (Exception e) {
                // keep it encoded
            }
            this.subject = s;
            for (String value : all("X-Failed-Recipients")) {
                for (String part : value.split("[,\\s]+")) {
                    String a = address(part);
                    if (!a.isEmpty() && !failedRecipients.contains(a)) {
                        failedRecipients.add(a);
                    }
                }
            }
        }

        String header(String name) {
            List<String> v = all(name);
            return v.isEmpty() ? "" : v.get(0);
        }

        List<String> all(String name) {
            try {
                String[] v = message.getHeader(name);
                if (v == null) {
                    return List.of();
                }
                List<String> out = new ArrayList<>();
                for (String s : v) {
                    // A header is cut to 8 KiB before anything looks at it (a 128 KiB From is hostile).
                    String cut = s.length() > 8192 ? s.substring(0, 8192) : s;
                    out.add(cut.replaceAll("\\r?\\n[ \\t]+", " ").trim());
                }
                return out;
            } catch (Exception e) {
                return List.of();
            }
        }

        boolean bounceContext() {
            return !failedRecipients.isEmpty()
                    || BOUNCE_SENDER.matcher(from).find()
                    || (BOUNCE_SUBJECT.matcher(subject).find() && !fromPerson())
                    || (nullSender() && fromMailSystem());
        }

        /** The envelope sender is empty ("Return-Path: <>"), as for every bounce (RFC 5321 §4.5.5). */
        boolean nullSender() {
            return returnPath.replace(" ", "").equals("<>");
        }

        /** From a mail system's own mailbox ("mail@relay", "mailer@host", "smtp@gw"), not a person's. */
        boolean fromMailSystem() {
            List<TextBounces.Found> f = TextBounces.addresses(from);
            if (f.size() != 1) {
                return false;
            }
            String a = f.get(0).address().toLowerCase(Locale.ROOT);
            return MAIL_SYSTEM_LOCALS.contains(a.substring(0, a.indexOf('@')));
        }

        /**
         * Sent by a person from their own mailbox: the envelope sender (Return-Path) is the From address,
         * and neither is a mail system's. A bounce has an empty envelope sender (RFC 5321 §4.5.5), so
         * such a message is ordinary mail even when its subject says "Undeliverable" (a reply quoting a
         * bounce, a note about parcels).
         */
        boolean fromPerson() {
            if (!failedRecipients.isEmpty() || BOUNCE_SENDER.matcher(returnPath).find()) {
                return false;
            }
            List<TextBounces.Found> rp = TextBounces.addresses(returnPath);
            List<TextBounces.Found> f = TextBounces.addresses(from);
            if (rp.size() != 1
                    || f.size() != 1
                    || !rp.get(0).address().equalsIgnoreCase(f.get(0).address())) {
                return false;
            }
            String a = f.get(0).address().toLowerCase(Locale.ROOT);
            return !SYSTEM_LOCALS.contains(a.substring(0, a.indexOf('@')));
        }

        /** The domain of the bounce's From ("MAILER-DAEMON@aol.com" → "aol.com"), empty if none. */
        String fromDomain() {
            List<TextBounces.Found> f = TextBounces.addresses(from);
            if (f.isEmpty()) {
                return "";
            }
            String a = f.get(0).address();
            return a.substring(a.indexOf('@') + 1).toLowerCase(Locale.ROOT);
        }

        Set<String> ownAddresses() {
            Set<String> own = new HashSet<>();
            for (String h : List.of(from, to)) {
                for (TextBounces.Found f : TextBounces.addresses(h)) {
                    own.add(f.address().toLowerCase(Locale.ROOT));
                }
            }
            return own;
        }

        boolean autoReply() {
            String auto = header("Auto-Submitted").toLowerCase(Locale.ROOT);
            if (!auto.isEmpty() && !auto.startsWith("no")) {
                autoReplyReason = "Auto-Submitted: " + auto;
                return true;
            }
            for (String h : List.of("X-Autoreply", "X-Autorespond", "X-Auto-Response", "X-Vacation")) {
                if (!header(h).isEmpty()) {
                    autoReplyReason = h;
                    return true;
                }
            }
            String precedence = header("Precedence").toLowerCase(Locale.ROOT);
            if (precedence.contains("auto_reply") || precedence.contains("auto-reply")) {
                autoReplyReason = "Precedence: " + precedence;
                return true;
            }
            if (AUTO_REPLY_SUBJECT.matcher(subject).find()) {
                autoReplyReason = "subject \"" + subject + "\"";
                return true;
            }
            return false;
        }

        Optional<String> inReplyTo() {
            String v = header("In-Reply-To");
            return v.isBlank() ? Optional.empty() : Optional.of(v);
        }

        Set<String> addresses(String value) {
            Set<String> out = new LinkedHashSet<>();
            for (TextBounces.Found f : TextBounces.addresses(value)) {
                out.add(f.address());
            }
            return out;
        }
    }
}
