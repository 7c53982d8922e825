package dev.mailroom.model.tenants;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares a tenant's declared partner-access pattern with who actually holds which roles. The
 * agency owner's implicit access does not count as a seat: drift is about explicit roles.
 */
public final class PartnerAccessReview {
    private static final Set<Role> ADMIN_SEATS = Set.of(Role.OWNER, Role.ADMIN);

    private PartnerAccessReview() {}

    public static List<DriftFinding> review(PartnerAccessPattern pattern, Map<User, Set<Role>> holders) {
        List<DriftFinding> findings = new ArrayList<>();
        Map<User, Set<Role>> active = holders.entrySet().stream()
                .filter(e -> e.getKey().active())
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        switch (pattern) {
            case AGENCY_MANAGED ->
                active.forEach((user, roles) -> {
                    if (user.staffKind() == StaffKind.CLIENT) {
                        roles.stream()
                                .filter(r -> ADMIN_SEATS.contains(r) || r == Role.USER_MANAGER)
                                .sorted()
                                .forEach(r -> findings.add(new DriftFinding(user.name() + " (client staff) holds "
                                        + r.label() + "; in an agency-managed tenant only agency staff administer.")));
                    }
                });
            case CO_MANAGED -> {
                if (!anyHolds(active, StaffKind.CLIENT, ADMIN_SEATS)) {
                    findings.add(
                            new DriftFinding(
                                    "No client staff holds Admin or Owner; a co-managed tenant shares administration with the client."));
                }
                if (!anyHolds(active, StaffKind.AGENCY, ADMIN_SEATS)) {
                    findings.add(
                            new DriftFinding(
                                    "No agency staff holds Admin or Owner; a co-managed tenant shares administration with the agency."));
                }
            }
            case CLIENT_MANAGED_WITH_AGENCY_FALLBACK -> {
                if (!anyHolds(active, StaffKind.CLIENT, Set.of(Role.OWNER))) {
                    findings.add(new DriftFinding(
                            "No client staff holds Owner; a client-managed tenant is owned by the client."));
                }
                if (!anyHolds(active, StaffKind.AGENCY, Set.of(Role.ADMIN))) {
                    findings.add(
                            new DriftFinding("The agency holds no fallback Admin seat in this client-managed tenant."));
                }
                active.forEach((user, roles) -> {
                    if (user.staffKind() == StaffKind.AGENCY && roles.contains(Role.OWNER)) {
                        findings.add(new DriftFinding(user.name()
                                + " (agency staff) holds Owner; in a client-managed tenant the client owns it."));
                    }
                });
            }
        }
        return findings;
    }

    private static boolean anyHolds(Map<User, Set<Role>> holders, StaffKind kind, Set<Role> wanted) {
        return holders.entrySet().stream()
                .anyMatch(e ->
                        e.getKey().staffKind() == kind && e.getValue().stream().anyMatch(wanted::contains));
    }
}
