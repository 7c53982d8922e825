package dev.mailroom.model.billing;

/** Identifies a price plan. */
public record PlanId(long value) {
    @Override
    public String toString() {
        return "plan#" + value;
    }
}
