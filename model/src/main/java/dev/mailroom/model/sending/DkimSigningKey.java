package dev.mailroom.model.sending;

import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import java.util.Objects;
import java.util.Optional;

/**
 * A sending domain's active DKIM key, as the signer needs it.
 *
 * @param privateKeyPem the private key in PEM, PKCS#8 ("BEGIN PRIVATE KEY"), RSA or Ed25519 as {@code algorithm} says
 * @param alsoSignWith a second key of the same domain whose signature is added beside this one: an Ed25519 key
 *     next to the RSA key (RFC 8463 dual signatures: receivers that know Ed25519 check it, the others RSA)
 */
public record DkimSigningKey(
        String domain,
        String selector,
        Secret privateKeyPem,
        DkimAlgorithm algorithm,
        Optional<DkimSigningKey> alsoSignWith) {
    public DkimSigningKey {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(algorithm, "algorithm");
        alsoSignWith = alsoSignWith == null ? Optional.empty() : alsoSignWith;
    }

    /** An RSA key alone. */
    public DkimSigningKey(String domain, String selector, Secret privateKeyPem) {
        this(domain, selector, privateKeyPem, DkimAlgorithm.RSA, Optional.empty());
    }

    /** This key with {@code second}'s signature added beside its own. */
    public DkimSigningKey with(DkimSigningKey second) {
        return new DkimSigningKey(domain, selector, privateKeyPem, algorithm, Optional.of(second));
    }
}
