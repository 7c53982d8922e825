package dev.mailroom.model.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * When it is safe to tighten a domain's DMARC policy, from its aggregate reports.
 *
 * <p>Sources are split by what they do: a <em>sender</em> passes DMARC for at least half of its
 * mail (it is set up for the domain: the tenant's relay, a provider connection, a CRM that signs);
 * an <em>unaligned source</em> passes for less than half (a forwarder, a mailing list, a
 * misconfigured tool of the client's, or someone spoofing the domain). The advice:
 * <ul>
 *   <li>fewer than {@value #MIN_DAYS} days or {@value #MIN_MESSAGES} messages reported: wait;</li>
 *   <li>a sender below {@value #SENDER_PASS_PERCENT}% aligned, or an unaligned source above
 *       {@value #UNALIGNED_SHARE_PERCENT}% of the volume: fix those first (they would break);</li>
 *   <li>otherwise one step up: {@code none} → {@code quarantine}, {@code quarantine} (or a
 *       {@code pct} below 100) → {@code reject}, the latter only after {@value #REJECT_DAYS} days
 *       of reports.</li>
 * </ul>
 * (Decision 0046.)
 */
public final class DmarcAdvisor {
    public static final int MIN_DAYS = 14;
    public static final int REJECT_DAYS = 30;
    public static final long MIN_MESSAGES = 100;
    public static final int SENDER_PASS_PERCENT = 98;
    public static final int UNALIGNED_SHARE_PERCENT = 2;

    private DmarcAdvisor() {}

    /**
     * @param rua the domain's report address for the record ({@code mailto:…}), empty if unknown
     */
    public static DmarcAdvice advise(
            String domain, Optional<PublishedPolicy> policy, List<SourceStats> sources, int days, String rua) {
        long total = sources.stream().mapToLong(SourceStats::messages).sum();
        long pass = sources.stream().mapToLong(SourceStats::dmarcPass).sum();
        String p = policy.map(PublishedPolicy::p).orElse("none");
        int pct = policy.map(PublishedPolicy::pct).orElse(100);
        List<String> evidence = new ArrayList<>();
        evidence.add(String.format(
                Locale.ROOT,
                "%s of %s messages (%s) passed DMARC over %d day%s of reports, from %d source%s.",
                n(pass),
                n(total),
                percent(pass, total),
                days,
                days == 1 ? "" : "s",
                sources.size(),
                sources.size() == 1 ? "" : "s"));
        evidence.add("Published policy: p=" + p + (pct < 100 ? "; pct=" + pct : "") + ".");
        if (p.equals("reject") && pct >= 100) {
            return new DmarcAdvice(
                    DmarcAdvice.Stage.AT_REJECT,
                    "At p=reject: mail that fails DMARC is refused. Keep watching for senders that start failing.",
                    evidence,
                    Optional.empty(),
                    wouldBreak(sources, total));
        }
        if (days < MIN_DAYS || total < MIN_MESSAGES) {
            return new DmarcAdvice(
                    DmarcAdvice.Stage.NOT_ENOUGH_DATA,
                    String.format(
                            Locale.ROOT,
                            "Not enough reports yet to advise: %d day%s and %s messages; wait for at least %d days"
                                    + " and %d messages.",
                            days,
                            days == 1 ? "" : "s",
                            n(total),
                            MIN_DAYS,
                            MIN_MESSAGES),
                    evidence,
                    Optional.empty(),
                    List.of());
        }
        List<String> problems = new ArrayList<>();
        long senderMessages = 0;
        long senderPass = 0;
        for (SourceStats s : sources) {
            boolean sender = s.dmarcPass() * 2 >= s.messages();
            if (sender) {
                senderMessages += s.messages();
                senderPass += s.dmarcPass();
                if (s.dmarcPass() * 100 < s.messages() * SENDER_PASS_PERCENT) {
                    problems.add(String.format(
                            Locale.ROOT,
                            "Sender %s: %s of %s messages (%s) failed DMARC (DKIM aligned %s, SPF aligned %s).",
                            s.sourceIp(),
                            n(s.failing()),
                            n(s.messages()),
                            percent(s.failing(), s.messages()),
                            percent(s.dkimAligned(), s.messages()),
                            percent(s.spfAligned(), s.messages())));
                }
            } else if (s.messages() * 100 > total * UNALIGNED_SHARE_PERCENT) {
                problems.add(String.format(
                        Locale.ROOT,
                        "Unaligned source %s: %s messages (%s of all), %s of them failing. If it is the client's"
                                + " (a CRM, a helpdesk, a forwarder), align it; if not, it is spoofing.",
                        s.sourceIp(),
                        n(s.messages()),
                        percent(s.messages(), total),
                        percent(s.failing(), s.messages())));
            }
        }
        evidence.add(String.format(
                Locale.ROOT,
                "Senders (sources passing for at least half their mail): %s of %s messages aligned (%s).",
                n(senderPass),
                n(senderMessages),
                percent(senderPass, senderMessages)));
        if (!problems.isEmpty()) {
            return new DmarcAdvice(
                    DmarcAdvice.Stage.FIX_SENDERS_FIRST,
                    "Not yet safe to tighten: " + problems.size() + " source" + (problems.size() == 1 ? "" : "s")
                            + " would lose mail. Align them first.",
                    evidence,
                    Optional.empty(),
                    problems);
        }
        if (p.equals("none")) {
            return new DmarcAdvice(
                    DmarcAdvice.Stage.READY_FOR_QUARANTINE,
                    String.format(
                            Locale.ROOT,
                            "Ready for p=quarantine: every sender is at least %d%% aligned and no unaligned source"
                                    + " sends more than %d%% of the mail.",
                            SENDER_PASS_PERCENT,
                            UNALIGNED_SHARE_PERCENT),
                    evidence,
                    Optional.of(record(domain, "quarantine", rua)),
                    wouldBreak(sources, total));
        }
        if (days < REJECT_DAYS) {
            return new DmarcAdvice(
                    DmarcAdvice.Stage.NOT_ENOUGH_DATA,
                    String.format(
                            Locale.ROOT,
                            "Looking good at p=%s; advise p=reject after %d days of reports (%d so far).",
                            p,
                            REJECT_DAYS,
                            days),
                    evidence,
                    Optional.empty(),
                    List.of());
        }
        return new DmarcAdvice(
                DmarcAdvice.Stage.READY_FOR_REJECT,
                String.format(
                        Locale.ROOT,
                        "Ready for p=reject: %d days of reports, every sender at least %d%% aligned, no unaligned"
                                + " source above %d%% of the mail.",
                        days,
                        SENDER_PASS_PERCENT,
                        UNALIGNED_SHARE_PERCENT),
                evidence,
                Optional.of(record(domain, "reject", rua)),
                wouldBreak(sources, total));
    }

    /** The failing mail the next step would quarantine or refuse, per source, largest first. */
    private static List<String> wouldBreak(List<SourceStats> sources, long total) {
        List<String> out = new ArrayList<>();
        sources.stream()
                .filter(s -> s.failing() > 0)
                .sorted((a, b) -> Long.compare(b.failing(), a.failing()))
                .limit(5)
                .forEach(s -> out.add(String.format(
                        Locale.ROOT,
                        "%s: %s failing message%s (%s of all mail)",
                        s.sourceIp(),
                        n(s.failing()),
                        s.failing() == 1 ? "" : "s",
                        percent(s.failing(), total))));
        return out;
    }

    static String record(String domain, String p, String rua) {
        return "_dmarc." + domain + ". TXT \"v=DMARC1; p=" + p + (rua.isBlank() ? "" : "; rua=" + rua) + "\"";
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String percent(long part, long whole) {
        if (whole == 0) {
            return "0%";
        }
        double v = 100.0 * part / whole;
        return v >= 99.95 || v < 0.05 || v == Math.rint(v)
                ? String.format(Locale.ROOT, "%.0f%%", v)
                : String.format(Locale.ROOT, "%.1f%%", v);
    }
}
