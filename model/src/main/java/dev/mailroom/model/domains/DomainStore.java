package dev.mailroom.model.domains;

import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.names.DomainName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: sending domains, their DKIM keys (the private half sealed by a {@link SecretVault}) and check history. */
public interface DomainStore {
    /** A new key's row; {@code sealedPrivateKey} is what the vault made of the PKCS#8 bytes. */
    record NewDkimKey(
            String selector,
            DkimAlgorithm algorithm,
            int bits,
            String publicKeyBase64,
            byte[] sealedPrivateKey,
            DkimKeyState state,
            Instant createdAt) {}

    DomainId insert(TenantId tenant, DomainName name, RecordPlanSettings settings, Instant createdAt);

    Optional<SendingDomain> find(TenantId tenant, DomainId id);

    /**
     * The domain with this name in any tenant: sending domains are unique across the whole agency, so this
     * is the one look-up that crosses tenants.
     */
    Optional<SendingDomain> findByNameAcrossTenants(DomainName name);

    /** A tenant's domains, by name. */
    List<SendingDomain> list(TenantId tenant);

    /** Every tenant's domains, for the agency overview and "check all domains". */
    List<SendingDomain> listAcrossTenantsForOverview();

    void updateSettings(TenantId tenant, DomainId id, RecordPlanSettings settings);

    /** Deletes the domain with its keys and check history. */
    void delete(TenantId tenant, DomainId id);

    long insertKey(TenantId tenant, DomainId domain, NewDkimKey key);

    List<DkimKeyInfo> keys(TenantId tenant, DomainId domain);

    Optional<byte[]> sealedPrivateKey(TenantId tenant, DomainId domain, String selector);

    void setKeyState(
            TenantId tenant, DomainId domain, String selector, DkimKeyState state, Optional<Instant> retireAfter);

    void addChecks(TenantId tenant, DomainId domain, List<RecordCheck> checks);

    /** The newest first. */
    List<CheckHistoryEntry> checkHistory(TenantId tenant, DomainId domain, int limit);

    void addBlocklistResults(TenantId tenant, DomainId domain, List<BlocklistResult> results);

    /** The newest first. */
    List<BlocklistResult> blocklistHistory(TenantId tenant, DomainId domain, int limit);
}
