package dev.mailroom.persistence.access;

import static dev.mailroom.persistence.jooq.Tables.AGENCY;

import dev.mailroom.model.access.Agency;
import dev.mailroom.model.access.AgencyStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Times;
import java.util.Optional;

public final class JooqAgencyStore implements AgencyStore {
    private final JooqTransactions tx;

    public JooqAgencyStore(JooqTransactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<Agency> find() {
        return tx.dsl()
                .selectFrom(AGENCY)
                .where(AGENCY.ID.eq(1))
                .fetchOptional()
                .map(r -> new Agency(r.getName(), Times.fromDb(r.getCreatedAt())));
    }

    @Override
    public void create(Agency agency) {
        tx.dsl()
                .insertInto(AGENCY)
                .set(AGENCY.ID, 1)
                .set(AGENCY.NAME, agency.name())
                .set(AGENCY.CREATED_AT, Times.toDb(agency.createdAt()))
                .execute();
    }
}
