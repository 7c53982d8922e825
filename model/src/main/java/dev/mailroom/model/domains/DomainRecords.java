package dev.mailroom.model.domains;

import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.dkim.DkimKeyPair;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads the domain use cases share ({@link DomainService}, {@link DkimKeyService}), inside their
 * transaction and after their permission check: a domain, its tenant (active for a change), one of its keys,
 * and a new key sealed for the store.
 */
final class DomainRecords {
    private final DomainStore store;
    private final TenantStore tenants;
    private final SecretVault vault;

    DomainRecords(DomainStore store, TenantStore tenants, SecretVault vault) {
        this.store = store;
        this.tenants = tenants;
        this.vault = vault;
    }

    SendingDomain load(TenantId tenant, DomainId id) {
        return store.find(tenant, id)
                .orElseThrow(() -> new NotFound("No such sending domain, or you have no access to it."));
    }

    Tenant tenant(TenantId id) {
        return tenants.find(id).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
    }

    /** The tenant, refused when archived: an archived tenant is read-only. */
    Tenant activeTenant(TenantId id) {
        Tenant t = tenant(id);
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to make changes.");
        }
        return t;
    }

    DkimKeyInfo keyBySelector(TenantId tenant, DomainId id, String selector) {
        return store.keys(tenant, id).stream()
                .filter(k -> k.selector().equals(selector))
                .findFirst()
                .orElseThrow(() -> new NotFound("No DKIM key " + selector + " for this domain."));
    }

    /** A generated key as the store keeps it: the private key sealed by the vault, the plain copy wiped. */
    DomainStore.NewDkimKey newKey(DkimKeyPair k, Instant now) {
        byte[] der = k.privateKeyPkcs8();
        try {
            return new DomainStore.NewDkimKey(
                    k.selector(),
                    k.algorithm(),
                    k.bits(),
                    k.publicKeyBase64(),
                    vault.encrypt(der),
                    DkimKeyState.NEW,
                    now);
        } finally {
            Arrays.fill(der, (byte) 0);
        }
    }
}
