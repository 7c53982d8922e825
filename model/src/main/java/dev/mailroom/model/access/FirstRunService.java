package dev.mailroom.model.access;

import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The first start of an empty store: creates the agency and its owner, and signs the owner in. */
public final class FirstRunService {
    private final AgencyStore agencies;
    private final UserStore users;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final Transactions tx;
    private final Clock clock;

    public FirstRunService(
            AgencyStore agencies,
            UserStore users,
            PasswordHasher hasher,
            AuditTrail audit,
            Transactions tx,
            Clock clock) {
        this.agencies = agencies;
        this.users = users;
        this.hasher = hasher;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Optional<Agency> agency() {
        return tx.inTransaction(agencies::find);
    }

    public boolean needsSetup() {
        return agency().isEmpty();
    }

    public SignedIn setUp(AgencySetup form) {
        String agencyName = Text.trimmed(form.agencyName());
        String ownerName = Text.trimmed(form.ownerName());
        String email = Text.trimmed(form.ownerEmail());
        Problems problems = new Problems()
                .check(!agencyName.isEmpty(), "agencyName", "Enter the agency's name.")
                .check(agencyName.length() <= 120, "agencyName", "Keep the name to 120 characters or fewer.")
                .check(!ownerName.isEmpty(), "ownerName", "Enter your name.")
                .check(ownerName.length() <= 120, "ownerName", "Keep the name to 120 characters or fewer.")
                .check(Text.looksLikeEmail(email), "ownerEmail", "Enter an email address such as ana@agency.com.");
        PasswordRules.check(problems, "password", form.password());
        problems.check(Arrays.equals(form.password(), form.passwordAgain()), "passwordAgain", "The passwords differ.");
        problems.throwIfAny();

        String hash = hasher.hash(form.password());
        return tx.inTransaction(() -> {
            if (agencies.find().isPresent()) {
                throw new Conflict("This store already has an agency. Sign in instead.");
            }
            agencies.create(new Agency(agencyName, clock.instant()));
            var id = users.insert(new NewUser(email, ownerName, hash, true, StaffKind.AGENCY, Optional.empty(), false));
            User owner = users.find(id).orElseThrow();
            Actor actor = Actor.of(owner.principal());
            Map<String, String> details = new LinkedHashMap<>();
            details.put("agency", agencyName);
            details.put("owner", ownerName + " <" + email + ">");
            audit.record(actor, "agency.created", agencyName, details);
            return new SignedIn(actor, owner);
        });
    }
}
