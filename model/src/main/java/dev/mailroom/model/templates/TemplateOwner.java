package dev.mailroom.model.templates;

import dev.mailroom.model.common.TenantId;
import java.util.Objects;
import java.util.Optional;

/**
 * Whose a template is: one tenant's, or the agency library's (no tenant; every tenant may read and
 * copy it, only the agency owner may change it). Store methods take an owner so that no query
 * crosses tenants.
 */
public record TemplateOwner(Optional<TenantId> tenant) {
    private static final TemplateOwner AGENCY = new TemplateOwner(Optional.empty());

    public TemplateOwner {
        Objects.requireNonNull(tenant, "tenant");
    }

    public static TemplateOwner agency() {
        return AGENCY;
    }

    public static TemplateOwner tenant(TenantId id) {
        return new TemplateOwner(Optional.of(id));
    }

    public boolean isAgency() {
        return tenant.isEmpty();
    }

    @Override
    public String toString() {
        return tenant.map(TenantId::toString).orElse("agency library");
    }
}
