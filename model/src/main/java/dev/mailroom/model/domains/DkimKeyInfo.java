package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimPublicKey;
import java.time.Instant;
import java.util.Optional;

/** A stored DKIM key without its private half: what screens and plans use. */
public record DkimKeyInfo(
        long id,
        DomainId domain,
        String selector,
        DkimAlgorithm algorithm,
        int bits,
        String publicKeyBase64,
        DkimKeyState state,
        Instant createdAt,
        Optional<Instant> retireAfter) {

    public DkimPublicKey publicKey() {
        return new DkimPublicKey(selector, algorithm, publicKeyBase64);
    }
}
