package dev.mailroom.persistence.domains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.domains.CheckHistoryEntry;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.DkimKeyInfo;
import dev.mailroom.model.domains.DkimKeyService;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.PlannedRecord;
import dev.mailroom.model.domains.RecordCheck;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.domains.RecordPlan;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.SendingDomain;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dns.DnsAnswer;
import dev.mailroom.model.domains.dns.DnsLookup;
import dev.mailroom.model.domains.dns.DnsStatus;
import dev.mailroom.model.domains.dns.DnsType;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.tenants.TenantStatus;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DomainService over the real stores, on H2 and PostgreSQL. */
class DomainServiceTest {
    private static final RecordPlanSettings SETTINGS = RecordPlanSettings.builtIn(
                    "include:_spf.relay.example", "bounces.relay.example")
            .withDmarcReports("dmarc@agency.example");

    @TempDir
    Path dir;

    /** DNS as a map: what tests publish is what look-ups find. */
    static final class MapDns implements DnsLookup {
        final Map<String, List<String>> records = new ConcurrentHashMap<>();

        void put(String name, DnsType type, String... values) {
            records.put(name.toLowerCase() + "/" + type, List.of(values));
        }

        @Override
        public DnsAnswer lookup(String name, DnsType type) {
            List<String> v = records.get(name.toLowerCase() + "/" + type);
            return v == null ? DnsAnswer.of(name, type, DnsStatus.NXDOMAIN) : DnsAnswer.found(name, type, v);
        }
    }

    private final class World implements AutoCloseable {
        final Store store;
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
        final MapDns dns = new MapDns();
        List<String> relayHosts = List.of();
        final JooqTenantStore tenants;
        final JooqDomainStore domains;
        final JooqAuditStore auditStore;
        final AesGcmSecretVault vault;
        final DomainService service;
        final DkimKeyService keys;
        final TenantId acme;
        final TenantId bolt;
        final Actor owner;
        final Actor editor;
        final Actor analyst;
        final Actor designer;
        final Actor boltEditor;

        World(Backend backend) {
            store = backend.open(dir);
            var tx = store.transactions();
            tenants = new JooqTenantStore(tx);
            JooqUserStore users = new JooqUserStore(tx, clock);
            JooqMembershipStore memberships = new JooqMembershipStore(tx);
            domains = new JooqDomainStore(tx);
            auditStore = new JooqAuditStore(tx);
            vault = AesGcmSecretVault.open(dir);
            acme = tenants.insert(draft("Acme"), clock.instant());
            bolt = tenants.insert(draft("Bolt Bikes"), clock.instant());
            owner = actor(users.insert(user("owner@agency.example", true)), "Olivia Owner");
            editor = member(users, memberships, "ed@agency.example", acme, Role.EDITOR);
            analyst = member(users, memberships, "ann@agency.example", acme, Role.ANALYTICS);
            designer = member(users, memberships, "des@agency.example", acme, Role.DESIGNER);
            boltEditor = member(users, memberships, "bo@agency.example", bolt, Role.EDITOR);
            AccessPolicy access = new AccessPolicy(users, memberships);
            AuditLog audit = new AuditLog(auditStore, clock);
            DkimKeyGenerator generator = new DkimKeyGenerator(clock, new SecureRandom());
            service = new DomainService(
                    domains,
                    tenants,
                    access,
                    audit,
                    tx,
                    clock,
                    vault,
                    generator,
                    dns,
                    tenant -> tenant.equals(acme) ? relayHosts : List.of());
            keys = new DkimKeyService(domains, tenants, access, audit, tx, clock, vault, generator);
        }

        private Actor member(
                JooqUserStore users, JooqMembershipStore memberships, String email, TenantId t, Role role) {
            UserId id = users.insert(user(email, false));
            memberships.grant(id, t, role);
            return actor(id, email);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    private static TenantDraft draft(String name) {
        return new TenantDraft(
                name,
                "#3366CC",
                "Jo",
                "jo@example.com",
                OwnershipModel.CLIENT_OWNED,
                PartnerAccessPattern.AGENCY_MANAGED);
    }

    private static NewUser user(String email, boolean owner) {
        return new NewUser(email, email, "$argon2id$x", owner, StaffKind.AGENCY, Optional.empty(), false);
    }

    private static Actor actor(UserId id, String name) {
        return Actor.of(new Principal(id, name));
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anEditorAddsADomainWithKeysAndTheOthersSeeWhatTheirRoleAllows(Backend backend) {
        try (World w = new World(backend)) {
            DomainService.DomainView v = w.service.add(
                    w.editor, w.acme, "Bücher.de.", SETTINGS, Set.of(DkimAlgorithm.RSA, DkimAlgorithm.ED25519));
            SendingDomain d = v.domain();
            assertThat(d.name().ascii()).isEqualTo("xn--bcher-kva.de");
            assertThat(d.name().unicode()).isEqualTo("bücher.de");
            assertThat(d.settings()).isEqualTo(SETTINGS);
            assertThat(v.keys()).extracting(DkimKeyInfo::selector).containsExactly("mr202611", "mr202611e");
            assertThat(v.keys()).extracting(DkimKeyInfo::state).containsOnly(DkimKeyState.NEW);
            assertThat(v.keys().get(0).bits()).isEqualTo(2048);

            assertThat(w.service.list(w.analyst, w.acme))
                    .extracting(SendingDomain::id)
                    .containsExactly(d.id());
            assertThatThrownBy(() -> w.service.add(w.analyst, w.acme, "acme.com", SETTINGS, Set.of()))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> w.service.list(w.designer, w.acme)).isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> w.service.list(w.boltEditor, w.acme)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> w.service.get(w.boltEditor, w.bolt, d.id()))
                    .isInstanceOf(NotFound.class);

            List<AuditEntry> audit = w.store.transactions().inTransaction(w.auditStore::all);
            AuditEntry added = audit.get(audit.size() - 1);
            assertThat(added.action()).isEqualTo("domain.added");
            assertThat(added.target()).isEqualTo("bücher.de");
            assertThat(added.details())
                    .contains("stored as: xn--bcher-kva.de")
                    .contains("mr202611 (RSA 2048), mr202611e (Ed25519 256)");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aDomainBelongsToOneTenantAcrossTheAgency(Backend backend) {
        try (World w = new World(backend)) {
            w.service.add(w.editor, w.acme, "acme.com", SETTINGS, Set.of());
            assertThatThrownBy(() -> w.service.add(w.boltEditor, w.bolt, "ACME.com.", SETTINGS, Set.of()))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessage(
                            "acme.com is already a sending domain of another client. A domain belongs to one client "
                                    + "only; remove it there first (or ask the agency owner).");
            assertThatThrownBy(() -> w.service.add(w.owner, w.bolt, "acme.com", SETTINGS, Set.of()))
                    .hasMessageContaining("of \"Acme\"");
            assertThatThrownBy(() -> w.service.add(w.editor, w.acme, "acme.com", SETTINGS, Set.of()))
                    .hasMessageContaining("already a sending domain of this client");
            assertThatThrownBy(() -> w.service.add(w.editor, w.acme, "not a domain", SETTINGS, Set.of()))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessage("A domain name has no spaces.");

            w.tenants.setStatus(w.acme, TenantStatus.ARCHIVED, Optional.of(w.clock.instant()));
            assertThatThrownBy(() -> w.service.add(w.editor, w.acme, "acme.org", SETTINGS, Set.of()))
                    .isInstanceOf(Conflict.class)
                    .hasMessageContaining("archived");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void verificationKeepsHistoryPublishesKeysAndRotationRetiresTheOldOne(Backend backend) {
        try (World w = new World(backend)) {
            SendingDomain d = w.service
                    .add(w.editor, w.acme, "acme.com", SETTINGS, Set.of())
                    .domain();
            List<RecordCheck> first = w.service.verify(w.analyst, w.acme, d.id(), Optional.empty());
            assertThat(first).extracting(RecordCheck::status).containsOnly(CheckStatus.MISSING);

            RecordPlan plan = w.service.plan(w.analyst, w.acme, d.id());
            for (PlannedRecord r : plan.records()) {
                w.dns.put(r.host(), r.type(), r.value());
            }
            w.dns.put("_spf.relay.example", DnsType.TXT, "v=spf1 ip4:203.0.113.0/24 -all");
            w.clock.advance(Duration.ofMinutes(5));
            List<RecordCheck> second = w.service.verify(w.analyst, w.acme, d.id(), Optional.of("203.0.113.9"));
            assertThat(second).extracting(RecordCheck::status).containsOnly(CheckStatus.FOUND);
            assertThat(w.service.get(w.analyst, w.acme, d.id()).keys().get(0).state())
                    .isEqualTo(DkimKeyState.PUBLISHED);

            List<CheckHistoryEntry> history = w.service.history(w.analyst, w.acme, d.id(), 100);
            assertThat(history).hasSize(8);
            assertThat(history.get(0).status()).isEqualTo(CheckStatus.FOUND);
            assertThat(history.get(history.size() - 1).status()).isEqualTo(CheckStatus.MISSING);
            assertThat(history)
                    .filteredOn(h -> h.kind() == RecordKind.DKIM)
                    .extracting(CheckHistoryEntry::host)
                    .containsOnly("mr202611._domainkey.acme.com");

            // Rotation: sign with the first key, make a second, publish it, switch, retire the first after 7 days.
            DkimKeyInfo firstKey = w.keys.startSigning(w.editor, w.acme, d.id(), "mr202611", Duration.ofDays(7));
            assertThat(firstKey.state()).isEqualTo(DkimKeyState.SIGNING);
            DkimKeyInfo next = w.keys.generateKey(w.editor, w.acme, d.id(), DkimAlgorithm.RSA);
            assertThat(next.selector()).isEqualTo("mr202611b");
            assertThatThrownBy(() -> w.keys.startSigning(w.editor, w.acme, d.id(), "mr202611b", Duration.ofDays(7)))
                    .isInstanceOf(Conflict.class)
                    .hasMessageContaining("only a key whose record was found in DNS");
            w.dns.put(
                    next.publicKey().host("acme.com"),
                    DnsType.TXT,
                    next.publicKey().txtValue());
            w.service.verify(w.editor, w.acme, d.id(), Optional.empty());
            w.keys.startSigning(w.editor, w.acme, d.id(), "mr202611b", Duration.ofDays(7));
            Map<String, DkimKeyState> states = new java.util.HashMap<>();
            w.service.get(w.editor, w.acme, d.id()).keys().forEach(k -> states.put(k.selector(), k.state()));
            assertThat(states)
                    .containsEntry("mr202611", DkimKeyState.RETIRING)
                    .containsEntry("mr202611b", DkimKeyState.SIGNING);
            assertThat(w.keys.retireDueKeys(w.editor, w.acme, d.id())).isEmpty();
            w.clock.advance(Duration.ofDays(8));
            assertThat(w.keys.retireDueKeys(w.editor, w.acme, d.id()))
                    .extracting(DkimKeyInfo::selector)
                    .containsExactly("mr202611");
            assertThat(w.service.plan(w.editor, w.acme, d.id()).of(RecordKind.DKIM))
                    .extracting(PlannedRecord::host)
                    .containsExactly("mr202611b._domainkey.acme.com");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void privateKeysAreSealedAtRestAndExportedOnlyWithPermissionAndAudit(Backend backend) throws Exception {
        World w = new World(backend);
        String pem;
        String sealedColumn;
        try (w) {
            SendingDomain d = w.service
                    .add(w.editor, w.acme, "acme.com", SETTINGS, Set.of())
                    .domain();
            assertThatThrownBy(() -> w.keys.exportPrivateKey(w.analyst, w.acme, d.id(), "mr202611"))
                    .isInstanceOf(PermissionDenied.class);
            pem = w.keys.exportPrivateKey(w.editor, w.acme, d.id(), "mr202611");
            assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
            List<AuditEntry> audit = w.store.transactions().inTransaction(w.auditStore::all);
            AuditEntry last = audit.get(audit.size() - 1);
            assertThat(last.action()).isEqualTo("domain.dkim-private-key-exported");
            assertThat(last.details()).isEqualTo("selector: mr202611");
            sealedColumn = w.store
                    .dsl()
                    .fetchValue("select private_key_sealed from dkim_key")
                    .toString();
            String allText = w.store.dsl().fetch("select * from dkim_key").formatCSV()
                    + w.store.dsl().fetch("select * from audit_entry").formatCSV();
            String b64 = pemBody(pem);
            assertThat(allText).doesNotContain(b64.substring(0, 200)).doesNotContain(b64.substring(b64.length() - 200));
        }
        byte[] der = Base64.getDecoder().decode(pemBody(pem));
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der)); // a real key
        assertThat(sealedColumn).doesNotContain(pemBody(pem).substring(0, 100));
        if (backend == Backend.H2) {
            byte[] file = Files.readAllBytes(dir.resolve("mailroom.mv.db"));
            assertThat(indexOf(file, java.util.Arrays.copyOfRange(der, 40, 104)))
                    .as("raw key bytes in the DB file")
                    .isEqualTo(-1);
            assertThat(indexOf(file, pemBody(pem).substring(100, 164).getBytes(StandardCharsets.US_ASCII)))
                    .as("base64 key in the DB file")
                    .isEqualTo(-1);
            assertThat(indexOf(file, sealedColumn.substring(0, 64).getBytes(StandardCharsets.US_ASCII)))
                    .as("the sealed value is what is stored")
                    .isNotEqualTo(-1);
        }
        Path keyFile = dir.resolve(AesGcmSecretVault.KEY_FILE);
        assertThat(keyFile).exists();
        if (Files.getFileAttributeView(keyFile, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                    .isEqualTo("rw-------");
        }
    }

    private static String pemBody(String pem) {
        return pem.replace("-----BEGIN PRIVATE KEY-----", "")
                .replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void removingNeedsTheNameAndTakesKeysAndHistoryAlong(Backend backend) {
        try (World w = new World(backend)) {
            SendingDomain d = w.service
                    .add(w.editor, w.acme, "acme.com", SETTINGS, Set.of())
                    .domain();
            w.service.verify(w.editor, w.acme, d.id(), Optional.empty());
            assertThatThrownBy(() -> w.service.remove(w.editor, w.acme, d.id(), "acme.org"))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessage("Type the domain's name exactly to confirm.");
            w.service.remove(w.editor, w.acme, d.id(), "ACME.COM");
            assertThat(w.service.list(w.editor, w.acme)).isEmpty();
            assertThat(w.store.dsl().fetchCount(w.store.dsl().selectFrom("dkim_key")))
                    .isZero();
            assertThat(w.store.dsl().fetchCount(w.store.dsl().selectFrom("record_check")))
                    .isZero();
            // The name is free again, for any tenant.
            w.service.add(w.boltEditor, w.bolt, "acme.com", SETTINGS, Set.of());
            List<String> actions = new ArrayList<>();
            w.store.transactions().inTransaction(w.auditStore::all).forEach(e -> actions.add(e.action()));
            assertThat(actions).containsSubsequence("domain.added", "domain.removed", "domain.added");
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void settingsChangesAreStoredAndAudited(Backend backend) {
        try (World w = new World(backend)) {
            SendingDomain d = w.service
                    .add(w.editor, w.acme, "acme.com", SETTINGS, Set.of())
                    .domain();
            RecordPlanSettings more = SETTINGS.withMx(new RecordPlanSettings.Mx("bounce", "mx.relay.example", 10))
                    .withTracking(new RecordPlanSettings.Tracking("track", "t.relay.example"))
                    .withMtaSts(
                            new RecordPlanSettings.MtaSts("testing", List.of("mx1.acme.com", "mx2.acme.com"), 86400),
                            "tls@acme.com");
            assertThat(w.service.updateSettings(w.editor, w.acme, d.id(), more).settings())
                    .isEqualTo(more);
            List<AuditEntry> audit = w.store.transactions().inTransaction(w.auditStore::all);
            assertThat(audit.get(audit.size() - 1).details()).contains("MX: none → Mx[label=bounce");
            assertThat(w.service.plan(w.editor, w.acme, d.id()).mtaStsPolicy()).isPresent();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void checkAllIsBoundedReportsProgressFlagsWhatBrokeAndCanBeCancelled(Backend backend) {
        try (World w = new World(backend)) {
            List<SendingDomain> added = new ArrayList<>();
            for (String n : List.of("acme.com", "acme.org", "acme.net")) {
                added.add(w.service.add(w.editor, w.acme, n, SETTINGS, Set.of()).domain());
            }
            added.add(w.service
                    .add(w.boltEditor, w.bolt, "boltbikes.com", SETTINGS, Set.of())
                    .domain());
            for (SendingDomain d : added) {
                for (PlannedRecord r :
                        w.service.plan(w.owner, d.tenant(), d.id()).records()) {
                    w.dns.put(r.host(), r.type(), r.value());
                }
            }
            List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
            var first = w.service.checkAll(
                    w.owner,
                    3,
                    Optional.empty(),
                    (done, total, latest) -> progress.add(done + "/" + total),
                    new dev.mailroom.model.common.Cancellation());
            assertThat(first.total()).isEqualTo(4);
            assertThat(first.cancelled()).isFalse();
            assertThat(first.results()).allMatch(dev.mailroom.model.domains.DomainCheckResult::allFound);
            assertThat(progress).containsExactlyInAnyOrder("1/4", "2/4", "3/4", "4/4");

            // An editor of Acme sees only Acme's domains.
            assertThat(w.service
                            .checkAll(
                                    w.editor,
                                    2,
                                    Optional.empty(),
                                    (a, b, c) -> {},
                                    new dev.mailroom.model.common.Cancellation())
                            .total())
                    .isEqualTo(3);

            // Someone deletes acme.org's return-path CNAME: the next run flags it.
            w.dns.records.remove("bounce.acme.org/CNAME");
            var second = w.service.checkAll(
                    w.owner, 2, Optional.empty(), (a, b, c) -> {}, new dev.mailroom.model.common.Cancellation());
            assertThat(second.broken()).hasSize(1);
            var broke = second.broken().get(0);
            assertThat(broke.domain().name().ascii()).isEqualTo("acme.org");
            assertThat(broke.broke()).extracting(c -> c.record().kind()).containsExactly(RecordKind.RETURN_PATH);

            dev.mailroom.model.common.Cancellation cancel = new dev.mailroom.model.common.Cancellation();
            var cancelled =
                    w.service.checkAll(w.owner, 1, Optional.empty(), (done, total, latest) -> cancel.cancel(), cancel);
            assertThat(cancelled.cancelled()).isTrue();
            assertThat(cancelled.results()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void blocklistListingsAreKeptAsHistory(Backend backend) {
        try (World w = new World(backend)) {
            SendingDomain d = w.service
                    .add(w.editor, w.acme, "acme.com", SETTINGS, Set.of())
                    .domain();
            var lists = List.of(
                    new dev.mailroom.model.domains.blocklist.Blocklist(
                            "Test DBL",
                            "dbl.test",
                            dev.mailroom.model.domains.blocklist.Blocklist.Kind.DOMAIN,
                            "https://dbl.test/"),
                    new dev.mailroom.model.domains.blocklist.Blocklist(
                            "Test IP list", "bl.test", dev.mailroom.model.domains.blocklist.Blocklist.Kind.IP, ""));
            var clean = w.service.checkBlocklists(w.analyst, w.acme, d.id(), lists);
            assertThat(clean).extracting(r -> r.status().name()).containsExactly("NOT_LISTED");
            w.dns.put("acme.com.dbl.test", DnsType.A, "127.0.1.2");
            w.dns.put("acme.com.dbl.test", DnsType.TXT, "Listed: spam domain");
            w.clock.advance(Duration.ofHours(1));
            var listed = w.service.checkBlocklists(w.analyst, w.acme, d.id(), lists);
            assertThat(listed.get(0).listed()).isTrue();
            var history = w.service.blocklistHistory(w.analyst, w.acme, d.id(), 10);
            assertThat(history).hasSize(2);
            assertThat(history.get(0).listed()).isTrue();
            assertThat(history.get(0).codes()).containsExactly("127.0.1.2");
            assertThat(history.get(0).list().lookupUrl()).isEqualTo("https://dbl.test/");
            assertThat(history.get(0).message())
                    .contains("acme.com is listed on Test DBL (127.0.1.2): Listed: spam domain")
                    .contains("What to do");
            assertThat(history.get(1).listed()).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void relayAddressesAreAskedOfTheIpListsAndCountOnTheOverview(Backend backend) {
        try (World w = new World(backend)) {
            SendingDomain d = w.service
                    .add(w.editor, w.acme, "acme.com", SETTINGS, Set.of())
                    .domain();
            var ipList = new dev.mailroom.model.domains.blocklist.Blocklist(
                    "Test IP list", "bl.test", dev.mailroom.model.domains.blocklist.Blocklist.Kind.IP, "");
            w.relayHosts = List.of("smtp.relay.example");
            w.dns.put("smtp.relay.example", DnsType.A, "203.0.113.5", "203.0.113.6");
            w.dns.put("6.113.0.203.bl.test", DnsType.A, "127.0.0.2");

            var results = w.service.checkBlocklists(w.analyst, w.acme, d.id(), List.of(ipList));

            assertThat(results)
                    .extracting(r -> r.subject() + " " + r.status())
                    .containsExactly(
                            "203.0.113.5 (smtp.relay.example) NOT_LISTED", "203.0.113.6 (smtp.relay.example) LISTED");
            assertThat(w.service.blocklistHistory(w.analyst, w.acme, d.id(), 10))
                    .hasSize(2);
            // The listed address counts once on the overview, beside the clean one on the same list.
            assertThat(w.service.dnsHealthOfVisibleTenants(w.owner).get(w.acme).listed())
                    .isEqualTo(1);
        }
    }
}
