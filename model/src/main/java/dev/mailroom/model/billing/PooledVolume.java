package dev.mailroom.model.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The comparison the JangoMail seed makes: what each client would pay on its own plan against what
 * the agency pays when the clients' volumes are pooled on one plan.
 *
 * @param separately each client's price on its own
 * @param pooled the price of the combined volume
 */
public record PooledVolume(Map<String, BigDecimal> separately, long combinedVolume, BigDecimal pooled) {
    public static PooledVolume compare(Pricing pricing, Map<String, Long> volumes, int scale, RoundingMode mode) {
        Map<String, BigDecimal> each = new LinkedHashMap<>();
        long combined = 0;
        for (Map.Entry<String, Long> e : volumes.entrySet()) {
            each.put(e.getKey(), Pricing.total(pricing, e.getValue(), scale, mode));
            combined = Math.addExact(combined, e.getValue());
        }
        return new PooledVolume(Map.copyOf(each), combined, Pricing.total(pricing, combined, scale, mode));
    }

    /**
     * The same comparison for the agency's side: clients that each send on their own plan of this shape
     * (say, a provider's plan per client account) against one such plan carrying their combined volume.
     */
    public static PooledVolume compare(SendingCost plan, Map<String, Long> volumes) {
        Map<String, BigDecimal> each = new LinkedHashMap<>();
        long combined = 0;
        for (Map.Entry<String, Long> e : volumes.entrySet()) {
            each.put(e.getKey(), plan.cost(e.getValue()));
            combined = Math.addExact(combined, e.getValue());
        }
        return new PooledVolume(Map.copyOf(each), combined, plan.cost(combined));
    }

    public BigDecimal separatelyTotal() {
        return separately.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What pooling saves (negative if pooling costs more). */
    public BigDecimal saving() {
        return separatelyTotal().subtract(pooled);
    }
}
