package dev.mailroom.persistence.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailroom.model.access.Role;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.validation.AddressPolicy;
import dev.mailroom.model.validation.AddressPolicyService;
import dev.mailroom.model.validation.RiskyAddressPolicy;
import dev.mailroom.persistence.sending.SendingFixture;
import dev.mailroom.persistence.store.Backend;
import dev.mailroom.persistence.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The risky-address setting: its default, who may change it, its audit entry and its tenant, on the real stores. */
class AddressPolicyServiceTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Backend.class)
    void heldByDefaultChangedByAdminsAndOwnersAuditedPerTenant(Backend backend) {
        try (Store store = backend.open(dir)) {
            SendingFixture f = new SendingFixture(store, dir);
            AddressPolicyService policies = new AddressPolicyService(
                    new JooqAddressPolicyStore(f.tx), f.tenants, f.access, f.audit, f.tx, f.clock);
            Actor admin = f.user("ada@agency.test", "Ada Admin", false, Optional.of(Role.ADMIN));
            TenantId other = f.tenantNamed("Other");

            // Nobody set it: held, and every role in the tenant may read it.
            assertThat(policies.policy(f.editor, f.acme)).isEqualTo(AddressPolicy.defaults(f.acme));
            assertThat(policies.policy(f.editor, f.acme).risky()).isEqualTo(RiskyAddressPolicy.HOLD);

            // An editor sends but does not decide the policy; a tenant one has no role in does not exist.
            assertThatThrownBy(() -> policies.setRiskyPolicy(f.editor, f.acme, RiskyAddressPolicy.SEND))
                    .isInstanceOf(PermissionDenied.class);
            assertThatThrownBy(() -> policies.setRiskyPolicy(admin, other, RiskyAddressPolicy.SEND))
                    .isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> policies.policy(admin, other)).isInstanceOf(NotFound.class);
            assertThatThrownBy(() -> policies.setRiskyPolicy(admin, f.acme, null))
                    .isInstanceOfSatisfying(
                            InvalidInput.class, e -> assertThat(e.problems()).containsKey("risky"));

            f.clock.advance(Duration.ofMinutes(3));
            policies.setRiskyPolicy(admin, f.acme, RiskyAddressPolicy.DROP);
            policies.setRiskyPolicy(f.owner, other, RiskyAddressPolicy.SEND);

            AddressPolicy read = policies.policy(f.editor, f.acme);
            assertThat(read.risky()).isEqualTo(RiskyAddressPolicy.DROP);
            assertThat(read.setBy()).contains("Ada Admin");
            assertThat(read.setAt()).contains(SendingFixture.T0.plus(Duration.ofMinutes(3)));
            // Each tenant keeps its own.
            assertThat(policies.policy(f.owner, other).risky()).isEqualTo(RiskyAddressPolicy.SEND);

            policies.setRiskyPolicy(f.owner, f.acme, RiskyAddressPolicy.HOLD);
            assertThat(policies.policy(admin, f.acme).risky()).isEqualTo(RiskyAddressPolicy.HOLD);

            List<AuditEntry> trail = f.tx.inTransaction(f.auditStore::all).stream()
                    .filter(e -> e.action().equals("validation.risky-policy.set"))
                    .toList();
            assertThat(trail).hasSize(3);
            assertThat(trail.get(0).details()).contains("risky: DROP").contains("before: HOLD");
            assertThat(trail.get(0).tenant()).contains(f.acme);
            assertThat(trail.get(1).tenant()).contains(other);
            assertThat(trail.get(2).details()).contains("risky: HOLD").contains("before: DROP");
        }
    }
}
