package dev.mailroom.mailer.sending;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.SenderLease;
import dev.mailroom.persistence.sending.JooqOutboxStore;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One console of {@link OutboxTeamTest}, in its own JVM so that it can be killed with SIGKILL: opens the
 * shared PostgreSQL store, recovers as Mailroom does at start, and drains until nothing is left to send
 * (messages another console holds become its own once that console's lease runs out).
 *
 * <p>Arguments: JDBC URL, data folder, lease in seconds, sessions, tenant id. Prints {@code instance ID},
 * then {@code recovered REQUEUED IN_DOUBT}, then {@code done}.
 */
public final class TeamSender {
    private TeamSender() {}

    public static void main(String[] args) throws InterruptedException {
        Path dataDir = Path.of(args[1]);
        StoreConfig config = new StoreConfig(dataDir, Optional.of(args[0]), Optional.of("postgres"), Optional.empty());
        SenderLease lease = new SenderLease(UUID.randomUUID().toString(), Duration.ofSeconds(Long.parseLong(args[2])));
        int sessions = Integer.parseInt(args[3]);
        TenantId tenant = new TenantId(Long.parseLong(args[4]));
        try (Store store = Store.open(config);
                SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system())) {
            Outbox outbox = CrashSender.outbox(store, dataDir, transport, Clock.systemUTC(), lease);
            System.out.println("instance " + lease.instance());
            Outbox.Recovery recovered = outbox.recoverAfterStop();
            System.out.println("recovered " + recovered.requeued() + " "
                    + recovered.inDoubt().size());
            JooqOutboxStore messages = new JooqOutboxStore(store.transactions());
            while (true) {
                outbox.drain(sessions);
                Map<OutboxState, Long> left = store.transactions().inTransaction(() -> messages.countByState(tenant));
                if (left.getOrDefault(OutboxState.QUEUED, 0L)
                                + left.getOrDefault(OutboxState.SENDING, 0L)
                                + left.getOrDefault(OutboxState.TRANSMITTING, 0L)
                        == 0) {
                    break;
                }
                Thread.sleep(200); // another console's claims: wait for them to finish or for its lease to end
            }
            System.out.println("done");
        }
    }
}
