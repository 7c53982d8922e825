package dev.mailroom.model.domains;

import java.util.List;

/** The outcome of checking many domains: one result per domain checked, and whether it was cancelled part way. */
public record CheckAllResult(List<DomainCheckResult> results, int total, boolean cancelled) {
    public CheckAllResult {
        results = List.copyOf(results);
    }

    /** Domains with a record that broke since the previous check: what the overview flags. */
    public List<DomainCheckResult> broken() {
        return results.stream().filter(r -> !r.broke().isEmpty()).toList();
    }
}
