package dev.mailroom.model.access;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import java.util.Map;

/**
 * Port: where the account use cases write their audit entries ({@code model.audit.AuditLog} is the
 * one implementation). Owned by access so that access, which audit and tenants build on, depends on
 * neither of them (see docs/decisions/0014).
 */
public interface AuditTrail {
    /** A tenant-scoped entry. */
    void record(
            Actor actor, TenantId tenant, String tenantName, String action, String target, Map<String, String> details);

    /** An agency-level entry. */
    void record(Actor actor, String action, String target, Map<String, String> details);

    /** An entry with no signed-in actor (a failed sign-in with an unknown address). */
    void recordAnonymous(String action, String target, Map<String, String> details);

    /** An entry about a user who has not signed in (a refused sign-in). */
    void recordFor(Principal user, String action, String target, Map<String, String> details);
}
