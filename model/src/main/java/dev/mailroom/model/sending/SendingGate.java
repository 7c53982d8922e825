package dev.mailroom.model.sending;

import dev.mailroom.model.common.TenantId;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Port: what a tenant's escalation allows, asked by {@link SendingLimits} once per tenant and claim,
 * inside the claim's transaction (so a suspension committed before the claim is always seen). The
 * onboarding feature implements it; sending knows only this.
 */
public interface SendingGate {
    /** No escalation anywhere: for outboxes wired without one. */
    SendingGate OPEN = new SendingGate() {
        @Override
        public Gate gate(TenantId tenant) {
            return Gate.OPEN;
        }

        @Override
        public void letThrough(OutboxMessage m, boolean onProbation) {}
    };

    enum Kind {
        OPEN,
        /** A daily cap on top of the tenant's other limits. */
        RESTRICTED,
        /** Nothing leaves; messages stay queued. */
        HELD,
        /** Nothing leaves, ever: messages are rejected. */
        BANNED
    }

    /** The gate for one tenant: its kind, a restriction's cap, and the reason in words. */
    record Gate(Kind kind, OptionalInt dailyCap, String reason) {
        public static final Gate OPEN = new Gate(Kind.OPEN, OptionalInt.empty(), "");

        public Gate {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(dailyCap, "dailyCap");
            Objects.requireNonNull(reason, "reason");
        }

        public boolean open() {
            return kind == Kind.OPEN;
        }
    }

    /** Inside the claim's transaction; may itself pause the tenant (its automatic-pause policy). */
    Gate gate(TenantId tenant);

    /** A message the limits let through, inside the claim's transaction (probation sampling). */
    void letThrough(OutboxMessage m, boolean onProbation);
}
