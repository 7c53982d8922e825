package dev.mailroom.model.common;

/** Identifies a tenant (one client company). */
public record TenantId(long value) {
    @Override
    public String toString() {
        return "tenant#" + value;
    }
}
