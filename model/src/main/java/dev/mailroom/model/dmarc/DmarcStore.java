package dev.mailroom.model.dmarc;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Aggregate reports per tenant and policy domain. Every read takes the tenant. */
public interface DmarcStore {
    /**
     * The tenant whose sending domain is {@code domain} or the nearest parent of it (a report for
     * {@code mail.example.com} belongs to the owner of {@code example.com} when no tenant has the
     * subdomain itself); empty when no tenant has it.
     */
    Optional<TenantId> ownerOf(String domain);

    /** Stores the report and its rows; false (nothing stored) when this tenant has it already. */
    boolean save(TenantId tenant, AggregateReport report, Instant importedAt, String source);

    /** Domains of the tenant that have reports, alphabetical. */
    List<String> domains(TenantId tenant);

    /** Per source IP over reports whose period overlaps [from, to), most messages first. */
    List<SourceStats> sources(TenantId tenant, String domain, Instant from, Instant to, int limit);

    /** Per day (of the report's begin, UTC). */
    List<DailyAlignment> trend(TenantId tenant, String domain, Instant from, Instant to);

    /** Reporting organisations and the messages they reported. */
    List<CountedName> reporters(TenantId tenant, String domain, Instant from, Instant to);

    /** The policy the newest report saw published, if any report came in. */
    Optional<PublishedPolicy> latestPolicy(TenantId tenant, String domain);

    /** The report address the domain's DMARC record names ({@code rua}), if the tenant set one. */
    Optional<String> reportAddress(TenantId tenant, String domain);

    /** Distinct days (of report begin) with reports in [from, to). */
    int daysReported(TenantId tenant, String domain, Instant from, Instant to);
}
