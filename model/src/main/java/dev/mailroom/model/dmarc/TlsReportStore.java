package dev.mailroom.model.dmarc;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SMTP TLS reports (RFC 8460) per tenant and policy domain. Every read takes the tenant. */
public interface TlsReportStore {
    /** As {@link DmarcStore#ownerOf}: the tenant whose sending domain is {@code domain} or its nearest parent. */
    Optional<TenantId> ownerOf(String domain);

    /**
     * Stores the report with its policies (only those of this tenant's domains); false (nothing stored)
     * when this tenant has a report of the same organisation and report id already.
     */
    boolean save(TenantId tenant, TlsReport report, Instant importedAt, String source);

    /** Policy domains of the tenant that have TLS reports, alphabetical. */
    List<String> domains(TenantId tenant);

    /** Failed sessions per result type over policies whose report began in [from, to), most first. */
    List<CountedName> failures(TenantId tenant, String domain, Instant from, Instant to);

    /** Per reporting organisation over the same policies: reports, sessions succeeded and failed; most sessions first. */
    List<TlsReporter> reporters(TenantId tenant, String domain, Instant from, Instant to);

    /** The policy type ({@code sts}, {@code tlsa}, {@code no-policy-found}) the newest report saw, if any. */
    Optional<String> latestPolicyType(TenantId tenant, String domain);
}
