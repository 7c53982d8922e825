package dev.mailroom.persistence.activity;

import static org.jooq.impl.DSL.excluded;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Adds counts to a roll-up table: for each row (key values, other values written only when the row is
 * created, then count deltas), the counts are added to the row with that key, which is created when
 * missing. One JDBC batch per statement kind.
 *
 * <p>PostgreSQL: {@code INSERT … ON CONFLICT DO UPDATE}, atomic even against a concurrent insert of
 * the same key. H2: an {@code UPDATE} by key for every row, then an {@code INSERT} of the rows no
 * update found. That is only safe while no other transaction can create the same keys, so the caller
 * locks first ({@link JooqEventStore} locks the tenants' rows, as the DMARC store does). It is also cheaper than H2's MERGE:
 * after a day's first batch nearly every key exists, and an update by primary key is the least H2 can do.
 */
public final class RollupUpsert {
    public enum Mode {
        ON_CONFLICT,
        UPDATE_THEN_INSERT
    }

    private RollupUpsert() {}

    public static Mode modeFor(DSLContext dsl) {
        return dsl.dialect().family() == SQLDialect.POSTGRES ? Mode.ON_CONFLICT : Mode.UPDATE_THEN_INSERT;
    }

    /**
     * Adds the rows' counts. {@code knownNew} marks rows the caller knows to be missing (H2: they are
     * inserted without trying an update first). Returns the rows that were inserted (H2 only; PostgreSQL
     * does not say, and returns an empty list).
     */
    public static List<Object[]> apply(
            DSLContext dsl,
            Mode mode,
            Table<?> table,
            List<? extends Field<?>> keys,
            List<? extends Field<?>> others,
            List<Field<Long>> counts,
            List<Object[]> rows,
            Predicate<Object[]> knownNew) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Field<?>> columns = new ArrayList<>(keys);
        columns.addAll(others);
        columns.addAll(counts);
        int countsAt = keys.size() + others.size();
        if (mode == Mode.ON_CONFLICT) {
            Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
            for (Field<Long> c : counts) {
                set.put(c, c.plus(excluded(c)));
            }
            var batch = dsl.batch(dsl.insertInto(table, columns)
                    .values(new Object[columns.size()])
                    .onConflict(keys)
                    .doUpdate()
                    .set(set));
            rows.forEach(batch::bind);
            batch.execute();
            return List.of();
        }
        List<Object[]> missing = new ArrayList<>();
        List<Object[]> maybe = new ArrayList<>();
        for (Object[] row : rows) {
            (knownNew.test(row) ? missing : maybe).add(row);
        }
        Map<Field<?>, Field<?>> set = new LinkedHashMap<>();
        for (Field<Long> c : counts) {
            set.put(c, c.plus(DSL.param(c.getName(), Long.class)));
        }
        Condition byKey = DSL.noCondition();
        for (Field<?> k : keys) {
            byKey = byKey.and(keyEquals(k));
        }
        var update = dsl.batch(dsl.update(table).set(set).where(byKey));
        for (Object[] row : maybe) {
            // Bind order follows the SQL: the SET deltas, then the WHERE key.
            Object[] values = new Object[counts.size() + keys.size()];
            System.arraycopy(row, countsAt, values, 0, counts.size());
            System.arraycopy(row, 0, values, counts.size(), keys.size());
            update.bind(values);
        }
        if (!maybe.isEmpty()) {
            int[] updated = update.execute();
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    missing.add(maybe.get(i));
                }
            }
        }
        if (!missing.isEmpty()) {
            var insert = dsl.batch(dsl.insertInto(table, columns).values(new Object[columns.size()]));
            missing.forEach(insert::bind);
            insert.execute();
        }
        return missing;
    }

    private static <T> Condition keyEquals(Field<T> key) {
        return key.eq(DSL.param(key.getName(), key.getDataType()));
    }
}
