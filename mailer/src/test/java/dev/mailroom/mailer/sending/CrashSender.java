package dev.mailroom.mailer.sending;

import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.SenderLease;
import dev.mailroom.model.sending.SendingLimits;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.domains.AesGcmSecretVault;
import dev.mailroom.persistence.sending.JooqConnectionStore;
import dev.mailroom.persistence.sending.JooqOutboxStore;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import dev.mailroom.persistence.suppressions.JooqSuppressionStore;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The sending half of {@link OutboxCrashTest}, run in its own JVM so that it can be killed with
 * SIGKILL: opens the store, recovers, and drains the outbox as Mailroom does at start.
 */
public final class CrashSender {
    private CrashSender() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int parallelism = Integer.parseInt(args[1]);
        try (Store store = Store.open(StoreConfig.h2(dataDir));
                SmtpMailTransport transport = new SmtpMailTransport(SmtpSettings.system())) {
            Outbox outbox = outbox(store, dataDir, transport, Clock.systemUTC());
            System.out.println("recovered at start: " + outbox.recoverAfterStop());
            System.out.println("drained: " + outbox.drain(parallelism).byState());
        }
    }

    static Outbox outbox(Store store, Path dataDir, SmtpMailTransport transport, Clock clock) {
        return outbox(store, dataDir, transport, clock, SenderLease.fresh());
    }

    static Outbox outbox(Store store, Path dataDir, SmtpMailTransport transport, Clock clock, SenderLease lease) {
        var tx = store.transactions();
        JooqConnectionStore connections = new JooqConnectionStore(tx);
        EndpointResolver endpoints = new EndpointResolver(connections, AesGcmSecretVault.open(dataDir));
        return new Outbox(
                new JooqOutboxStore(tx),
                endpoints,
                OutboxDeliveryTest.signedDomain(),
                transport,
                new JooqSuppressionStore(tx),
                new JooqEventStore(tx),
                tx,
                clock,
                RetryPolicy.DEFAULT,
                SendingLimits.NONE,
                lease);
    }
}
