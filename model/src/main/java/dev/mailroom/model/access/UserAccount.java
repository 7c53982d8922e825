package dev.mailroom.model.access;

import dev.mailroom.model.common.TenantId;
import java.util.Map;
import java.util.Set;

/** A user with the roles the viewer may see: only in tenants the viewer manages. */
public record UserAccount(User user, Map<TenantId, Set<Role>> roles) {}
