package dev.mailroom.persistence.access;

import static dev.mailroom.persistence.jooq.Tables.APP_USER;

import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.User;
import dev.mailroom.model.access.UserStore;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.UserId;
import dev.mailroom.persistence.jooq.tables.records.AppUserRecord;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class JooqUserStore implements UserStore {
    private final JooqTransactions tx;
    private final Clock clock;

    /** @param clock when a user is created (the injected clock, never the system's directly) */
    public JooqUserStore(JooqTransactions tx, Clock clock) {
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public UserId insert(NewUser u) {
        Long id = tx.dsl()
                .insertInto(APP_USER)
                .set(APP_USER.EMAIL, u.email())
                .set(APP_USER.EMAIL_KEY, Text.key(u.email()))
                .set(APP_USER.NAME, u.name())
                .set(APP_USER.PASSWORD_HASH, u.passwordHash())
                .set(APP_USER.AGENCY_OWNER, u.agencyOwner())
                .set(APP_USER.STAFF_KIND, u.staffKind().name())
                .set(
                        APP_USER.HOME_TENANT_ID,
                        u.homeTenant().map(TenantId::value).orElse(null))
                .set(APP_USER.ACTIVE, true)
                .set(APP_USER.MUST_CHANGE_PASSWORD, u.mustChangePassword())
                .set(APP_USER.FAILED_SIGN_INS, 0)
                .set(APP_USER.CREATED_AT, Times.toDb(clock.instant()))
                .returningResult(APP_USER.ID)
                .fetchOne(APP_USER.ID);
        return new UserId(id);
    }

    @Override
    public Optional<User> find(UserId id) {
        return tx.dsl()
                .selectFrom(APP_USER)
                .where(APP_USER.ID.eq(id.value()))
                .fetchOptional()
                .map(JooqUserStore::toUser);
    }

    @Override
    public Optional<User> findByEmailKey(String emailKey) {
        return tx.dsl()
                .selectFrom(APP_USER)
                .where(APP_USER.EMAIL_KEY.eq(emailKey))
                .fetchOptional()
                .map(JooqUserStore::toUser);
    }

    @Override
    public Optional<String> passwordHash(UserId id) {
        return tx.dsl()
                .select(APP_USER.PASSWORD_HASH)
                .from(APP_USER)
                .where(APP_USER.ID.eq(id.value()))
                .fetchOptional(APP_USER.PASSWORD_HASH);
    }

    @Override
    public void updatePassword(UserId id, String passwordHash, boolean mustChange) {
        tx.dsl()
                .update(APP_USER)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.MUST_CHANGE_PASSWORD, mustChange)
                .where(APP_USER.ID.eq(id.value()))
                .execute();
    }

    @Override
    public void updateSignInState(UserId id, int failedSignIns, Optional<Instant> lockedUntil) {
        tx.dsl()
                .update(APP_USER)
                .set(APP_USER.FAILED_SIGN_INS, failedSignIns)
                .set(APP_USER.LOCKED_UNTIL, lockedUntil.map(Times::toDb).orElse(null))
                .where(APP_USER.ID.eq(id.value()))
                .execute();
    }

    @Override
    public void setActive(UserId id, boolean active) {
        tx.dsl()
                .update(APP_USER)
                .set(APP_USER.ACTIVE, active)
                .where(APP_USER.ID.eq(id.value()))
                .execute();
    }

    @Override
    public void delete(UserId id) {
        tx.dsl().deleteFrom(APP_USER).where(APP_USER.ID.eq(id.value())).execute();
    }

    @Override
    public List<User> list() {
        return tx.dsl().selectFrom(APP_USER).orderBy(APP_USER.NAME).fetch(JooqUserStore::toUser);
    }

    @Override
    public long count() {
        return tx.dsl().fetchCount(APP_USER);
    }

    private static User toUser(AppUserRecord r) {
        return new User(
                new UserId(r.getId()),
                r.getEmail(),
                r.getName(),
                r.getAgencyOwner(),
                StaffKind.valueOf(r.getStaffKind()),
                Optional.ofNullable(r.getHomeTenantId()).map(TenantId::new),
                r.getActive(),
                r.getMustChangePassword(),
                r.getFailedSignIns(),
                Optional.ofNullable(r.getLockedUntil()).map(Times::fromDb),
                Times.fromDb(r.getCreatedAt()));
    }
}
