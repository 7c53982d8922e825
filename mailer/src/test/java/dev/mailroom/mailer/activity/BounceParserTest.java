package dev.mailroom.mailer.activity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.activity.DeliveryAction;
import dev.mailroom.model.activity.EnhancedStatus;
import dev.mailroom.model.activity.InboundReport;
import dev.mailroom.model.activity.ReportKind;
import dev.mailroom.model.activity.ReportedRecipient;
import dev.mailroom.model.activity.Severity;
import dev.mailroom.model.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BounceParserTest {
    private final BounceParser parser = new BounceParser();

    private static final String DSN = """
            From: MAILER-DAEMON@mx.example.org (Mail Delivery System)
            To: sender@agency.example
            Subject: Undelivered Mail Returned to Sender
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="B"

            --B
            Content-Type: text/plain

            Your message could not be delivered.

            --B
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.example.org

            Final-Recipient: rfc822; gone@example.net
            Original-Recipient: rfc822;Gone@Example.NET
            Action: failed
            Status: 5.0.0
            Diagnostic-Code: smtp; 550 5.1.1 <gone@example.net>: Recipient address rejected:
                User unknown in virtual mailbox table

            Final-Recipient: rfc822; full@example.net
            Action: delayed
            Status: 4.2.2
            Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

            --B
            Content-Type: message/rfc822

            Message-ID: <abc.123@agency.example>
            From: sender@agency.example
            To: gone@example.net
            Subject: Hello

            Hi
            --B--
            """;

    @Test
    void readsAnRfc3464NotificationRecipientByRecipient() {
        InboundReport r = parser.parse(crlf(DSN));

        assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        assertThat(r.originalMessageId()).contains("<abc.123@agency.example>");
        assertThat(r.recipients()).hasSize(2);
        ReportedRecipient gone = r.recipients().get(0);
        assertThat(gone.recipient()).isEqualTo("gone@example.net");
        assertThat(gone.originalRecipient()).isEmpty(); // same address, other case
        assertThat(gone.status()).contains(EnhancedStatus.of("5.1.1")); // the server's code beats the generic 5.0.0
        assertThat(gone.statusInferred()).isFalse();
        assertThat(gone.smtpReply()).hasValue(550);
        assertThat(gone.diagnostic())
                .isEqualTo(
                        "550 5.1.1 <gone@example.net>: Recipient address rejected: User unknown in virtual mailbox table");
        assertThat(gone.severity()).isEqualTo(Severity.HARD);
        ReportedRecipient full = r.recipients().get(1);
        assertThat(full.action()).isEqualTo(DeliveryAction.DELAYED);
        assertThat(full.severity()).isEqualTo(Severity.SOFT);
    }

    @Test
    void aMalformedMimeStructureIsReadAsText() {
        String broken = DSN.replace("boundary=\"B\"", "boundary=\"NOT-THERE\"");
        InboundReport r = parser.parse(crlf(broken));

        assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        assertThat(r.recipients()).extracting(ReportedRecipient::recipient).contains("gone@example.net");
        assertThat(r.note()).contains("read as plain text");
    }

    @Test
    void aMultipartWithoutItsEndOrWithGarbageInsideGivesAnOutcome() {
        String cut = DSN.substring(0, DSN.indexOf("Action: delayed"));
        assertThat(parser.parse(crlf(cut)).recipients())
                .extracting(ReportedRecipient::recipient)
                .contains("gone@example.net");
        String nested = "Content-Type: multipart/mixed; boundary=A\r\n\r\n"
                + "--A\r\nContent-Type: multipart/mixed; boundary=A\r\n\r\n".repeat(500);
        InboundReport r = parser.parse(nested.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.kind()).isIn(ReportKind.NOT_A_REPORT, ReportKind.UNREADABLE);
    }

    @Test
    void aHugeAttachmentIsCutAndTheReportStillRead() throws IOException {
        String head = DSN.substring(0, DSN.indexOf("--B--"))
                .replace(
                        "Content-Type: message/rfc822",
                        "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64");
        byte[] line = "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        // 64 MiB of attachment, streamed: the parser reads its first 4 MiB only.
        InputStream endless = new InputStream() {
            long left = 64L * 1024 * 1024;
            int pos;

            @Override
            public int read() {
                if (left-- <= 0) {
                    return -1;
                }
                int b = line[pos];
                pos = (pos + 1) % line.length;
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) {
                int n = 0;
                while (n < len) {
                    int b = read();
                    if (b < 0) {
                        return n == 0 ? -1 : n;
                    }
                    buf[off + n++] = (byte) b;
                }
                return n;
            }
        };
        InboundReport r = parser.parse(new SequenceInputStream(new ByteArrayInputStream(crlf(head)), endless));

        assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        assertThat(r.bounces()).hasSize(2);
        assertThat(r.note()).contains("Only the first 4096 KiB");
    }

    @Test
    void ordinaryMailEmptyInputAndNoiseAreNotBounces() {
        InboundReport mail = parser.parse(crlf("""
                From: Ann <ann@example.com>
                To: bob@example.net
                Subject: Lunch?

                Are you free at 1? Write to <carol@example.org> if not.
                550 5.1.1 is a status code, by the way.
                """));
        assertThat(mail.kind()).isEqualTo(ReportKind.NOT_A_REPORT);
        assertThat(mail.recipients()).isEmpty();

        assertThat(parser.parse(new byte[0]).kind()).isEqualTo(ReportKind.UNREADABLE);
        byte[] noise = new byte[100_000];
        new Random(7).nextBytes(noise);
        InboundReport r = parser.parse(noise);
        assertThat(r.kind()).isIn(ReportKind.UNREADABLE, ReportKind.NOT_A_REPORT);
        assertThat(r.note()).isNotBlank();
    }

    @Test
    void aStreamThatFailsGivesUnreadable() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        InboundReport r = parser.parse(failing);
        assertThat(r.kind()).isEqualTo(ReportKind.UNREADABLE);
        assertThat(r.note()).contains("connection reset");
    }

    @Test
    void everyFixtureParsesWithoutThrowingEvenWhenCut() throws IOException {
        // Each real message cut at many points still gives an outcome, never an exception.
        try (var files = Files.list(Fixtures.dir("bounces-sisimai").resolve("eml"))) {
            for (var f : files.sorted().toList()) {
                byte[] all = Files.readAllBytes(f);
                for (int cut = 0; cut < all.length; cut += Math.max(1, all.length / 7)) {
                    byte[] part = java.util.Arrays.copyOf(all, cut);
                    assertThat(parser.parse(part))
                            .as(f.getFileName() + " cut at " + cut)
                            .isNotNull();
                }
            }
        }
    }

    @Test
    void blankLinesBeforeTheHeadersAndContactAddressesInTheAnswer() {
        String bounce = "\n" + " ".repeat(160) + "\nFrom: MAILER-DAEMON@mx.example.org\nTo: sender@agency.example\n"
                + "Subject: Delivery Status Notification (Failure)\n\n"
                + "Delivery to the following recipient failed permanently:\n\n     info@client.example\n\n"
                + "550 5.7.1 Blocked by our list. If you are not a spammer, send an e-mail message from another"
                + " address to desk@blocklist.example with the blocked sender name.\n";
        InboundReport r = parser.parse(crlf(bounce));
        assertThat(r.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        assertThat(r.bounces()).extracting(ReportedRecipient::recipient).containsExactly("info@client.example");

        String allBlank = "\n".repeat(200_000);
        assertThat(parser.parse(allBlank.getBytes(StandardCharsets.US_ASCII)).recipients())
                .isEmpty();
    }

    @Test
    void challengeResponseIsNotABounce() {
        String cr = "From: MAILER-DAEMON@mx.example.org\nTo: sender@agency.example\n"
                + "Subject: Undelivered Mail Returned to Sender\n\n"
                + "<someone@client.example>: 550 Your server requires confirmation. Visit the link.\n";
        InboundReport r = parser.parse(crlf(cr));
        assertThat(r.kind()).isEqualTo(ReportKind.AUTO_REPLY);
        assertThat(r.bounces()).isEmpty();
    }

    @Test
    void aMessageThatUsesItsReadingTimeIsUnreadableAndTheNextIsReadAsUsual() {
        String bounce = "From: MAILER-DAEMON@mx.example.org\nTo: sender@agency.example\n"
                + "Subject: Undelivered Mail Returned to Sender\n\n"
                + "<gone@client.example>: host mx.client.example said: 550 5.1.1 User unknown\n";
        // A budget already used up stands for a message that took too long, whatever made it slow.
        InboundReport slow = new BounceParser(BounceParser.DEFAULT_MAX_BYTES, Duration.ZERO).parse(crlf(bounce));
        assertThat(slow.kind()).isEqualTo(ReportKind.UNREADABLE);
        assertThat(slow.note()).contains("took longer than").contains("left for a person");
        assertThat(slow.recipients()).isEmpty();

        // The budget belongs to that message: the same thread reads the next one whole.
        InboundReport next = parser.parse(crlf(bounce));
        assertThat(next.bounces()).extracting(ReportedRecipient::recipient).containsExactly("gone@client.example");
    }

    private static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Inputs that made the old regular expressions backtrack for minutes: each now gives an outcome
     * (a regression shows as a test that never ends, which the build's fork timeout reports).
     */
    @Test
    void hostileTextIsReadInOnePass() {
        String head = "From: MAILER-DAEMON@mx.example.org\r\nTo: sender@agency.example\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n";
        String dashes = head + "\r\n<gone@example.net>: 550 5.1.1 User unknown\r\n" + "-".repeat(4000) + "\r\n";
        InboundReport r1 = parser.parse(dashes.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r1.recipients()).extracting(ReportedRecipient::recipient).containsExactly("gone@example.net");

        String blanks = head + "\r\n" + "\r\n".repeat(32 * 1024) + "<gone@example.net>: 550 5.1.1 User unknown\r\n";
        assertThat(parser.parse(blanks.getBytes(StandardCharsets.ISO_8859_1)).kind())
                .isNotNull();

        String from = "From: " + "a".repeat(128 * 1024) + "\r\nSubject: Undeliverable\r\n\r\nMail delivery failed.\r\n";
        InboundReport r3 = parser.parse(from.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(r3.recipients()).isEmpty();

        String manyAts = head + "\r\nDelivery failed: " + "@".repeat(64 * 1024) + "x.example\r\n" + "a.".repeat(30_000)
                + "@" + "b-".repeat(30_000) + "\r\n";
        assertThat(parser.parse(manyAts.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .isEmpty();

        // The scans added for #13: quotes before an address, IMCEA decoding, bare names with a reason,
        // display names of the original's recipients compared with every line.
        String quotes = head + "\r\nDelivery failed: " + "-'".repeat(20_000) + "a@example.net\r\nIMCEASMTP-"
                + "+4".repeat(20_000) + "@gw.example.com\r\n";
        long t0 = System.nanoTime();
        assertThat(parser.parse(quotes.getBytes(StandardCharsets.ISO_8859_1)).kind())
                .isNotNull();
        StringBuilder names = new StringBuilder(head + "\r\nMessage not delivered to the following:\r\n\r\n");
        names.append(("    somebody     Mailbox unknown\r\n").repeat(3000));
        names.append("\r\n--- Original message follows ---\r\n\r\nTo: ");
        for (int i = 0; i < 5000; i++) {
            names.append("\"Some Body ").append(i).append("\" <sb").append(i).append("@example.com>, ");
        }
        names.append("\r\n");
        assertThat(parser.parse(names.toString().getBytes(StandardCharsets.ISO_8859_1))
                        .kind())
                .isNotNull();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    }

    /**
     * Hostile input to the scans added for #13 since: recipients listed on one line, each recipient's
     * label ("Failed:", "Delivered:"), Sendmail's "(expanded from:)" under a file entry, Exim's
     * "generated by", receipts, and the wrapped-answer and wording patterns of commit af53d8e. Each is
     * judged by the parser's own bounds (lines cut to {@link TextBounces#MAX_LINE} characters, at most
     * {@link TextBounces#MAX_LINES} lines, headers cut to 8 KiB, at most 50 addresses listed on a line)
     * and by the outcome they give; one that made a scan quadratic or backtracking would not end, which
     * the build's fork timeout reports.
     */
    @Test
    void hostileInputToTheListLabelAndAliasScansGivesItsOutcome() {
        String head = "From: MAILER-DAEMON@mx.example.org\r\nTo: sender@agency.example\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n\r\n";

        // 20,000 addresses listed on one line: the line is cut, at most 50 are read after the first.
        StringBuilder list = new StringBuilder(head + "Your message could not be delivered to: ");
        for (int i = 0; i < 20_000; i++) {
            list.append("r").append(i).append("@example.net, ");
        }
        list.append("\r\nNo such user.\r\n");
        InboundReport many = parser.parse(list.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(many.recipients()).hasSizeBetween(2, 51);
        assertThat(many.recipients())
                .extracting(ReportedRecipient::recipient)
                .allMatch(a -> a.matches("r\\d{1,5}@example\\.net"))
                .contains("r0@example.net", "r1@example.net");

        // One line of 100,000 commas between a label and an address, a label followed by 50,000 blanks,
        // and a line of 4,000 dashes under a labelled entry: only the labelled entry is read.
        String oneChar = head + "Failed: " + ",".repeat(100_000) + " lost@example.net\r\n"
                + "Failed:" + " ".repeat(50_000) + "lost2@example.net\r\n\r\n"
                + "Delayed: kept@example.net (remote server busy)\r\n" + "-".repeat(4000) + "\r\n";
        InboundReport labelled = parser.parse(oneChar.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(labelled.recipients())
                .extracting(ReportedRecipient::recipient, ReportedRecipient::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("kept@example.net", DeliveryAction.DELAYED));

        // 64 KiB of blank lines before a Sendmail file entry: past the lines read, so nothing is named;
        // then the same entry's "(expanded from:)" repeated 20,000 times: one recipient.
        String blanks = head + "\r\n".repeat(32 * 1024)
                + "   ----- The following addresses had permanent fatal errors -----\r\n/var/mail/x\r\n"
                + "    (expanded from: <far@example.net>)\r\n";
        assertThat(parser.parse(blanks.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .isEmpty();
        String aliases = head + "   ----- The following addresses had permanent fatal errors -----\r\n/var/mail/x\r\n"
                + "    (reason: 552 5.2.2 Over quota)\r\n"
                + "    (expanded from: <near@example.net>)\r\n".repeat(20_000)
                + "    generated by ".repeat(20_000) + "other@example.net\r\n";
        assertThat(parser.parse(aliases.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .extracting(ReportedRecipient::recipient)
                .containsExactly("near@example.net");

        // A From and a Subject of 128 KiB without an '@', over a report whose labels say one recipient was
        // delivered and one failed: the headers are cut, the delivered one is no bounce.
        String headers = "From: " + "M".repeat(128 * 1024) + "\r\nSubject: Undeliverable " + "x".repeat(128 * 1024)
                + "\r\nTo: sender@agency.example\r\n\r\n"
                + "Delivery report:\r\n\r\n  Delivered: fine@example.net\r\n  Failed:    gone@example.net\r\n";
        assertThat(parser.parse(headers.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .extracting(ReportedRecipient::recipient)
                .containsExactly("gone@example.net");

        // af53d8e: an entry whose wrapped answer runs on for thousands of indented lines, each naming
        // another address, with wording that the bounded patterns look ahead through ("recipient
        // rejected" then 80 characters, "domain <255> does not accept mail", "will retry for").
        StringBuilder wrapped =
                new StringBuilder(head + "<entry@example.net>: host mx.example.net said: 550 5.0.1\r\n");
        for (int i = 0; i < 4000; i++) {
            wrapped.append("    recipient rejected ")
                    .append("domain ")
                    .append("y".repeat(300))
                    .append(" <other")
                    .append(i)
                    .append("@example.org> will retry\r\n");
        }
        InboundReport entry = parser.parse(wrapped.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(entry.recipients()).extracting(ReportedRecipient::recipient).containsExactly("entry@example.net");

        // A receipt ("was delivered to the following recipient(s)", "without being read") repeated over
        // 5,000 lines with an address on each: no failure wording, no recipient.
        String receipts = head
                + ("was delivered to the following recipient(s): ok@example.net\r\n"
                                + "was deleted without being read: ok2@example.net\r\n")
                        .repeat(2500);
        assertThat(parser.parse(receipts.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .isEmpty();

        // The bounce-context checks added since: Exchange's "MicrosoftExchange<hex>@" sender, localized
        // subjects, a null envelope sender from a mail system's mailbox; each header 128 KiB, cut to 8 KiB.
        String senders = "Return-Path: <" + " ".repeat(128 * 1024) + ">\r\nFrom: MicrosoftExchange"
                + "a".repeat(128 * 1024) + "\r\nSubject: " + "non-".repeat(32 * 1024) + "\r\n\r\nHello.\r\n";
        InboundReport notBounce = parser.parse(senders.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(notBounce.recipients()).isEmpty();
        assertThat(notBounce.kind()).isEqualTo(ReportKind.NOT_A_REPORT);

        // A list introduced by a line ending in ':' with the failure said below it, repeated past the
        // lines read: each looks one paragraph down, and only what is within MAX_LINES is named.
        StringBuilder below = new StringBuilder(head);
        for (int i = 0; i < 3000; i++) {
            below.append("Your message to:\r\n\r\n    b").append(i).append("@example.net\r\n\r\n");
            below.append("could not be delivered.\r\n\r\n");
        }
        InboundReport listed = parser.parse(below.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(listed.recipients())
                .extracting(ReportedRecipient::recipient)
                .contains("b0@example.net")
                .allMatch(a -> a.matches("b\\d{1,4}@example\\.net"))
                .hasSizeLessThanOrEqualTo(TextBounces.MAX_LINES / 6 + 1);

        // GroupWise's "name (reason)" with 3,000 names of 500 parentheses each: more than a few bare
        // names is no list of recipients.
        String parens = head + "The message that you sent was undeliverable to the following:\r\n"
                + ("\tx" + "(".repeat(500) + "user not found" + ")".repeat(500) + "\r\n").repeat(3000);
        assertThat(parser.parse(parens.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .isEmpty();

        // A DSN naming an internal Final-Recipient, whose returned headers hold a Received header folded
        // over 20,000 lines of " for <…>": read up to 200 lines and 2,000 characters, one recipient.
        StringBuilder trace = new StringBuilder("From: MAILER-DAEMON@mx.example.org\r\nTo: sender@agency.example\r\n"
                + "Subject: Undeliverable\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"T\"\r\n\r\n"
                + "--T\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.org\r\n\r\n"
                + "Final-Recipient: rfc822; inside@exch.corp.local\r\nAction: failed\r\nStatus: 5.1.1\r\n\r\n"
                + "--T\r\nContent-Type: text/rfc822-headers\r\n\r\nReceived: from a by b\r\n");
        for (int i = 0; i < 20_000; i++) {
            trace.append("\tfor <t").append(i).append("@example.net>\r\n");
        }
        trace.append("From: sender@agency.example\r\n\r\n--T--\r\n");
        InboundReport traced = parser.parse(trace.toString().getBytes(StandardCharsets.ISO_8859_1));
        assertThat(traced.kind()).isEqualTo(ReportKind.DELIVERY_STATUS);
        assertThat(traced.recipients()).hasSize(1);

        // A notice in a multipart's preamble of 1 MB on one line, with no part: cut, and nothing named.
        String preamble = head.replace("\r\n\r\n", "\r\n") + "MIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"P\"\r\n\r\n" + "a".repeat(1024 * 1024)
                + "\r\n--P--\r\n";
        assertThat(parser.parse(preamble.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .isEmpty();
    }

    @Test
    void eachRecipientTakesItsOutcomeFromItsOwnLabelOrHeading() throws IOException {
        InboundReport mixed = parser.parse(Files.readAllBytes(Fixtures.resource("bounces/written/sendmail-mixed.eml")));
        assertThat(mixed.recipients())
                .extracting(ReportedRecipient::recipient, ReportedRecipient::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("gaia@example.com", DeliveryAction.FAILED),
                        org.assertj.core.groups.Tuple.tuple("hal.o@example.net", DeliveryAction.DELAYED));
        InboundReport labels =
                parser.parse(Files.readAllBytes(Fixtures.resource("bounces/written/labelled-outcomes.eml")));
        assertThat(labels.recipients())
                .extracting(ReportedRecipient::recipient, ReportedRecipient::action)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sven.t@example.com", DeliveryAction.FAILED),
                        org.assertj.core.groups.Tuple.tuple("tilda@example.com", DeliveryAction.DELAYED));
    }

    @Test
    void addressesAreFoundWhereverTheyStandOnALine() {
        assertThat(TextBounces.addresses("550 5.1.1 ann@example.net... User unknown"))
                .extracting(TextBounces.Found::address)
                .containsExactly("ann@example.net");
        assertThat(TextBounces.addresses("SMTP=bob@example.org; on Tue, 3 Nov 2026"))
                .extracting(TextBounces.Found::address)
                .containsExactly("bob@example.org");
        assertThat(TextBounces.addresses("  \"cy@example.com\" <cy@example.com>"))
                .extracting(TextBounces.Found::address)
                .containsExactly("cy@example.com", "cy@example.com");
        // Exchange's IMCEA encapsulation, a quote opened after a code, an apostrophe that belongs.
        assertThat(TextBounces.addresses("'IMCEASMTP-kim+40example+2Ecom@corp.example.com' on 11/3/2026"))
                .extracting(TextBounces.Found::address)
                .containsExactly("kim@example.com");
        assertThat(TextBounces.addresses("IMCEAEX-_O=EXAMPLE_OU=FIRST_CN=RECIPIENTS_CN=kim@corp.example.com"))
                .isEmpty();
        assertThat(TextBounces.addresses("550-'cora@example.net... No such user' and o'brien@example.ie"))
                .extracting(TextBounces.Found::address)
                .containsExactly("cora@example.net", "o'brien@example.ie");
        // A VERP return path, a URL and a Message-ID are not recipients.
        assertThat(TextBounces.addresses("list-bounces+dan=example.com@lists.example.org"))
                .isEmpty();
        assertThat(TextBounces.addresses("see http://help.example.com/bounce?u=eve@example.com"))
                .isEmpty();
        assertThat(TextBounces.addresses("<200608282008.k7SK8Bbu032023@somehost.example.com>"))
                .isEmpty();
    }

    @Test
    void anAddressSplitOverTwoLinesIsJoinedOnlyWhereItWasSplit() {
        assertThat(TextBounces.lines("<ann.lee@mail.exam\n    ple.org>: 550 5.1.1 unknown"))
                .containsExactly("<ann.lee@mail.example.org>: 550 5.1.1 unknown");
        assertThat(TextBounces.lines("Your message to ann.lee@\nexample.org could not be delivered"))
                .containsExactly("Your message to ann.lee@example.org could not be delivered");
        assertThat(TextBounces.lines("550 <ann.le\ne@example.org>... User unknown"))
                .containsExactly("550 <ann.lee@example.org>... User unknown");
        assertThat(TextBounces.lines("  ann.lee@exam=\nple.org")).containsExactly("  ann.lee@example.org");
        assertThat(TextBounces.lines("> Recipient: ann.lee@example\n> .org"))
                .containsExactly("> Recipient: ann.lee@example.org");
        // A complete address at the end of a line, words on the next: two lines, as written.
        assertThat(TextBounces.lines("write to help@example.com\nnet.admin is open 9-17"))
                .containsExactly("write to help@example.com", "net.admin is open 9-17");
        assertThat(TextBounces.lines("<ann@example.org>\nple.org> said"))
                .containsExactly("<ann@example.org>", "ple.org> said");
        assertThat(TextBounces.lines("mail to @\nexample.org")).containsExactly("mail to @", "example.org");
        assertThat(TextBounces.lines("<ann@exam\nple.org said")).containsExactly("<ann@exam", "ple.org said");
        // Hostile: thousands of fragments that each continue the line before stay within the line bound.
        String chain = "<a@b" + "\nc>".repeat(1) + ("\n<x@y" + "\n" + "z".repeat(900) + ">").repeat(2000);
        assertThat(TextBounces.lines(chain))
                .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(TextBounces.MAX_LINE));
    }

    /**
     * Hostile input to the fallbacks added for wrapped and unnamed recipients: a subject of 64 KiB of
     * addresses, thousands of quoted "To:" lines, lines that each end in a cut address, and a bounce
     * attached inside a bounce attached inside a bounce (only one level is read).
     */
    @Test
    void hostileInputToTheSubjectToLineAndAttachedBounceFallbacks() {
        String head = "Return-Path: <>\r\nFrom: MAILER-DAEMON@mx.example.org\r\nTo: sender@agency.example\r\n";
        String subject = head + "Subject: Delivery failure: " + "a@example.net ".repeat(5000)
                + "\r\n\r\nMail delivery failed.\r\n";
        assertThat(parser.parse(subject.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .isEmpty();
        String toLines = head + "Subject: Message status - undeliverable\r\n\r\nThe message could not be delivered.\r\n"
                + "  To: one@example.net\r\n".repeat(20_000);
        assertThat(parser.parse(toLines.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .extracting(ReportedRecipient::recipient)
                .containsExactly("one@example.net");
        String cut = head + "Subject: Undeliverable\r\n\r\nDelivery failed for:\r\n"
                + "x@example.co\r\nm.example.org\r\n<y@exa\r\n".repeat(5000);
        assertThat(parser.parse(cut.getBytes(StandardCharsets.ISO_8859_1)).kind())
                .isNotNull();
        String inner = "Return-Path: <>\r\nFrom: MAILER-DAEMON@deep.example\r\nSubject: Undeliverable\r\n"
                + "Content-Type: text/plain\r\n\r\n<deep@example.net>: 550 5.1.1 User unknown\r\n";
        for (int i = 0; i < 3; i++) {
            inner = head + "Subject: Returned mail\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b"
                    + i
                    + "\r\n\r\n--b" + i + "\r\nContent-Type: text/plain\r\n\r\nPassed on.\r\n--b" + i
                    + "\r\nContent-Type: message/rfc822\r\n\r\n" + inner + "\r\n--b" + i + "--\r\n";
        }
        assertThat(parser.parse(inner.getBytes(StandardCharsets.ISO_8859_1)).recipients())
                .isEmpty();
    }

    @Test
    void aComplaintKeepsItsFeedbackReportFields() throws IOException {
        InboundReport r = parser.parse(Files.readAllBytes(Fixtures.file("bounces-sisimai", "eml/arf-01.eml")));
        assertThat(r.kind()).isEqualTo(ReportKind.FEEDBACK);
        assertThat(r.recipients())
                .first()
                .satisfies(x -> assertThat(x.diagnostic())
                        .contains("Feedback-Type: abuse")
                        .contains("User-Agent: SMP-FBL")
                        .contains("Source-IP: 192.0.2.89")
                        .contains("Reported-Domain: example.ed.jp"));
    }
}
