package dev.mailroom.app.demo;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.users.AgencySetup;
import dev.mailroom.model.users.SignedIn;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.users.UserDraft;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --demo}: a new store filled with a believable agency and three clients, through the real use cases. */
public final class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    public static final String OWNER_EMAIL = "ana.ortiz@brightwave.example";
    public static final String OWNER_PASSWORD = "mailroom-demo";

    private DemoData() {
    }

    private static UserId user(Services s, dev.mailroom.model.common.Actor owner, String name, String email, StaffKind kind,
            Tenant home) {
        return s.users().create(owner, new UserDraft(name, email, kind, Optional.ofNullable(home).map(Tenant::id),
                OWNER_PASSWORD.toCharArray())).user().id();
    }

    /** Seeds an empty store and returns its owner, signed in; leaves an existing store alone. */
    public static Optional<SignedIn> seedIfNew(Services s) {
        if (!s.firstRun().needsSetup()) {
            log.info("--demo ignored: this store already has an agency");
            return Optional.empty();
        }
        char[] pw = OWNER_PASSWORD.toCharArray();
        SignedIn owner = s.firstRun().setUp(new AgencySetup("Brightwave Digital", "Ana Ortiz", OWNER_EMAIL, pw, pw));
        var actor = owner.actor();
        Tenant able = s.tenants().create(actor, new TenantDraft("Able Moose Group", "#2563EB", "Morgan Lee",
                "morgan.lee@ablemoose.example", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED));
        Tenant river = s.tenants().create(actor, new TenantDraft("Riverbend Legal", "#7C3AED", "Priya Shah",
                "priya.shah@riverbendlegal.example", OwnershipModel.CLIENT_OWNED, PartnerAccessPattern.CO_MANAGED));
        Tenant north = s.tenants().create(actor, new TenantDraft("Northwind Logistics", "#EA580C", "Tomás Ruiz",
                "t.ruiz@northwind-logistics.example", OwnershipModel.AGENCY_OWNED,
                PartnerAccessPattern.CLIENT_MANAGED_WITH_AGENCY_FALLBACK));

        // People with roles; two clients drift from their declared pattern, as real agencies' do.
        UserId dana = user(s, actor, "Dana Kovacs", "dana.kovacs@brightwave.example", StaffKind.AGENCY, null);
        s.users().setRoles(actor, dana, river.id(), Set.of(Role.ADMIN));
        s.users().setRoles(actor, dana, north.id(), Set.of(Role.ADMIN, Role.AUDITOR));
        UserId bea = user(s, actor, "Bea Lindqvist", "bea@ablemoose.example", StaffKind.CLIENT, able);
        s.users().setRoles(actor, bea, able.id(), Set.of(Role.DESIGNER));
        UserId kim = user(s, actor, "Kim Park", "kim.park@ablemoose.example", StaffKind.CLIENT, able);
        s.users().setRoles(actor, kim, able.id(), Set.of(Role.ADMIN, Role.ANALYTICS));
        UserId carlos = user(s, actor, "Carlos Mendes", "carlos@riverbendlegal.example", StaffKind.CLIENT, river);
        s.users().setRoles(actor, carlos, river.id(), Set.of(Role.OWNER));
        UserId fay = user(s, actor, "Fay Okafor", "fay.okafor@northwind-logistics.example", StaffKind.CLIENT, north);
        s.users().setRoles(actor, fay, north.id(), Set.of(Role.FINANCE, Role.ANALYTICS));
        long events = new DemoEvents(s).write(List.of(
                new DemoEvents.Profile(able.id(), List.of("ablemoose.example", "news.ablemoose.example"), 110,
                        0.006, 0.004, 0.03, 0.0004, 0.38, 1.0),
                new DemoEvents.Profile(river.id(), List.of("riverbendlegal.example"), 30,
                        0.004, 0.003, 0.02, 0.0002, 0.52, 4.5),
                // Northwind is in trouble: an old list, bounces and complaints over the providers' limits.
                new DemoEvents.Profile(north.id(), List.of("northwind-logistics.example", "notify.northwind-logistics.example"),
                        75, 0.075, 0.012, 0.08, 0.005, 0.21, 1.0)));
        log.info("Demo store created with three sample clients and {} events over {} days", events, DemoEvents.DAYS);
        return Optional.of(owner);
    }
}
