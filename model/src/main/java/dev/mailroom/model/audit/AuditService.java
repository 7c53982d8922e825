package dev.mailroom.model.audit;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.TenantScope;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Transactions;
import java.util.List;

/**
 * Reading the audit log. The agency owner sees every entry, agency-level ones included; anyone else
 * only the entries of tenants where they hold {@link Permission#AUDIT_VIEW}.
 */
public final class AuditService {
    public static final int MAX_ROWS = 10_000;

    private final AuditStore store;
    private final AccessPolicy access;
    private final Transactions tx;

    public AuditService(AuditStore store, AccessPolicy access, Transactions tx) {
        this.store = store;
        this.access = access;
        this.tx = tx;
    }

    public List<AuditEntry> search(Actor actor, AuditQuery query) {
        return tx.inTransaction(() -> {
            TenantScope scope = access.tenantsWhere(actor, Permission.AUDIT_VIEW);
            if (!scope.all() && scope.tenants().isEmpty()) {
                throw new PermissionDenied("Reading the audit log needs the Auditor, Admin or Owner role in a client.");
            }
            if (query.tenant().isPresent() && !scope.includes(query.tenant().get())) {
                throw new NotFound("No such client, or you have no access to it.");
            }
            AuditQuery bounded = new AuditQuery(
                    query.tenant(),
                    query.person(),
                    query.action(),
                    query.from(),
                    query.to(),
                    Math.max(1, Math.min(query.limit(), MAX_ROWS)));
            return store.search(bounded, scope);
        });
    }

    /** Recomputes the whole chain. The agency owner's check: the chain spans every tenant. */
    public ChainCheck verify(Actor actor) {
        return tx.inTransaction(() -> {
            access.requireAgencyOwner(actor);
            List<AuditEntry> all = store.all();
            return new ChainCheck(all.size(), AuditChain.firstBroken(all));
        });
    }
}
