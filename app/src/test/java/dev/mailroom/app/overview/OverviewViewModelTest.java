package dev.mailroom.app.overview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.ColumnChoice;
import dev.mailroom.app.common.SynchronousRunner;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.persistence.store.MutableClock;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Overview's view model on a real H2 store and a real settings file, without a window. */
class OverviewViewModelTest {
    /** The table's width in a 1280-pixel window, beside the navigation (measured on a screenshot). */
    private static final double AT_1280 = 1025;

    @TempDir
    Path dir;

    private Store store;
    private Services s;
    private Actor owner;
    private Actor designer;
    private Tenant acme;
    private final ObservableList<Tenant> tenants = FXCollections.observableArrayList();
    private final SynchronousRunner runner = BackgroundRunner.synchronous();

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
        s = Services.create(store, new MutableClock(Instant.parse("2026-11-02T09:00:00Z")));
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Brightwave", "Ana Owner", "ana@brightwave.example", pw, pw))
                .actor();
        acme = s.tenants()
                .create(
                        owner,
                        new TenantDraft(
                                "Acme",
                                "#2563EB",
                                "",
                                "",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        UserId bea = s.users()
                .create(
                        owner,
                        new UserDraft(
                                "Bea Designer",
                                "bea@acme.example",
                                StaffKind.CLIENT,
                                Optional.of(acme.id()),
                                "designer-password".toCharArray()))
                .user()
                .id();
        s.users().setRoles(owner, bea, acme.id(), Set.of(Role.DESIGNER));
        designer = Actor.of(new Principal(bea, "Bea Designer"));
        tenants.setAll(acme);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private OverviewViewModel vm(Actor who, UiSettings settings) {
        var access = s.access().myAccess(who);
        return new OverviewViewModel(
                new OverviewViewModel.Sources(
                        s.tenants(), s.domains(), s.limits(), s.onboarding(), s.escalation(), s.analytics()),
                runner,
                who,
                access::may,
                who == owner,
                tenants,
                settings);
    }

    @Test
    void theDefaultColumnsFollowTheWidthAndKeepDnsAndAccessAt1280() {
        OverviewViewModel vm = vm(owner, UiSettings.load(dir));
        vm.columns().fitTo(AT_1280);
        assertThat(vm.columns().shown())
                .contains("name", "flags", "dns", "access", "bounces", "complaints", "volume", "warmup")
                .doesNotContain("contact", "infrastructure", "partner-access", "created", "status");
        double used = OverviewViewModel.COLUMNS.stream()
                .filter(c -> vm.columns().shown().contains(c.id()))
                .mapToDouble(ColumnChoice.Column::width)
                .sum();
        assertThat(used).as("every default column fits without a scroll bar").isLessThanOrEqualTo(AT_1280);

        vm.columns().fitTo(1600);
        assertThat(vm.columns().shown()).contains("escalation", "onboarding", "probation", "warmup");
        vm.columns().fitTo(640);
        assertThat(vm.columns().shown())
                .startsWith("name")
                .contains("flags", "dns", "access")
                .doesNotContain("warmup", "onboarding");
        assertThat(vm.columns().chosen().get()).isFalse();
    }

    @Test
    void aPickedColumnIsKeptForThatPersonAtEveryWidth() throws Exception {
        OverviewViewModel vm = vm(owner, UiSettings.load(dir));
        vm.columns().fitTo(AT_1280);
        vm.columns().visible("probation").set(true);
        vm.columns().visible("bounces").set(false);
        assertThat(vm.columns().chosen().get()).isTrue();
        assertThat(runner.reported()).isEmpty();
        assertThat(Files.readString(dir.resolve("ui.properties")))
                .contains("columns.overview.user." + owner.userId().value());

        // A new start: the file read again, a narrow window.
        OverviewViewModel again = vm(owner, UiSettings.load(dir));
        again.columns().fitTo(640);
        assertThat(again.columns().shown())
                .contains("probation", "dns", "access")
                .doesNotContain("bounces");
        assertThat(again.columns().chosen().get()).isTrue();

        // Someone else on the same computer keeps the defaults.
        OverviewViewModel theirs = vm(designer, UiSettings.load(dir));
        theirs.columns().fitTo(AT_1280);
        assertThat(theirs.columns().chosen().get()).isFalse();
        assertThat(theirs.columns().shown()).contains("bounces").doesNotContain("probation");

        // Back to the defaults: forgotten on disk too.
        again.columns().resetToDefaults();
        assertThat(again.columns().shown()).doesNotContain("probation");
        assertThat(Files.readString(dir.resolve("ui.properties")))
                .doesNotContain("columns.overview.user." + owner.userId().value());
    }

    @Test
    void theTenantNameCannotBeHidden() {
        OverviewViewModel vm = vm(owner, UiSettings.load(dir));
        vm.columns().visible("name").set(false);
        assertThat(vm.columns().shown()).startsWith("name");
        assertThat(vm.columns().pickable()).extracting(ColumnChoice.Column::id).doesNotContain("name");
    }

    @Test
    void figuresArriveAndARoleWithoutDomainsSeesADashNotAStatus() {
        OverviewViewModel vm = vm(owner, UiSettings.load(dir));
        vm.refresh();
        assertThat(runner.reported()).isEmpty();
        assertThat(vm.revision().get()).isEqualTo(6);
        assertThat(vm.onboarding(acme))
                .map(OverviewViewModel.Badge::text)
                .hasValueSatisfying(t -> assertThat(t).matches("\\d+ of \\d+"));
        assertThat(vm.access(acme)).map(OverviewViewModel.Badge::text).hasValue("OK");
        assertThat(vm.figuresHidden(acme)).isFalse();

        OverviewViewModel bea = vm(designer, UiSettings.load(dir));
        bea.refresh();
        assertThat(bea.figuresHidden(acme)).isTrue();
        assertThat(bea.dns(acme)).map(OverviewViewModel.Badge::text).hasValue("—");
        assertThat(bea.dns(acme))
                .map(OverviewViewModel.Badge::tooltip)
                .hasValueSatisfying(t -> assertThat(t).contains("does not include domains"));
    }

    @Test
    void onboardingIncompleteKeepsOnlyClientsStillOnboarding() {
        OverviewViewModel vm = vm(owner, UiSettings.load(dir));
        vm.refresh();
        assertThat(vm.shown()).containsExactly(acme);
        vm.onboardingIncomplete().set(true);
        assertThat(vm.shown()).containsExactly(acme); // a new client has the whole checklist ahead
        vm.needsAttention().set(true);
        assertThat(vm.shown()).isEmpty(); // nothing wrong with a client that has sent nothing
    }

    @Test
    void aFailedReadGoesToTheDefaultErrorPath() {
        OverviewViewModel vm = vm(owner, UiSettings.load(dir));
        store.close();
        vm.refresh();
        assertThat(runner.reported()).hasSize(6).allSatisfy(r -> assertThat(r).contains("did not finish"));
        store = Store.open(StoreConfig.h2(dir.resolve("store")));
    }
}
