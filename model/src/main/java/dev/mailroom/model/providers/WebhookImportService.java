package dev.mailroom.model.providers;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionId;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a file of saved webhook deliveries into a client's events, as the activity sync would have
 * recorded them: under the same event keys, so an event the sync already pulled (or an earlier import
 * brought) is not counted twice. The file is read and its signatures checked before anything is stored;
 * then every event goes in one transaction, so a file is taken whole or not at all.
 */
public final class WebhookImportService {
    /** A saved file larger than this is not a webhook log a person exported by hand. */
    public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

    private final ConnectionStore connections;
    private final TenantStore tenants;
    private final SyncStore seen;
    private final EventStore events;
    private final WebhookReader reader;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public WebhookImportService(
            ConnectionStore connections,
            TenantStore tenants,
            SyncStore seen,
            EventStore events,
            WebhookReader reader,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.connections = connections;
        this.tenants = tenants;
        this.seen = seen;
        this.events = events;
        this.reader = reader;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** What an import did, for the person and the audit log. */
    public record Report(
            String connection, int deliveries, int recorded, int duplicates, int skipped, boolean verified) {
        public String words() {
            return deliveries + (deliveries == 1 ? " delivery" : " deliveries") + " read from the file"
                    + (verified ? ", every signature checked" : ", not verified (no signing key given)") + ": "
                    + recorded + " new events recorded"
                    + (duplicates > 0 ? ", " + duplicates + " already recorded" : "")
                    + (skipped > 0
                            ? ", " + skipped + " not recorded (kinds Mailroom does not count, or unreadable)"
                            : "")
                    + ".";
        }
    }

    /**
     * @param key the provider's signing secret (MailerSend) or verification key (SendGrid), used for this import
     *     only and never stored; empty to import unverified
     */
    public Report importFile(Actor actor, TenantId tenant, ConnectionId id, byte[] file, Optional<String> key) {
        Connection connection = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.CONNECTIONS_MANAGE);
            activeTenant(tenant);
            Connection found =
                    connections.find(tenant, id).orElseThrow(() -> new NotFound("No such connection in this client."));
            if (!found.kind().isApi()) {
                throw new InvalidInput(
                        "connection",
                        "\"" + found.name() + "\" is an SMTP relay: providers' webhooks belong to an API connection.");
            }
            return found;
        });
        if (file == null || file.length == 0) {
            throw new InvalidInput("file", "The file is empty.");
        }
        if (file.length > MAX_FILE_BYTES) {
            throw new InvalidInput(
                    "file",
                    "The file is " + (file.length / (1024 * 1024)) + " MB; a webhook file can be at most "
                            + (MAX_FILE_BYTES / (1024 * 1024)) + " MB. Split it and import the parts.");
        }
        Optional<String> usedKey = key.map(String::strip).filter(k -> !k.isEmpty());
        WebhookReader.Batch batch = reader.read(connection.kind(), file, usedKey);
        return tx.inTransaction(() -> {
            Tenant t = activeTenant(tenant);
            ProviderEventRecorder.Counts c =
                    ProviderEventRecorder.recordNew(seen, events, tenant, id, batch.events(), clock.instant());
            Report r = new Report(
                    connection.name(),
                    batch.deliveries(),
                    c.recorded(),
                    c.duplicates(),
                    batch.skipped(),
                    batch.verified());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("deliveries", Integer.toString(r.deliveries()));
            details.put("events recorded", Integer.toString(r.recorded()));
            details.put("already recorded", Integer.toString(r.duplicates()));
            details.put("signatures", r.verified() ? "checked" : "not checked");
            audit.record(actor, tenant, t.name(), "provider.webhooks-imported", connection.name(), details);
            return r;
        });
    }

    private Tenant activeTenant(TenantId id) {
        Tenant t = tenants.find(id).orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
        if (t.isArchived()) {
            throw new Conflict("\"" + t.name() + "\" is archived and read-only. Restore it to import its events.");
        }
        return t;
    }
}
