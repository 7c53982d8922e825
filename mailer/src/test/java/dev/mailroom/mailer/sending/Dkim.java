package dev.mailroom.mailer.sending;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Test helpers: an RSA key pair in the forms DKIM needs, a DKIM verifier written from RFC 6376
 * (relaxed/relaxed, rsa-sha256 only), and dkimpy run as a second, independent verifier.
 */
final class Dkim {
    static final KeyPair KEYS = generate();

    private Dkim() {}

    private static KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String privatePem() {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(KEYS.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The TXT record a domain publishes at selector._domainkey. */
    static String txtRecord() {
        return "v=DKIM1; k=rsa; p="
                + Base64.getEncoder().encodeToString(KEYS.getPublic().getEncoded());
    }

    /** The DKIM-Signature's tags, or throws. Verifies the body hash and the signature with {@code txt}'s key. */
    static Map<String, String> verify(byte[] raw, String txt) throws Exception {
        String msg = new String(raw, StandardCharsets.ISO_8859_1);
        int split = msg.indexOf("\r\n\r\n");
        String head = msg.substring(0, split + 2);
        String body = msg.substring(split + 4);
        List<String[]> headers = new ArrayList<>();
        for (String line : head.split("\r\n(?![ \t])")) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1)});
        }
        String[] sigHeader = headers.stream()
                .filter(h -> h[0].equalsIgnoreCase("DKIM-Signature"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no DKIM-Signature header"));
        Map<String, String> tags = new LinkedHashMap<>();
        for (String tag : sigHeader[1].split(";")) {
            int eq = tag.indexOf('=');
            if (eq > 0) {
                tags.put(tag.substring(0, eq).strip(), tag.substring(eq + 1).replaceAll("\\s", ""));
            }
        }
        if (!"rsa-sha256".equals(tags.get("a")) || !"relaxed/relaxed".equals(tags.get("c"))) {
            throw new AssertionError("expected rsa-sha256 relaxed/relaxed, got " + tags);
        }
        byte[] bodyHash =
                MessageDigest.getInstance("SHA-256").digest(relaxedBody(body).getBytes(StandardCharsets.ISO_8859_1));
        if (!Base64.getEncoder().encodeToString(bodyHash).equals(tags.get("bh"))) {
            throw new AssertionError("body hash does not match");
        }
        StringBuilder signed = new StringBuilder();
        List<String[]> remaining = new ArrayList<>(headers);
        for (String name : tags.get("h").split(":")) {
            // The last instance of each signed header name, as RFC 6376 5.4.2 says.
            for (int i = remaining.size() - 1; i >= 0; i--) {
                if (remaining.get(i)[0].strip().equalsIgnoreCase(name)) {
                    signed.append(relaxedHeader(remaining.get(i)[0], remaining.get(i)[1]))
                            .append("\r\n");
                    remaining.remove(i);
                    break;
                }
            }
        }
        String sigWithoutB = sigHeader[1].replaceAll("(?s)(\\bb=)[^;]*", "$1");
        signed.append(relaxedHeader(sigHeader[0], sigWithoutB));
        String p = txt.replaceAll(".*p=", "").replaceAll("[;\\s].*", "");
        PublicKey key = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(p)));
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(key);
        verifier.update(signed.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!verifier.verify(Base64.getDecoder().decode(tags.get("b")))) {
            throw new AssertionError("signature does not verify");
        }
        return tags;
    }

    private static String relaxedHeader(String name, String value) {
        String v = value.replaceAll("\r\n", "").replaceAll("[ \t]+", " ").strip();
        return name.strip().toLowerCase() + ":" + v;
    }

    private static String relaxedBody(String body) {
        String[] lines = body.split("\r\n", -1);
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line.replaceAll("[ \t]+", " ").replaceAll(" $", "")).append("\r\n");
        }
        String s = sb.toString();
        while (s.endsWith("\r\n\r\n")) {
            s = s.substring(0, s.length() - 2);
        }
        return s.equals("\r\n") ? "" : s;
    }

    static boolean dkimpyAvailable() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import dkim")
                    .redirectErrorStream(true)
                    .start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** dkimpy's verdict, with DNS answered from {@code txt}. */
    static String dkimpy(byte[] raw, String txt, Path dir) throws Exception {
        Path msg = dir.resolve("signed.eml");
        Path record = dir.resolve("record.txt");
        Files.write(msg, raw);
        Files.writeString(record, txt);
        String script = "import sys, dkim\n"
                + "msg = open(sys.argv[1], 'rb').read()\n"
                + "txt = open(sys.argv[2], 'rb').read()\n"
                + "print('PASS' if dkim.verify(msg, dnsfunc=lambda name, timeout=5: txt) else 'FAIL')\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, msg.toString(), record.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
