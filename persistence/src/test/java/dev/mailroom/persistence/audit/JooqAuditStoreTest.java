package dev.mailroom.persistence.audit;

import static dev.mailroom.persistence.jooq.Tables.AUDIT_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.audit.AuditChain;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class JooqAuditStoreTest {
    @TempDir
    Path dir;

    private static final Actor ANA = Actor.of(new Principal(new UserId(1), "Ana Owner"));
    private static final Actor ANA_AS_BEA = new Actor(
            new Principal(new UserId(2), "Bea Designer"), Optional.of(new Principal(new UserId(1), "Ana Owner")));

    @ParameterizedTest
    @EnumSource(Backend.class)
    void entriesChainAndSurviveTheRoundTripIntact(Backend backend) {
        try (Store store = backend.open(dir)) {
            JooqAuditStore audit = new JooqAuditStore(store.transactions());
            AuditLog log = new AuditLog(audit, Clock.systemUTC());
            write(store, log);

            var entries = audit.all();
            assertThat(entries).hasSize(3);
            assertThat(entries.get(0).previousHash()).isEmpty();
            assertThat(entries.get(1).previousHash()).contains(entries.get(0).hash());
            assertThat(entries.get(2).impersonatorName()).contains("Ana Owner");
            assertThat(entries.get(2).actorName()).isEqualTo("Bea Designer");
            assertThat(AuditChain.firstBroken(entries)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditedOrRemovedRowIsDetected(Backend backend) {
        try (Store store = backend.open(dir)) {
            JooqAuditStore audit = new JooqAuditStore(store.transactions());
            write(store, new AuditLog(audit, Clock.systemUTC()));
            long second = audit.all().get(1).id();

            store.dsl()
                    .update(AUDIT_ENTRY)
                    .set(AUDIT_ENTRY.TARGET, "Someone else")
                    .where(AUDIT_ENTRY.ID.eq(second))
                    .execute();
            assertThat(AuditChain.firstBroken(audit.all())).hasValue(second);

            store.dsl().deleteFrom(AUDIT_ENTRY).where(AUDIT_ENTRY.ID.eq(second)).execute();
            assertThat(AuditChain.firstBroken(audit.all()))
                    .hasValue(audit.all().get(1).id());
        }
    }

    /** An import audits its rows in one batch: the entries chain on from the head and on to what follows. */
    @ParameterizedTest
    @EnumSource(Backend.class)
    void entriesWrittenTogetherChainLikeEntriesWrittenOneByOne(Backend backend) {
        try (Store store = backend.open(dir)) {
            JooqAuditStore audit = new JooqAuditStore(store.transactions());
            AuditLog log = new AuditLog(audit, Clock.systemUTC());
            write(store, log);
            List<AuditLog.Item> items = IntStream.range(0, 1200)
                    .mapToObj(i -> new AuditLog.Item("a" + i + "@example.net", Map.of("domain", "acme.test")))
                    .toList();

            store.transactions()
                    .run(() -> log.recordAll(ANA_AS_BEA, new TenantId(7), "Acme", "suppression.added", items));
            store.transactions().run(() -> log.recordAll(ANA, new TenantId(7), "Acme", "suppression.added", List.of()));
            store.transactions()
                    .run(() -> log.record(ANA, new TenantId(7), "Acme", "template.saved", "After", Map.of()));

            var entries = audit.all();
            assertThat(entries).hasSize(3 + 1200 + 1);
            assertThat(entries.get(3).previousHash()).contains(entries.get(2).hash());
            assertThat(entries.get(3).target()).isEqualTo("a0@example.net");
            assertThat(entries.get(1202).target()).isEqualTo("a1199@example.net");
            assertThat(entries.get(1202).impersonatorName()).contains("Ana Owner");
            assertThat(entries.get(1203).previousHash())
                    .contains(entries.get(1202).hash());
            assertThat(AuditChain.firstBroken(entries)).isEmpty();
        }
    }

    private static void write(Store store, AuditLog log) {
        store.transactions().run(() -> log.record(ANA, "signin.succeeded", "ana@agency.com", Map.of()));
        store.transactions()
                .run(() -> log.record(ANA, new TenantId(7), "Acme", "tenant.created", "Acme", Map.of("name", "Acme")));
        store.transactions()
                .run(() -> log.record(ANA_AS_BEA, new TenantId(7), "Acme", "template.saved", "Welcome", Map.of()));
    }
}
