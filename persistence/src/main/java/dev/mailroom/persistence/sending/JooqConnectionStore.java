package dev.mailroom.persistence.sending;

import static dev.mailroom.persistence.jooq.Tables.OUTBOX_MESSAGE;
import static dev.mailroom.persistence.jooq.Tables.SMTP_CONNECTION;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.ApiConnectionDraft;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.persistence.jooq.tables.records.SmtpConnectionRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

public final class JooqConnectionStore implements ConnectionStore {
    private final JooqTransactions tx;

    public JooqConnectionStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public ConnectionId insert(TenantId tenant, ConnectionDraft d, Optional<byte[]> sealedPassword, Instant createdAt) {
        SmtpConnectionRecord r = tx.dsl().newRecord(SMTP_CONNECTION);
        r.setTenantId(tenant.value());
        fill(r, d);
        r.setPasswordSealed(
                sealedPassword.map(b -> Base64.getEncoder().encodeToString(b)).orElse(null));
        r.setCreatedAt(Times.toDb(createdAt));
        r.store();
        return new ConnectionId(r.getId());
    }

    @Override
    public ConnectionId insertApi(
            TenantId tenant, ApiConnectionDraft d, Optional<byte[]> sealedKey, Instant createdAt) {
        SmtpConnectionRecord r = tx.dsl().newRecord(SMTP_CONNECTION);
        r.setTenantId(tenant.value());
        r.setKind(d.kind().name());
        fillApi(r, d);
        r.setPasswordSealed(
                sealedKey.map(b -> Base64.getEncoder().encodeToString(b)).orElse(null));
        r.setCreatedAt(Times.toDb(createdAt));
        r.store();
        return new ConnectionId(r.getId());
    }

    @Override
    public void updateApi(TenantId tenant, ConnectionId id, ApiConnectionDraft d, Optional<byte[]> sealedKey) {
        SmtpConnectionRecord r = fetch(tenant, id).orElseThrow();
        fillApi(r, d);
        sealedKey.ifPresent(b -> r.setPasswordSealed(Base64.getEncoder().encodeToString(b)));
        r.update();
    }

    @Override
    public void update(TenantId tenant, ConnectionId id, ConnectionDraft d, Optional<byte[]> sealedPassword) {
        SmtpConnectionRecord r = fetch(tenant, id).orElseThrow();
        fill(r, d);
        if (d.username().isEmpty()) {
            r.setPasswordSealed(null);
        } else {
            sealedPassword.ifPresent(
                    b -> r.setPasswordSealed(Base64.getEncoder().encodeToString(b)));
        }
        r.update();
    }

    @Override
    public Optional<Connection> find(TenantId tenant, ConnectionId id) {
        return fetch(tenant, id).map(JooqConnectionStore::toConnection);
    }

    @Override
    public List<Connection> list(TenantId tenant) {
        return tx.dsl()
                .selectFrom(SMTP_CONNECTION)
                .where(SMTP_CONNECTION.TENANT_ID.eq(tenant.value()))
                .orderBy(SMTP_CONNECTION.NAME, SMTP_CONNECTION.ID)
                .fetch(JooqConnectionStore::toConnection);
    }

    @Override
    public Optional<byte[]> sealedPassword(TenantId tenant, ConnectionId id) {
        return fetch(tenant, id)
                .map(SmtpConnectionRecord::getPasswordSealed)
                .map(s -> Base64.getDecoder().decode(s));
    }

    @Override
    public boolean delete(TenantId tenant, ConnectionId id) {
        return tx.dsl()
                        .deleteFrom(SMTP_CONNECTION)
                        .where(SMTP_CONNECTION.TENANT_ID.eq(tenant.value()))
                        .and(SMTP_CONNECTION.ID.eq(id.value()))
                        .execute()
                == 1;
    }

    @Override
    public boolean hasUnsentMessages(TenantId tenant, ConnectionId id) {
        return tx.dsl()
                .fetchExists(
                        OUTBOX_MESSAGE,
                        OUTBOX_MESSAGE
                                .TENANT_ID
                                .eq(tenant.value())
                                .and(OUTBOX_MESSAGE.CONNECTION_ID.eq(id.value()))
                                .and(OUTBOX_MESSAGE.STATE.in(OutboxState.unfinished().stream()
                                        .map(Enum::name)
                                        .toList())));
    }

    private Optional<SmtpConnectionRecord> fetch(TenantId tenant, ConnectionId id) {
        return tx.dsl()
                .selectFrom(SMTP_CONNECTION)
                .where(SMTP_CONNECTION.TENANT_ID.eq(tenant.value()))
                .and(SMTP_CONNECTION.ID.eq(id.value()))
                .fetchOptional();
    }

    private static void fill(SmtpConnectionRecord r, ConnectionDraft d) {
        r.setName(d.name());
        r.setEnvironment(d.environment().name());
        r.setHost(d.host());
        r.setPort(d.port());
        r.setSecurity(d.security().name());
        r.setUsername(d.username());
        r.setHeloName(d.heloName());
        r.setMaxSessions(d.maxSessions());
        r.setRatePerSecond(d.ratePerSecond());
    }

    /** The SMTP columns describe the API's host, so that readers of relays still find values. */
    private static void fillApi(SmtpConnectionRecord r, ApiConnectionDraft d) {
        r.setName(d.name());
        r.setEnvironment(d.environment().name());
        r.setHost(d.host());
        r.setPort(d.port());
        r.setSecurity(SmtpSecurity.IMPLICIT_TLS.name());
        r.setUsername("");
        r.setHeloName(d.host());
        r.setMaxSessions(d.maxRequests());
        r.setRatePerSecond(d.ratePerSecond());
        r.setOnBehalfOf(d.onBehalfOf().orElse(null));
        r.setApiBaseUrl(d.baseUrl().orElse(null));
    }

    private static Connection toConnection(SmtpConnectionRecord r) {
        return new Connection(
                new ConnectionId(r.getId()),
                new TenantId(r.getTenantId()),
                r.getName(),
                SendingEnvironment.valueOf(r.getEnvironment()),
                r.getHost(),
                r.getPort(),
                SmtpSecurity.valueOf(r.getSecurity()),
                r.getUsername(),
                r.getPasswordSealed() != null,
                r.getHeloName(),
                r.getMaxSessions(),
                r.getRatePerSecond(),
                Times.fromDb(r.getCreatedAt()),
                ConnectionKind.valueOf(r.getKind()),
                Optional.ofNullable(r.getOnBehalfOf()),
                Optional.ofNullable(r.getApiBaseUrl()));
    }
}
