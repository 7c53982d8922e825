package dev.mailroom.model.common;

import java.util.function.Supplier;

/**
 * Port: runs work in one store transaction. A use case does its change and its audit entry inside one
 * call, so both land or neither does. Nested calls join the outer transaction.
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
