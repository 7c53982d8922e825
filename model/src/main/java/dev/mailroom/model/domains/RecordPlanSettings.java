package dev.mailroom.model.domains;

import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the records are planned for: the connection's SPF term and return-path target, the DMARC report
 * address, and the optional records. Label fields are host names under the domain ("bounce" gives
 * bounce.example.com).
 */
public record RecordPlanSettings(
        String spfMechanism,
        String returnPathLabel,
        String returnPathTarget,
        Optional<String> dmarcReportAddress,
        Optional<Mx> mx,
        Optional<Tracking> tracking,
        Optional<MtaSts> mtaSts,
        Optional<String> tlsReportAddress,
        int ttl) {

    /** An MX record at a label under the domain ("@" for the domain itself). */
    public record Mx(String label, String exchange, int preference) {}

    /** The tracking host (a label under the domain) and the CNAME target that serves it. */
    public record Tracking(String label, String target) {}

    /** MTA-STS: the policy's mode ("testing", "enforce" or "none"), the MX patterns, and max_age in seconds. */
    public record MtaSts(String mode, List<String> mxPatterns, long maxAgeSeconds) {
        public MtaSts {
            mxPatterns = List.copyOf(mxPatterns);
        }
    }

    private static final Pattern HOST = Pattern.compile(
            "^(?=.{1,253}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*\\.?$");
    private static final Pattern SPF_TERM =
            Pattern.compile("^[+?~-]?(include:|ip4:|ip6:|a:|mx:|a$|mx$|exists:)\\S*$", Pattern.CASE_INSENSITIVE);

    /** The defaults for the built-in SMTP sender: DMARC reports optional, nothing else optional. */
    public static RecordPlanSettings builtIn(String spfMechanism, String returnPathTarget) {
        return new RecordPlanSettings(
                spfMechanism,
                "bounce",
                returnPathTarget,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                3600);
    }

    public RecordPlanSettings withDmarcReports(String address) {
        return new RecordPlanSettings(
                spfMechanism,
                returnPathLabel,
                returnPathTarget,
                Optional.of(address),
                mx,
                tracking,
                mtaSts,
                tlsReportAddress,
                ttl);
    }

    public RecordPlanSettings withMx(Mx m) {
        return new RecordPlanSettings(
                spfMechanism,
                returnPathLabel,
                returnPathTarget,
                dmarcReportAddress,
                Optional.of(m),
                tracking,
                mtaSts,
                tlsReportAddress,
                ttl);
    }

    public RecordPlanSettings withTracking(Tracking t) {
        return new RecordPlanSettings(
                spfMechanism,
                returnPathLabel,
                returnPathTarget,
                dmarcReportAddress,
                mx,
                Optional.of(t),
                mtaSts,
                tlsReportAddress,
                ttl);
    }

    public RecordPlanSettings withMtaSts(MtaSts m, String tlsReports) {
        return new RecordPlanSettings(
                spfMechanism,
                returnPathLabel,
                returnPathTarget,
                dmarcReportAddress,
                mx,
                tracking,
                Optional.of(m),
                Optional.ofNullable(tlsReports),
                ttl);
    }

    /** Checks every field and throws one {@link dev.mailroom.model.common.InvalidInput} naming each problem. */
    public RecordPlanSettings validated() {
        Problems p = new Problems();
        p.check(
                SPF_TERM.matcher(Text.trimmed(spfMechanism)).matches(),
                "spfMechanism",
                "Write the relay's SPF term, such as include:_spf.relay.example or ip4:203.0.113.10.");
        p.check(isLabel(returnPathLabel), "returnPathLabel", "Write a host name under the domain, such as bounce.");
        p.check(
                isHost(returnPathTarget),
                "returnPathTarget",
                "Write the host the return path points to, such as bounces.relay.example.");
        dmarcReportAddress.ifPresent(a -> p.check(
                Text.looksLikeEmail(a),
                "dmarcReportAddress",
                "Write the address for DMARC reports, such as dmarc@example.com."));
        mx.ifPresent(m -> {
            p.check(
                    m.label().equals("@") || isLabel(m.label()),
                    "mxLabel",
                    "Write @ for the domain itself, or a host name under it.");
            p.check(isHost(m.exchange()), "mxExchange", "Write the mail server's host name, such as mx.relay.example.");
            p.check(
                    m.preference() >= 0 && m.preference() <= 65535,
                    "mxPreference",
                    "The preference is a number from 0 to 65535.");
        });
        tracking.ifPresent(t -> {
            p.check(isLabel(t.label()), "trackingLabel", "Write a host name under the domain, such as track.");
            p.check(isHost(t.target()), "trackingTarget", "Write the host the tracking name points to.");
        });
        mtaSts.ifPresent(m -> {
            p.check(
                    List.of("testing", "enforce", "none").contains(m.mode()),
                    "mtaStsMode",
                    "The MTA-STS mode is testing, enforce or none.");
            p.check(
                    !m.mxPatterns().isEmpty() && m.mxPatterns().stream().allMatch(x -> isHost(x.replace("*.", "x."))),
                    "mtaStsMx",
                    "List the domain's inbound mail servers (MX host names; *.example.com is allowed).");
            p.check(
                    m.maxAgeSeconds() >= 86400 && m.maxAgeSeconds() <= 31557600,
                    "mtaStsMaxAge",
                    "max_age is from one day (86400) to one year (31557600) in seconds.");
        });
        tlsReportAddress.ifPresent(a -> p.check(
                Text.looksLikeEmail(a),
                "tlsReportAddress",
                "Write the address for TLS reports, such as tls-reports@example.com."));
        p.check(ttl >= 60 && ttl <= 86400, "ttl", "The TTL is from 60 to 86400 seconds.");
        p.throwIfAny();
        return this;
    }

    static boolean isHost(String s) {
        return s != null && HOST.matcher(s.strip()).matches() && s.contains(".");
    }

    static boolean isLabel(String s) {
        return s != null && HOST.matcher(s.strip()).matches();
    }
}
