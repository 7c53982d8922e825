package dev.mailroom.model.tenants;

/** One way the actual role holders differ from the tenant's declared partner-access pattern. */
public record DriftFinding(String message) {}
