package dev.mailroom.app.session;

import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.domains.DkimKeyInfo;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.DomainStore;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingDomains;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Adapts the domains feature to what sending needs. A domain counts as verified once one of its RSA
 * keys is signing: a key only reaches that state after its DNS record was found, so the domain's
 * DNS is under the tenant's control.
 */
public final class DomainsForSending implements SendingDomains {
    private final DomainStore store;
    private final SecretVault vault;
    private final Transactions tx;

    public DomainsForSending(DomainStore store, SecretVault vault, Transactions tx) {
        this.store = store;
        this.vault = vault;
        this.tx = tx;
    }

    /** The tenant's sending domain names (ASCII form), for pickers; callers check their own permission. */
    public List<String> names(TenantId tenant) {
        return tx.inTransaction(() ->
                store.list(tenant).stream().map(d -> d.name().ascii()).sorted().toList());
    }

    @Override
    public List<String> verified(TenantId tenant) {
        return tx.inTransaction(() -> store.list(tenant).stream()
                .filter(d -> signingKey(tenant, d).isPresent())
                .map(d -> d.name().ascii())
                .sorted()
                .toList());
    }

    @Override
    public boolean isVerified(TenantId tenant, String domain) {
        return tx.inTransaction(
                () -> find(tenant, domain).flatMap(d -> signingKey(tenant, d)).isPresent());
    }

    /**
     * The domain's signing RSA key, with its signing Ed25519 key (if it has one) as a second signature
     * (RFC 8463): receivers that do not know Ed25519 still find a signature they can check.
     */
    @Override
    public Optional<DkimSigningKey> activeDkimKey(TenantId tenant, String domain) {
        return tx.inTransaction(() -> find(tenant, domain)
                .flatMap(d -> signingKey(tenant, d)
                        .flatMap(k -> key(tenant, d, k))
                        .map(rsa -> ed25519Key(tenant, d)
                                .flatMap(k -> key(tenant, d, k))
                                .map(rsa::with)
                                .orElse(rsa))));
    }

    private Optional<DkimSigningKey> key(TenantId tenant, SendingDomain d, DkimKeyInfo k) {
        return store.sealedPrivateKey(tenant, d.id(), k.selector()).map(box -> {
            byte[] der = vault.decrypt(box);
            try {
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                                .encodeToString(der)
                        + "\n-----END PRIVATE KEY-----\n";
                return new DkimSigningKey(
                        d.name().ascii(), k.selector(), Secret.of(pem), k.algorithm(), Optional.empty());
            } finally {
                Arrays.fill(der, (byte) 0);
            }
        });
    }

    private Optional<DkimKeyInfo> ed25519Key(TenantId tenant, SendingDomain d) {
        return store.keys(tenant, d.id()).stream()
                .filter(k -> k.state() == DkimKeyState.SIGNING && k.algorithm() == DkimAlgorithm.ED25519)
                .findFirst();
    }

    private Optional<SendingDomain> find(TenantId tenant, String domain) {
        String wanted = domain == null ? "" : domain.trim().toLowerCase(Locale.ROOT);
        return store.list(tenant).stream()
                .filter(d -> d.name().ascii().equalsIgnoreCase(wanted))
                .findFirst();
    }

    private Optional<DkimKeyInfo> signingKey(TenantId tenant, SendingDomain d) {
        // A domain sends with an RSA signature (every receiver checks it); Ed25519 is added beside it.
        return store.keys(tenant, d.id()).stream()
                .filter(k -> k.state() == DkimKeyState.SIGNING && k.algorithm() == DkimAlgorithm.RSA)
                .findFirst();
    }
}
