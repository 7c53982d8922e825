package dev.mailroom.model.dmarc;

import dev.mailroom.model.activity.CountedName;
import dev.mailroom.model.common.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** One domain's DMARC picture over a period: totals, who sends, the trend, the reporters, the advice. */
public record DomainDmarc(
        TenantId tenant,
        String domain,
        Instant from,
        Instant to,
        int daysReported,
        long messages,
        long dmarcPass,
        long dkimAligned,
        long spfAligned,
        List<SourceStats> sources,
        List<DailyAlignment> trend,
        List<CountedName> reporters,
        Optional<PublishedPolicy> policy,
        DmarcAdvice advice) {

    public DomainDmarc {
        sources = List.copyOf(sources);
        trend = List.copyOf(trend);
        reporters = List.copyOf(reporters);
    }
}
