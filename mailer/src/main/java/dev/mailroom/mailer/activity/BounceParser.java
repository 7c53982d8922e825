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
import java.util.ArrayList;
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
            "(?i)mailer-daemon|mailer_daemon|postmaster|mail delivery|delivery subsystem|mail administrator");
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "(?i)undeliver|delivery status notification|delivery (has )?fail|returned mail|failure notice"
                    + "|mail delivery failed|could not be delivered|non-?delivery|failed delivery|mail failure"
                    + "|delivery status|delayed mail|delivery problem|returned to sender|warning: message");
    private static final Pattern DELAY_WORDS = Pattern.compile(
            "(?i)has been delayed|delayed for|delayed mail|still being retried|will be retried|warning message only"
                    + "|this is a warning|temporary failure report|\\(delay\\)|delivery delayed");
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
            "(?i)^\\s*(auto(matic)?[ -]?(reply|response|antwort)|out of (the )?office|away from|away until|vacation"
                    + "|abwesenheit|r[ée]ponse automatique|autoreply|auto:)");
    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^\\s*Message-I[Dd]:\\s*(\\S[^\\r\\n]*)");
    private static final Pattern ADDRESS = Pattern.compile("[^<>\\s\"(),;:]+@[A-Za-z0-9][A-Za-z0-9.\\-]*[A-Za-z0-9]");
    private static final Pattern REPLY_START = Pattern.compile("(?<![\\w.\\-#:/=\\[+])[245][0-5]\\d[\\s\\-']");

    private final int maxBytes;
    private final Session session;

    public BounceParser() {
        this(DEFAULT_MAX_BYTES);
    }

    public BounceParser(int maxBytes) {
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
        try {
            InboundReport report = readOrThrow(raw);
            if (truncated) {
                return new InboundReport(
                        report.kind(),
                        report.recipients(),
                        report.originalMessageId(),
                        report.note() + " Only the first " + (maxBytes / 1024) + " KiB of the message were read.");
            }
            return report;
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof StackOverflowError)) {
                throw vme;
            }
            return InboundReport.nothing(
                    ReportKind.UNREADABLE,
                    "The message could not be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ").");
        }
    }

    private InboundReport readOrThrow(byte[] raw) {
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
        MessageParts parts = new MessageParts(MAX_PART_CHARS, 200, 12);
        parts.walk(message);
        List<String> readable = parts.readable();
        String notification = TextBounces.beforeOriginal(String.join("\n\n", readable));
        String problems = parts.problems.isEmpty() ? "" : " Note: " + String.join("; ", parts.problems) + ".";
        Optional<String> originalId = originalMessageId(parts);

        Optional<InboundReport> feedback = Feedback.read(parts, top, originalId);
        if (feedback.isPresent()) {
            InboundReport f = feedback.get();
            return new InboundReport(f.kind(), f.recipients(), f.originalMessageId(), f.note() + problems);
        }

        boolean bounceContext = top.bounceContext();
        boolean delayNotice = DELAY_WORDS.matcher(top.subject).find()
                || DELAY_WORDS.matcher(notification).find();
        Set<String> ignore = top.ownAddresses();
        Map<String, TextBounces.Block> blocks = TextBounces.blocks(notification, ignore);

        List<Fields> dsn = new ArrayList<>();
        for (String status : parts.deliveryStatus) {
            dsn.addAll(recipientGroups(Fields.groups(status)));
        }
        String how = "an RFC 3464 delivery status notification";
        if (dsn.isEmpty()
                && Pattern.compile("(?im)^\\s*(Final|Original)-Recipient:")
                        .matcher(parts.all)
                        .find()) {
            // A DSN whose MIME structure was lost (no boundaries) or that was pasted into the text.
            dsn.addAll(recipientGroups(Fields.groups(TextBounces.beforeOriginal(parts.all.toString()))));
            how = "the delivery status fields in the text of a report";
        }
        if (!dsn.isEmpty()) {
            List<ReportedRecipient> recipients = new ArrayList<>();
            for (Fields group : dsn) {
                recipients.add(fromDsn(group, blocks, delayNotice));
            }
            return new InboundReport(
                    ReportKind.DELIVERY_STATUS, dedupe(recipients), originalId, "Read as " + how + "." + problems);
        }

        if (bounceContext) {
            List<ReportedRecipient> recipients = fromText(top, blocks, notification, delayNotice);
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
        if (bounceContext) {
            return InboundReport.nothing(
                    ReportKind.NOT_A_REPORT,
                    "Looks like a bounce, but names no failed recipient that could be read; nothing recorded."
                            + problems);
        }
        return InboundReport.nothing(
                ReportKind.NOT_A_REPORT, "Not a bounce or a complaint; nothing recorded." + problems);
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

    private static ReportedRecipient fromDsn(Fields g, Map<String, TextBounces.Block> blocks, boolean delayNotice) {
        String finalRcpt =
                address(g.first("final-recipient").map(Fields::untyped).orElse(""));
        String originalRcpt =
                address(g.first("original-recipient").map(Fields::untyped).orElse(""));
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
            Headers top, Map<String, TextBounces.Block> blocks, String notification, boolean delayNotice) {
        DeliveryAction action = delayNotice ? DeliveryAction.DELAYED : DeliveryAction.FAILED;
        Map<String, String> chosen = new LinkedHashMap<>();
        for (TextBounces.Block b : blocks.values()) {
            String text = b.text.toString();
            Codes.Found f = Codes.scan(text);
            boolean failure = f.status().map(s -> !s.isSuccess()).orElse(false)
                    || (f.reply().isPresent() && f.reply().getAsInt() >= 400)
                    || Codes.guessDetail(text).isPresent()
                    || top.failedRecipients.stream().anyMatch(r -> r.equalsIgnoreCase(b.address));
            if (failure) {
                chosen.put(b.address, text);
            }
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
        List<ReportedRecipient> out = new ArrayList<>();
        for (Map.Entry<String, String> e : chosen.entrySet()) {
            String text = e.getValue();
            Codes.Found found = Codes.scan(text);
            Optional<EnhancedStatus> status = found.status();
            boolean inferred = false;
            if (status.isEmpty()) {
                Optional<String> detail = Codes.guessDetail(text);
                int cls;
                if (found.reply().isPresent()) {
                    cls = found.reply().getAsInt() / 100;
                } else if (delayNotice || Codes.soundsLikeExpiry(text)) {
                    // "retry timeout exceeded": the condition was a temporary one that outlasted the retries.
                    cls = 4;
                } else {
                    cls = 5;
                }
                status = Optional.of(Codes.make(cls == 2 ? 5 : cls, detail.orElse("0.0")));
                inferred = true;
            }
            DeliveryAction a = status.get().isTransient() && delayNotice ? DeliveryAction.DELAYED : action;
            if (a == DeliveryAction.DELAYED && status.get().isPermanent()) {
                a = DeliveryAction.FAILED;
            }
            Optional<EnhancedStatus> implied = Codes.implied(status.get().statusClass(), text);
            out.add(new ReportedRecipient(
                    e.getKey(),
                    Optional.empty(),
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

    /** Exim: the text after "The following address(es) failed:". */
    private static String failureSection(String notification) {
        Matcher m = Pattern.compile("(?i)address(\\(es\\))? failed:|following recipients?[^\\n]*:")
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
        String d = text.replaceAll("[\\r\\n]+", " ").replaceAll("\\s+", " ").trim();
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
        Matcher m = ADDRESS.matcher(v);
        if (m.find()) {
            return m.group().replaceAll("[.]+$", "");
        }
        return v.replaceAll("^<|>$", "").trim();
    }

    private static Optional<String> originalMessageId(MessageParts parts) {
        for (String headers : parts.originalHeaders) {
            Matcher m = MESSAGE_ID.matcher(headers);
            if (m.find()) {
                return Optional.of(m.group(1).trim());
            }
        }
        String all = parts.all.toString();
        Matcher start = Pattern.compile(
                        "(?im)^[\\s>-]*(?:-{2,}\\s*)?(?:this is a copy of the (?:message|headers)|below this line is a copy"
                                + "|below is a copy of the original|original message headers:|-+ ?original message ?-+"
                                + "|the original message follows|undelivered message follows|returned message follows)")
                .matcher(all);
        Matcher m = MESSAGE_ID.matcher(all);
        if (m.find(start.find() ? start.start() : 0)) {
            return Optional.of(m.group(1).trim());
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
                    out.add(s.replaceAll("\\r?\\n[ \\t]+", " ").trim());
                }
                return out;
            } catch (Exception e) {
                return List.of();
            }
        }

        boolean bounceContext() {
            return !failedRecipients.isEmpty()
                    || BOUNCE_SENDER.matcher(from).find()
                    || BOUNCE_SUBJECT.matcher(subject).find();
        }

        Set<String> ownAddresses() {
            Set<String> own = new HashSet<>();
            for (String h : List.of(from, to)) {
                Matcher m = ADDRESS.matcher(h);
                while (m.find()) {
                    own.add(m.group().toLowerCase(Locale.ROOT));
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
            Matcher m = ADDRESS.matcher(value);
            while (m.find()) {
                out.add(m.group());
            }
            return out;
        }
    }
}
