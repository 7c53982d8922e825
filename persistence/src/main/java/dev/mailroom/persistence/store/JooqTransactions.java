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
            throw new ExternalFailure(explain(e.sqlState()), e);
        }
    }

    /**
     * What a failed change means, by its SQL state (the same classes on H2 and PostgreSQL), so that a value
     * too long for its column does not send people to check their disk.
     */
    static String explain(String sqlState) {
        String state = sqlState == null ? "" : sqlState;
        String nothing = "; nothing was saved. ";
        if (state.equals("22001")) {
            return "A value was longer than the store keeps for it" + nothing
                    + "Shorten it and try again; Mailroom should have said so before saving, so please report it.";
        }
        if (state.startsWith("22")) {
            return "A value was not one the store can keep (SQL state " + state + ")" + nothing
                    + "Please report it with the log.";
        }
        if (state.startsWith("23")) {
            return "The change clashed with data saved meanwhile (a duplicate, or something it refers to was "
                    + "removed)" + nothing + "Refresh and try again.";
        }
        if (state.equals("40001") || state.equals("40P01") || state.equals("HYT00")) {
            return "Another change to the same data was under way at the same moment" + nothing + "Try again.";
        }
        if (state.startsWith("08")) {
            return "The connection to the store was lost" + nothing
                    + "Check the network or the database server, then try again.";
        }
        if (state.startsWith("53") || state.equals("90028") || state.equals("90031") || state.equals("90098")) {
            return "The store could not write to its disk (full, read-only or failing)" + nothing
                    + "Check the disk and the log.";
        }
        return "The store could not complete this change (SQL state " + (state.isEmpty() ? "unknown" : state) + ")"
                + nothing + "If it happens again, look in the log.";
    }

    /** The current transaction's context, or an auto-committing one outside a transaction. */
    public DSLContext dsl() {
        DSLContext tx = current.get();
        return tx != null ? tx : root;
    }
}
