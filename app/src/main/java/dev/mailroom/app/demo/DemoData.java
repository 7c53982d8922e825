package dev.mailroom.app.demo;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.users.AgencySetup;
import dev.mailroom.model.users.SignedIn;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.TenantDraft;
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

    /** Seeds an empty store and returns its owner, signed in; leaves an existing store alone. */
    public static Optional<SignedIn> seedIfNew(Services s) {
        if (!s.firstRun().needsSetup()) {
            log.info("--demo ignored: this store already has an agency");
            return Optional.empty();
        }
        char[] pw = OWNER_PASSWORD.toCharArray();
        SignedIn owner = s.firstRun().setUp(new AgencySetup("Brightwave Digital", "Ana Ortiz", OWNER_EMAIL, pw, pw));
        var actor = owner.actor();
        s.tenants().create(actor, new TenantDraft("Able Moose Group", "#2563EB", "Morgan Lee",
                "morgan.lee@ablemoose.example", OwnershipModel.AGENCY_OWNED, PartnerAccessPattern.AGENCY_MANAGED));
        s.tenants().create(actor, new TenantDraft("Riverbend Legal", "#7C3AED", "Priya Shah",
                "priya.shah@riverbendlegal.example", OwnershipModel.CLIENT_OWNED, PartnerAccessPattern.CO_MANAGED));
        s.tenants().create(actor, new TenantDraft("Northwind Logistics", "#EA580C", "Tomás Ruiz",
                "t.ruiz@northwind-logistics.example", OwnershipModel.AGENCY_OWNED,
                PartnerAccessPattern.CLIENT_MANAGED_WITH_AGENCY_FALLBACK));
        log.info("Demo store created with three sample clients");
        return Optional.of(owner);
    }
}
