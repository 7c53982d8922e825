package dev.mailroom.persistence.access;

import static dev.mailroom.persistence.jooq.Tables.API_TOKEN;
import static dev.mailroom.persistence.jooq.Tables.API_TOKEN_TENANT;
import static dev.mailroom.persistence.jooq.Tables.APP_USER;

import dev.mailroom.model.access.ApiToken;
import dev.mailroom.model.access.ApiTokenStore;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.ApiTokenId;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Record;

/** API tokens: a hash of each token, never the token (decision 0064). */
public final class JooqApiTokenStore implements ApiTokenStore {
    private final JooqTransactions tx;

    public JooqApiTokenStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public ApiTokenId insert(
            UserId user,
            String name,
            String tokenHash,
            String hint,
            Set<Permission> permissions,
            boolean allTenants,
            Set<TenantId> tenants,
            Instant createdAt,
            Optional<Instant> expiresAt) {
        Long id = tx.dsl()
                .insertInto(API_TOKEN)
                .set(API_TOKEN.USER_ID, user.value())
                .set(API_TOKEN.NAME, name)
                .set(API_TOKEN.TOKEN_HASH, tokenHash)
                .set(API_TOKEN.HINT, hint)
                .set(
                        API_TOKEN.PERMISSIONS,
                        permissions.stream().map(Enum::name).sorted().collect(Collectors.joining(",")))
                .set(API_TOKEN.ALL_TENANTS, allTenants)
                .set(API_TOKEN.CREATED_AT, Times.toDb(createdAt))
                .set(API_TOKEN.EXPIRES_AT, expiresAt.map(Times::toDb).orElse(null))
                .returningResult(API_TOKEN.ID)
                .fetchOne(API_TOKEN.ID);
        for (TenantId t : tenants) {
            tx.dsl()
                    .insertInto(API_TOKEN_TENANT)
                    .set(API_TOKEN_TENANT.TOKEN_ID, id)
                    .set(API_TOKEN_TENANT.TENANT_ID, t.value())
                    .execute();
        }
        return new ApiTokenId(id);
    }

    @Override
    public Optional<ApiToken> find(ApiTokenId id) {
        return select(API_TOKEN.ID.eq(id.value())).stream().findFirst();
    }

    @Override
    public Optional<ApiToken> findByHash(String tokenHash) {
        return select(API_TOKEN.TOKEN_HASH.eq(tokenHash)).stream().findFirst();
    }

    @Override
    public List<ApiToken> ofUser(UserId user) {
        return select(API_TOKEN.USER_ID.eq(user.value()));
    }

    @Override
    public List<ApiToken> all() {
        return select(org.jooq.impl.DSL.trueCondition());
    }

    @Override
    public void revoke(ApiTokenId id, Instant at) {
        tx.dsl()
                .update(API_TOKEN)
                .set(API_TOKEN.REVOKED_AT, Times.toDb(at))
                .where(API_TOKEN.ID.eq(id.value()).and(API_TOKEN.REVOKED_AT.isNull()))
                .execute();
    }

    @Override
    public void markUsed(ApiTokenId id, Instant at) {
        tx.dsl()
                .update(API_TOKEN)
                .set(API_TOKEN.LAST_USED_AT, Times.toDb(at))
                .where(API_TOKEN.ID.eq(id.value()))
                .execute();
    }

    private List<ApiToken> select(Condition where) {
        return tx.dsl()
                .select(API_TOKEN.asterisk(), APP_USER.NAME)
                .from(API_TOKEN)
                .join(APP_USER)
                .on(APP_USER.ID.eq(API_TOKEN.USER_ID))
                .where(where)
                .orderBy(API_TOKEN.ID.desc())
                .fetch()
                .map(this::toToken);
    }

    private ApiToken toToken(Record r) {
        long id = r.get(API_TOKEN.ID);
        Set<TenantId> tenants = new HashSet<>();
        tx.dsl()
                .select(API_TOKEN_TENANT.TENANT_ID)
                .from(API_TOKEN_TENANT)
                .where(API_TOKEN_TENANT.TOKEN_ID.eq(id))
                .fetch(API_TOKEN_TENANT.TENANT_ID)
                .forEach(t -> tenants.add(new TenantId(t)));
        EnumSet<Permission> permissions = EnumSet.noneOf(Permission.class);
        Arrays.stream(r.get(API_TOKEN.PERMISSIONS).split(","))
                .filter(p -> !p.isBlank())
                .forEach(p -> {
                    try {
                        permissions.add(Permission.valueOf(p));
                    } catch (IllegalArgumentException gone) {
                        // a permission retired since the token was made grants nothing
                    }
                });
        return new ApiToken(
                new ApiTokenId(id),
                new UserId(r.get(API_TOKEN.USER_ID)),
                r.get(APP_USER.NAME),
                r.get(API_TOKEN.NAME),
                r.get(API_TOKEN.HINT),
                permissions,
                r.get(API_TOKEN.ALL_TENANTS),
                tenants,
                Times.fromDb(r.get(API_TOKEN.CREATED_AT)),
                Optional.ofNullable(r.get(API_TOKEN.EXPIRES_AT)).map(Times::fromDb),
                Optional.ofNullable(r.get(API_TOKEN.LAST_USED_AT)).map(Times::fromDb),
                Optional.ofNullable(r.get(API_TOKEN.REVOKED_AT)).map(Times::fromDb));
    }
}
