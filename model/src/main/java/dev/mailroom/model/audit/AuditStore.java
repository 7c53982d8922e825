package dev.mailroom.model.audit;

import java.util.List;
import java.util.Optional;

/** Port: the audit log. Append-only: there is no update and no delete. */
public interface AuditStore {
    /**
     * Locks the head of the chain for this transaction and returns the newest entry's hash, so that
     * concurrent writers chain one after another.
     */
    Optional<String> lockHead();

    /** Appends the entry (its id is assigned by the store) and moves the head to its hash. */
    void append(AuditEntry entry);

    /** Appends entries already chained one after another, in order, and moves the head to the last one's hash. */
    default void appendAll(List<AuditEntry> entries) {
        entries.forEach(this::append);
    }

    /**
     * Entries matching the query, newest first. With a scope of some tenants, only those tenants'
     * entries; agency-level entries (no tenant) only with a scope of everything.
     */
    List<AuditEntry> search(AuditQuery query, dev.mailroom.model.access.TenantScope scope);

    /** Every entry in order of id, for verification. */
    List<AuditEntry> all();
}
