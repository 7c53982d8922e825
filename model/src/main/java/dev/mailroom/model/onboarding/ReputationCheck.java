package dev.mailroom.model.onboarding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A tenant's bounce and complaint rates over a rolling window, judged against fixed thresholds
 * (Amazon SES reviews an account at 5% bounces and pauses near 10%; Gmail asks for complaints under
 * 0.1% and never 0.3%). Rates count only when at least {@code minSent} messages were sent in the window.
 *
 * @param sent messages sent in the window (the roll-up's "sent")
 * @param bounced hard bounces in the window
 * @param complained complaints in the window
 */
public record ReputationCheck(long sent, long bounced, long complained, int windowDays, int minSent) {
    public static final double BOUNCE_WARNING = 0.05;
    public static final double BOUNCE_SEVERE = 0.10;
    public static final double COMPLAINT_WARNING = 0.001;
    public static final double COMPLAINT_SEVERE = 0.003;

    public enum Severity {
        WARNING,
        SEVERE
    }

    /** What crossed a threshold, in words with the figures. */
    public record Finding(Severity severity, String words) {}

    public boolean enoughMessages() {
        return sent >= minSent && sent > 0;
    }

    public double bounceRate() {
        return sent == 0 ? 0 : (double) bounced / sent;
    }

    public double complaintRate() {
        return sent == 0 ? 0 : (double) complained / sent;
    }

    /** The worst crossing, empty when none (or too few messages to judge). */
    public Optional<Finding> finding() {
        if (!enoughMessages()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>(2);
        Severity worst = null;
        Severity b = severity(bounceRate(), BOUNCE_WARNING, BOUNCE_SEVERE);
        if (b != null) {
            parts.add(String.format(
                    Locale.ROOT,
                    "bounces %s (%,d of %,d sent), over the %s level of %s",
                    percent(bounceRate()),
                    bounced,
                    sent,
                    b == Severity.SEVERE ? "severe" : "warning",
                    percent(b == Severity.SEVERE ? BOUNCE_SEVERE : BOUNCE_WARNING)));
            worst = b;
        }
        Severity c = severity(complaintRate(), COMPLAINT_WARNING, COMPLAINT_SEVERE);
        if (c != null) {
            parts.add(String.format(
                    Locale.ROOT,
                    "complaints %s (%,d of %,d sent), over the %s level of %s",
                    percent(complaintRate()),
                    complained,
                    sent,
                    c == Severity.SEVERE ? "severe" : "warning",
                    percent(c == Severity.SEVERE ? COMPLAINT_SEVERE : COMPLAINT_WARNING)));
            worst = worst == Severity.SEVERE || c == Severity.SEVERE ? Severity.SEVERE : Severity.WARNING;
        }
        if (worst == null) {
            return Optional.empty();
        }
        String words = String.join("; ", parts) + " in the last " + windowDays + (windowDays == 1 ? " day" : " days");
        return Optional.of(new Finding(worst, Character.toUpperCase(words.charAt(0)) + words.substring(1) + "."));
    }

    /** The figures in words, whatever they are. */
    public String describe() {
        if (!enoughMessages()) {
            return String.format(
                    Locale.ROOT, "%,d sent in the last %d days; rates are judged from %,d.", sent, windowDays, minSent);
        }
        return String.format(
                Locale.ROOT,
                "%,d sent in the last %d days: bounces %s, complaints %s.",
                sent,
                windowDays,
                percent(bounceRate()),
                percent(complaintRate()));
    }

    private static Severity severity(double rate, double warning, double severe) {
        if (rate >= severe) {
            return Severity.SEVERE;
        }
        return rate >= warning ? Severity.WARNING : null;
    }

    static String percent(double rate) {
        double p = rate * 100;
        return (p >= 1 ? String.format(Locale.ROOT, "%.1f", p) : String.format(Locale.ROOT, "%.2f", p)) + "%";
    }
}
