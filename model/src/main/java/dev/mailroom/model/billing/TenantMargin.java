package dev.mailroom.model.billing;

import dev.mailroom.model.common.TenantId;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/**
 * One client's month for the agency: what was billed (invoices and credit notes, before tax), what its
 * sending cost, and the difference. The cost is unknown when no sending cost is set, or when it is set
 * in another currency than the invoice (never converted silently).
 *
 * @param volume the emails the month's invoice counted
 * @param why for an unknown cost, in words
 * @param sendingCost the cost model the cost came from, when known (clients sharing one can be pooled)
 */
public record TenantMargin(
        TenantId tenant,
        String tenantName,
        Currency currency,
        long volume,
        BigDecimal billed,
        Optional<BigDecimal> cost,
        String why,
        Optional<SendingCost> sendingCost) {

    public Optional<BigDecimal> margin() {
        return cost.map(billed::subtract);
    }
}
