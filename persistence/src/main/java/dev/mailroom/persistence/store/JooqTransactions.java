package dev.mailroom.persistence.store;

import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.Transactions;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions over jOOQ. The transaction's context is kept per thread; stores ask {@link #dsl()} for
 * it, so every store call inside a use case joins that use case's transaction.
 */
public final class JooqTransactions implements Transactions {
    private static final Logger log = LoggerFactory.getLogger(JooqTransactions.class);

    private final DSLContext root;
    private final ThreadLocal<DSLContext> current = new ThreadLocal<>();

    public JooqTransactions(DSLContext root) {
        this.root = root;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) {
            return work.get();
        }
        try {
            return root.transactionResult(configuration -> {
                current.set(configuration.dsl());
                try {
                    return work.get();
                } finally {
                    current.remove();
                }
            });
        } catch (DataAccessException e) {
            // Logged by exception class and SQL state only: messages can carry bound values.
            log.error("Store operation failed: {} (SQL state {})", e.getClass().getSimpleName(), e.sqlState());
            throw new ExternalFailure(
                    "The store could not complete this change; nothing was saved. "
                            + "If it happens again, check the disk and the log.",
                    e);
        }
    }

    /** The current transaction's context, or an auto-committing one outside a transaction. */
    public DSLContext dsl() {
        DSLContext tx = current.get();
        return tx != null ? tx : root;
    }
}
