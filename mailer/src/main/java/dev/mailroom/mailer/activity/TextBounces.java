package dev.mailroom.mailer.activity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the human-readable part of a non-standard bounce (qmail, Exim, Postfix without a DSN,
 * Sendmail's text, Exchange, Lotus Domino, GroupWise, Yahoo, AOL, SMTP32, free text…).
 *
 * <p>They differ in wording but share a shape: an address, somewhere on a line ("{@code <a@b>:}",
 * "{@code a@b... User unknown}", "{@code Intended recipient: a@b}", "{@code SMTP=a@b;}",
 * "{@code (generated from a@b)}", "{@code > a@b}"), then the server's words about it, until the next
 * address or the copy of the original message. This reader finds those blocks and, for each, how
 * strongly the text around it says that delivery to it failed (see {@link Block#context}); it does
 * not decide whether they are failures (see {@link BounceParser}).
 *
 * <p>Untrusted input: every line is cut to {@link #MAX_LINE} characters and at most
 * {@link #MAX_LINES} lines are read; there are no regular expressions here, every scan is one pass.
 */
final class TextBounces {
    static final int MAX_LINE = 1000;
    static final int MAX_LINES = 5000;

    /** Line openings after which the returned original message starts (lower case, after dashes). */
    private static final List<String> ORIGINAL_STARTS = List.of(
            "this is a copy of the message",
            "this is a copy of the headers",
            "below this line is a copy",
            "below is a copy of the original",
            "below the next line is a copy",
            "original message headers:",
            "original message ",
            "original message:",
            "original message follows",
            "the original message follows",
            "undelivered message follows",
            "unsent message follows",
            "returned message follows",
            "returned mail follows",
            "returned mail",
            "message headers follow",
            "content-type: message/rfc822",
            "start of returned message",
            "a copy of the original message",
            "possibly truncated original message follows",
            "original message attached",
            "your message reads",
            "old message:",
            "text of the original message",
            "headers of the original message");

    /** Header names whose lines name addresses that are not the failed recipient. */
    private static final Set<String> HEADER_LINES = Set.of(
            "from",
            "to",
            "cc",
            "bcc",
            "subject",
            "sender",
            "reply-to",
            "return-path",
            "date",
            "message-id",
            "in-reply-to",
            "references",
            "received",
            "delivered-to",
            "errors-to",
            "resent-from",
            "resent-to",
            "resent-sender",
            "list-id",
            "list-post",
            "list-help",
            "list-unsubscribe",
            "list-subscribe",
            "list-owner",
            "list-archive",
            "content-type",
            "mime-version",
            "reporting-mta",
            "remote-mta",
            "received-from-mta",
            "arrival-date",
            "dkim-signature",
            "authentication-results",
            "sent",
            "envelope-from",
            "x-sender",
            "x-original-sender",
            "x-beenthere",
            "x-mailman-version",
            "precedence",
            "x-mailer");

    /** Role addresses of mail systems: never the failed recipient of a bounce. */
    private static final Set<String> ROLE_LOCALS = Set.of(
            "postmaster",
            "mailer-daemon",
            "mailer_daemon",
            "abuse",
            "hostmaster",
            "double-bounce",
            "mdaemon",
            "mail-daemon",
            "maildaemon");

    /** Words that say delivery failed or is being retried (lower case, whitespace folded). */
    private static final List<String> FAILURE_WORDS = List.of(
            "could not be delivered",
            "couldn't be delivered",
            "could not deliver",
            "couldn't deliver",
            "not be delivered",
            "cannot be delivered",
            "can't be delivered",
            "was not delivered",
            "were not delivered",
            "wasn't delivered",
            "not delivered to",
            "undeliverable",
            "undelivered",
            "unable to deliver",
            "not able to deliver",
            "wasn't able to deliver",
            "was unable to",
            "delivery failed",
            "delivery has failed",
            "delivery to the following",
            "delivery problem",
            "failed",
            "failure",
            "permanent",
            "fatal",
            "did not reach",
            "didn't reach",
            "could not reach",
            "could not be reached",
            "rejected",
            "refused",
            "unknown",
            "does not exist",
            "doesn't exist",
            "no such",
            "not found",
            "invalid",
            "not listed",
            "no mailbox",
            "mailbox unavailable",
            "not a known",
            "not accepting",
            "over quota",
            "mailbox is full",
            "mailbox full",
            "disabled",
            "deactivated",
            "suspended",
            "inactive",
            "not active",
            "expired",
            "bounced",
            "returned to you",
            "following address",
            "following recipient",
            "following user",
            "following destination",
            "has not yet been delivered",
            "have not yet been delivered",
            "not yet been delivered",
            "delayed",
            "will be retried",
            "being retried",
            "will retry",
            "still trying",
            "keep trying",
            "will continue",
            "deferred",
            "temporary",
            "temporarily",
            "giving up",
            "given up",
            "error",
            "problem",
            "attempts",
            "exceeds",
            "exceeded",
            "timed out",
            "connection refused",
            "said:",
            // An address that is gone or a delivery put off, said without the usual words.
            "no longer",
            "unrouteable",
            "non-existent",
            "nonexistent",
            "been closed",
            "been terminated",
            "returned unread",
            "not responding",
            "for later delivery",
            "not been delivered",
            // The same in the languages bounces most often come in besides English.
            "nicht zugestellt",
            "unzustellbar",
            "nicht erreicht",
            "fehlgeschlagen",
            "unbekannt",
            "pas pu être remis",
            "pas pu être distribué",
            "non remis",
            "non distribué",
            "échec de la remise",
            "a échoué",
            "introuvable",
            "erreur permanente",
            "inconnu",
            "no pudo ser entregado",
            "no se pudo entregar",
            "no se puede entregar",
            "no entregado",
            "error permanente",
            "desconocido",
            "non è stato recapitato",
            "non recapitato",
            "non consegnato",
            "impossibile recapitare",
            "errore permanente",
            "sconosciuto",
            "niet worden afgeleverd",
            "niet afgeleverd",
            "onbestelbaar",
            "onbekend",
            "não foi possível entregar",
            "não pôde ser entregue",
            "não entregue",
            "erro permanente",
            "desconhecido",
            // Swedish, Norwegian, Danish, Polish, Czech, Russian.
            "kunde inte levereras",
            "kunne ikke leveres",
            "kunne ikke afleveres",
            "finns inte",
            "finnes ikke",
            "findes ikke",
            "nie mogła zostać dostarczona",
            "nie może zostać dostarczona",
            "nie została dostarczona",
            "nie istnieje",
            "nelze doručit",
            "nebyla doručena",
            "neexistuje",
            "не может быть доставлено",
            "не было доставлено",
            "не доставлено",
            "не удалось доставить",
            "не существует");

    /**
     * Words of a receipt that says delivery succeeded (Exchange's "Delivered:" and "Relayed:" notices):
     * the "following recipient(s)" they also say is then no failure wording.
     */
    private static final List<String> SUCCESS_WORDS = List.of(
            "was delivered to the following",
            "were delivered to the following",
            "has been delivered to the following",
            "have been delivered to the following",
            "successfully delivered to the following",
            "delivered successfully to the following",
            "following addresses had successful delivery",
            "following recipients had successful delivery",
            "delivery to the following recipients succeeded",
            "delivery to the following recipient succeeded",
            "delivery to the following recipients was successful",
            "delivery to the following recipient was successful",
            "relayed to the following",
            "delivery to these recipients or groups is complete",
            "delivery to these recipients or distribution lists is complete");

    /**
     * Words of a receipt that the message was read, or deleted unread ("was deleted without being read",
     * "the following recipient did not read your message"): a paragraph holding them says no failure.
     */
    private static final List<String> READ_WORDS =
            List.of("without being read", "did not read your message", "was read on", "has been read on");

    private TextBounces() {}

    /** Folded text without the words of a successful delivery (each phrase replaced in one pass). */
    static String withoutSuccess(String foldedLower) {
        String t = foldedLower;
        for (String w : SUCCESS_WORDS) {
            if (t.contains(w)) {
                t = t.replace(w, " ");
            }
        }
        return t;
    }

    /** The text as lines, each cut to {@link #MAX_LINE} characters, at most {@link #MAX_LINES}. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int start = 0;
        while (start <= n && out.size() < MAX_LINES) {
            int end = start;
            while (end < n && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            out.add(text.substring(start, Math.min(end, start + MAX_LINE)));
            if (end < n && text.charAt(end) == '\r' && end + 1 < n && text.charAt(end + 1) == '\n') {
                end++;
            }
            start = end + 1;
        }
        return joinWrapped(out);
    }

    /**
     * The lines with an address that a wrapping mail system split over two lines put back on one
     * ("&lt;ann@exam" / "ple.com&gt;", "ann@" / "example.com", "&lt;an" / "n@example.com&gt;", a
     * quoted-printable soft break "ann@exam=" / "ple.com"). Only where the end of the first line is
     * plainly an unfinished address and the next line plainly its rest: a complete address at the end
     * of a line is never joined to words on the next. One pass, each line looked at once.
     */
    static List<String> joinWrapped(List<String> in) {
        List<String> out = new ArrayList<>(in.size());
        int i = 0;
        while (i < in.size()) {
            String line = in.get(i);
            i++;
            while (i < in.size()) {
                String joined = joinedWith(line, in.get(i));
                if (joined == null) {
                    break;
                }
                line = joined;
                i++;
            }
            out.add(line);
        }
        return out;
    }

    /** The line with the next one's start added, when the two hold one split address; else null. */
    private static String joinedWith(String line, String next) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        boolean soft = end > 0 && line.charAt(end - 1) == '=';
        int tailEnd = soft ? end - 1 : end;
        int s = tailEnd;
        while (s > 0 && tailEnd - s < 300 && (localChar(line.charAt(s - 1)) || line.charAt(s - 1) == '@')) {
            s--;
        }
        if (s == tailEnd && !soft) {
            return null;
        }
        String tail = line.substring(s, tailEnd);
        boolean opened = s > 0 && line.charAt(s - 1) == '<';
        if (!soft && s > 0 && (line.charAt(s - 1) == '/' || line.charAt(s - 1) == '\\')) {
            return null;
        }
        // The next line's start, past indentation and the same quoting ("> ").
        int b = 0;
        while (b < next.length() && (next.charAt(b) == ' ' || next.charAt(b) == '\t' || next.charAt(b) == '>')) {
            b++;
        }
        int h = b;
        while (h < next.length() && h - b < 300 && (localChar(next.charAt(h)) || next.charAt(h) == '@')) {
            h++;
        }
        if (h == b) {
            return null;
        }
        String head = next.substring(b, h);
        char after = h < next.length() ? next.charAt(h) : ' ';
        boolean closes = after == '>';
        int tailAt = tail.indexOf('@');
        int headAt = head.indexOf('@');
        if (head.indexOf('@', headAt + 1) >= 0 || tail.indexOf('@', tailAt + 1) >= 0 || head.endsWith("=")) {
            return null;
        }
        boolean join;
        if (soft) {
            // "=" at the end of a line, inside an address: quoted-printable's soft line break.
            join = !tail.isEmpty() && tailAt != 0 && (tailAt >= 0) != (headAt >= 0);
        } else if (tailAt >= 0) {
            String domain = tail.substring(tailAt + 1);
            if (tailAt == 0 || headAt >= 0) {
                join = false;
            } else if (opened) {
                // "<ann@exam" / "ple.com>": the bracket closes right after the rest.
                join = closes;
            } else if (domain.isEmpty()) {
                // "ann@" / "example.com": a line never ends in "@" but where an address was cut.
                join = validDomain(trimDots(head)) && domainOnly(head);
            } else {
                // "ann@example" / ".com", "ann@exam-" / "ple.com": a domain cut at a dot or hyphen.
                join = domainOnly(head)
                        && (head.startsWith(".") || domain.endsWith(".") || domain.endsWith("-"))
                        && validDomain(trimDots(domain + head));
            }
        } else if (opened) {
            // "<ann.lee-bo" / "rg@example.com>".
            join = headAt >= 0 && closes && validDomain(trimDots(head.substring(headAt + 1)));
        } else {
            // "ann.lee-borg" at the end of a full line / "@example.com": the local part, then the domain.
            join = headAt == 0 && end >= 60 && validDomain(trimDots(head.substring(1)));
        }
        if (!join || tailEnd + (next.length() - b) > MAX_LINE) {
            return null;
        }
        return line.substring(0, tailEnd) + next.substring(b);
    }

    private static boolean domainOnly(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (!domainChar(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static String trimDots(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '.' || s.charAt(e - 1) == '-')) {
            e--;
        }
        return s.substring(0, e);
    }

    /** The text up to where the copy of the original message starts. */
    static String beforeOriginal(String text) {
        int n = text.length();
        int start = 0;
        int lineNo = 0;
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            if (lineNo > 0 && startsOriginal(text, start, Math.min(end, start + MAX_LINE))) {
                return text.substring(0, start);
            }
            lineNo++;
            start = end + 1;
        }
        return text;
    }

    private static boolean startsOriginal(String text, int from, int to) {
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '>' || c == '-' || c == '*' || c == '=' || c == '_' || c == '\r') {
                i++;
            } else {
                break;
            }
        }
        int len = Math.min(to - i, 60);
        if (len <= 0) {
            return false;
        }
        String head = text.substring(i, i + len).toLowerCase(Locale.ROOT);
        for (String s : ORIGINAL_STARTS) {
            if (head.startsWith(s)) {
                return true;
            }
        }
        // The copy of a message starts with its trace headers.
        return i == from && (head.startsWith("received: from") || head.startsWith("return-path: <"));
    }

    /**
     * Address (lower case) → the text about it, in the order the addresses first appear. Addresses
     * in {@code ignore} (lower case: the bounce's own From and To, that is the sender) and the mail
     * systems' role addresses are skipped.
     */
    static Map<String, Block> blocks(String text, Set<String> ignore) {
        List<String> lines = lines(text);
        List<Paragraph> paragraphs = paragraphs(lines);
        Map<String, Block> blocks = new LinkedHashMap<>();
        Block current = null;
        // The addresses listed together on the current entry's line ("…recipients: a@b, c@d"): the lines
        // after it are about each of them.
        List<Block> group = new ArrayList<>();
        int p = 0;
        String previous = "";
        String before2 = "";
        // The lines of the current paragraph before its first address ("User not listed in …" above it).
        StringBuilder lead = new StringBuilder();
        boolean addressInParagraph = false;
        boolean headerListOpen = false;
        // The indentation of the line that opened the current recipient's entry with its address
        // ("<a@b>: host x said: 550" at 0, Exim's "  a@b" at 2), while that entry goes on; -1 when none.
        int entryIndent = -1;
        // Exchange repeats the recipients it listed above under "Diagnostic information for
        // administrators"; once some were listed, no new ones start there.
        boolean diagnosticsAfterList = false;
        // The line before was an address alone (a list, one a line, "     a@b\n     c@d"): the lines
        // under the list are about each address in it.
        boolean bareListOpen = false;
        for (int i = 0; i < lines.size(); i++) {
            ReadBudget.check();
            while (p + 1 < paragraphs.size() && paragraphs.get(p + 1).first <= i) {
                p++;
            }
            if (unquote(lines.get(i)).isBlank()) {
                bareListOpen = false;
                lead.setLength(0);
                addressInParagraph = false;
                entryIndent = -1;
            }
            String line = unquote(lines.get(i));
            String raw = lines.get(i);
            // A header's address list folded onto the next line ("To: a@b; c@d;\n      e@f") is the header.
            boolean continued = headerListOpen
                    && !raw.isEmpty()
                    && (raw.charAt(0) == ' ' || raw.charAt(0) == '\t' || raw.charAt(0) == '>');
            boolean header = continued || headerLine(line);
            String trimmed = line.trim();
            headerListOpen = header && (trimmed.endsWith(",") || trimmed.endsWith(";"));
            List<Found> found = header ? List.of() : addresses(line);
            Found address = null;
            // "A message sent by\n\n  <sender>\n\ncould not be delivered": the sender, on its own line.
            // "please contact\nour help desk:\n    helpdesk@b": someone to write to, not a recipient.
            boolean senderLine = endsWithSenderWord(previous) || introducesContact(before2, previous);
            // Exim's "(generated from a@b)" under the address, Postfix's "<x@y> (expanded from <a@b>)"
            // beside it: a@b is the address that was sent to, x@y what it led to.
            Found alias = null;
            for (Found f : found) {
                if (f.afterFrom && alias == null && aliasWords(line, f.start)) {
                    alias = f;
                }
            }
            if (!blocks.isEmpty()
                    && trimmed.toLowerCase(Locale.ROOT).startsWith("diagnostic information for administrators")) {
                diagnosticsAfterList = true;
            }
            int indent = indent(raw);
            // A line indented under an entry's first line continues that entry: the server's answer
            // wrapped by Postfix or Exim ("<a@b>: host x said: 550\n    5.2.1 <other@b>... unknown",
            // "    <sender@c>: unauthorized sender"). An address there is part of the answer.
            boolean continuation = current != null && entryIndent >= 0 && indent > entryIndent && !raw.isBlank();
            if (!continuation && !raw.isBlank() && entryIndent >= 0 && found.isEmpty()) {
                entryIndent = -1;
            }
            for (Found f : found) {
                String key = f.address.toLowerCase(Locale.ROOT);
                String local = key.substring(0, key.indexOf('@'));
                if (ignore.contains(key) || ROLE_LOCALS.contains(local) || f.afterFrom || senderLine) {
                    continue;
                }
                if ((continuation && !key.equals(current.address))
                        || (diagnosticsAfterList && !blocks.containsKey(key))
                        || deliveredBefore(line, f.start)) {
                    continue;
                }
                address = f;
                break;
            }
            // Sendmail's "(expanded from: <a@b>)" under an entry that is no address (a mailbox file or a
            // program a@b forwards to): a@b is the address that was sent to and failed.
            boolean aliasEntry = alias != null
                    && address == null
                    && !addressInParagraph
                    && indent > 0
                    && !senderLine
                    && !ignore.contains(alias.address.toLowerCase(Locale.ROOT))
                    && !paragraphs.isEmpty()
                    && paragraphs.get(p).context(paragraphs, p) == 2;
            if (aliasEntry) {
                address = alias;
            } else if (alias != null && address == null && current != null) {
                current.generatedFrom = alias.address;
            }
            if (!line.isBlank()) {
                before2 = previous;
                previous = line;
            }
            if (address != null) {
                String key = address.address.toLowerCase(Locale.ROOT);
                boolean sameEntry = continuation && current != null && key.equals(current.address);
                boolean fresh = !blocks.containsKey(key);
                current = blocks.computeIfAbsent(key, k -> new Block(k));
                if (aliasEntry) {
                    // The entry's own lines (its file or program, the reason) stand above, in the lead.
                    current.before.append(lead);
                }
                if (alias != null && alias.start > address.start && current.generatedFrom == null) {
                    current.generatedFrom = alias.address;
                }
                // Further addresses listed after this one on its line, with nothing but separators between.
                List<Found> listed = sameEntry || aliasEntry ? List.of() : listedAfter(line, found, address, ignore);
                int restFrom = listed.isEmpty() ? address.end : listed.get(listed.size() - 1).end;
                String rest = line.substring(restFrom);
                String before = line.substring(0, address.start);
                if (sameEntry) {
                    // The entry's own address inside its wrapped answer ("550\n    mailbox a@b unavailable"):
                    // the words on both sides of it are one sentence of that answer.
                    current.text
                            .append(withoutOpening(before))
                            .append(' ')
                            .append(rest.trim())
                            .append('\n');
                    continue;
                }
                current.text.append(trimLead(rest)).append('\n');
                if (!before.isBlank()) {
                    current.before.append(withoutOpening(before)).append('\n');
                }
                String lead0 = before.trim();
                boolean opensLine = lead0.isEmpty()
                        || lead0.equals("<")
                        || lead0.equals("\"")
                        || lead0.equals("'")
                        || listMarker(lead0);
                if (opensLine) {
                    current.startsLine = true;
                }
                if (fresh) {
                    // A new block: what the line's label, or the heading just above a list entry, says
                    // happened to it ("Failed:", "Delayed:", "transient non-fatal errors").
                    String label = before.trim();
                    if (!(label.length() <= 40 && label.endsWith(":"))) {
                        label = opensLine ? lastLine(lead) : "";
                    }
                    current.outcome(label);
                }
                boolean bare = opensLine && listed.isEmpty() && nothingBut(rest);
                if (!(bare && bareListOpen && fresh)) {
                    group.clear();
                }
                if (!group.contains(current)) {
                    group.add(current);
                }
                bareListOpen = bare;
                for (Found f : listed) {
                    Block member = blocks.computeIfAbsent(f.address.toLowerCase(Locale.ROOT), k -> new Block(k));
                    if (member == current || group.contains(member)) {
                        continue;
                    }
                    member.text.append(trimLead(rest)).append('\n');
                    if (!before.isBlank()) {
                        member.before.append(withoutOpening(before)).append('\n');
                    }
                    member.startsLine |= opensLine;
                    member.labelDelay = current.labelDelay;
                    member.labelSuccess = current.labelSuccess;
                    group.add(member);
                }
                if (!sameEntry) {
                    entryIndent = opensLine ? indent : -1;
                }
                Paragraph para = paragraphs.isEmpty() ? null : paragraphs.get(p);
                int context = para == null ? 0 : para.context(paragraphs, p);
                for (Block b : group) {
                    b.context = Math.max(b.context, context);
                    if (b.lead.length() == 0) {
                        if (!addressInParagraph && lead.length() > 0) {
                            b.lead.append(lead);
                        } else if (context == 1) {
                            b.lead.append(para.heading(paragraphs, p));
                        }
                    }
                }
                addressInParagraph = true;
                continue;
            }
            if (!line.isBlank()) {
                bareListOpen = false;
            }
            if (!addressInParagraph && !line.isBlank() && lead.length() < 2000) {
                lead.append(line).append('\n');
            }
            if (current != null) {
                for (Block b : group) {
                    b.text.append(lines.get(i)).append('\n');
                }
            }
        }
        return blocks;
    }

    /**
     * The addresses that follow {@code first} on its line as one list ("a@b, c@d; \"e@f\" and g@h"):
     * each separated from the one before by nothing but blanks, commas, semicolons, quotes, angle
     * brackets or "and"/"or". Stops at the first address with other words before it. At most 50.
     */
    private static List<Found> listedAfter(String line, List<Found> found, Found first, Set<String> ignore) {
        List<Found> out = new ArrayList<>();
        int k = found.indexOf(first);
        int prevEnd = first.end;
        for (int j = k + 1; j < found.size() && out.size() < 50; j++) {
            Found f = found.get(j);
            if (f.start < prevEnd || !onlySeparators(line, prevEnd, f.start)) {
                break;
            }
            prevEnd = f.end;
            String key = f.address.toLowerCase(Locale.ROOT);
            if (f.afterFrom
                    || ignore.contains(key)
                    || ROLE_LOCALS.contains(key.substring(0, key.indexOf('@')))
                    || key.equalsIgnoreCase(first.address)) {
                continue;
            }
            out.add(f);
        }
        return out;
    }

    /** Words just before an address that say it was delivered ("was delivered to a@b but …"). */
    private static final List<String> DELIVERED_BEFORE = List.of(
            "was delivered to",
            "were delivered to",
            "has been delivered to",
            "successfully delivered to",
            "delivered successfully to");

    private static boolean deliveredBefore(String line, int start) {
        String w = Codes.fold(line.substring(Math.max(0, start - 40), start));
        while (w.endsWith("<") || w.endsWith("\"") || w.endsWith("'") || w.endsWith(" ")) {
            w = w.substring(0, w.length() - 1);
        }
        for (String d : DELIVERED_BEFORE) {
            if (w.endsWith(d)) {
                return true;
            }
        }
        return false;
    }

    /** "1.", "2)", "-", "*", "•" (then perhaps "<" or a quote): a list entry's marker before its address. */
    private static boolean listMarker(String lead) {
        String m = lead.endsWith("<") || lead.endsWith("\"") || lead.endsWith("'")
                ? lead.substring(0, lead.length() - 1).trim()
                : lead;
        if (m.equals("-") || m.equals("*") || m.equals("\u2022")) {
            return true;
        }
        int n = m.length();
        if (n < 2 || n > 4 || !(m.charAt(n - 1) == '.' || m.charAt(n - 1) == ')')) {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            if (!Character.isDigit(m.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The words before an address without the bracket or quote that opens it ("User <" → "User"), so
     * that they read on into the words after it ("User <a@b> unknown": "User unknown").
     */
    private static String withoutOpening(String before) {
        String t = before.trim();
        int e = t.length();
        while (e > 0 && "<\"'([".indexOf(t.charAt(e - 1)) >= 0) {
            e--;
        }
        return t.substring(0, e).trim();
    }

    /** Only blanks and the brackets, quotes and punctuation around an address. */
    private static boolean nothingBut(String rest) {
        for (int k = 0; k < rest.length(); k++) {
            if ("<>\"',;: \t".indexOf(rest.charAt(k)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlySeparators(String line, int from, int to) {
        String gap = line.substring(from, to).trim().toLowerCase(Locale.ROOT);
        int i = 0;
        boolean comma = false;
        while (i < gap.length()) {
            char c = gap.charAt(i);
            int close = c == '"' ? gap.indexOf('"', i + 1) : -1;
            int at = close > i ? gap.indexOf('@', i) : -1;
            if (close > i && (at < 0 || at > close)) {
                // A quoted display name between two entries ("…>, \"Lee, Ann\" <ann@b>"); an address
                // inside quotes is left to the address scan.
                i = close + 1;
            } else if (c == ',' || c == ';') {
                comma = true;
                i++;
            } else if (c == ' ' || c == '\t' || c == '<' || c == '>' || c == '"' || c == '\'') {
                i++;
            } else if (gap.startsWith("and ", i) || gap.startsWith("or ", i)) {
                comma = true;
                i += gap.charAt(i) == 'a' ? 4 : 3;
            } else {
                return false;
            }
        }
        // Two addresses side by side with no comma ("\"a@b\" <a@b>") are one recipient written twice.
        return comma;
    }

    private static String lastLine(CharSequence lines) {
        String all = lines.toString().trim();
        int nl = all.lastIndexOf('\n');
        String last = nl < 0 ? all : all.substring(nl + 1).trim();
        return last.length() <= 120 ? last : "";
    }

    /** Words of a label or heading that says delivery is still being tried. */
    private static final List<String> DELAY_LABEL = List.of(
            "delayed", "deferred", "transient", "will retry", "will be retried", "retrying", "temporar", "not yet");

    /** Words of a label or heading that says delivery failed for good. */
    private static final List<String> FAILED_LABEL =
            List.of("failed", "fatal", "permanent", "undeliverable", "rejected", "unknown", "not delivered");

    /** Words of a label that says delivery succeeded ("Delivered:", "Sent OK:"). */
    private static final List<String> SUCCESS_LABEL = List.of("delivered", "success", "relayed", "sent ok");

    /** Blanks before a line's text, not counting quoting: "> " is a quote mark, not indentation. */
    private static int indent(String raw) {
        int i = 0;
        int quotes = 0;
        while (i < raw.length() && (raw.charAt(i) == '>' || raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
            if (raw.charAt(i) == '>') {
                quotes++;
            }
            i++;
        }
        return Math.max(0, i - 2 * quotes);
    }

    /** "generated from" or "expanded from" just before the address at {@code start}. */
    private static boolean aliasWords(String line, int start) {
        String window = line.substring(Math.max(0, start - 24), start).toLowerCase(Locale.ROOT);
        // Exim writes "generated by a@b" under a pipe or file entry that a@b led to.
        return window.contains("generated from") || window.contains("expanded from") || window.contains("generated by");
    }

    private static String trimLead(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '.' || s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        // "<a@b>:" and "a@b:" — the colon after the address belongs to the address.
        if (i == 0 && !s.isEmpty() && (s.charAt(0) == ':' || s.charAt(0) == '>')) {
            int j = 0;
            while (j < s.length() && (s.charAt(j) == '>' || s.charAt(j) == ':' || s.charAt(j) == ' ')) {
                j++;
            }
            return s.substring(j);
        }
        return s.substring(i);
    }

    /** A line with its quoting ("> > ") and leading blanks removed. */
    static String unquote(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == '>' || line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        // Keep the '>' that closes nothing: "<a@b>" never starts with '>'.
        return line.substring(i);
    }

    private static boolean endsWithSenderWord(String line) {
        String l = Codes.fold(line);
        return l.endsWith(" by") || l.endsWith(" from") || l.endsWith("sender:") || l.endsWith("from:");
    }

    /** "To: …", "Message-ID: …": a header line (of the original, quoted in the text). */
    static boolean headerLine(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || colon > 40) {
            return false;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (HEADER_LINES.contains(name)) {
            return true;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        return lower.contains("message-id") || lower.contains("message id");
    }

    /** One address found in a line: where it is and whether the word before it is "from". */
    record Found(String address, int start, int end, boolean afterFrom) {}

    /** The addresses in one line, found in one pass (each '@' is looked at once). */
    static List<Found> addresses(String line) {
        List<Found> out = new ArrayList<>();
        int n = line.length();
        int i = line.indexOf('@');
        int floor = 0;
        while (i >= 0) {
            int s = i;
            while (s > floor && localChar(line.charAt(s - 1))) {
                s--;
            }
            int e = i + 1;
            while (e < n && domainChar(line.charAt(e))) {
                e++;
            }
            int de = e;
            while (de > i + 1 && (line.charAt(de - 1) == '.' || line.charAt(de - 1) == '-')) {
                de--;
            }
            int ls = s;
            // Leading dots, and the quote of Exchange's 'a@b' (an apostrophe inside a local part stays).
            while (ls < i && (line.charAt(ls) == '.' || line.charAt(ls) == '\'')) {
                ls++;
            }
            // "550-'cora@b": an apostrophe after a non-alphanumeric opens a quote (o'brien@b keeps its own).
            for (int q = i - 1; q > ls; q--) {
                if (line.charAt(q) == '\'' && !Character.isLetterOrDigit(line.charAt(q - 1))) {
                    ls = q + 1;
                    break;
                }
            }
            String local = line.substring(ls, i);
            String domain = line.substring(i + 1, de);
            if (!local.isEmpty() && validDomain(domain) && !inUrl(line, ls)) {
                int eq = local.lastIndexOf('=');
                boolean ok = true;
                if (eq >= 0) {
                    // "SMTP=a@b" (Exchange): strip a short word; "list-bounces+a=b.c@host" (VERP): skip.
                    String prefix = local.substring(0, eq);
                    if (prefix.length() <= 10 && prefix.chars().allMatch(Character::isLetter)) {
                        local = local.substring(eq + 1);
                        ls += eq + 1;
                        ok = !local.isEmpty();
                    } else {
                        ok = false;
                    }
                }
                String address = local + "@" + domain;
                if (ok && local.regionMatches(true, 0, "IMCEA", 0, 5)) {
                    // Exchange's encapsulated address: "IMCEASMTP-kim+40example+2Ecom@gateway".
                    String inner = imcea(local);
                    if (inner != null) {
                        address = inner;
                    } else {
                        ok = false;
                    }
                }
                if (ok && !looksLikeMessageId(address.substring(0, address.lastIndexOf('@')))) {
                    out.add(new Found(address, ls, de, wordBefore(line, ls)));
                }
            }
            floor = e;
            i = e < n ? line.indexOf('@', e) : -1;
            if (i >= 0 && i < floor) {
                i = line.indexOf('@', floor);
            }
        }
        return out;
    }

    /**
     * The address inside an Exchange IMCEA local part ("IMCEASMTP-kim+40example+2Ecom" → kim@example.com:
     * "+XX" is a character in hexadecimal), or null when it holds no Internet address (IMCEAEX-, X.500).
     */
    static String imcea(String local) {
        int dash = local.indexOf('-');
        if (dash < 0) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        String enc = local.substring(dash + 1);
        for (int k = 0; k < enc.length(); k++) {
            char c = enc.charAt(k);
            if (c == '+' && k + 2 < enc.length() && hex(enc.charAt(k + 1)) >= 0 && hex(enc.charAt(k + 2)) >= 0) {
                b.append((char) (hex(enc.charAt(k + 1)) * 16 + hex(enc.charAt(k + 2))));
                k += 2;
            } else {
                b.append(c);
            }
        }
        String decoded = b.toString();
        int at = decoded.indexOf('@');
        if (at <= 0 || at != decoded.lastIndexOf('@')) {
            return null;
        }
        String dom = decoded.substring(at + 1);
        for (int k = 0; k < dom.length(); k++) {
            if (!domainChar(dom.charAt(k))) {
                return null;
            }
        }
        return validDomain(dom) ? decoded : null;
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static boolean localChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '_'
                || c == '-'
                || c == '+'
                || c == '%'
                || c == '='
                || c == '!'
                || c == '$'
                || c == '&'
                || c == '*'
                || c == '^'
                || c == '~'
                || c == '#'
                || c == '\''
                || c > 127 && Character.isLetterOrDigit(c);
    }

    static boolean domainChar(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '.'
                || c == '-'
                || c > 127 && Character.isLetterOrDigit(c);
    }

    private static boolean validDomain(String d) {
        int dot = d.lastIndexOf('.');
        if (dot <= 0 || dot == d.length() - 1 || d.contains("..") || d.startsWith("-")) {
            return false;
        }
        String tld = d.substring(dot + 1);
        // One letter is a valid top-level domain (a@b.c), and internationalised ones arrive as
        // punycode (xn--p1ai); an all-digit last label is an IP address, not a domain.
        if (tld.regionMatches(true, 0, "xn--", 0, 4)) {
            return tld.length() > 4 && tld.chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c));
        }
        return tld.chars().allMatch(Character::isLetter);
    }

    /** "http://x/y?u=a@b": the token before the address holds "://" or a query. */
    private static boolean inUrl(String line, int start) {
        int t = start;
        while (t > 0
                && !Character.isWhitespace(line.charAt(t - 1))
                && line.charAt(t - 1) != '<'
                && line.charAt(t - 1) != '"'
                && line.charAt(t - 1) != '(') {
            t--;
        }
        String token = line.substring(t, start);
        return token.contains("://") || token.contains("?") || token.contains("/");
    }

    /** "200608282008.k7SK8Bbu032023@host": a Message-ID or queue id, not a mailbox. */
    private static boolean looksLikeMessageId(String local) {
        int digits = 0;
        int run = 0;
        int maxRun = 0;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (Character.isDigit(c)) {
                digits++;
                run++;
                maxRun = Math.max(maxRun, run);
            } else {
                run = 0;
            }
        }
        return maxRun >= 10 && (local.contains(".") || local.contains("$")) || local.length() > 64;
    }

    /** The word before the address is "from" or "sender": the sender, not a recipient. */
    private static boolean wordBefore(String line, int start) {
        int e = start;
        while (e > 0
                && (line.charAt(e - 1) == ' '
                        || line.charAt(e - 1) == '<'
                        || line.charAt(e - 1) == '"'
                        || line.charAt(e - 1) == ':'
                        || line.charAt(e - 1) == '\t')) {
            e--;
        }
        int s = e;
        while (s > 0 && Character.isLetter(line.charAt(s - 1))) {
            s--;
        }
        String w = line.substring(s, e).toLowerCase(Locale.ROOT);
        return w.equals("from")
                || w.equals("sender")
                || w.equals("by")
                || w.equals("contact")
                || contactBefore(line, start);
    }

    /** Words that, shortly before an address on its line, make it someone to write to (not a recipient). */
    private static final String[] CONTACT_WORDS = {
        "contact",
        "send an e-mail",
        "send an email",
        "send e-mail",
        "send email",
        "send mail",
        "send a message",
        "e-mail message",
        "email message",
        "write to",
        "email us",
        "e-mail us",
        "mail us at",
        "reach us",
        "report this to",
        "questions to",
        "complaints to",
        "help desk",
        "helpdesk",
        "assistance",
        // The replacement a notice suggests for a mailbox that moved ("Please try a.new@b").
        "please try",
        "new address",
        "moved to",
        "please use",
        "resend to",
        "resend it to",
        "try again with"
    };

    /** A line ending in ':' that, with the line above it, says whom to write to ("please contact / our help desk:"). */
    private static boolean introducesContact(String above, String line) {
        String l = Codes.fold(line);
        if (!l.endsWith(":")) {
            return false;
        }
        String both = Codes.fold(above) + " " + l;
        String window = both.substring(Math.max(0, both.length() - 120));
        for (String w : CONTACT_WORDS) {
            if (window.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** "… or send an e-mail message from another address to dz@rota.lv": a contact, not a recipient. */
    private static boolean contactBefore(String line, int start) {
        String window = line.substring(Math.max(0, start - 80), start).toLowerCase(Locale.ROOT);
        for (String w : CONTACT_WORDS) {
            if (window.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** A run of non-blank lines, with its text folded to one lower-case line. */
    private static final class Paragraph {
        final int first;
        final String folded;
        final int addressLines;
        final int lineCount;

        Paragraph(int first, String folded, int addressLines, int lineCount) {
            this.first = first;
            this.folded = folded;
            this.addressLines = addressLines;
            this.lineCount = lineCount;
        }

        /** Computed once: each address asks about its paragraph and up to three above it. */
        private Boolean says;

        boolean saysFailure() {
            if (says == null) {
                says = (hasFailureWords(withoutSuccess(folded)) && !readReceipt(folded))
                        || Codes.scan(folded).reply().isPresent();
            }
            return says;
        }

        /** Mostly addresses, one a line: a list that the paragraph above introduces. */
        boolean isList() {
            return addressLines > 0 && addressLines * 2 >= lineCount;
        }

        /**
         * 2: this paragraph says delivery failed (or is retried); 1: it is a list of addresses after
         * a paragraph that says so (at most two paragraphs up); 0: nothing says so.
         */
        /** The text of the paragraph above that says delivery failed, for a list (context 1). */
        String heading(List<Paragraph> all, int index) {
            for (int k = index - 1; k >= Math.max(0, index - 3); k--) {
                if (all.get(k).saysFailure()) {
                    return all.get(k).folded;
                }
            }
            return index + 1 < all.size() && all.get(index + 1).saysFailure() ? all.get(index + 1).folded : "";
        }

        int context(List<Paragraph> all, int index) {
            if (saysFailure()) {
                return 2;
            }
            if (isList()) {
                for (int k = index - 1; k >= Math.max(0, index - 3); k--) {
                    Paragraph up = all.get(k);
                    if (up.saysFailure()) {
                        return 1;
                    }
                    if (!up.isList() && up.folded.length() > 200) {
                        break;
                    }
                }
                // "Your message to:\n\n    a@b\n\ncould not be delivered …": a list that the line above
                // introduces, with the sentence about it going on below.
                if (index > 0
                        && all.get(index - 1).folded.endsWith(":")
                        && index + 1 < all.size()
                        && all.get(index + 1).saysFailure()) {
                    return 1;
                }
            }
            return 0;
        }
    }

    private static List<Paragraph> paragraphs(List<String> lines) {
        List<Paragraph> out = new ArrayList<>();
        int first = -1;
        StringBuilder folded = new StringBuilder();
        int addressLines = 0;
        int count = 0;
        for (int i = 0; i <= lines.size(); i++) {
            String line = i < lines.size() ? unquote(lines.get(i)).trim() : "";
            if (line.isEmpty()) {
                if (first >= 0) {
                    out.add(new Paragraph(first, fold(folded), addressLines, count));
                    first = -1;
                    folded.setLength(0);
                    addressLines = 0;
                    count = 0;
                }
                continue;
            }
            if (first < 0) {
                first = i;
            }
            count++;
            if (folded.length() < 4000) {
                folded.append(line).append(' ');
            }
            List<Found> found = addresses(line);
            if (!found.isEmpty()
                    && found.stream()
                                    .map(f -> f.address.toLowerCase(Locale.ROOT))
                                    .distinct()
                                    .count()
                            == 1
                    && line.length() - found.get(0).address.length() * found.size() < 60) {
                addressLines++;
            }
        }
        return out;
    }

    private static String fold(CharSequence text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
            } else {
                if (space && b.length() > 0) {
                    b.append(' ');
                }
                space = false;
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static boolean readReceipt(String foldedLower) {
        for (String w : READ_WORDS) {
            if (foldedLower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    static boolean hasFailureWords(String foldedLower) {
        for (String w : FAILURE_WORDS) {
            if (foldedLower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * AOL and a few others name the failed mailbox without its domain, one a line under a heading
     * that says delivery failed ("…could not be delivered because…:" then "\tname"). The names found
     * there, at most a few, in order.
     */
    static List<String> bareNames(String text) {
        List<String> out = new ArrayList<>();
        boolean underHeading = false;
        for (String raw : lines(text)) {
            String line = unquote(raw).trim();
            if (line.isEmpty()) {
                continue;
            }
            String name = underHeading ? bareName(line) : null;
            if (name != null) {
                out.add(name);
                if (out.size() > 20) {
                    return List.of();
                }
                continue;
            }
            if (!out.isEmpty()) {
                break;
            }
            String folded = Codes.fold(line);
            String labelled = labelledName(folded);
            if (labelled != null) {
                // "Receiver not found: tomh", "Unknown user: ruth": the name after a label saying so.
                out.add(labelled);
                continue;
            }
            underHeading = folded.endsWith(":") && hasFailureWords(folded);
        }
        return out;
    }

    /** Nouns of a label that names a mailbox ("Receiver not found:", "Unknown user:"). */
    private static final List<String> RECIPIENT_NOUNS =
            List.of("user", "receiver", "recipient", "mailbox", "addressee", "account");

    /**
     * "receiver not found: tomh" (folded): the bare name after a short label that names a mailbox and
     * says delivery failed; null for anything else ("error: timeout", "subject: hello").
     */
    private static String labelledName(String folded) {
        int colon = folded.indexOf(':');
        if (colon <= 0 || colon > 40) {
            return null;
        }
        String label = folded.substring(0, colon);
        String name = folded.substring(colon + 1).trim();
        if (name.isEmpty() || !isBareName(name) || !hasFailureWords(label)) {
            return null;
        }
        for (String noun : RECIPIENT_NOUNS) {
            if (label.contains(noun)) {
                return name;
            }
        }
        return null;
    }

    /**
     * The mailbox name a line holds: the whole line ("pete"), or the name then a gap (two blanks, a
     * tab, "...") and the reason ("noor     Mailbox unknown"); null for anything else.
     */
    private static String bareName(String line) {
        if (isBareName(line)) {
            return line;
        }
        int end = 0;
        while (end < line.length() && end <= 64 && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        String name = line.substring(0, end);
        String rest;
        if (name.endsWith("...") && name.length() > 3) {
            name = name.substring(0, name.length() - 3);
            rest = line.substring(end);
        } else if (line.startsWith("  ", end) || line.startsWith("\t", end)) {
            rest = line.substring(end);
        } else if (line.startsWith(" (", end) && line.endsWith(")")) {
            // GroupWise: "petra (user not found)".
            rest = line.substring(end + 2, line.length() - 1);
        } else {
            return null;
        }
        String reason = Codes.fold(rest);
        return !name.isEmpty()
                        && isBareName(name)
                        && (hasFailureWords(reason) || Codes.guessDetail(reason).isPresent())
                ? name
                : null;
    }

    private static boolean isBareName(String s) {
        if (s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '+')) {
                return false;
            }
        }
        return Character.isLetterOrDigit(s.charAt(0));
    }

    static final class Block {
        final String address;
        final StringBuilder text = new StringBuilder();
        /** What the line held before the address ("Intended recipient:", "550 5.1.1"). */
        final StringBuilder before = new StringBuilder();
        /** See {@link Paragraph#context}: 2 the paragraph says failure, 1 a list under such a heading. */
        int context;
        /**
         * What is said just before the address: the lines above it in its paragraph, or the heading of
         * the list it is in. Read for the reason only when the address's own text gives none.
         */
        final StringBuilder lead = new StringBuilder();
        /** The address opened a line at least once (a list entry, not a mention inside a sentence). */
        boolean startsLine;
        /** Exim's "(generated from a@b)": the address that was sent to, when this one is its alias. */
        String generatedFrom;
        /**
         * What the address's own label or list heading says: true still being tried ("Delayed:",
         * "transient non-fatal errors"), false failed ("Failed:", "permanent fatal errors"), null neither.
         */
        Boolean labelDelay;
        /** Its label says it was delivered ("Delivered: a@b"): not a failed recipient. */
        boolean labelSuccess;

        void outcome(String label) {
            String l = Codes.fold(label).replace("non-fatal", "transient");
            if (l.isEmpty() || l.length() > 120) {
                return;
            }
            boolean delay = DELAY_LABEL.stream().anyMatch(l::contains);
            boolean failed = FAILED_LABEL.stream().anyMatch(l::contains);
            if (delay != failed) {
                labelDelay = delay;
            } else if (!delay && l.endsWith(":") && l.length() <= 40) {
                String words = l.replace("undelivered", "").replace("not delivered", "");
                labelSuccess = SUCCESS_LABEL.stream().anyMatch(words::contains) && !hasFailureWords(l);
            }
        }

        Block(String address) {
            this.address = address;
        }

        /** The server's words in one line, without the bounce software's own boilerplate. */
        String diagnostic() {
            StringBuilder out = new StringBuilder();
            for (String line : lines(text.toString())) {
                String s = line.trim();
                if (s.isEmpty() || s.startsWith("-----") || s.startsWith("*****")) {
                    continue;
                }
                if (out.length() > 0) {
                    out.append(' ');
                }
                out.append(s);
                if (out.length() > 600) {
                    break;
                }
            }
            String d = BounceParser.oneLine(out.toString());
            return d.length() > 500 ? d.substring(0, 500) + "…" : d;
        }
    }
}
