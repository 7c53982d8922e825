package dev.mailroom.mailer.sending;

import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.sending.DkimSigningKey;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DKIM signatures (RFC 6376, relaxed/relaxed) over a message's final bytes, with the JDK's own
 * algorithms: {@code rsa-sha256} and {@code ed25519-sha256} (RFC 8463, where the Ed25519 signature is
 * made over the SHA-256 of the canonical header data, not over the data itself). A domain with both keys
 * gets both signatures (decision 0033).
 *
 * <p>Works on bytes whose lines all end in CRLF (the form SMTP carries): {@link #sign} returns the
 * DKIM-Signature header fields to put in front of them. Thread-safe.
 */
final class DkimSigner {
    /** Header fields signed when present, in this order (RFC 6376 §5.4.1's recommendations and ours). */
    private static final List<String> SIGNED = List.of(
            "from",
            "to",
            "cc",
            "reply-to",
            "subject",
            "date",
            "message-id",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "list-unsubscribe",
            "list-unsubscribe-post");

    /** Signed once more than present: nobody can add a second From or Subject without breaking the signature. */
    private static final Set<String> OVERSIGNED = Set.of("from", "subject");

    private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();

    /**
     * The DKIM-Signature header fields (each ending in CRLF) for the message, the key's and then
     * {@link DkimSigningKey#alsoSignWith}'s.
     *
     * @param message the whole message, headers and body, every line ending in CRLF
     */
    byte[] sign(byte[] message, DkimSigningKey key, Instant at) {
        int split = headerEnd(message);
        List<Field> fields = fields(message, split);
        String bodyHash = base64(sha256(relaxedBody(message, split)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DkimSigningKey k = key;
        while (k != null) {
            String header = signature(fields, bodyHash, k, at);
            out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
            k = k.alsoSignWith().orElse(null);
        }
        return out.toByteArray();
    }

    private String signature(List<Field> fields, String bodyHash, DkimSigningKey key, Instant at) {
        List<String> names = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        for (String name : SIGNED) {
            // Several fields of a name are signed from the last one up (RFC 6376 §5.4.2).
            List<Field> found =
                    fields.stream().filter(f -> f.lower.equals(name)).toList();
            for (int i = found.size() - 1; i >= 0; i--) {
                names.add(name);
                data.append(relaxedHeader(found.get(i).name, found.get(i).value))
                        .append("\r\n");
            }
            if (OVERSIGNED.contains(name) && !found.isEmpty()) {
                names.add(name); // no field left: it signs "absent"
            }
        }
        boolean ed = key.algorithm() == DkimAlgorithm.ED25519;
        // Folded at tag boundaries so that no line approaches 998 characters; b= comes last.
        String unsigned = "v=1; a=" + (ed ? "ed25519-sha256" : "rsa-sha256") + "; c=relaxed/relaxed; d=" + key.domain()
                + "; s=" + key.selector() + ";\r\n\tt=" + at.getEpochSecond() + "; h=" + foldList(names)
                + ";\r\n\tbh=" + bodyHash + ";\r\n\tb=";
        data.append(relaxedHeader("DKIM-Signature", unsigned));
        byte[] signed = data.toString().getBytes(StandardCharsets.UTF_8);
        String b = base64(signature(key, ed ? sha256(signed) : signed, ed));
        return "DKIM-Signature: " + unsigned + fold(b) + "\r\n";
    }

    private byte[] signature(DkimSigningKey key, byte[] data, boolean ed) {
        PrivateKey pk = keys.computeIfAbsent(
                key.algorithm().name() + "\n" + key.privateKeyPem().reveal(),
                pem -> parsePkcs8(key.privateKeyPem().reveal(), ed));
        try {
            Signature s = Signature.getInstance(ed ? "Ed25519" : "SHA256withRSA");
            s.initSign(pk);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    "The DKIM key of " + key.domain() + " could not sign: " + e.getMessage());
        }
    }

    static PrivateKey parsePkcs8(String pem, boolean ed25519) {
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("The DKIM key is not a PKCS#8 PEM private key (BEGIN PRIVATE KEY).");
        }
        String b64 = pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance(ed25519 ? "Ed25519" : "RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The key's bytes are not part of the message.
            throw new IllegalArgumentException(
                    "The DKIM key could not be read as an " + (ed25519 ? "Ed25519" : "RSA") + " private key.");
        }
    }

    /** The h= list, folded every few names. */
    private static String foldList(List<String> names) {
        StringBuilder b = new StringBuilder();
        int line = 0;
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(':');
                if (line > 60) {
                    b.append("\r\n\t ");
                    line = 0;
                }
            }
            b.append(names.get(i));
            line += names.get(i).length() + 1;
        }
        return b.toString();
    }

    /** The b= value in lines of 72; verifiers drop the folding whitespace inside it (RFC 6376 §3.5). */
    private static String fold(String b) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < b.length(); i += 72) {
            if (i > 0) {
                out.append("\r\n\t ");
            }
            out.append(b, i, Math.min(b.length(), i + 72));
        }
        return out.toString();
    }

    /** Relaxed header canonicalisation (RFC 6376 §3.4.2), without the final CRLF. */
    static String relaxedHeader(String name, String value) {
        StringBuilder v = new StringBuilder(value.length());
        boolean space = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                continue; // unfold
            }
            if (c == ' ' || c == '\t') {
                space = true;
                continue;
            }
            if (space && v.length() > 0) {
                v.append(' ');
            }
            space = false;
            v.append(c);
        }
        return name.strip().toLowerCase(Locale.ROOT) + ":" + v;
    }

    /** Relaxed body canonicalisation (RFC 6376 §3.4.4) of the bytes after the header's blank line. */
    static byte[] relaxedBody(byte[] m, int start) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(16, m.length - start));
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int emptyLines = 0;
        int i = start;
        while (i < m.length) {
            int end = i;
            while (end < m.length && !(m[end] == '\r' && end + 1 < m.length && m[end + 1] == '\n')) {
                end++;
            }
            line.reset();
            boolean space = false;
            for (int j = i; j < end; j++) {
                byte c = m[j];
                if (c == ' ' || c == '\t') {
                    space = true;
                } else {
                    if (space) {
                        line.write(' ');
                    }
                    space = false;
                    line.write(c);
                }
            }
            // trailing whitespace is dropped (space left pending)
            if (line.size() == 0) {
                if (end < m.length) {
                    emptyLines++;
                }
            } else {
                for (; emptyLines > 0; emptyLines--) {
                    out.writeBytes(new byte[] {'\r', '\n'});
                }
                out.writeBytes(line.toByteArray());
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            i = end + 2;
        }
        return out.toByteArray();
    }

    /** The offset of the body: after the first empty line (CRLF CRLF), or the end when there is none. */
    static int headerEnd(byte[] m) {
        if (m.length >= 2 && m[0] == '\r' && m[1] == '\n') {
            return 2;
        }
        for (int i = 0; i + 3 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n' && m[i + 2] == '\r' && m[i + 3] == '\n') {
                return i + 4;
            }
        }
        return m.length;
    }

    private record Field(String name, String lower, String value) {}

    /** The header fields, unfolded into name and raw value (folding kept; relaxed canonicalisation removes it). */
    private static List<Field> fields(byte[] m, int end) {
        String header = new String(m, 0, end, StandardCharsets.UTF_8);
        List<Field> out = new ArrayList<>();
        int i = 0;
        int n = header.length();
        while (i < n) {
            int eol = header.indexOf("\r\n", i);
            if (eol < 0) {
                eol = n;
            }
            if (eol == i) {
                break; // the empty line
            }
            // continuation lines start with a space or tab
            int fieldEnd = eol;
            while (fieldEnd + 2 < n && (header.charAt(fieldEnd + 2) == ' ' || header.charAt(fieldEnd + 2) == '\t')) {
                int next = header.indexOf("\r\n", fieldEnd + 2);
                fieldEnd = next < 0 ? n : next;
            }
            String raw = header.substring(i, fieldEnd);
            int colon = raw.indexOf(':');
            if (colon > 0) {
                String name = raw.substring(0, colon);
                out.add(new Field(name, name.strip().toLowerCase(Locale.ROOT), raw.substring(colon + 1)));
            }
            i = Math.min(n, fieldEnd + 2);
        }
        return out;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String base64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
