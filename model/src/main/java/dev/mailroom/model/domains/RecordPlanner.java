package dev.mailroom.model.domains;

import dev.mailroom.model.domains.dkim.DkimPublicKey;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.domains.spf.SpfLookupCount;
import dev.mailroom.model.domains.spf.SpfMerge;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Works out the record plan of a sending domain: pure logic over what the domain already publishes
 * ({@link ExistingRecords}), the connection's settings, the DKIM keys, and (optionally) the SPF look-up
 * count of the merged record.
 */
public final class RecordPlanner {
    private static final DateTimeFormatter STS_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private RecordPlanner() {}

    public static RecordPlan plan(
            DomainName domain,
            RecordPlanSettings settings,
            List<DkimPublicKey> keys,
            ExistingRecords existing,
            Optional<SpfLookupCount.Count> spfCount,
            Instant now) {
        return plan(domain, settings, keys, existing, spfCount, now, Optional.empty());
    }

    /**
     * The plan of a domain that sends through a provider: the provider's DKIM, return-path and tracking
     * records take the place of Mailroom's own, and the provider's SPF terms are merged into the domain's
     * SPF record instead of the connection's term (decision 0074). DMARC stays Mailroom's.
     */
    public static RecordPlan plan(
            DomainName domain,
            RecordPlanSettings settings,
            List<DkimPublicKey> keys,
            ExistingRecords existing,
            Optional<SpfLookupCount.Count> spfCount,
            Instant now,
            Optional<ProvidedRecords> provided) {
        RecordPlanSettings s = settings.validated();
        String apex = domain.ascii();
        List<PlannedRecord> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>(existing.problems());

        // SPF: merged into the existing record, never a second one.
        List<String> spfTerms = provided.map(p -> providerSpfTerms(p, apex)).orElse(List.of());
        SpfMerge.Result spf =
                SpfMerge.merge(existing.apexTxt(), spfTerms.isEmpty() ? s.spfMechanism() : spfTerms.get(0));
        for (String more : spfTerms.subList(Math.min(1, spfTerms.size()), spfTerms.size())) {
            SpfMerge.Result next = SpfMerge.merge(List.of(spf.record()), more);
            List<String> notes = new ArrayList<>(spf.notes());
            notes.addAll(next.notes());
            spf = new SpfMerge.Result(next.record(), spf.changed() || next.changed(), spf.existing(), notes);
        }
        List<String> spfNotes = new ArrayList<>(spf.notes());
        if (!spfTerms.isEmpty()) {
            ProvidedRecords p = provided.get();
            spfNotes.add(
                    0, p.provider() + " asks for " + String.join(" ", spfTerms) + verdict(p, p.of(RecordKind.SPF)));
        }
        spfCount.ifPresent(c -> {
            spfNotes.add(
                    "DNS look-ups needed: " + c.lookups() + " of 10; void look-ups: " + c.voidLookups() + " of 2.");
            warnings.addAll(c.warnings().stream().map(w -> "SPF: " + w).toList());
        });
        PlanAction spfAction =
                !spf.changed() ? PlanAction.NONE : spf.existing().isPresent() ? PlanAction.UPDATE : PlanAction.ADD;
        records.add(new PlannedRecord(
                RecordKind.SPF, apex, DnsType.TXT, spf.record(), spfAction, spf.existing(), false, spfNotes));

        // SPF records the provider wants elsewhere (SendGrid's manual security: on its return-path host).
        provided.ifPresent(p -> p.of(RecordKind.SPF).stream()
                .filter(e -> !e.host().equalsIgnoreCase(apex))
                .forEach(e -> records.add(fromProvider(p, e, false))));

        // DKIM: the provider's keys when the domain sends through a provider, else one record per key of ours.
        List<ProvidedRecords.Entry> providerDkim =
                provided.map(p -> p.of(RecordKind.DKIM)).orElse(List.of());
        if (!providerDkim.isEmpty()) {
            providerDkim.forEach(e -> records.add(fromProvider(provided.get(), e, false)));
            keys = List.of();
        } else if (keys.isEmpty()) {
            warnings.add("No DKIM key yet: generate one so that mail from this domain is signed.");
        }
        for (DkimPublicKey k : keys) {
            records.add(
                    new PlannedRecord(
                            RecordKind.DKIM,
                            k.host(apex),
                            DnsType.TXT,
                            k.txtValue(),
                            PlanAction.ADD,
                            Optional.empty(),
                            false,
                            List.of(
                                    k.algorithm().label() + " key, selector " + k.selector()
                                            + ". Some DNS hosts want the value as one line, others as several quoted strings: both mean the same.")));
        }

        // Return path: the provider's, or the connection's.
        List<ProvidedRecords.Entry> providerReturnPath =
                provided.map(p -> p.of(RecordKind.RETURN_PATH)).orElse(List.of());
        providerReturnPath.forEach(e -> records.add(fromProvider(provided.get(), e, false)));
        if (providerReturnPath.isEmpty())
            records.add(new PlannedRecord(
                    RecordKind.RETURN_PATH,
                    s.returnPathLabel().strip() + "." + apex,
                    DnsType.CNAME,
                    stripDot(s.returnPathTarget()),
                    PlanAction.ADD,
                    Optional.empty(),
                    false,
                    List.of("Use it as the envelope sender (bounce) domain of mail from " + domain.unicode() + ".")));

        // DMARC: an existing record is kept and shown.
        List<String> dmarc =
                existing.dmarcTxt().stream().filter(RecordPlanner::isDmarc).toList();
        String dmarcHost = "_dmarc." + apex;
        if (dmarc.isEmpty()) {
            String value = "v=DMARC1; p=none"
                    + s.dmarcReportAddress()
                            .map(a -> "; rua=mailto:" + a.strip())
                            .orElse("");
            records.add(new PlannedRecord(
                    RecordKind.DMARC,
                    dmarcHost,
                    DnsType.TXT,
                    value,
                    PlanAction.ADD,
                    Optional.empty(),
                    false,
                    List.of("p=none only watches: no mail is refused. Tighten it to quarantine or reject once the "
                            + "reports show all legitimate mail passing.")));
        } else {
            List<String> notes = new ArrayList<>();
            notes.add("The domain already publishes a DMARC record; Mailroom keeps it as it is.");
            if (dmarc.size() > 1) {
                warnings.add("DMARC: the domain publishes " + dmarc.size()
                        + " DMARC records; receivers then ignore all of " + "them. Keep one.");
            }
            records.add(new PlannedRecord(
                    RecordKind.DMARC,
                    dmarcHost,
                    DnsType.TXT,
                    dmarc.get(0),
                    PlanAction.KEEP,
                    Optional.of(dmarc.get(0)),
                    false,
                    notes));
        }

        s.mx().ifPresent(m -> records.add(new PlannedRecord(
                RecordKind.MX,
                m.label().equals("@") ? apex : m.label().strip() + "." + apex,
                DnsType.MX,
                m.preference() + " " + stripDot(m.exchange()),
                PlanAction.ADD,
                Optional.empty(),
                true,
                List.of())));

        provided.ifPresent(p -> p.of(RecordKind.MX).forEach(e -> records.add(fromProvider(p, e, true))));
        List<ProvidedRecords.Entry> providerTracking =
                provided.map(p -> p.of(RecordKind.TRACKING)).orElse(List.of());
        providerTracking.forEach(e -> records.add(fromProvider(provided.get(), e, true)));
        s.tracking()
                .filter(t -> providerTracking.isEmpty())
                .ifPresent(t -> records.add(new PlannedRecord(
                        RecordKind.TRACKING,
                        t.label().strip() + "." + apex,
                        DnsType.CNAME,
                        stripDot(t.target()),
                        PlanAction.ADD,
                        Optional.empty(),
                        true,
                        List.of())));

        Optional<String> policy = Optional.empty();
        if (s.mtaSts().isPresent()) {
            RecordPlanSettings.MtaSts m = s.mtaSts().get();
            String id = STS_ID.format(now);
            records.add(new PlannedRecord(
                    RecordKind.MTA_STS,
                    "_mta-sts." + apex,
                    DnsType.TXT,
                    "v=STSv1; id=" + id,
                    PlanAction.ADD,
                    Optional.empty(),
                    true,
                    List.of("Change the id whenever the policy file changes. "
                            + "The policy file must be served over HTTPS at https://mta-sts." + apex
                            + "/.well-known/mta-sts.txt with a valid certificate.")));
            StringBuilder p = new StringBuilder("version: STSv1\r\nmode: " + m.mode() + "\r\n");
            m.mxPatterns()
                    .forEach(x -> p.append("mx: ").append(stripDot(x.strip())).append("\r\n"));
            p.append("max_age: ").append(m.maxAgeSeconds()).append("\r\n");
            policy = Optional.of(p.toString());
        }
        s.tlsReportAddress()
                .ifPresent(a -> records.add(new PlannedRecord(
                        RecordKind.TLS_RPT,
                        "_smtp._tls." + apex,
                        DnsType.TXT,
                        "v=TLSRPTv1; rua=mailto:" + a.strip(),
                        PlanAction.ADD,
                        Optional.empty(),
                        true,
                        List.of())));

        return new RecordPlan(domain, records, warnings, policy);
    }

    /** The provider's SPF terms at the apex, without "v=spf1", "all" and modifiers. */
    private static List<String> providerSpfTerms(ProvidedRecords p, String apex) {
        List<String> out = new ArrayList<>();
        for (ProvidedRecords.Entry e : p.of(RecordKind.SPF)) {
            if (!e.host().equalsIgnoreCase(apex)) {
                continue;
            }
            for (String t : e.value().split(" ")) {
                String l = t.strip().toLowerCase(java.util.Locale.ROOT);
                if (l.isEmpty() || l.equals("v=spf1") || l.endsWith("all") || l.contains("=")) {
                    continue;
                }
                if (!out.contains(t.strip()) && out.size() < 5) {
                    out.add(t.strip());
                }
            }
        }
        return out;
    }

    private static PlannedRecord fromProvider(ProvidedRecords p, ProvidedRecords.Entry e, boolean optional) {
        String what = switch (e.kind()) {
            case DKIM ->
                "its DKIM key; " + p.provider() + " signs the mail it sends for the domain, so "
                        + "Mailroom's own keys are not needed in DNS while the domain sends through it";
            case RETURN_PATH -> "its return path (bounce) host, so bounces reach " + p.provider() + " and SPF aligns";
            case TRACKING -> "its tracking host for open and click links";
            default -> "a record it requires";
        };
        return new PlannedRecord(
                e.kind(),
                e.host(),
                e.type(),
                e.value(),
                PlanAction.ADD,
                Optional.empty(),
                optional,
                List.of("From " + p.provider() + ": " + what + verdict(p, List.of(e))));
    }

    /** ". MailerSend says it is verified." and the like, or "." when the provider said nothing yet. */
    private static String verdict(ProvidedRecords p, List<ProvidedRecords.Entry> entries) {
        List<Boolean> said =
                entries.stream().flatMap(e -> e.verified().stream()).toList();
        if (said.isEmpty()) {
            return ".";
        }
        return said.stream().allMatch(b -> b)
                ? ". " + p.provider() + " says it is verified."
                : ". " + p.provider() + " has not verified it yet.";
    }

    static boolean isDmarc(String txt) {
        return txt.strip().startsWith("v=DMARC1")
                && (txt.strip().length() == 8
                        || txt.strip().charAt(8) == ';'
                        || Character.isWhitespace(txt.strip().charAt(8)));
    }

    private static String stripDot(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
