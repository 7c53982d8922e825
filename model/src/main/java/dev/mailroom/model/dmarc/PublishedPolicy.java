package dev.mailroom.model.dmarc;

import java.util.Objects;

/**
 * The DMARC record the reporter found: {@code p}, {@code sp}, {@code pct} (100 when not given),
 * alignment modes ({@code r} relaxed, {@code s} strict; empty when not given).
 */
public record PublishedPolicy(String domain, String p, String sp, int pct, String adkim, String aspf) {
    public PublishedPolicy {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(sp, "sp");
        Objects.requireNonNull(adkim, "adkim");
        Objects.requireNonNull(aspf, "aspf");
    }
}
