package dev.mailroom.persistence.domains;

import static dev.mailroom.persistence.jooq.Tables.BLOCKLIST_CHECK;
import static dev.mailroom.persistence.jooq.Tables.DKIM_KEY;
import static dev.mailroom.persistence.jooq.Tables.RECORD_CHECK;
import static dev.mailroom.persistence.jooq.Tables.SENDING_DOMAIN;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.CheckHistoryEntry;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.DkimKeyInfo;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.DomainStore;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.blocklist.Blocklist;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.persistence.jooq.tables.records.DkimKeyRecord;
import dev.mailroom.persistence.jooq.tables.records.RecordCheckRecord;
import dev.mailroom.persistence.jooq.tables.records.SendingDomainRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** {@link DomainStore} over jOOQ. Every read and write names the tenant, except the two that say they cross tenants. */
public final class JooqDomainStore implements DomainStore {
    private static final int MAX_TEXT = 8000;
    private static final int MAX_FOUND = 65535;

    private final JooqTransactions tx;

    public JooqDomainStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public DomainId insert(TenantId tenant, DomainName name, RecordPlanSettings s, Instant createdAt) {
        SendingDomainRecord r = tx.dsl().newRecord(SENDING_DOMAIN);
        r.setTenantId(tenant.value());
        r.setName(name.ascii());
        r.setCreatedAt(Times.toDb(createdAt));
        write(r, s);
        Long id = tx.dsl()
                .insertInto(SENDING_DOMAIN)
                .set(r)
                .returningResult(SENDING_DOMAIN.ID)
                .fetchOne(SENDING_DOMAIN.ID);
        return new DomainId(id);
    }

    private static void write(SendingDomainRecord r, RecordPlanSettings s) {
        r.setSpfMechanism(s.spfMechanism().strip());
        r.setReturnPathLabel(s.returnPathLabel().strip());
        r.setReturnPathTarget(s.returnPathTarget().strip());
        r.setDmarcRua(s.dmarcReportAddress().orElse(null));
        r.setMxLabel(s.mx().map(RecordPlanSettings.Mx::label).orElse(null));
        r.setMxExchange(s.mx().map(RecordPlanSettings.Mx::exchange).orElse(null));
        r.setMxPreference(s.mx().map(RecordPlanSettings.Mx::preference).orElse(null));
        r.setTrackingLabel(s.tracking().map(RecordPlanSettings.Tracking::label).orElse(null));
        r.setTrackingTarget(
                s.tracking().map(RecordPlanSettings.Tracking::target).orElse(null));
        r.setMtaStsMode(s.mtaSts().map(RecordPlanSettings.MtaSts::mode).orElse(null));
        r.setMtaStsMx(s.mtaSts().map(m -> String.join(" ", m.mxPatterns())).orElse(null));
        r.setMtaStsMaxAge(
                s.mtaSts().map(RecordPlanSettings.MtaSts::maxAgeSeconds).orElse(null));
        r.setTlsRptRua(s.tlsReportAddress().orElse(null));
        r.setTtl(s.ttl());
    }

    @Override
    public Optional<SendingDomain> find(TenantId tenant, DomainId id) {
        return tx.dsl()
                .selectFrom(SENDING_DOMAIN)
                .where(SENDING_DOMAIN.TENANT_ID.eq(tenant.value()).and(SENDING_DOMAIN.ID.eq(id.value())))
                .fetchOptional()
                .map(JooqDomainStore::toDomain);
    }

    @Override
    public Optional<SendingDomain> findByNameAcrossTenants(DomainName name) {
        return tx.dsl()
                .selectFrom(SENDING_DOMAIN)
                .where(SENDING_DOMAIN.NAME.eq(name.ascii()))
                .fetchOptional()
                .map(JooqDomainStore::toDomain);
    }

    @Override
    public List<SendingDomain> list(TenantId tenant) {
        return tx.dsl()
                .selectFrom(SENDING_DOMAIN)
                .where(SENDING_DOMAIN.TENANT_ID.eq(tenant.value()))
                .orderBy(SENDING_DOMAIN.NAME)
                .fetch(JooqDomainStore::toDomain);
    }

    @Override
    public List<SendingDomain> listAcrossTenantsForOverview() {
        return tx.dsl()
                .selectFrom(SENDING_DOMAIN)
                .orderBy(SENDING_DOMAIN.TENANT_ID, SENDING_DOMAIN.NAME)
                .fetch(JooqDomainStore::toDomain);
    }

    @Override
    public void updateSettings(TenantId tenant, DomainId id, RecordPlanSettings settings) {
        SendingDomainRecord r = tx.dsl()
                .selectFrom(SENDING_DOMAIN)
                .where(SENDING_DOMAIN.TENANT_ID.eq(tenant.value()).and(SENDING_DOMAIN.ID.eq(id.value())))
                .fetchOne();
        if (r != null) {
            write(r, settings);
            r.store();
        }
    }

    @Override
    public void delete(TenantId tenant, DomainId id) {
        // Keys and checks go with it (on delete cascade).
        tx.dsl()
                .deleteFrom(SENDING_DOMAIN)
                .where(SENDING_DOMAIN.TENANT_ID.eq(tenant.value()).and(SENDING_DOMAIN.ID.eq(id.value())))
                .execute();
    }

    @Override
    public long insertKey(TenantId tenant, DomainId domain, NewDkimKey k) {
        return tx.dsl()
                .insertInto(DKIM_KEY)
                .set(DKIM_KEY.TENANT_ID, tenant.value())
                .set(DKIM_KEY.DOMAIN_ID, domain.value())
                .set(DKIM_KEY.SELECTOR, k.selector())
                .set(DKIM_KEY.ALGORITHM, k.algorithm().name())
                .set(DKIM_KEY.BITS, k.bits())
                .set(DKIM_KEY.PUBLIC_KEY, k.publicKeyBase64())
                .set(DKIM_KEY.PRIVATE_KEY_SEALED, Base64.getEncoder().encodeToString(k.sealedPrivateKey()))
                .set(DKIM_KEY.STATE, k.state().name())
                .set(DKIM_KEY.CREATED_AT, Times.toDb(k.createdAt()))
                .returningResult(DKIM_KEY.ID)
                .fetchOne(DKIM_KEY.ID);
    }

    @Override
    public List<DkimKeyInfo> keys(TenantId tenant, DomainId domain) {
        return tx.dsl()
                .selectFrom(DKIM_KEY)
                .where(DKIM_KEY.TENANT_ID.eq(tenant.value()).and(DKIM_KEY.DOMAIN_ID.eq(domain.value())))
                .orderBy(DKIM_KEY.CREATED_AT, DKIM_KEY.ID)
                .fetch(JooqDomainStore::toKey);
    }

    @Override
    public Optional<byte[]> sealedPrivateKey(TenantId tenant, DomainId domain, String selector) {
        return tx.dsl()
                .select(DKIM_KEY.PRIVATE_KEY_SEALED)
                .from(DKIM_KEY)
                .where(DKIM_KEY.TENANT_ID
                        .eq(tenant.value())
                        .and(DKIM_KEY.DOMAIN_ID.eq(domain.value()))
                        .and(DKIM_KEY.SELECTOR.eq(selector)))
                .fetchOptional(DKIM_KEY.PRIVATE_KEY_SEALED)
                .map(s -> Base64.getDecoder().decode(s));
    }

    @Override
    public void setKeyState(
            TenantId tenant, DomainId domain, String selector, DkimKeyState state, Optional<Instant> retireAfter) {
        tx.dsl()
                .update(DKIM_KEY)
                .set(DKIM_KEY.STATE, state.name())
                .set(DKIM_KEY.RETIRE_AFTER, retireAfter.map(Times::toDb).orElse(null))
                .where(DKIM_KEY.TENANT_ID
                        .eq(tenant.value())
                        .and(DKIM_KEY.DOMAIN_ID.eq(domain.value()))
                        .and(DKIM_KEY.SELECTOR.eq(selector)))
                .execute();
    }

    @Override
    public void addChecks(TenantId tenant, DomainId domain, List<RecordCheck> checks) {
        List<RecordCheckRecord> rows = checks.stream()
                .map(c -> {
                    RecordCheckRecord r = tx.dsl().newRecord(RECORD_CHECK);
                    r.setTenantId(tenant.value());
                    r.setDomainId(domain.value());
                    r.setKind(c.record().kind().name());
                    r.setHost(c.record().host());
                    r.setRecordType(c.record().type().name());
                    r.setStatus(c.status().name());
                    r.setExpected(cut(c.expected(), MAX_TEXT));
                    r.setFound(cut(String.join("\n", c.found()), MAX_FOUND));
                    r.setMessage(cut(c.message(), MAX_TEXT));
                    r.setCheckedAt(Times.toDb(c.checkedAt()));
                    return r;
                })
                .toList();
        if (!rows.isEmpty()) {
            tx.dsl().batchInsert(rows).execute();
        }
    }

    @Override
    public List<CheckHistoryEntry> checkHistory(TenantId tenant, DomainId domain, int limit) {
        return tx.dsl()
                .selectFrom(RECORD_CHECK)
                .where(RECORD_CHECK.TENANT_ID.eq(tenant.value()).and(RECORD_CHECK.DOMAIN_ID.eq(domain.value())))
                .orderBy(RECORD_CHECK.CHECKED_AT.desc(), RECORD_CHECK.ID.desc())
                .limit(limit)
                .fetch(r -> new CheckHistoryEntry(
                        new DomainId(r.getDomainId()),
                        RecordKind.valueOf(r.getKind()),
                        r.getHost(),
                        DnsType.valueOf(r.getRecordType()),
                        CheckStatus.valueOf(r.getStatus()),
                        r.getExpected(),
                        r.getFound() == null ? "" : r.getFound(),
                        r.getMessage(),
                        Times.fromDb(r.getCheckedAt())));
    }

    @Override
    public void addBlocklistResults(TenantId tenant, DomainId domain, List<BlocklistResult> results) {
        for (BlocklistResult r : results) {
            tx.dsl()
                    .insertInto(BLOCKLIST_CHECK)
                    .set(BLOCKLIST_CHECK.TENANT_ID, tenant.value())
                    .set(BLOCKLIST_CHECK.DOMAIN_ID, domain.value())
                    .set(BLOCKLIST_CHECK.LIST_NAME, cut(r.list().name(), 120))
                    .set(BLOCKLIST_CHECK.ZONE, cut(r.list().zone(), 253))
                    .set(BLOCKLIST_CHECK.LIST_KIND, r.list().kind().name())
                    .set(BLOCKLIST_CHECK.LOOKUP_URL, cut(r.list().lookupUrl(), 500))
                    .set(BLOCKLIST_CHECK.SUBJECT, cut(r.subject(), 253))
                    .set(BLOCKLIST_CHECK.STATUS, r.status().name())
                    .set(BLOCKLIST_CHECK.CODES, cut(String.join(",", r.codes()), 500))
                    .set(BLOCKLIST_CHECK.REASON, cut(r.reason(), 2000))
                    .set(BLOCKLIST_CHECK.MESSAGE, cut(r.message(), 4000))
                    .set(BLOCKLIST_CHECK.CHECKED_AT, Times.toDb(r.checkedAt()))
                    .execute();
        }
    }

    @Override
    public List<BlocklistResult> blocklistHistory(TenantId tenant, DomainId domain, int limit) {
        return tx.dsl()
                .selectFrom(BLOCKLIST_CHECK)
                .where(BLOCKLIST_CHECK.TENANT_ID.eq(tenant.value()).and(BLOCKLIST_CHECK.DOMAIN_ID.eq(domain.value())))
                .orderBy(BLOCKLIST_CHECK.CHECKED_AT.desc(), BLOCKLIST_CHECK.ID.desc())
                .limit(limit)
                .fetch(r -> new BlocklistResult(
                        new Blocklist(
                                r.getListName(),
                                r.getZone(),
                                Blocklist.Kind.valueOf(r.getListKind()),
                                r.getLookupUrl()),
                        r.getSubject(),
                        BlocklistResult.Status.valueOf(r.getStatus()),
                        r.getCodes().isEmpty()
                                ? List.of()
                                : List.of(r.getCodes().split(",")),
                        r.getReason(),
                        r.getMessage(),
                        Times.fromDb(r.getCheckedAt())));
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static SendingDomain toDomain(SendingDomainRecord r) {
        Optional<RecordPlanSettings.Mx> mx = r.getMxExchange() == null
                ? Optional.empty()
                : Optional.of(new RecordPlanSettings.Mx(r.getMxLabel(), r.getMxExchange(), r.getMxPreference()));
        Optional<RecordPlanSettings.Tracking> tracking = r.getTrackingTarget() == null
                ? Optional.empty()
                : Optional.of(new RecordPlanSettings.Tracking(r.getTrackingLabel(), r.getTrackingTarget()));
        Optional<RecordPlanSettings.MtaSts> sts = r.getMtaStsMode() == null
                ? Optional.empty()
                : Optional.of(new RecordPlanSettings.MtaSts(
                        r.getMtaStsMode(),
                        Arrays.stream(r.getMtaStsMx().split(" "))
                                .filter(x -> !x.isBlank())
                                .toList(),
                        r.getMtaStsMaxAge()));
        RecordPlanSettings s = new RecordPlanSettings(
                r.getSpfMechanism(),
                r.getReturnPathLabel(),
                r.getReturnPathTarget(),
                Optional.ofNullable(r.getDmarcRua()),
                mx,
                tracking,
                sts,
                Optional.ofNullable(r.getTlsRptRua()),
                r.getTtl());
        return new SendingDomain(
                new DomainId(r.getId()),
                new TenantId(r.getTenantId()),
                new DomainName(r.getName()),
                s,
                Times.fromDb(r.getCreatedAt()));
    }

    private static DkimKeyInfo toKey(DkimKeyRecord r) {
        return new DkimKeyInfo(
                r.getId(),
                new DomainId(r.getDomainId()),
                r.getSelector(),
                DkimAlgorithm.valueOf(r.getAlgorithm()),
                r.getBits(),
                r.getPublicKey(),
                DkimKeyState.valueOf(r.getState()),
                Times.fromDb(r.getCreatedAt()),
                Optional.ofNullable(r.getRetireAfter()).map(Times::fromDb));
    }
}
