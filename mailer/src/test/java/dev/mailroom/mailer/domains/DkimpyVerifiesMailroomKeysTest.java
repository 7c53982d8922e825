package dev.mailroom.mailer.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimKeyPair;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jcajce.interfaces.EdDSAPrivateKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

/**
 * A message signed with a Mailroom-generated key verifies with dkimpy (Debian's python3-dkim, run with
 * /usr/bin/python3) given the TXT record Mailroom generated, its 255-character strings joined as a
 * resolver joins them. Skipped where dkimpy is not installed.
 */
class DkimpyVerifiesMailroomKeysTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String VERIFY = String.join(
            "\n",
            "import sys, json, dkim",
            "msg = open(sys.argv[1], 'rb').read()",
            "rec = json.load(open(sys.argv[2]))",
            "def dnsfunc(name, timeout=5):",
            "    n = name.decode() if isinstance(name, bytes) else name",
            "    if n.rstrip('.').lower() == rec['name'].lower():",
            "        return ''.join(rec['strings']).encode()",
            "    return None",
            "ok = dkim.verify(msg, dnsfunc=dnsfunc)",
            "print('verified' if ok else 'failed')",
            "sys.exit(0 if ok else 1)",
            "");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsDkimpy() throws Exception {
        assumeTrue(Files.isExecutable(PYTHON), "no /usr/bin/python3");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import dkim")
                .redirectErrorStream(true)
                .start();
        assumeTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "dkimpy (python3-dkim) is not installed");
    }

    @Test
    void rsa2048SignatureVerifiesAndATamperedBodyDoesNot() throws Exception {
        DkimKeyPair key =
                new DkimKeyGenerator(Clock.systemUTC(), new SecureRandom()).generate(DkimAlgorithm.RSA, List.of());
        RSAPrivateKey priv = (RSAPrivateKey)
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(key.privateKeyPkcs8()));
        DkimSigner signer = new DkimSigner("acme.com", key.selector(), priv);
        signer.setCheckDomainKey(false);
        byte[] signed = sign(signer);
        assertThat(key.txtStrings()).hasSizeGreaterThan(1);

        assertThat(dkimpy(signed, key)).isEqualTo("verified");
        String tampered = new String(signed, StandardCharsets.ISO_8859_1)
                .replace("Your order has shipped", "Your order was cancelled");
        assertThat(dkimpy(tampered.getBytes(StandardCharsets.ISO_8859_1), key)).isEqualTo("failed");
    }

    @Test
    void ed25519SignatureVerifies() throws Exception {
        DkimKeyPair key =
                new DkimKeyGenerator(Clock.systemUTC(), new SecureRandom()).generate(DkimAlgorithm.ED25519, List.of());
        // utils-mail-dkim asks for a Signature named "NONEwithEdDSA": see NoneWithEdDsa.
        if (java.security.Security.getProvider(NoneWithEdDsa.NAME) == null) {
            java.security.Security.addProvider(new NoneWithEdDsa());
        }
        EdDSAPrivateKey priv = (EdDSAPrivateKey) KeyFactory.getInstance("Ed25519", new BouncyCastleProvider())
                .generatePrivate(new PKCS8EncodedKeySpec(key.privateKeyPkcs8()));
        DkimSigner signer = new DkimSigner("acme.com", key.selector(), priv);
        signer.setCheckDomainKey(false);
        Process nacl = new ProcessBuilder(PYTHON.toString(), "-c", "import nacl")
                .redirectErrorStream(true)
                .start();
        assumeTrue(nacl.waitFor(30, TimeUnit.SECONDS) && nacl.exitValue() == 0, "dkimpy needs PyNaCl for Ed25519");
        assertThat(dkimpy(sign(signer), key)).isEqualTo("verified");
    }

    /**
     * utils-mail-dkim 3.2.2 signs Ed25519 with a Signature named "NONEwithEdDSA" (the name the old net.i2p
     * EdDSA provider used) and feeds it the canonicalized headers themselves. RFC 8463 signs their SHA-256
     * digest with pure Ed25519; this provider does that, with BouncyCastle's Ed25519, so the signature is
     * the one verifiers check. (Pure Ed25519 over the raw headers, which is what the name alone gives, does
     * not verify with dkimpy.)
     */
    static final class NoneWithEdDsa extends java.security.Provider {
        private static final long serialVersionUID = 1L;
        static final String NAME = "MailroomEdDSA";

        NoneWithEdDsa() {
            super(NAME, "1.0", "NONEwithEdDSA as RFC 8463 ed25519-sha256");
            putService(new Service(this, "Signature", "NONEwithEdDSA", Sha256ThenEd25519.class.getName(), null, null) {
                @Override
                public Object newInstance(Object parameter) {
                    return new Sha256ThenEd25519();
                }
            });
        }
    }

    static final class Sha256ThenEd25519 extends java.security.SignatureSpi {
        private final ByteArrayOutputStream data = new ByteArrayOutputStream();
        private java.security.PrivateKey key;

        @Override
        protected void engineInitVerify(java.security.PublicKey publicKey) throws java.security.InvalidKeyException {
            throw new java.security.InvalidKeyException("signing only");
        }

        @Override
        protected void engineInitSign(java.security.PrivateKey privateKey) {
            key = privateKey;
            data.reset();
        }

        @Override
        protected void engineUpdate(byte b) {
            data.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            data.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws java.security.SignatureException {
            try {
                byte[] digest =
                        java.security.MessageDigest.getInstance("SHA-256").digest(data.toByteArray());
                data.reset();
                java.security.Signature ed = java.security.Signature.getInstance("Ed25519", new BouncyCastleProvider());
                ed.initSign(key);
                ed.update(digest);
                return ed.sign();
            } catch (java.security.GeneralSecurityException e) {
                throw new java.security.SignatureException(e);
            }
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }

    private static byte[] sign(DkimSigner signer) throws Exception {
        Session session = Session.getInstance(new Properties());
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("orders@acme.com", "Acme Orders"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("jo@example.net"));
        m.setSubject("Your order has shipped", "UTF-8");
        m.setSentDate(new Date());
        m.setText("Hello Jo,\r\n\r\nYour order has shipped.\r\n\r\n— Acme\r\n", "UTF-8");
        m.saveChanges();
        DkimMessage dm = new DkimMessage(m, signer);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dm.writeTo(out);
        return out.toByteArray();
    }

    private String dkimpy(byte[] message, DkimKeyPair key) throws Exception {
        Path msg = dir.resolve("message.eml");
        Path rec = dir.resolve("record.json");
        Path script = dir.resolve("verify.py");
        Files.write(msg, message);
        StringBuilder strings = new StringBuilder();
        for (String s : key.txtStrings()) {
            strings.append(strings.length() == 0 ? "" : ",")
                    .append('"')
                    .append(s.replace("\\", "\\\\").replace("\"", "\\\""))
                    .append('"');
        }
        Files.writeString(rec, "{\"name\": \"" + key.host("acme.com") + "\", \"strings\": [" + strings + "]}");
        Files.writeString(script, VERIFY);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), msg.toString(), rec.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String[] lines = out.split("\n");
        return lines[lines.length - 1];
    }
}
