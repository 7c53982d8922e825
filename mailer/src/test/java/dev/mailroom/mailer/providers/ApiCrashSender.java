package dev.mailroom.mailer.providers;

import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpSettings;
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
 * The sending half of {@link ApiOutboxCrashTest}, in its own JVM so that it can be killed with SIGKILL:
 * opens the store, recovers, and drains the outbox through the provider adapters as the console does.
 */
public final class ApiCrashSender {
    private ApiCrashSender() {}

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        int parallelism = Integer.parseInt(args[1]);
        try (Store store = Store.open(StoreConfig.h2(dataDir));
                SmtpMailTransport smtp = new SmtpMailTransport(SmtpSettings.system())) {
            Outbox outbox = outbox(store, dataDir, smtp, Clock.systemUTC());
            System.out.println("recovered at start: " + outbox.recoverAfterStop());
            System.out.println("drained: " + outbox.drain(parallelism).byState());
        }
    }

    static Outbox outbox(Store store, Path dataDir, SmtpMailTransport smtp, Clock clock) {
        var tx = store.transactions();
        JooqConnectionStore connections = new JooqConnectionStore(tx);
        return new Outbox(
                new JooqOutboxStore(tx),
                new EndpointResolver(connections, AesGcmSecretVault.open(dataDir)),
                ApiOutboxTest.unsignedDomain(),
                new RoutingMailTransport(smtp, ProviderAdapters.standard(ApiCall.defaults(), clock)),
                new JooqSuppressionStore(tx),
                new JooqEventStore(tx),
                tx,
                clock,
                RetryPolicy.DEFAULT,
                SendingLimits.NONE,
                SenderLease.fresh());
    }
}
