package dev.mailroom.persistence.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.domains.DomainId;
import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.domains.names.DomainName;
import dev.mailroom.model.providers.ProviderDomainLink;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionKind;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sending domains linked to a provider's domain, on H2 and PostgreSQL: per tenant, one link per domain, the
 * provider's records replaced whole, the status kept, and a removed connection leaves the link.
 */
class JooqProviderDomainStoreTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void linksAreKeptPerTenantWithTheProvidersRecordsAndStatus(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            TenantId other = f.tenantNamed("Other");
            Connection c = f.localRelay("Relay", 2525, 1, 0);
            JooqDomainStore domains = new JooqDomainStore(f.tx);
            JooqProviderDomainStore s = new JooqProviderDomainStore(f.tx);
            RecordPlanSettings settings = RecordPlanSettings.builtIn("include:_spf.mailersend.net", "mailersend.net");
            DomainId d = f.tx.inTransaction(
                    () -> domains.insert(f.acme, DomainName.parse("tryacme.com"), settings, SendingFixture.T0));

            f.tx.run(() -> s.link(
                    f.acme,
                    d,
                    c.id(),
                    ConnectionKind.MAILERSEND_API,
                    "jy7zpl95rd045vx6",
                    "tryacme.com",
                    SendingFixture.T0));
            ProviderDomainLink fresh =
                    f.tx.inTransaction(() -> s.byDomain(f.acme, d)).orElseThrow();
            assertThat(fresh.records()).isEmpty();
            assertThat(fresh.verified()).isEmpty();
            assertThat(fresh.statusWords()).isEqualTo("MailerSend has not been asked yet.");
            assertThat(fresh.connection()).contains(c.id());
            assertThat(f.tx.inTransaction(() -> s.byDomain(other, d))).isEmpty();
            assertThat(f.tx.inTransaction(
                            () -> s.byProviderId(other, ConnectionKind.MAILERSEND_API, "jy7zpl95rd045vx6")))
                    .isEmpty();
            assertThat(f.tx.inTransaction(
                            () -> s.byProviderId(f.acme, ConnectionKind.SENDGRID_API, "jy7zpl95rd045vx6")))
                    .isEmpty();
            assertThatThrownBy(() -> f.tx.run(() -> s.link(
                            f.acme, d, c.id(), ConnectionKind.SENDGRID_API, "1", "tryacme.com", SendingFixture.T0)))
                    .as("one link per sending domain")
                    .isInstanceOf(RuntimeException.class);

            String key = "v=DKIM1;t=s;p=" + "A".repeat(700);
            List<ProvidedRecords.Entry> first = List.of(
                    new ProvidedRecords.Entry(
                            RecordKind.DKIM, "mlsend._domainkey.tryacme.com", DnsType.TXT, key, Optional.empty()),
                    new ProvidedRecords.Entry(
                            RecordKind.RETURN_PATH,
                            "mta.tryacme.com",
                            DnsType.CNAME,
                            "mailersend.net",
                            Optional.of(true)));
            f.tx.run(() -> s.saveRecords(other, d, first, SendingFixture.T0)); // another tenant's: nothing
            assertThat(f.tx.inTransaction(() -> s.byDomain(f.acme, d))
                            .orElseThrow()
                            .records())
                    .isEmpty();
            f.tx.run(() -> s.saveRecords(f.acme, d, first, SendingFixture.T0.plusSeconds(1)));
            f.tx.run(() -> s.saveRecords(f.acme, d, first.subList(1, 2), SendingFixture.T0.plusSeconds(2)));
            f.tx.run(() -> s.saveRecords(f.acme, d, first, SendingFixture.T0.plusSeconds(3)));
            f.tx.run(() -> s.saveStatus(
                    f.acme,
                    d,
                    false,
                    "MailerSend: not verified yet (DKIM not verified).",
                    SendingFixture.T0.plusSeconds(4)));

            ProviderDomainLink l = f.tx.inTransaction(
                            () -> s.byProviderId(f.acme, ConnectionKind.MAILERSEND_API, "jy7zpl95rd045vx6"))
                    .orElseThrow();
            assertThat(l.records()).isEqualTo(first);
            assertThat(l.recordsAt()).contains(SendingFixture.T0.plusSeconds(3));
            assertThat(l.verified()).contains(false);
            assertThat(l.statusWords()).isEqualTo("MailerSend: not verified yet (DKIM not verified).");
            assertThat(l.checkedAt()).contains(SendingFixture.T0.plusSeconds(4));
            assertThat(l.provided().provider()).isEqualTo("MailerSend");
            assertThat(f.tx.inTransaction(() -> s.list(f.acme))).containsExactly(l);
            assertThat(f.tx.inTransaction(() -> s.list(other))).isEmpty();

            f.tx.run(() -> f.connections.delete(f.acme, c.id()));
            ProviderDomainLink kept =
                    f.tx.inTransaction(() -> s.byDomain(f.acme, d)).orElseThrow();
            assertThat(kept.connection()).isEmpty();
            assertThat(kept.records()).hasSize(2);

            f.tx.run(() -> domains.delete(f.acme, d));
            assertThat(f.tx.inTransaction(() -> s.list(f.acme))).isEmpty();
        }
    }
}
