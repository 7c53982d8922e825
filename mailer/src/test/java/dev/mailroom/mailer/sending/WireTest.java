package dev.mailroom.mailer.sending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mailroom.mailer.templates.ClasspathStarterLibrary;
import dev.mailroom.mailer.templates.HandlebarsTemplateRenderer;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimKeyPair;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.templates.RenderRequest;
import dev.mailroom.model.templates.RenderTarget;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateFixtures;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.server.SMTPServer;

/**
 * Mail as the relay receives it (issue 17): a varied set of messages is queued through the send use case,
 * sent by the outbox into a relay on loopback that offers SMTPUTF8 (subethasmtp), and each message's raw
 * bytes are checked by dkimpy and opendkim (every DKIM signature, RSA and Ed25519) and by a strict MIME
 * parse (Python's {@code email} with the strict policy: structure, encoded words, lines of at most 998
 * octets, {@code cid:} references resolved, what a reader sees equal to what was sent).
 *
 * <p>Needs Debian's {@code python3-dkim} (with {@code python3-nacl}), {@code opendkim} and
 * {@code opendkim-tools}; without them the test is skipped with a message saying so, unless {@code CI=true},
 * where it fails.
 */
class WireTest {
    static final String DOMAIN = OutboxDeliveryTest.DOMAIN;
    /** The product's own keys, as a domain with both gets them ({@link DkimKeyGenerator}), and their TXT values. */
    static final DkimKeyPair RSA_KEY = generate(DkimAlgorithm.RSA);

    static final DkimKeyPair ED_KEY = generate(DkimAlgorithm.ED25519);

    @TempDir
    Path dir;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Map<String, byte[]> received = new ConcurrentHashMap<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    /** One message of the set: what is queued, and what a reader must see. */
    record Case(
            String name,
            String to,
            String expectTo,
            String fromName,
            String subject,
            String text,
            Optional<String> html,
            Optional<String> unsubscribe,
            Map<String, Object> expect) {}

    @Test
    void everyMessageVerifiesInDkimpyAndOpendkimAndParsesStrictly() throws Exception {
        requireVerifiers();
        SMTPServer relay = SMTPServer.port(0)
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .insertReceivedHeaders(false)
                .messageHandler((ctx, from, to, data) -> received.put(to, data))
                .build();
        relay.start();
        toClose.add(relay::stop);

        Wired w = wire("Local relay", relay.getPortAllocated(), 2);
        SendingFixture f = w.f();
        Outbox outbox = w.outbox();
        SendService send = w.send();

        List<Case> cases = cases();
        for (Case k : cases) {
            SendService.Result r = send.send(
                    f.owner,
                    w.message(
                            k.fromName(),
                            List.of(k.to()),
                            k.subject(),
                            k.text(),
                            k.html(),
                            k.unsubscribe().isEmpty(),
                            k.unsubscribe(),
                            List.of(),
                            FILES.getOrDefault(k.name(), List.of())));
            assertThat(r.refused()).as(k.name()).isEmpty();
            assertThat(r.queued()).as(k.name()).hasSize(1);
        }
        // A templated campaign with its logo inline: three recipients, the logo stored once.
        TemplateContent content = new ClasspathStarterLibrary()
                .find("ecommerce/receipt")
                .orElseThrow()
                .toDraft()
                .content();
        Rendering rendering = new HandlebarsTemplateRenderer()
                .render(new RenderRequest(
                        content, content.sampleData(), Optional.of(TemplateFixtures.acmeKit()), RenderTarget.SEND));
        assertThat(rendering.inlineImages()).isNotEmpty();
        List<String> campaign = List.of("ann@example.net", "bob@example.net", "cat@example.net");
        SendService.Result templated = send.send(
                f.owner,
                new SendRequest(
                        f.acme,
                        w.relay().id(),
                        "hello@" + DOMAIN,
                        "Acme Corp",
                        campaign,
                        rendering.subject(),
                        rendering.text(),
                        Optional.of(rendering.html()),
                        false,
                        Optional.of("https://" + DOMAIN + "/u/campaign"),
                        rendering.inlineImages(),
                        CAMPAIGN_FILES));
        assertThat(templated.queued()).hasSize(3);
        assertThat(inlinePartsStored(f))
                .as("the logo and the campaign's file are stored once each; the plain case's file once")
                .isEqualTo(3);

        Outbox.DrainReport report = outbox.drain(2);
        assertThat(report.count(OutboxState.SENT)).isEqualTo(cases.size() + campaign.size());

        Path out = dir.resolve("wire");
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        for (Case k : cases) {
            write(out, json, k.name(), k.expectTo(), k.expect());
        }
        for (String to : campaign) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("from", "hello@" + DOMAIN);
            e.put("fromName", "Acme Corp");
            e.put("to", to);
            e.put("subject", rendering.subject());
            e.put("html", true);
            e.put("cids", List.of("brand-logo"));
            e.put("listUnsubscribe", "https://" + DOMAIN + "/u/campaign");
            e.put("attachments", expected(CAMPAIGN_FILES));
            write(out, json, "templated-" + to.substring(0, 3), to, e);
        }
        Map<String, String> dns = Map.of(
                RSA_KEY.host(DOMAIN), RSA_KEY.txtValue(),
                ED_KEY.host(DOMAIN), ED_KEY.txtValue());
        Files.writeString(out.resolve("dns.json"), json.writeValueAsString(dns));

        int total = cases.size() + campaign.size();
        copyForPeople(out);
        Map<String, JsonNode> python = dkimpyAndMime(out, json);
        Map<String, List<String>> opendkim = opendkim(out, dns);
        int dkimpyOk = 0;
        int opendkimOk = 0;
        int mimeOk = 0;
        List<String> failures = new ArrayList<>();
        for (String name : python.keySet()) {
            JsonNode r = python.get(name);
            List<String> algorithms = new ArrayList<>();
            boolean allOk = true;
            for (JsonNode s : r.get("signatures")) {
                algorithms.add(s.get("a").asText());
                allOk &= s.get("ok").asBoolean();
            }
            if (allOk && algorithms.equals(List.of("rsa-sha256", "ed25519-sha256"))) {
                dkimpyOk++;
            } else {
                failures.add(name + ": dkimpy " + r.get("signatures"));
            }
            if (r.get("problems").isEmpty()) {
                mimeOk++;
            } else {
                failures.add(name + ": " + r.get("problems"));
            }
            List<String> od = opendkim.getOrDefault(name, List.of("no result"));
            if (od.equals(List.of("pass rsa-sha256", "pass ed25519-sha256"))) {
                opendkimOk++;
            } else {
                failures.add(name + ": opendkim " + od);
            }
        }
        System.out.printf(
                "Wire test: %d messages; dkimpy verified %d of %d (both signatures), opendkim %d of %d, strict MIME %d of %d%n",
                total, dkimpyOk, total, opendkimOk, total, mimeOk, total);
        assertThat(python).hasSize(total);
        assertThat(failures).isEmpty();
    }

    @Test
    void refusesAtQueueTimeWhatCouldNotGoOutRight() throws Exception {
        // GreenMail and subethasmtp both offer SMTPUTF8; this relay, like many, does not.
        AsciiRelay plain = new AsciiRelay();
        toClose.add(plain);
        Wired w = wire("Plain relay", plain.port(), 1);
        SendingFixture f = w.f();
        Outbox outbox = w.outbox();
        SendService send = w.send();

        SendService.Result r = send.send(
                f.owner,
                w.message(
                        "Acme",
                        List.of("jörg@example.net", "kunde@bücher.example", "bad@exa_mple..com", "ok@example.net"),
                        "Hello",
                        "Hi.",
                        Optional.empty(),
                        true,
                        Optional.empty()));
        assertThat(r.queued()).extracting(m -> m.to()).containsExactly("kunde@xn--bcher-kva.example", "ok@example.net");
        assertThat(r.refused())
                .extracting(SendService.Refused::address)
                .containsExactlyInAnyOrder("jörg@example.net", "bad@exa_mple..com");
        assertThat(r.refused())
                .filteredOn(x -> x.address().startsWith("jörg"))
                .singleElement()
                .satisfies(x -> assertThat(x.problem()).contains("SMTPUTF8").contains("does not offer it"));

        // HTML showing an image the message does not carry is refused, with the reason, before anything is stored.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send.send(
                        f.owner,
                        w.message(
                                "Acme",
                                List.of("ok@example.net"),
                                "Logo",
                                "",
                                Optional.of("<img src=\"cid:brand-logo\" alt=\"Acme\">"),
                                true,
                                Optional.empty())))
                .isInstanceOfSatisfying(
                        dev.mailroom.model.common.InvalidInput.class,
                        e -> assertThat(e.problems().get("body")).contains("cid:brand-logo"));

        // A line break in the unsubscribe link would start a header of its own.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> send.send(
                        f.owner,
                        w.message(
                                "Acme",
                                List.of("ok@example.net"),
                                "News",
                                "News.",
                                Optional.empty(),
                                false,
                                Optional.of("https://" + DOMAIN + "/u/1>\r\nBcc: spy@example.org"))))
                .isInstanceOfSatisfying(
                        dev.mailroom.model.common.InvalidInput.class,
                        e -> assertThat(e.problems().get("unsubscribeUrl")).contains("plain ASCII"));

        assertThat(outbox.drain(1).count(OutboxState.SENT)).isEqualTo(2);
        assertThat(plain.recipients).containsExactlyInAnyOrder("kunde@xn--bcher-kva.example", "ok@example.net");
        assertThat(plain.mailFrom).allSatisfy(cmd -> assertThat(cmd).doesNotContain("SMTPUTF8"));
    }

    /**
     * A small SMTP server on loopback that offers no SMTPUTF8 (as many relays do): EHLO, MAIL, RCPT, DATA,
     * RSET, NOOP, QUIT, each answered 250 (354 for DATA).
     */
    static final class AsciiRelay implements AutoCloseable {
        final java.net.ServerSocket socket;
        final List<String> recipients = Collections.synchronizedList(new ArrayList<>());
        final List<String> mailFrom = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;

        AsciiRelay() throws IOException {
            socket = new java.net.ServerSocket(0, 10, java.net.InetAddress.getLoopbackAddress());
            thread = new Thread(this::serve, "ascii-relay");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (java.net.Socket s = socket.accept()) {
                    var in = new java.io.BufferedReader(
                            new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    var out = s.getOutputStream();
                    java.util.function.Consumer<String> say = line -> {
                        try {
                            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    };
                    say.accept("220 ascii.relay.test ESMTP");
                    String line;
                    while ((line = in.readLine()) != null) {
                        String verb =
                                line.length() >= 4 ? line.substring(0, 4).toUpperCase(java.util.Locale.ROOT) : line;
                        switch (verb) {
                            case "EHLO" -> say.accept("250-ascii.relay.test\r\n250-8BITMIME\r\n250 SIZE 10485760");
                            case "MAIL" -> {
                                mailFrom.add(line);
                                say.accept("250 OK");
                            }
                            case "RCPT" -> {
                                recipients.add(line.substring(line.indexOf('<') + 1, line.lastIndexOf('>')));
                                say.accept("250 OK");
                            }
                            case "DATA" -> {
                                say.accept("354 go on");
                                while (!".".equals(in.readLine())) {
                                    // the message is not needed here
                                }
                                say.accept("250 OK queued");
                            }
                            case "QUIT" -> {
                                say.accept("221 bye");
                                break;
                            }
                            default -> say.accept("250 OK");
                        }
                        if (verb.equals("QUIT")) {
                            break;
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // a connection ended; the next one is served
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Acme's relay connection to a local SMTP server, and the outbox and send use case over the real transport. */
    private record Wired(SendingFixture f, Connection relay, Outbox outbox, SendService send) {
        /** A message from hello@ the test domain over the relay. */
        SendRequest message(
                String fromName,
                List<String> to,
                String subject,
                String text,
                Optional<String> html,
                boolean transactional,
                Optional<String> unsubscribe) {
            return new SendRequest(
                    f.acme,
                    relay.id(),
                    "hello@" + DOMAIN,
                    fromName,
                    to,
                    subject,
                    text,
                    html,
                    transactional,
                    unsubscribe);
        }

        /** The same with inline parts and attachments. */
        SendRequest message(
                String fromName,
                List<String> to,
                String subject,
                String text,
                Optional<String> html,
                boolean transactional,
                Optional<String> unsubscribe,
                List<dev.mailroom.model.common.InlineImage> inline,
                List<Attachment> attachments) {
            return new SendRequest(
                    f.acme,
                    relay.id(),
                    "hello@" + DOMAIN,
                    fromName,
                    to,
                    subject,
                    text,
                    html,
                    transactional,
                    unsubscribe,
                    inline,
                    attachments);
        }
    }

    private Wired wire(String name, int port, int sessions) throws Exception {
        Store store = Backend.H2.open(dir.resolve("store"));
        toClose.add(store);
        SendingFixture f = new SendingFixture(store, dir.resolve("store"));
        Connection c = f.localRelay(name, port, sessions, 0);
        SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system());
        toClose.add(transport);
        Outbox outbox = new Outbox(
                f.outbox,
                f.endpoints,
                dualSigned(),
                transport,
                f.suppressions,
                f.events,
                f.tx,
                f.clock,
                OutboxDeliveryTest.RETRY);
        SendService send = new SendService(
                outbox,
                f.connections,
                dualSigned(),
                f.tenants,
                f.access,
                f.audit,
                f.tx,
                f.endpoints,
                new SmtpProbe(SmtpSettings.system()));
        return new Wired(f, c, outbox, send);
    }

    private List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String longWord = "x".repeat(990);
        String longUrl = "https://" + DOMAIN + "/unsubscribe?token=" + "a1B2c3D4".repeat(200);
        String dotLines = ".\n..\n.leading dot\nFrom the start of a line\n. \ntrailing spaces   \n\n\n";
        String longLine = "word ".repeat(700) + "\n" + "y".repeat(3000) + "\nend\n";
        cases.add(plain(
                "non-ascii",
                "reader1@example.net",
                "Zoë Ångström-Øre",
                "Ihre Bestellung: Größe L — 今日発送",
                "Grüße aus Köln.\r\n"));
        cases.add(plain(
                "emoji", "reader2@example.net", "Party 🎉", "🎉 Party time 🎈 on Friday", "Bring 🍕 and 🥤.\r\n"));
        cases.add(plain("long-subject-no-spaces", "reader3@example.net", "Acme", longWord, "A long subject.\r\n"));
        cases.add(plain(
                "long-subject-words",
                "reader4@example.net",
                "Acme",
                "Your weekly summary ".repeat(45).strip(),
                "Folded at spaces.\r\n"));
        cases.add(plain(
                "encoded-word-lookalike", "reader5@example.net", "=?utf-8?q?Boss?=", "=?utf-8?q?hello?=", "Hi.\r\n"));
        cases.add(plain("long-lines", "reader6@example.net", "Acme", "Long lines", longLine));
        cases.add(plain("lf-only", "reader7@example.net", "Acme", "Unix text", "line one\nline two\n\nline four\n"));
        cases.add(plain("dot-lines", "reader8@example.net", "Acme", "Dots", dotLines));
        cases.add(plain("specials-name", "reader9@example.net", "Acme, Inc. \"Sales\"", "Quoted name", "Hi.\r\n"));
        Map<String, Object> htmlOnly = expect("reader10@example.net", "Acme", "HTML only");
        htmlOnly.put("html", "<h1>Hello</h1><p>Visit <a href=\"https://shop.example\">our shop</a> today.</p>");
        htmlOnly.put("textContains", List.of("Hello", "our shop (https://shop.example)"));
        cases.add(new Case(
                "html-only",
                "reader10@example.net",
                "reader10@example.net",
                "Acme",
                "HTML only",
                "",
                Optional.of((String) htmlOnly.get("html")),
                Optional.empty(),
                htmlOnly));
        Case unsub = plain("long-unsubscribe-url", "reader11@example.net", "Acme", "Newsletter", "News.\r\n");
        unsub.expect().put("listUnsubscribe", longUrl);
        cases.add(new Case(
                unsub.name(),
                unsub.to(),
                unsub.expectTo(),
                unsub.fromName(),
                unsub.subject(),
                unsub.text(),
                Optional.empty(),
                Optional.of(longUrl),
                unsub.expect()));
        Case idn = plain("idn-recipient", "kunde@bücher.example", "Bücherstube", "Ihre Bücher", "Danke.\r\n");
        idn.expect().put("to", "kunde@xn--bcher-kva.example");
        cases.add(new Case(
                idn.name(),
                idn.to(),
                "kunde@xn--bcher-kva.example",
                idn.fromName(),
                idn.subject(),
                idn.text(),
                Optional.empty(),
                Optional.empty(),
                idn.expect()));
        Case files =
                plain("attachment", "reader12@example.net", "Acme", "Your invoice", "Your invoice is attached.\r\n");
        try {
            files.expect().put("attachments", expected(FILES.get("attachment")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        cases.add(files);
        Case utf8 = plain("smtputf8-local-part", "jörg@example.net", "Acme", "Für Jörg", "Hallo Jörg.\r\n");
        utf8.expect().put("smtputf8", true);
        cases.add(utf8);
        return cases;
    }

    /**
     * Files: a plain-text message with a receipt whose long name is outside ASCII (RFC 2231 parameters,
     * continued over lines) and a calendar file; the templated campaign (related inside alternative inside
     * mixed, the deepest structure Mailroom sends) with a PDF.
     */
    private static final Map<String, List<Attachment>> FILES = Map.of(
            "attachment",
            List.of(
                    Attachment.named(
                            "Rechnung Nr. 2026-000123 für Zoë Ångström-Øre (Bestellung vom 3. Dezember).pdf",
                            pdfBytes()),
                    Attachment.named(
                            "meeting.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8))));

    private static final List<Attachment> CAMPAIGN_FILES = List.of(Attachment.named("receipt.pdf", pdfBytes()));

    /** Bytes of every value, so base64 and its line breaks are exercised, not only ASCII. */
    private static byte[] pdfBytes() {
        byte[] b = new byte[5000];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        System.arraycopy("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 9);
        return b;
    }

    private static List<Map<String, String>> expected(List<Attachment> files) throws Exception {
        List<Map<String, String>> out = new ArrayList<>();
        for (Attachment a : files) {
            out.add(Map.of(
                    "filename",
                    a.filename(),
                    "type",
                    a.mediaType(),
                    "sha256",
                    java.util.HexFormat.of()
                            .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                    .digest(a.bytes()))));
        }
        return out;
    }

    private static Case plain(String name, String to, String fromName, String subject, String text) {
        Map<String, Object> e = expect(to, fromName, subject);
        e.put("text", text);
        return new Case(name, to, to, fromName, subject, text, Optional.empty(), Optional.empty(), e);
    }

    private static Map<String, Object> expect(String to, String fromName, String subject) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("from", "hello@" + DOMAIN);
        e.put("fromName", fromName);
        e.put("to", to);
        e.put("subject", subject);
        return e;
    }

    private void write(Path out, ObjectMapper json, String name, String to, Map<String, Object> expect)
            throws IOException {
        byte[] raw = received.get(to);
        assertThat(raw).as("the relay received the message to " + to).isNotNull();
        Files.write(out.resolve(name + ".eml"), raw);
        Files.writeString(out.resolve(name + ".json"), json.writeValueAsString(expect));
    }

    private static long inlinePartsStored(SendingFixture f) {
        return f.tx.inTransaction(() -> f.tx.dsl().fetchCount(dev.mailroom.persistence.jooq.Tables.OUTBOX_INLINE_PART));
    }

    /** The captured messages stay in target/wire-messages after the run, to look at. */
    private static void copyForPeople(Path out) throws IOException {
        Path keep = Path.of("target", "wire-messages");
        Files.createDirectories(keep);
        try (var files = Files.list(out)) {
            for (Path p : files.toList()) {
                Files.copy(p, keep.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** dkimpy and the strict MIME parse, one JSON line per message. */
    private Map<String, JsonNode> dkimpyAndMime(Path out, ObjectMapper json) throws Exception {
        Path script = out.resolveSibling("wire_check.py");
        try (InputStream in = WireTest.class.getResourceAsStream("/wire/wire_check.py")) {
            Files.write(script, in.readAllBytes());
        }
        String stdout = run(List.of("/usr/bin/python3", script.toString(), out.toString()));
        Map<String, JsonNode> results = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("{")) {
                JsonNode n = json.readTree(line);
                results.put(n.get("name").asText(), n);
            } else if (!line.isBlank()) {
                fail("wire_check.py said: " + stdout);
            }
        }
        return results;
    }

    /**
     * opendkim in its test mode ({@code opendkim -t}) with the public keys from a {@code TestDNSData} data
     * set: one line per signature, "pass rsa-sha256" or what it said.
     */
    private Map<String, List<String>> opendkim(Path out, Map<String, String> dns) throws Exception {
        Path keys = out.resolveSibling("opendkim-dns.txt");
        StringBuilder b = new StringBuilder();
        dns.forEach((name, txt) -> b.append(name).append(' ').append(txt).append('\n'));
        Files.writeString(keys, b);
        Path conf = out.resolveSibling("opendkim.conf");
        Files.writeString(
                conf,
                "Mode v\nSyslog no\nLogResults yes\nTestDNSData file:" + keys + "\nAlwaysAddARHeader yes\n"
                        + "AuthservID wire.test\nMinimumKeyBits 1024\n");
        Map<String, List<String>> results = new LinkedHashMap<>();
        Path single = out.resolveSibling("opendkim-one-signature.eml");
        try (var files = Files.list(out)) {
            for (Path eml :
                    files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) {
                String name = eml.getFileName().toString().replace(".eml", "");
                byte[] raw = Files.readAllBytes(eml);
                List<String> verdicts = new ArrayList<>();
                // opendkim -t reports one signature: each is checked alone, the others' headers taken out
                // (no signature covers another's DKIM-Signature header, so this changes nothing signed).
                List<String> algorithms = signatureAlgorithms(raw);
                for (int i = 0; i < algorithms.size(); i++) {
                    Files.write(single, keepOnlySignature(raw, i));
                    String said = run(List.of("/usr/sbin/opendkim", "-x", conf.toString(), "-t", single.toString()))
                            .strip();
                    boolean pass = said.contains("verification (") && said.endsWith("succeeded");
                    verdicts.add((pass ? "pass " : "FAIL ") + algorithms.get(i) + (pass ? "" : ": " + said));
                }
                results.put(name, verdicts);
            }
        }
        return results;
    }

    /** The a= of each DKIM-Signature header, in order. */
    static List<String> signatureAlgorithms(byte[] raw) {
        List<String> out = new ArrayList<>();
        for (String field : headerFields(raw)) {
            if (field.regionMatches(true, 0, "DKIM-Signature:", 0, 15)) {
                String unfolded = field.replaceAll("\\s", "");
                int a = unfolded.indexOf(";a=");
                out.add(unfolded.substring(a + 3, unfolded.indexOf(';', a + 1)));
            }
        }
        return out;
    }

    /** The message with only its {@code keep}-th DKIM-Signature header. */
    static byte[] keepOnlySignature(byte[] raw, int keep) {
        String m = new String(raw, StandardCharsets.UTF_8);
        int end = m.indexOf("\r\n\r\n");
        StringBuilder head = new StringBuilder();
        int index = 0;
        for (String field : headerFields(raw)) {
            if (field.regionMatches(true, 0, "DKIM-Signature:", 0, 15) && index++ != keep) {
                continue;
            }
            head.append(field).append("\r\n");
        }
        return (head + m.substring(end + 2)).getBytes(StandardCharsets.UTF_8);
    }

    /** The header fields, each with its folded lines. */
    static List<String> headerFields(byte[] raw) {
        String m = new String(raw, StandardCharsets.UTF_8);
        String head = m.substring(0, m.indexOf("\r\n\r\n"));
        List<String> fields = new ArrayList<>();
        for (String line : head.split("\r\n")) {
            if (!fields.isEmpty() && (line.startsWith(" ") || line.startsWith("\t"))) {
                fields.set(fields.size() - 1, fields.get(fields.size() - 1) + "\r\n" + line);
            } else {
                fields.add(line);
            }
        }
        return fields;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(command.get(0) + " did not finish");
        }
        return stdout;
    }

    /** Skips (on a developer's machine) or fails (with CI=true) when a verifier is missing. */
    static void requireVerifiers() {
        List<String> missing = new ArrayList<>();
        if (!works(List.of("/usr/bin/python3", "-c", "import dkim, nacl"))) {
            missing.add("python3-dkim (with python3-nacl)");
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/opendkim"))) {
            missing.add("opendkim and opendkim-tools");
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = "The wire test needs dkimpy and opendkim: apt-get install -y python3-dkim opendkim "
                + "opendkim-tools (missing: " + String.join(", ", missing) + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    private static boolean works(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The RSA key with the Ed25519 key as a second signature: what a domain with both keys signing sends. */
    static SendingDomains dualSigned() {
        DkimSigningKey key = signingKey(RSA_KEY).with(signingKey(ED_KEY));
        return new SendingDomains() {
            @Override
            public boolean isVerified(TenantId tenant, String domain) {
                return domain.equals(DOMAIN);
            }

            @Override
            public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
                return domain.equals(DOMAIN) ? Optional.of(key) : Optional.empty();
            }
        };
    }

    private static DkimSigningKey signingKey(DkimKeyPair pair) {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(pair.privateKeyPkcs8())
                + "\n-----END PRIVATE KEY-----\n";
        return new DkimSigningKey(DOMAIN, pair.selector(), Secret.of(pem), pair.algorithm(), Optional.empty());
    }

    private static DkimKeyPair generate(DkimAlgorithm algorithm) {
        return new DkimKeyGenerator(java.time.Clock.systemUTC(), new java.security.SecureRandom())
                .generate(algorithm, algorithm == DkimAlgorithm.RSA ? List.of() : List.of(RSA_KEY.selector()));
    }
}
