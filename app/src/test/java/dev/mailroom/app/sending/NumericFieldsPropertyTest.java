package dev.mailroom.app.sending;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.IntField;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Every number field of the dialogs' view models: what is saved is what was typed, or nothing is saved
 * and the field shows a problem naming the allowed range. Never a clamped, rounded or earlier value.
 * Typed text is drawn from numbers in and around each range, the ends of int and long, and text that
 * only looks like a number ("1e3", "+5", "1,000", " 42 ").
 */
class NumericFieldsPropertyTest {
    private static Path dir;
    private static Store store;
    private static Services services;
    private static Actor owner;
    private static TenantId tenant;
    private static Connection relay;

    @BeforeContainer
    static void open() throws Exception {
        dir = Files.createTempDirectory("numeric-fields");
        store = Backend.H2.open(dir);
        services = Services.create(store, new MutableClock(Instant.parse("2026-11-20T09:00:00Z")));
        char[] pw = "owner-password".toCharArray();
        owner = services.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        tenant = services.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Able Moose Group",
                                "#2563EB",
                                "Morgan Lee",
                                "morgan@ablemoose.example",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED))
                .id();
        relay = services.connections()
                .create(
                        owner,
                        tenant,
                        new ConnectionDraft(
                                "Local relay",
                                SendingEnvironment.PRODUCTION,
                                "127.0.0.1",
                                2525,
                                SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                "",
                                Optional.empty(),
                                "mail.brightwave.example",
                                2,
                                5));
    }

    @AfterContainer
    static void close() {
        store.close();
    }

    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.oneOf(
                Arbitraries.integers().between(-20, 70_000).map(String::valueOf),
                Arbitraries.integers().between(999_990, 1_000_010).map(String::valueOf),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of(
                        "",
                        " ",
                        "-0",
                        "007",
                        " 42 ",
                        "1e3",
                        "+5",
                        "1,000",
                        "12.0",
                        "0x10",
                        "٣",
                        "2147483648",
                        "-2147483649",
                        "-999999",
                        "99999999999999999999"),
                Arbitraries.strings().ofMaxLength(12));
    }

    /** What a person means by the text, when it is a plain whole number: digits with an optional minus. */
    private static OptionalInt meant(String typed, int min, int max) {
        String t = typed.strip();
        if (!t.matches("-?[0-9]{1,11}")) {
            return OptionalInt.empty();
        }
        long v = Long.parseLong(t);
        return v < min || v > max ? OptionalInt.empty() : OptionalInt.of((int) v);
    }

    @Property(tries = 300)
    void theProbationCapSavedIsTheOneTyped(@ForAll("typed") String typed) {
        SendingLimitsViewModel vm =
                new SendingLimitsViewModel(services.limits(), services.access(), owner, BackgroundRunner.synchronous());
        vm.show(tenant);
        OptionalInt before = services.limits().limits(owner, tenant).settings().probationCap();
        vm.probation().set(true);
        vm.cap().text().set(typed);
        vm.save();
        OptionalInt after = services.limits().limits(owner, tenant).settings().probationCap();
        OptionalInt meant = meant(typed, vm.cap().min(), vm.cap().max());
        if (meant.isPresent()) {
            assertThat(after).isEqualTo(meant);
            assertThat(vm.errors().isEmpty()).isTrue();
        } else {
            assertThat(after).isEqualTo(before);
            assertThat(vm.errors().get("probation")).contains(vm.cap().range());
        }
    }

    @Property(tries = 200)
    void theConnectionsPortSavedIsTheOneTyped(@ForAll("typed") String typed) {
        connectionField(typed, ConnectionFormViewModel::port, Connection::port, "port");
    }

    @Property(tries = 200)
    void theConnectionsSessionsSavedAreTheOnesTyped(@ForAll("typed") String typed) {
        connectionField(typed, ConnectionFormViewModel::sessions, Connection::maxSessions, "maxSessions");
    }

    @Property(tries = 200)
    void theConnectionsRateSavedIsTheOneTyped(@ForAll("typed") String typed) {
        connectionField(typed, ConnectionFormViewModel::rate, Connection::ratePerSecond, "ratePerSecond");
    }

    private static void connectionField(
            String typed,
            Function<ConnectionFormViewModel, IntField> field,
            ToIntFunction<Connection> stored,
            String name) {
        Connection before = services.connections().list(owner, tenant).get(0);
        ConnectionFormViewModel vm = new ConnectionFormViewModel(
                services.connections(), owner, tenant, BackgroundRunner.synchronous(), Optional.of(before));
        IntField f = field.apply(vm);
        f.text().set(typed);
        Connection[] saved = new Connection[1];
        vm.save(c -> saved[0] = c);
        Connection after = services.connections().list(owner, tenant).get(0);
        OptionalInt meant = meant(typed, f.min(), f.max());
        if (meant.isPresent()) {
            assertThat(saved[0]).isNotNull();
            assertThat(stored.applyAsInt(after)).isEqualTo(meant.getAsInt());
        } else {
            assertThat(saved[0]).isNull();
            assertThat(stored.applyAsInt(after)).isEqualTo(stored.applyAsInt(before));
            assertThat(vm.errors().get(name)).contains(f.range());
        }
    }

    @Property
    void anIntFieldTakesExactlyThePlainNumbersInItsRange(
            @ForAll("typed") String typed, @ForAll("bounds") int[] bounds) {
        IntField f = new IntField(bounds[0], bounds[1], "The value");
        f.text().set(typed);
        assertThat(f.value()).isEqualTo(meant(typed, bounds[0], bounds[1]));
        assertThat(f.problem().isPresent()).isEqualTo(f.value().isEmpty());
    }

    @Provide
    Arbitrary<int[]> bounds() {
        return Arbitraries.integers().between(-1000, 100_000).tuple2().map(t ->
                new int[] {Math.min(t.get1(), t.get2()), Math.max(t.get1(), t.get2())});
    }
}
