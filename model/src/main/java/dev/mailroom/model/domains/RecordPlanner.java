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
        RecordPlanSettings s = settings.validated();
        String apex = domain.ascii();
        List<PlannedRecord> records = new ArrayList<>();
        List<String> warnings = new ArrayList<>(existing.problems());

        // SPF: merged into the existing record, never a second one.
        SpfMerge.Result spf = SpfMerge.merge(existing.apexTxt(), s.spfMechanism());
        List<String> spfNotes = new ArrayList<>(spf.notes());
        spfCount.ifPresent(c -> {
            spfNotes.add(
                    "DNS look-ups needed: " + c.lookups() + " of 10; void look-ups: " + c.voidLookups() + " of 2.");
            warnings.addAll(c.warnings().stream().map(w -> "SPF: " + w).toList());
        });
        PlanAction spfAction =
                !spf.changed() ? PlanAction.NONE : spf.existing().isPresent() ? PlanAction.UPDATE : PlanAction.ADD;
        records.add(new PlannedRecord(
                RecordKind.SPF, apex, DnsType.TXT, spf.record(), spfAction, spf.existing(), false, spfNotes));

        // DKIM: one record per key.
        if (keys.isEmpty()) {
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

        // Return path.
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

        s.tracking()
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
