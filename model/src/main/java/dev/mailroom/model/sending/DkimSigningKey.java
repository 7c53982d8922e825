package dev.mailroom.model.sending;

import java.util.Objects;

/**
 * A sending domain's active DKIM key, as the signer needs it.
 *
 * @param privateKeyPem an RSA private key in PEM, PKCS#8 ("BEGIN PRIVATE KEY")
 */
public record DkimSigningKey(String domain, String selector, Secret privateKeyPem) {
    public DkimSigningKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    }
}
