package dev.mailroom.model.domains.dkim;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A DKIM key record (the TXT at {@code selector._domainkey.domain}, RFC 6376 §3.6.1, RFC 8463) read and
 * checked: the version, the key type, the public key (RSA as SubjectPublicKeyInfo or bare PKCS#1, as
 * verifiers accept both; Ed25519 as its 32 raw bytes) and the optional tags.
 */
public record DkimKeyRecord(
        Optional<String> version,
        DkimAlgorithm algorithm,
        String publicKeyBase64,
        int keyBits,
        boolean revoked,
        List<String> hashAlgorithms,
        List<String> serviceTypes,
        List<String> flags) {

    public DkimKeyRecord {
        hashAlgorithms = List.copyOf(hashAlgorithms);
        serviceTypes = List.copyOf(serviceTypes);
        flags = List.copyOf(flags);
    }

    /** The record cannot be used; the message says why, in words. */
    public static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        public Invalid(String message) {
            super(message);
        }
    }

    private static final Pattern TAG = Pattern.compile("^[A-Za-z][A-Za-z0-9_]*$");
    /** DER header of an RSA SubjectPublicKeyInfo's AlgorithmIdentifier (rsaEncryption, NULL parameters). */
    private static final byte[] RSA_ALGORITHM_ID = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    /** True when the key is in use and in testing mode (t=y). */
    public boolean testing() {
        return flags.contains("y");
    }

    public static DkimKeyRecord parse(String txt) throws Invalid {
        if (txt == null || txt.isBlank()) {
            throw new Invalid("The DKIM record is empty.");
        }
        Map<String, String> tags = new LinkedHashMap<>();
        String first = null;
        for (String spec : txt.split(";", -1)) {
            if (spec.isBlank()) {
                continue;
            }
            int eq = spec.indexOf('=');
            if (eq < 0) {
                throw new Invalid("\"" + spec.strip() + "\" is not a tag=value pair.");
            }
            String name = spec.substring(0, eq).strip();
            String value = spec.substring(eq + 1).strip();
            if (!TAG.matcher(name).matches()) {
                throw new Invalid("\"" + name + "\" is not a valid tag name.");
            }
            if (tags.containsKey(name)) {
                throw new Invalid("The tag " + name + "= appears twice.");
            }
            if (first == null) {
                first = name;
            }
            tags.put(name, value);
        }
        Optional<String> version = Optional.ofNullable(tags.get("v"));
        if (version.isPresent()) {
            if (!"v".equals(first)) {
                throw new Invalid("v= must be the first tag of a DKIM record.");
            }
            if (!version.get().equals("DKIM1")) {
                throw new Invalid("The version is \"" + version.get() + "\"; a DKIM key record must say v=DKIM1.");
            }
        }
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        DkimAlgorithm algorithm = switch (k) {
            case "rsa" -> DkimAlgorithm.RSA;
            case "ed25519" -> DkimAlgorithm.ED25519;
            default -> throw new Invalid("The key type k=" + k + " is not known (use k=rsa or k=ed25519).");
        };
        String p = tags.get("p");
        if (p == null) {
            throw new Invalid("The record has no public key (p=).");
        }
        p = p.replaceAll("\\s+", "");
        List<String> h = list(tags.get("h"), ":");
        List<String> s = list(tags.getOrDefault("s", "*"), ":");
        List<String> t = list(tags.get("t"), ":");
        if (p.isEmpty()) {
            return new DkimKeyRecord(version, algorithm, "", 0, true, h, s, t);
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            throw new Invalid("The public key (p=) is not valid base64.");
        }
        int bits;
        if (algorithm == DkimAlgorithm.ED25519) {
            if (key.length != 32) {
                throw new Invalid("An Ed25519 public key is 32 bytes; this one is " + key.length + ".");
            }
            bits = 256;
        } else {
            bits = rsaBits(key);
        }
        return new DkimKeyRecord(version, algorithm, p, bits, false, h, s, t);
    }

    private static List<String> list(String v, String sep) {
        List<String> out = new ArrayList<>();
        if (v != null) {
            for (String x : v.split(Pattern.quote(sep))) {
                if (!x.isBlank()) {
                    out.add(x.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static int rsaBits(byte[] der) throws Invalid {
        try {
            KeyFactory f = KeyFactory.getInstance("RSA");
            RSAPublicKey pub;
            try {
                pub = (RSAPublicKey) f.generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notSpki) {
                pub = (RSAPublicKey) f.generatePublic(new X509EncodedKeySpec(spkiFromPkcs1(der)));
            }
            BigInteger n = pub.getModulus();
            return n.bitLength();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new Invalid("The public key (p=) is not a readable RSA key.");
        }
    }

    /** Wraps a bare PKCS#1 RSAPublicKey in a SubjectPublicKeyInfo. */
    static byte[] spkiFromPkcs1(byte[] pkcs1) {
        ByteArrayOutputStream bitString = new ByteArrayOutputStream();
        bitString.write(0x03);
        writeLength(bitString, pkcs1.length + 1);
        bitString.write(0x00);
        bitString.writeBytes(pkcs1);
        byte[] bs = bitString.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        writeLength(out, RSA_ALGORITHM_ID.length + bs.length);
        out.writeBytes(RSA_ALGORITHM_ID);
        out.writeBytes(bs);
        return out.toByteArray();
    }

    private static void writeLength(ByteArrayOutputStream out, int len) {
        if (len < 128) {
            out.write(len);
        } else if (len < 256) {
            out.write(0x81);
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        }
    }

    /** The same key as another record (same type and public key bytes)? Spacing and tag order do not matter. */
    public boolean sameKeyAs(DkimKeyRecord other) {
        return algorithm == other.algorithm && publicKeyBase64.equals(other.publicKeyBase64);
    }
}
