package dev.mailroom.model.tenants;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.User;
import dev.mailroom.model.common.UserId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PartnerAccessReviewTest {
    private static long ids;

    private static User user(String name, StaffKind kind, boolean active) {
        return new User(
                new UserId(++ids),
                name.toLowerCase() + "@x.example",
                name,
                false,
                kind,
                Optional.empty(),
                active,
                false,
                0,
                Optional.empty(),
                Instant.EPOCH);
    }

    private static Map<User, Set<Role>> holders(Object... pairs) {
        Map<User, Set<Role>> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<Role> roles = (Set<Role>) pairs[i + 1];
            m.put((User) pairs[i], roles);
        }
        return m;
    }

    @Test
    void aClientOwnerInAnAgencyManagedTenantIsDrift() {
        var findings = PartnerAccessReview.review(
                PartnerAccessPattern.AGENCY_MANAGED,
                holders(
                        user("Carla", StaffKind.CLIENT, true), Set.of(Role.OWNER, Role.DESIGNER),
                        user("Dan", StaffKind.AGENCY, true), Set.of(Role.ADMIN)));
        assertThat(findings)
                .extracting(DriftFinding::message)
                .containsExactly(
                        "Carla (client staff) holds Owner; in an agency-managed tenant only agency staff administer.");
    }

    @Test
    void clientDesignersAreFineInAnAgencyManagedTenantAndDeactivatedUsersDoNotCount() {
        assertThat(PartnerAccessReview.review(
                        PartnerAccessPattern.AGENCY_MANAGED,
                        holders(
                                user("Carla", StaffKind.CLIENT, true), Set.of(Role.DESIGNER),
                                user("Old", StaffKind.CLIENT, false), Set.of(Role.OWNER))))
                .isEmpty();
    }

    @Test
    void aClientManagedTenantNeedsAClientOwnerAndAnAgencyFallbackAdmin() {
        assertThat(PartnerAccessReview.review(
                        PartnerAccessPattern.CLIENT_MANAGED_WITH_AGENCY_FALLBACK,
                        holders(user("Carla", StaffKind.CLIENT, true), Set.of(Role.OWNER))))
                .extracting(DriftFinding::message)
                .containsExactly("The agency holds no fallback Admin seat in this client-managed tenant.");
        assertThat(PartnerAccessReview.review(
                        PartnerAccessPattern.CLIENT_MANAGED_WITH_AGENCY_FALLBACK,
                        holders(
                                user("Carla", StaffKind.CLIENT, true), Set.of(Role.OWNER),
                                user("Dan", StaffKind.AGENCY, true), Set.of(Role.ADMIN))))
                .isEmpty();
    }

    @Test
    void aCoManagedTenantNeedsAdministratorsOnBothSides() {
        assertThat(PartnerAccessReview.review(
                        PartnerAccessPattern.CO_MANAGED,
                        holders(user("Dan", StaffKind.AGENCY, true), Set.of(Role.ADMIN))))
                .extracting(DriftFinding::message)
                .containsExactly(
                        "No client staff holds Admin or Owner; a co-managed tenant shares administration with the client.");
    }
}
