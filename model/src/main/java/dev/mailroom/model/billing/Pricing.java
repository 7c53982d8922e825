package dev.mailroom.model.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How a month's volume becomes usage charges (before the retainer, setup fee and tax). */
public sealed interface Pricing {
    BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    /**
     * The usage charges for {@code volume} emails, exact (unrounded), as one or more priced parts;
     * the invoice rounds each part to a line.
     */
    List<Charge> charges(long volume);

    /** One priced part of the usage: a description, a quantity of emails and its exact amount. */
    record Charge(String description, long emails, BigDecimal unitPrice, String unit, BigDecimal amount) {}

    /** A per-1,000 table, applied by volume or graduated. */
    record Tiered(TierMode mode, List<Tier> tiers) implements Pricing {
        public Tiered {
            Objects.requireNonNull(mode, "mode");
            tiers = List.copyOf(tiers);
        }

        @Override
        public List<Charge> charges(long volume) {
            if (volume < 0) {
                throw new IllegalArgumentException("volume " + volume);
            }
            List<Charge> out = new ArrayList<>();
            if (mode == TierMode.VOLUME) {
                Tier tier = tierOf(volume);
                out.add(new Charge(
                        "emails at the rate for " + range(tiers.indexOf(tier)),
                        volume,
                        tier.pricePer1000(),
                        "per 1,000",
                        per1000(volume, tier.pricePer1000())));
                return out;
            }
            long lower = 0;
            for (int i = 0; i < tiers.size(); i++) {
                Tier t = tiers.get(i);
                long top = t.upTo().orElse(Long.MAX_VALUE);
                long share = Math.max(0, Math.min(volume, top) - lower);
                if (share > 0 || (i == 0 && volume == 0)) {
                    out.add(new Charge(
                            "emails in " + range(i),
                            share,
                            t.pricePer1000(),
                            "per 1,000",
                            per1000(share, t.pricePer1000())));
                }
                if (volume <= top) {
                    break;
                }
                lower = top;
            }
            return out;
        }

        /** The tier a month's volume reaches (the first whose bound holds it). */
        public Tier tierOf(long volume) {
            for (Tier t : tiers) {
                if (t.contains(volume)) {
                    return t;
                }
            }
            throw new IllegalStateException("the last tier must be open-ended");
        }

        /** "5,001–10,000", "up to 5,000", "over 500,000". */
        public String range(int index) {
            Tier t = tiers.get(index);
            long from = index == 0 ? 0 : tiers.get(index - 1).upTo().getAsLong();
            if (t.upTo().isEmpty()) {
                return "over " + String.format("%,d", from);
            }
            if (index == 0) {
                return "up to " + String.format("%,d", t.upTo().getAsLong());
            }
            return String.format("%,d–%,d", from + 1, t.upTo().getAsLong());
        }
    }

    /**
     * Plan sizes at fixed monthly prices (as JangoMail sells them): the month pays for the smallest
     * size that holds its volume, never less than the committed base size; above the largest size,
     * each email beyond it costs {@code overagePer1000} per 1,000.
     */
    record Steps(List<Step> steps, long committedEmails, BigDecimal overagePer1000) implements Pricing {
        public Steps {
            steps = List.copyOf(steps);
            overagePer1000 = Amounts.normal(Objects.requireNonNull(overagePer1000, "overagePer1000"));
        }

        @Override
        public List<Charge> charges(long volume) {
            if (volume < 0) {
                throw new IllegalArgumentException("volume " + volume);
            }
            long needed = Math.max(volume, committedEmails);
            Optional<Step> fits =
                    steps.stream().filter(s -> s.includedEmails() >= needed).findFirst();
            List<Charge> out = new ArrayList<>();
            Step step = fits.orElse(steps.get(steps.size() - 1));
            out.add(new Charge(
                    String.format("plan of %,d emails a month", step.includedEmails()),
                    Math.min(volume, step.includedEmails()),
                    step.monthlyPrice(),
                    "per month",
                    step.monthlyPrice()));
            long over = volume - step.includedEmails();
            if (over > 0) {
                out.add(new Charge(
                        String.format("emails over the %,d plan", step.includedEmails()),
                        over,
                        overagePer1000,
                        "per 1,000",
                        per1000(over, overagePer1000)));
            }
            return out;
        }
    }

    static BigDecimal per1000(long emails, BigDecimal pricePer1000) {
        // Exact: dividing by 1,000 only moves the decimal point.
        return pricePer1000
                .multiply(BigDecimal.valueOf(emails))
                .movePointLeft(3)
                .stripTrailingZeros();
    }

    /** For callers that want a rounded figure outside an invoice (margins, comparisons). */
    static BigDecimal total(Pricing p, long volume, int scale, RoundingMode mode) {
        return p.charges(volume).stream()
                .map(c -> c.amount().setScale(scale, mode))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
