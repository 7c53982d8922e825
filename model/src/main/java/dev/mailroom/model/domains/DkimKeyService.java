package dev.mailroom.model.domains;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.SecretVault;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dkim.DkimKeyPair;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Use cases on a sending domain's DKIM keys after it was added: rotation (a new key, signing with a
 * published one, retiring the old one when its time has passed) and exporting a private key. Rotation
 * needs {@link Permission#DOMAINS_MANAGE}; exporting {@link Permission#CREDENTIALS_REVEAL}. Each is audited
 * in its own transaction; a private key never reaches the audit log. The domain's first keys are made by
 * {@link DomainService#add}; a key's record found in DNS is marked published by {@link DomainService#checkAll}.
 */
public final class DkimKeyService {
    private final DomainStore store;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;
    private final SecretVault vault;
    private final DkimKeyGenerator generator;
    private final DomainRecords records;

    public DkimKeyService(
            DomainStore store,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock,
            SecretVault vault,
            DkimKeyGenerator generator) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.vault = vault;
        this.generator = generator;
        this.records = new DomainRecords(store, tenants, vault);
    }

    /** Rotation, step 1: a new key with a new dated selector. It signs nothing until it is published and switched to. */
    public DkimKeyInfo generateKey(Actor actor, TenantId tenant, DomainId id, DkimAlgorithm algorithm) {
        List<String> inUse = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            return store.keys(tenant, id).stream().map(DkimKeyInfo::selector).toList();
        });
        DkimKeyPair k = generator.generate(algorithm, inUse);
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            Tenant t = records.activeTenant(tenant);
            SendingDomain d = records.load(tenant, id);
            if (store.keys(tenant, id).stream().anyMatch(x -> x.selector().equals(k.selector()))) {
                throw new Conflict("Someone else made a key at the same moment; try again.");
            }
            store.insertKey(tenant, id, records.newKey(k, clock.instant()));
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "domain.dkim-key-generated",
                    d.name().unicode(),
                    Map.of("selector", k.selector(), "key", k.algorithm().label() + " " + k.bits()));
            return records.keyBySelector(tenant, id, k.selector());
        });
    }

    /**
     * Rotation, step 3: mail is signed with this (published) key from now on; the key that signed until
     * now is retired after {@code retireAfter} (its record must stay in DNS until then, for mail in transit).
     */
    public DkimKeyInfo startSigning(Actor actor, TenantId tenant, DomainId id, String selector, Duration retireAfter) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            Tenant t = records.activeTenant(tenant);
            SendingDomain d = records.load(tenant, id);
            DkimKeyInfo key = records.keyBySelector(tenant, id, selector);
            if (key.state() != DkimKeyState.PUBLISHED) {
                throw new Conflict(
                        "The key " + selector + " is " + key.state().label().toLowerCase(java.util.Locale.ROOT)
                                + "; only a key whose record was found in DNS can start signing. Check the records first.");
            }
            Instant retire = clock.instant().plus(retireAfter);
            List<String> retired = new ArrayList<>();
            for (DkimKeyInfo k : store.keys(tenant, id)) {
                if (k.state() == DkimKeyState.SIGNING && k.algorithm() == key.algorithm()) {
                    store.setKeyState(tenant, id, k.selector(), DkimKeyState.RETIRING, Optional.of(retire));
                    retired.add(k.selector());
                }
            }
            store.setKeyState(tenant, id, selector, DkimKeyState.SIGNING, Optional.empty());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("signing with", selector);
            if (!retired.isEmpty()) {
                details.put("retiring", String.join(", ", retired) + " after " + retireAfter.toDays() + " days");
            }
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "domain.dkim-signing-switched",
                    d.name().unicode(),
                    details);
            return records.keyBySelector(tenant, id, selector);
        });
    }

    /** Rotation, step 4: keys whose retirement date has passed become retired (their DNS record can go). */
    public List<DkimKeyInfo> retireDueKeys(Actor actor, TenantId tenant, DomainId id) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.DOMAINS_MANAGE);
            Tenant t = records.activeTenant(tenant);
            SendingDomain d = records.load(tenant, id);
            Instant now = clock.instant();
            List<DkimKeyInfo> done = new ArrayList<>();
            for (DkimKeyInfo k : store.keys(tenant, id)) {
                if (k.state() == DkimKeyState.RETIRING
                        && k.retireAfter().map(r -> !now.isBefore(r)).orElse(false)) {
                    store.setKeyState(tenant, id, k.selector(), DkimKeyState.RETIRED, k.retireAfter());
                    audit.record(
                            actor,
                            tenant,
                            t.name(),
                            "domain.dkim-key-retired",
                            d.name().unicode(),
                            Map.of("selector", k.selector()));
                    done.add(records.keyBySelector(tenant, id, k.selector()));
                }
            }
            return done;
        });
    }

    /**
     * The private key as PKCS#8 PEM, for moving signing elsewhere. Needs the credentials-reveal permission
     * and leaves an audit entry; the key itself is never written to the audit log.
     */
    public String exportPrivateKey(Actor actor, TenantId tenant, DomainId id, String selector) {
        return tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CREDENTIALS_REVEAL);
            Tenant t = records.tenant(tenant);
            SendingDomain d = records.load(tenant, id);
            byte[] sealed = store.sealedPrivateKey(tenant, id, selector)
                    .orElseThrow(() -> new NotFound(
                            "No DKIM key " + selector + " for " + d.name().unicode() + "."));
            byte[] der = vault.decrypt(sealed);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                            .encodeToString(der)
                    + "\n-----END PRIVATE KEY-----\n";
            java.util.Arrays.fill(der, (byte) 0);
            audit.record(
                    actor,
                    tenant,
                    t.name(),
                    "domain.dkim-private-key-exported",
                    d.name().unicode(),
                    Map.of("selector", selector));
            return pem;
        });
    }
}
