package dev.mailroom.model.billing;

import dev.mailroom.model.billing.InvoiceLine.LineKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a month's volume and the terms in force into numbered, rounded invoice lines. The rule, stated
 * on every invoice ({@link PlanTerms#roundingRule()}): each line is rounded to the currency's minor
 * unit; tax is charged on the sum of the rounded lines and rounded the same way; the total is the sum
 * of the lines, so the lines always add up to the total.
 */
public final class InvoiceCalculator {
    private InvoiceCalculator() {}

    public record Computed(List<InvoiceLine> lines, BigDecimal subtotal, BigDecimal tax, BigDecimal total) {}

    public static Computed compute(PlanTerms terms, long volume, boolean includeSetupFee) {
        int scale = Math.max(0, terms.currency().getDefaultFractionDigits());
        RoundingMode mode = terms.rounding();
        List<InvoiceLine> lines = new ArrayList<>();
        if (includeSetupFee && terms.setupFee().signum() > 0) {
            lines.add(line(
                    lines,
                    LineKind.SETUP,
                    "One-time setup fee",
                    BigDecimal.ONE,
                    "once",
                    terms.setupFee(),
                    scale,
                    mode));
        }
        if (terms.monthlyRetainer().signum() > 0) {
            lines.add(line(
                    lines,
                    LineKind.RETAINER,
                    "Monthly retainer",
                    BigDecimal.ONE,
                    "per month",
                    terms.monthlyRetainer(),
                    scale,
                    mode));
        }
        for (Pricing.Charge c : terms.pricing().charges(volume)) {
            String description =
                    String.format("%,d %s", c.emails(), terms.billable().noun()) + " — " + c.description();
            BigDecimal quantity = c.unit().equals("per month") ? BigDecimal.ONE : BigDecimal.valueOf(c.emails());
            lines.add(new InvoiceLine(
                    lines.size() + 1,
                    LineKind.USAGE,
                    description,
                    quantity,
                    c.unit(),
                    c.unitPrice(),
                    c.amount().setScale(scale, mode)));
        }
        BigDecimal subtotal = sum(lines).setScale(scale);
        BigDecimal tax = BigDecimal.ZERO.setScale(scale);
        if (terms.taxRatePercent().signum() > 0) {
            tax = subtotal.multiply(terms.taxRatePercent()).movePointLeft(2).setScale(scale, mode);
            lines.add(new InvoiceLine(
                    lines.size() + 1,
                    LineKind.TAX,
                    "Tax at " + terms.taxRatePercent().stripTrailingZeros().toPlainString() + " %",
                    subtotal,
                    "of subtotal",
                    terms.taxRatePercent().movePointLeft(2),
                    tax));
        }
        return new Computed(List.copyOf(lines), subtotal, tax, subtotal.add(tax));
    }

    public static BigDecimal sum(List<InvoiceLine> lines) {
        return lines.stream().map(InvoiceLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static InvoiceLine line(
            List<InvoiceLine> so,
            LineKind kind,
            String what,
            BigDecimal qty,
            String unit,
            BigDecimal price,
            int scale,
            RoundingMode mode) {
        return new InvoiceLine(
                so.size() + 1, kind, what, qty, unit, price, price.multiply(qty).setScale(scale, mode));
    }
}
