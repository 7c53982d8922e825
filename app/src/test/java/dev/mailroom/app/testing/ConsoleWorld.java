package dev.mailroom.app.testing;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What a view-model or use-case test in {@code app} starts from: a real store, the console's
 * {@link Services} on a clock the test moves, and the agency "Brightwave" with its owner signed up.
 * Close it after the test ({@code @AfterEach}).
 */
public final class ConsoleWorld implements AutoCloseable {
    /** The instant the clock starts at unless a test says otherwise. */
    public static final Instant START = Instant.parse("2026-11-20T09:00:00Z");

    public static final String OWNER_PASSWORD = "owner-password";

    public final Store store;
    public final MutableClock clock;
    public final Services services;
    public final Actor owner;

    private ConsoleWorld(Store store, Instant start, Optional<ResolverSettings> resolvers) {
        this.store = store;
        this.clock = new MutableClock(start);
        this.services =
                resolvers.map(r -> Services.create(store, clock, r)).orElseGet(() -> Services.create(store, clock));
        char[] pw = OWNER_PASSWORD.toCharArray();
        this.owner = services.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
    }

    /** An H2 store in {@code dir}, the clock at {@link #START}. */
    public static ConsoleWorld h2(Path dir) {
        return on(Backend.H2, dir, START);
    }

    public static ConsoleWorld h2(Path dir, Instant start) {
        return on(Backend.H2, dir, start);
    }

    public static ConsoleWorld on(Backend backend, Path dir, Instant start) {
        return new ConsoleWorld(backend.open(dir), start, Optional.empty());
    }

    /** An H2 store in {@code dir} whose DNS look-ups go to {@code resolvers} (a test server on 127.0.0.1). */
    public static ConsoleWorld h2(Path dir, ResolverSettings resolvers) {
        return new ConsoleWorld(Backend.H2.open(dir), START, Optional.of(resolvers));
    }

    /** A new agency-owned, agency-managed tenant added by the owner. */
    public Tenant tenant(String name) {
        return services.tenants().create(owner, draft(name));
    }

    public static TenantDraft draft(String name) {
        return new TenantDraft(
                name, "#2563EB", "", "", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED);
    }

    /** A client user of {@code tenant} holding {@code role} there (written to the store directly, no audit). */
    public Actor member(Tenant tenant, Role role, String email) {
        var tx = store.transactions();
        String name = "Bea " + role.label();
        UserId id = tx.inTransaction(() -> new JooqUserStore(tx, clock)
                .insert(new NewUser(
                        email, name, "$argon2id$none", false, StaffKind.CLIENT, Optional.of(tenant.id()), false)));
        tx.run(() -> new JooqMembershipStore(tx).grant(id, tenant.id(), role));
        return Actor.of(new Principal(id, name));
    }

    @Override
    public void close() {
        store.close();
    }
}
