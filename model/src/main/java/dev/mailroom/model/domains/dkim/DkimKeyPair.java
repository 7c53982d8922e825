package dev.mailroom.model.domains.dkim;

import dev.mailroom.model.domains.dns.TxtStrings;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A DKIM key Mailroom made: its selector, algorithm, the public key as the DNS record carries it
 * ({@code p=}) and the private key (PKCS#8 DER). The private key is a secret: it is never part of
 * {@link #toString()}, and is stored only encrypted.
 */
public final class DkimKeyPair {
    private final String selector;
    private final DkimAlgorithm algorithm;
    private final int bits;
    private final String publicKeyBase64;
    private final byte[] privateKeyPkcs8;
    private final LocalDate created;

    public DkimKeyPair(
            String selector,
            DkimAlgorithm algorithm,
            int bits,
            String publicKeyBase64,
            byte[] privateKeyPkcs8,
            LocalDate created) {
        this.selector = Objects.requireNonNull(selector, "selector");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.bits = bits;
        this.publicKeyBase64 = Objects.requireNonNull(publicKeyBase64, "publicKeyBase64");
        this.privateKeyPkcs8 = privateKeyPkcs8.clone();
        this.created = Objects.requireNonNull(created, "created");
    }

    public String selector() {
        return selector;
    }

    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** Key size in bits (2048 for RSA by default, 256 for Ed25519). */
    public int bits() {
        return bits;
    }

    public String publicKeyBase64() {
        return publicKeyBase64;
    }

    /** A copy of the private key, PKCS#8 DER. Hand it only to the signer or the secret vault. */
    public byte[] privateKeyPkcs8() {
        return privateKeyPkcs8.clone();
    }

    public LocalDate created() {
        return created;
    }

    public DkimPublicKey publicKey() {
        return new DkimPublicKey(selector, algorithm, publicKeyBase64);
    }

    /** The host of the key record under a domain: {@code selector._domainkey.domain}. */
    public String host(String domain) {
        return selector + "._domainkey." + domain;
    }

    /** The TXT record's value: {@code v=DKIM1; k=rsa; p=…}. */
    public String txtValue() {
        return "v=DKIM1; k=" + algorithm.tag() + "; p=" + publicKeyBase64;
    }

    /** The value split into DNS strings of at most 255 characters. */
    public List<String> txtStrings() {
        return TxtStrings.split(txtValue());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DkimKeyPair k
                && k.selector.equals(selector)
                && k.algorithm == algorithm
                && k.publicKeyBase64.equals(publicKeyBase64)
                && Arrays.equals(k.privateKeyPkcs8, privateKeyPkcs8);
    }

    @Override
    public int hashCode() {
        return Objects.hash(selector, algorithm, publicKeyBase64);
    }

    @Override
    public String toString() {
        return "DkimKeyPair[" + selector + ", " + algorithm.label() + " " + bits + ", private key hidden]";
    }
}
