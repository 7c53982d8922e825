package dev.mailroom.model.templates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Two versions of a template side by side: per part ("Subject", "HTML", "Plain text", "Sample
 * data") the line-by-line comparison, plus which of the name, kind and brand-kit use changed.
 */
public record VersionComparison(TemplateVersion left, TemplateVersion right, Map<String, SideBySideDiff> parts) {
    public VersionComparison {
        parts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    public boolean identical() {
        return parts.values().stream().noneMatch(SideBySideDiff::hasChanges);
    }
}
