package dev.mailroom.app.domains;

import dev.mailroom.app.session.Session;
import dev.mailroom.model.access.MyAccess;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.domains.DkimKeyService;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.DomainSuggestions;
import dev.mailroom.model.providers.ProviderDomainService;
import dev.mailroom.model.tenants.Tenant;
import java.time.Clock;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;

/**
 * What the domain screens' view models need from the signed-in session, and nothing more (issue 18): the
 * use cases they call, who acts and what they may do, the clients they can see and the one chosen, the
 * clock and the agency's name for the hand-off.
 */
public record DomainUseCases(
        DomainService domains,
        DkimKeyService dkimKeys,
        DomainSuggestions suggestions,
        ProviderDomainService providerDomains,
        Actor actor,
        MyAccess access,
        ObservableList<Tenant> tenants,
        ObjectProperty<Tenant> currentTenant,
        Clock clock,
        String agencyName) {

    public static DomainUseCases of(Session s) {
        return new DomainUseCases(
                s.services().domains(),
                s.services().dkimKeys(),
                s.services().domainSuggestions(),
                s.services().providerDomains(),
                s.actor(),
                s.access(),
                s.tenants(),
                s.currentTenantProperty(),
                s.services().clock(),
                s.agencyName());
    }

    public Optional<Tenant> tenant() {
        return Optional.ofNullable(currentTenant.get());
    }
}
