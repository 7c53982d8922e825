package dev.mailroom.app.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.NewUser;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.RoleTable;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserAccount;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.activity.MessageLogQuery;
import dev.mailroom.model.activity.Period;
import dev.mailroom.model.audit.AuditEntry;
import dev.mailroom.model.audit.AuditQuery;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Principal;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.sending.ConnectionDraft;
import dev.mailroom.model.sending.Secret;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpSecurity;
import dev.mailroom.model.sending.WarmupPlan;
import dev.mailroom.model.suppressions.ImapSecurity;
import dev.mailroom.model.suppressions.MailboxPassword;
import dev.mailroom.model.suppressions.ReportMailbox;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.TemplateContent;
import dev.mailroom.model.templates.TemplateDraft;
import dev.mailroom.model.templates.TemplateKind;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import dev.mailroom.model.validation.SuppressionImportService;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.store.StoreConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random agencies (tenants, users, memberships) and random sequences of calls of every use case on
 * the services, by random actors (a quarter of them the owner acting as someone), into random
 * tenants: no call reaches a tenant where the actor lacks the permission. The oracle is PRODUCT.md's
 * role table as written out by hand in model's {@link RoleTable}, never {@code Role.permissions()}.
 *
 * <p>{@link #USE_CASES} names every public use case (a public method whose first argument is an
 * {@code Actor}) of every {@code *Service} the composition root wires, with the rule it obeys;
 * {@link #everyUseCaseOfTheServicesIsInTheTable} fails when a service gains one that is not listed, so
 * a new feature's use cases join this test. Arguments are made from their types: the target tenant,
 * a "victim" user of that tenant (never an actor), small random ids (which often name another
 * tenant's things), and valid sample values of the drafts.
 *
 * <p>For every call: an actor lacking the permission gets no result and changes nothing (the audit
 * chain's head stays where it was, and the tenant is as before); an actor holding it is never refused
 * for permission. Cross-tenant reads (lists, overviews) return only tenants where the table gives the
 * actor the permission.
 */
@Tag("slow")
class TenantIsolationPropertyTest {
    private static final int TRIES = 100;
    private static final int CALLS_PER_TRY = 100;
    /** At least this many use-case calls per run. */
    static final int MIN_CALLS = 10_000;

    private static final AtomicInteger UNIQUE = new AtomicInteger();
    private static final AtomicInteger CALLS = new AtomicInteger();
    private static final Map<String, AtomicInteger> CALLED = new ConcurrentHashMap<>();
    private static Store store;
    private static Services s;
    private static Actor owner;
    /** A real hash, so that "change my password" checks a typed password as it would for a person. */
    private static String HASH;

    /** What a use case promises about permissions. */
    private enum Kind {
        /** Takes the target tenant; refused without the permission there, never refused with it. */
        TENANT,
        /**
         * Takes the target tenant; refused without the permission there. With it, a higher bar may still
         * refuse (granting roles one does not hold, say), so only the refusal is checked.
         */
        GUARDED,
        /** The agency owner only: refused for everyone else. */
        OWNER,
        /** Across tenants: what comes back (tenant ids, tenants) lies where the actor holds the permission. */
        VISIBLE,
        /** Answers whether the actor holds the permission in the target tenant. */
        ASKS,
        /** About the actor themself or checked per item; no tenant to refuse, and no change elsewhere. */
        SELF
    }

    /** The kind, and the permissions of which the actor needs one (empty for OWNER and SELF). */
    private record Rule(Kind kind, Set<Permission> anyOf) {}

    private static Rule tenant(Permission p, Permission... or) {
        return new Rule(Kind.TENANT, EnumSet.of(p, or));
    }

    private static Rule guarded(Permission p) {
        return new Rule(Kind.GUARDED, EnumSet.of(p));
    }

    private static Rule visible(Permission p) {
        return new Rule(Kind.VISIBLE, EnumSet.of(p));
    }

    private static Rule asks(Permission p) {
        return new Rule(Kind.ASKS, EnumSet.of(p));
    }

    private static final Rule OWNER = new Rule(Kind.OWNER, Set.of());
    private static final Rule SELF = new Rule(Kind.SELF, Set.of());

    /** Every use case of the services today, by "Service.method", with the rule it obeys. */
    static final Map<String, Rule> USE_CASES = new TreeMap<>(Map.ofEntries(
            Map.entry("UserService.list", visible(Permission.USERS_MANAGE)),
            Map.entry("UserService.create", tenant(Permission.USERS_MANAGE)),
            Map.entry("UserService.setRoles", guarded(Permission.USERS_MANAGE)),
            Map.entry("UserService.setActive", tenant(Permission.USERS_MANAGE)),
            Map.entry("UserService.delete", tenant(Permission.USER_DELETE)),
            Map.entry("UserService.resetPassword", OWNER),
            Map.entry("UserService.actAs", OWNER),
            Map.entry("UserService.stopActing", SELF),
            Map.entry("SignInService.changePassword", SELF),
            // API tokens: one's own (the owner sees and revokes all); made only for clients one can see.
            Map.entry("ApiTokenService.create", guarded(Permission.TENANT_VIEW)),
            Map.entry("ApiTokenService.list", SELF),
            Map.entry("ApiTokenService.revoke", SELF),
            Map.entry("TenantService.list", visible(Permission.TENANT_VIEW)),
            Map.entry("TenantService.get", tenant(Permission.TENANT_VIEW)),
            Map.entry("TenantService.create", OWNER),
            Map.entry("TenantService.update", tenant(Permission.TENANT_EDIT)),
            Map.entry("TenantService.archive", tenant(Permission.TENANT_ARCHIVE)),
            Map.entry("TenantService.restore", tenant(Permission.TENANT_ARCHIVE)),
            Map.entry("TenantService.purge", tenant(Permission.TENANT_ARCHIVE)),
            Map.entry("TenantService.drift", tenant(Permission.TENANT_VIEW)),
            Map.entry("TenantService.driftOfVisibleTenants", visible(Permission.TENANT_VIEW)),
            Map.entry("AuditService.search", visible(Permission.AUDIT_VIEW)),
            Map.entry("AuditService.verify", OWNER),
            Map.entry("DomainService.list", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("DomainService.dnsHealthOfVisibleTenants", visible(Permission.DOMAINS_VIEW)),
            Map.entry("DomainService.get", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("DomainService.add", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("DomainService.updateSettings", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("DomainService.remove", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("DkimKeyService.generateKey", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("DkimKeyService.startSigning", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("DkimKeyService.retireDueKeys", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("DomainService.plan", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("DomainService.verify", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("DomainService.checkAll", SELF),
            Map.entry("DomainService.checkBlocklists", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("DomainService.blocklistHistory", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("DomainService.history", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("DkimKeyService.exportPrivateKey", tenant(Permission.CREDENTIALS_REVEAL)),
            Map.entry("ConnectionService.list", tenant(Permission.TENANT_VIEW)),
            Map.entry("ConnectionService.create", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("ConnectionService.update", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("ConnectionService.remove", tenant(Permission.CONNECTION_REMOVE)),
            Map.entry("ConnectionService.revealPassword", tenant(Permission.CREDENTIALS_REVEAL)),
            Map.entry("ConnectionService.test", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("ConnectionService.createApi", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("ConnectionService.updateApi", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("ActivitySyncService.statuses", tenant(Permission.TENANT_VIEW)),
            Map.entry("ActivitySyncService.syncNow", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("ActivitySyncService.syncDue", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("WebhookImportService.importFile", tenant(Permission.CONNECTIONS_MANAGE)),
            Map.entry("SuppressionPushService.targets", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("SuppressionPushService.push", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("SuppressionSyncService.importNow", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("ProviderDomainService.connections", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("ProviderDomainService.link", tenant(Permission.DOMAINS_VIEW)),
            Map.entry("ProviderDomainService.list", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("ProviderDomainService.create", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("ProviderDomainService.pullRecords", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("ProviderDomainService.verify", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("ProviderDomainService.importDomain", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("ProviderDomainService.unlink", tenant(Permission.DOMAINS_MANAGE)),
            Map.entry("ProviderKeyService.list", tenant(Permission.CREDENTIALS_MANAGE)),
            Map.entry("ProviderKeyService.connections", tenant(Permission.CREDENTIALS_MANAGE)),
            Map.entry("ProviderKeyService.create", tenant(Permission.CREDENTIALS_MANAGE)),
            Map.entry("ProviderKeyService.rotate", tenant(Permission.CREDENTIALS_MANAGE)),
            Map.entry("ProviderKeyService.revoke", tenant(Permission.CREDENTIALS_MANAGE)),
            Map.entry("ProviderKeyService.finishRotations", tenant(Permission.CREDENTIALS_MANAGE)),
            Map.entry("DmarcService.importReports", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("DmarcService.importFiles", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("DmarcService.domains", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("DmarcService.domain", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("TlsReportService.importReports", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("TlsReportService.importFiles", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("TlsReportService.domains", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("TlsReportService.domain", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("SendService.sendPersonalised", tenant(Permission.SENDING)),
            Map.entry("TemplateSendService.choices", tenant(Permission.SENDING)),
            Map.entry("TemplateSendService.preview", tenant(Permission.SENDING)),
            // A test send also needs the template test-send permission: only the refusal is checked.
            Map.entry("TemplateSendService.testSend", guarded(Permission.SENDING)),
            Map.entry("TemplateSendService.send", tenant(Permission.SENDING)),
            Map.entry("OutboxService.list", tenant(Permission.SENDING)),
            Map.entry("OutboxService.counts", tenant(Permission.SENDING)),
            Map.entry("OutboxService.retryNow", tenant(Permission.SENDING)),
            Map.entry("OutboxService.cancel", tenant(Permission.SENDING)),
            Map.entry("OutboxService.resendInDoubt", tenant(Permission.SENDING)),
            Map.entry("OutboxService.markInDoubtSent", tenant(Permission.SENDING)),
            Map.entry("OutboxService.resendAllInDoubt", tenant(Permission.SENDING)),
            Map.entry("OutboxService.markAllInDoubtSent", tenant(Permission.SENDING)),
            Map.entry("OutboxService.releaseHeld", tenant(Permission.SENDING)),
            Map.entry("OutboxService.dropHeld", tenant(Permission.SENDING)),
            Map.entry("InDoubtCheckService.askProviders", tenant(Permission.SENDING)),
            Map.entry("SendService.send", tenant(Permission.SENDING)),
            Map.entry("SendingLimitService.limits", tenant(Permission.TENANT_VIEW)),
            Map.entry("SendingLimitService.limitsOfVisibleTenants", visible(Permission.TENANT_VIEW)),
            Map.entry("SendingLimitService.setPlan", tenant(Permission.LIMITS_MANAGE)),
            Map.entry("SendingLimitService.removePlan", tenant(Permission.LIMITS_MANAGE)),
            Map.entry("SendingLimitService.setProbation", tenant(Permission.LIMITS_MANAGE)),
            Map.entry("SendingLimitService.setOverLimitPolicy", tenant(Permission.LIMITS_MANAGE)),
            Map.entry("ReportMailboxService.mayConfigure", asks(Permission.TENANT_EDIT)),
            Map.entry("ReportMailboxService.mayRead", asks(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("ReportMailboxService.find", tenant(Permission.TENANT_EDIT, Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("ReportMailboxService.hasPassword", tenant(Permission.TENANT_EDIT)),
            Map.entry("ReportMailboxService.save", tenant(Permission.TENANT_EDIT)),
            Map.entry("ReportMailboxService.test", tenant(Permission.TENANT_EDIT)),
            Map.entry("ReportMailboxService.readNow", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("ReportMailboxService.importFiles", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("SuppressionService.list", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("SuppressionService.addManual", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("SuppressionService.remove", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("SuppressionService.removals", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("SuppressionImportService.importRows", tenant(Permission.SUPPRESSIONS_MANAGE)),
            Map.entry("AddressCheckService.check", tenant(Permission.SENDING)),
            Map.entry("AddressCheckService.checkAll", tenant(Permission.SENDING)),
            Map.entry("AddressPolicyService.policy", tenant(Permission.TENANT_VIEW)),
            Map.entry("AddressPolicyService.setRiskyPolicy", tenant(Permission.LIMITS_MANAGE)),
            Map.entry("TemplateService.list", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.get", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.versions", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.compare", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.preview", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.render", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.create", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TemplateService.save", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TemplateService.restore", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TemplateService.delete", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TemplateService.useStarter", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TemplateService.copyFromLibrary", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TemplateService.brandKit", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.saveBrandKit", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TemplateService.export", tenant(Permission.TEMPLATES_VIEW)),
            Map.entry("TemplateService.importBundle", tenant(Permission.TEMPLATES_EDIT)),
            Map.entry("TestSendService.readiness", SELF),
            Map.entry("TestSendService.send", tenant(Permission.TEMPLATES_TEST_SEND)),
            Map.entry("AnalyticsService.report", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("AnalyticsService.overview", visible(Permission.ANALYTICS_VIEW)),
            Map.entry("EventRetentionService.setRetentionDays", OWNER),
            Map.entry("StoreMaintenanceService.compactNow", OWNER),
            Map.entry("EventRetentionService.dropExpired", SELF),
            Map.entry("MessageLogService.search", tenant(Permission.ANALYTICS_VIEW)),
            Map.entry("MessageLogService.timeline", tenant(Permission.ANALYTICS_VIEW)),
            // Billing: agency-wide settings and plans are the owner's; reads of them need usage somewhere
            // (checked against no target tenant: SELF); invoices and assignments per tenant.
            Map.entry("BillingService.settings", SELF),
            Map.entry("BillingService.saveSettings", OWNER),
            Map.entry("BillingService.plans", SELF),
            Map.entry("BillingService.createPlan", OWNER),
            Map.entry("BillingService.revisePlan", OWNER),
            Map.entry("BillingService.assign", guarded(Permission.BILLING_MANAGE)),
            Map.entry("BillingService.assignments", tenant(Permission.USAGE_VIEW)),
            Map.entry("BillingService.preview", visible(Permission.USAGE_VIEW)),
            Map.entry("BillingService.issue", guarded(Permission.BILLING_MANAGE)),
            Map.entry("BillingService.issueAll", SELF),
            Map.entry("BillingService.markPaid", tenant(Permission.BILLING_MANAGE)),
            Map.entry("BillingService.voidInvoice", tenant(Permission.BILLING_MANAGE)),
            Map.entry("BillingService.creditNote", tenant(Permission.BILLING_MANAGE)),
            Map.entry("BillingService.invoices", visible(Permission.USAGE_VIEW)),
            Map.entry("BillingService.invoice", tenant(Permission.USAGE_VIEW)),
            Map.entry("BillingService.exportCsv", SELF),
            Map.entry("BillingService.exportInvoice", tenant(Permission.BILLING_EXPORT)),
            Map.entry("BillingService.sendingCost", tenant(Permission.BILLING_MANAGE)),
            Map.entry("BillingService.setSendingCost", tenant(Permission.BILLING_MANAGE)),
            Map.entry("BillingService.margin", visible(Permission.BILLING_MANAGE)),
            Map.entry("ClientReportService.report", tenant(Permission.REPORTS_EXPORT)),
            Map.entry("ClientReportService.reportPdf", tenant(Permission.REPORTS_EXPORT)),
            // The agency's choice of sender is agency-wide configuration, read by anyone who makes reports.
            Map.entry("ClientReportService.reportSender", SELF),
            Map.entry("ClientReportService.saveReportSender", OWNER),
            Map.entry("ClientReportService.emailReport", tenant(Permission.REPORTS_EXPORT)),
            // Escalation: a ban (and lifting one) also needs TENANT_ARCHIVE: lift is guarded.
            Map.entry("EscalationService.standing", tenant(Permission.TENANT_VIEW)),
            Map.entry("EscalationService.standingOfVisibleTenants", visible(Permission.TENANT_VIEW)),
            Map.entry("EscalationService.restrict", tenant(Permission.ESCALATION_MANAGE)),
            Map.entry("EscalationService.suspend", tenant(Permission.ESCALATION_MANAGE)),
            Map.entry("EscalationService.ban", tenant(Permission.TENANT_ARCHIVE)),
            Map.entry("EscalationService.lift", guarded(Permission.ESCALATION_MANAGE)),
            Map.entry("EscalationService.setPausePolicy", tenant(Permission.ESCALATION_MANAGE)),
            Map.entry("EscalationService.setReviewSampling", tenant(Permission.ESCALATION_MANAGE)),
            Map.entry("EscalationService.reviewSamples", tenant(Permission.ESCALATION_MANAGE)),
            Map.entry("EscalationService.markReviewed", tenant(Permission.ESCALATION_MANAGE)),
            // The checklist: read by every role; ticked by Admin and Owner; its template is the agency owner's.
            Map.entry("OnboardingService.checklist", tenant(Permission.TENANT_VIEW)),
            Map.entry("OnboardingService.progressOfVisibleTenants", visible(Permission.TENANT_VIEW)),
            Map.entry("OnboardingService.items", SELF),
            Map.entry("OnboardingService.addItem", OWNER),
            Map.entry("OnboardingService.retireItem", OWNER),
            Map.entry("OnboardingService.tick", tenant(Permission.ONBOARDING_MANAGE)),
            Map.entry("OnboardingService.untick", tenant(Permission.ONBOARDING_MANAGE)),
            Map.entry("OnboardingService.evidence", tenant(Permission.ONBOARDING_MANAGE))));

    private record UseCase(String name, Object service, Method method, Rule rule) {}

    private static List<UseCase> useCases;
    private static final boolean DIAGNOSE = System.getenv("ISOLATION_DIAGNOSE") != null;
    private static final Map<String, String> WRONG = new ConcurrentHashMap<>();

    @BeforeContainer
    static void openStore() throws Exception {
        Path dir = Files.createTempDirectory("mailroom-isolation");
        store = Store.open(StoreConfig.h2(dir));
        // DNS goes nowhere fast: no use case may wait on the machine's resolvers here.
        s = Services.create(store, Clock.systemUTC(), ResolverSettings.parse("127.0.0.1:9", Duration.ofMillis(50), 1));
        char[] pw = "owner-password".toCharArray();
        owner = s.firstRun()
                .setUp(new AgencySetup("Agency", "Owner", "owner@agency.example", pw, pw))
                .actor();
        HASH = new dev.mailroom.persistence.access.Argon2PasswordHasher()
                .hash("a-long-enough-password-1".toCharArray());
        useCases = new ArrayList<>();
        for (var e : servicesUseCases().entrySet()) {
            Rule rule = USE_CASES.get(e.getKey());
            if (rule != null) {
                useCases.add(new UseCase(
                        e.getKey(), e.getValue().service(), e.getValue().method(), rule));
            }
        }
    }

    @AfterContainer
    static void closeStore() {
        System.out.println("TenantIsolationPropertyTest: " + TRIES + " agencies, " + CALLS.get()
                + " use-case calls checked over " + CALLED.size() + " use cases");
        store.close();
        WRONG.forEach((k, v) -> System.out.println("WRONG " + k + ": " + v));
        assertThat(WRONG).as("wrong outcomes").isEmpty();
        assertThat(CALLS.get()).as("use-case calls in this run").isGreaterThanOrEqualTo(MIN_CALLS);
        assertThat(CALLED.keySet()).as("use cases called").isEqualTo(USE_CASES.keySet());
    }

    private record Found(Object service, Method method) {}

    /** Every public method with an Actor first of every *Service the composition root wires. */
    private static Map<String, Found> servicesUseCases() throws Exception {
        Map<String, Found> found = new TreeMap<>();
        for (RecordComponent c : Services.class.getRecordComponents()) {
            Class<?> type = c.getType();
            if (!type.getSimpleName().endsWith("Service")) {
                continue;
            }
            Object service = c.getAccessor().invoke(s);
            for (Method m : type.getMethods()) {
                // A bridge method (a service implementing a generic interface) is the same use case again.
                if (m.getDeclaringClass() == type
                        && !m.isBridge()
                        && !Modifier.isStatic(m.getModifiers())
                        && m.getParameterCount() > 0
                        && m.getParameterTypes()[0] == Actor.class) {
                    String key = type.getSimpleName() + "." + m.getName();
                    assertThat(found)
                            .as("one method per use-case name: %s", key)
                            .doesNotContainKey(key);
                    found.put(key, new Found(service, m));
                }
            }
        }
        return found;
    }

    @Example
    void everyUseCaseOfTheServicesIsInTheTable() throws Exception {
        assertThat(USE_CASES.keySet())
                .as("use cases of the services (add a new one to USE_CASES with its rule)")
                .isEqualTo(servicesUseCases().keySet());
        assertThat((long) TRIES * CALLS_PER_TRY).isGreaterThanOrEqualTo(MIN_CALLS);
    }

    /** The oracle: who holds which roles where, as this test granted them, read through the table. */
    private static final class World {
        final List<Tenant> tenants = new ArrayList<>();
        final List<UserId> users = new ArrayList<>();
        final Map<TenantId, UserId> victims = new HashMap<>();
        final Map<UserId, Map<TenantId, Set<Role>>> roles = new HashMap<>();

        Set<Permission> permissions(UserId user, TenantId tenant) {
            return RoleTable.permissions(roles.getOrDefault(user, Map.of()).getOrDefault(tenant, Set.of()));
        }

        Set<TenantId> tenantsWith(UserId user, Permission permission) {
            Set<TenantId> result = new HashSet<>();
            for (Tenant t : tenants) {
                if (permissions(user, t.id()).contains(permission)) {
                    result.add(t.id());
                }
            }
            return result;
        }
    }

    @Property(tries = TRIES)
    void noCallReachesATenantWithoutThePermission(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        World world = build(random);
        for (int i = 0; i < CALLS_PER_TRY; i++) {
            UserId who = world.users.get(random.nextInt(world.users.size()));
            Actor actor = random.nextInt(4) == 0 ? s.users().actAs(owner, who) : Actor.of(new Principal(who, "user"));
            Tenant target = world.tenants.get(random.nextInt(world.tenants.size()));
            UseCase useCase = useCases.get(random.nextInt(useCases.size()));
            if (DIAGNOSE) {
                // ISOLATION_DIAGNOSE=1 in the environment: collect the first wrong outcome of each use case over the
                // whole run.
                try {
                    call(useCase, actor, who, target, world, random);
                } catch (AssertionError e) {
                    WRONG.putIfAbsent(useCase.name(), e.getMessage());
                }
            } else {
                call(useCase, actor, who, target, world, random);
            }
            CALLS.incrementAndGet();
            CALLED.computeIfAbsent(useCase.name(), k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static World build(Random random) {
        World w = new World();
        int run = UNIQUE.incrementAndGet();
        int tenantCount = 2 + random.nextInt(3);
        for (int t = 0; t < tenantCount; t++) {
            PartnerAccessPattern pattern = PartnerAccessPattern.values()[random.nextInt(3)];
            w.tenants.add(s.tenants()
                    .create(
                            owner,
                            new TenantDraft(
                                    "T" + run + "-" + t, "#336699", "", "", OwnershipModel.AGENCY_OWNED, pattern)));
        }
        var tx = store.transactions();
        JooqUserStore users = new JooqUserStore(tx, java.time.Clock.systemUTC());
        JooqMembershipStore memberships = new JooqMembershipStore(tx);
        int userCount = 2 + random.nextInt(4);
        for (int u = 0; u < userCount; u++) {
            StaffKind kind = random.nextBoolean() ? StaffKind.AGENCY : StaffKind.CLIENT;
            Optional<TenantId> home = kind == StaffKind.CLIENT
                    ? Optional.of(w.tenants.get(random.nextInt(tenantCount)).id())
                    : Optional.empty();
            UserId id = tx.inTransaction(() -> users.insert(new NewUser(
                    "u" + run + "-" + UNIQUE.incrementAndGet() + "@x.example",
                    "User " + run,
                    HASH,
                    false,
                    kind,
                    home,
                    false)));
            w.users.add(id);
            for (Tenant t : w.tenants) {
                if (random.nextInt(3) == 0) {
                    Set<Role> roles = randomRoles(random);
                    roles.forEach(r -> tx.run(() -> memberships.grant(id, t.id(), r)));
                    w.roles.computeIfAbsent(id, k -> new HashMap<>()).put(t.id(), roles);
                }
            }
        }
        // One client user per tenant whom the use cases act on (never an actor): an Editor at home.
        for (Tenant t : w.tenants) {
            UserId victim = tx.inTransaction(() -> users.insert(new NewUser(
                    "v" + run + "-" + UNIQUE.incrementAndGet() + "@x.example",
                    "Victim " + run,
                    HASH,
                    false,
                    StaffKind.CLIENT,
                    Optional.of(t.id()),
                    false)));
            tx.run(() -> memberships.grant(victim, t.id(), Role.EDITOR));
            w.victims.put(t.id(), victim);
        }
        return w;
    }

    private static Set<Role> randomRoles(Random random) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        int n = 1 + random.nextInt(2);
        for (int i = 0; i < n; i++) {
            roles.add(Role.values()[random.nextInt(Role.values().length)]);
        }
        return roles;
    }

    private static void call(UseCase useCase, Actor actor, UserId who, Tenant target, World w, Random random)
            throws Exception {
        Set<Permission> mine = w.permissions(who, target.id());
        Rule rule = useCase.rule();
        Tenant before = s.tenants().get(owner, target.id());
        Optional<String> headBefore = auditHead();
        Object[] args = arguments(useCase.method(), actor, target, w, random);
        Object result = null;
        Throwable failure = null;
        try {
            result = useCase.method().invoke(useCase.service(), args);
        } catch (InvocationTargetException e) {
            failure = e.getCause();
        }
        String what = useCase.name() + " by " + who + (actor.impersonator().isPresent() ? " (acted as)" : "")
                + " holding " + mine + " in " + target.id();
        if (failure != null && !(failure instanceof MailroomException)) {
            throw new AssertionError(what + " failed with an untyped error", failure);
        }
        boolean refused = failure != null;
        switch (rule.kind()) {
            case TENANT, GUARDED -> {
                boolean holds = rule.anyOf().stream().anyMatch(mine::contains);
                if (!holds) {
                    assertThat(refused)
                            .as(what + ": refused without " + rule.anyOf())
                            .isTrue();
                } else if (rule.kind() == Kind.TENANT && failure instanceof PermissionDenied) {
                    throw new AssertionError(what + ": refused although it holds one of " + rule.anyOf(), failure);
                }
            }
            case OWNER ->
                assertThat(refused).as(what + ": the agency owner only").isTrue();
            case ASKS -> assertThat(result).as(what).isEqualTo(mine.containsAll(rule.anyOf()));
            case VISIBLE ->
                checkVisible(
                        useCase.name(),
                        result,
                        failure,
                        w.tenantsWith(who, rule.anyOf().iterator().next()),
                        what);
            case SELF -> {}
        }
        if (refused) {
            assertThat(auditHead())
                    .as(what + ": a refused call writes no audit entry")
                    .isEqualTo(headBefore);
        }
        if (!mine.contains(Permission.TENANT_EDIT) && !mine.contains(Permission.TENANT_ARCHIVE)) {
            assertThat(s.tenants().get(owner, target.id()))
                    .as(what + ": a tenant the actor may not change is unchanged")
                    .isEqualTo(before);
        }
    }

    private static void checkVisible(
            String name, Object result, Throwable failure, Set<TenantId> allowed, String what) {
        if (failure != null) {
            assertThat(failure).as(what).isInstanceOf(PermissionDenied.class);
            assertThat(allowed)
                    .as(what + ": refused, so it holds the permission nowhere")
                    .isEmpty();
            return;
        }
        Set<TenantId> seen = new HashSet<>();
        if (result instanceof dev.mailroom.model.billing.MonthlyRun run) {
            result = run.invoices();
        }
        if (result instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> seen.add((TenantId) k));
        } else if (result instanceof Collection<?> items) {
            for (Object item : items) {
                if (item instanceof Tenant t) {
                    seen.add(t.id());
                } else if (item instanceof AuditEntry e) {
                    assertThat(e.tenant()).as(what + ": no agency-level entry").isPresent();
                    seen.add(e.tenant().get());
                } else if (item instanceof dev.mailroom.model.billing.Invoice inv) {
                    seen.add(inv.tenant());
                } else if (item instanceof dev.mailroom.model.billing.TenantMargin m) {
                    seen.add(m.tenant());
                } else if (item instanceof UserAccount a) {
                    seen.addAll(a.roles().keySet());
                } else {
                    throw new AssertionError(name + " returned items of an unknown kind: " + item);
                }
            }
        } else {
            throw new AssertionError(name + " returned an unknown kind of result: " + result);
        }
        assertThat(allowed)
                .as(what + ": only tenants where it holds the permission")
                .containsAll(seen);
        if (name.equals("TenantService.list")) {
            assertThat(seen).as(what + ": every tenant where it holds a role").isEqualTo(allowed);
        }
    }

    private static Optional<String> auditHead() {
        return store.transactions().inTransaction(() -> new JooqAuditStore(store.transactions()).lockHead());
    }

    // ---- arguments, made from the parameter types ----

    private static Object[] arguments(Method m, Actor actor, Tenant target, World w, Random random) {
        Type[] types = m.getGenericParameterTypes();
        Object[] args = new Object[types.length];
        args[0] = actor;
        for (int i = 1; i < types.length; i++) {
            args[i] = value(types[i], target, w, random);
        }
        return args;
    }

    private static Object value(Type type, Tenant target, World w, Random random) {
        TenantId tenant = target.id();
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type arg = p.getActualTypeArguments()[0];
            if (raw == Optional.class) {
                return arg == TenantId.class ? Optional.of(tenant) : Optional.empty();
            }
            if (raw == java.util.Iterator.class && arg == SuppressionImportService.Row.class) {
                return List.of(
                                new SuppressionImportService.Row(2, "someone@probe.example"),
                                new SuppressionImportService.Row(3, "not an address"))
                        .iterator();
            }
            if (raw == java.util.Iterator.class) {
                return List.of("someone@probe.example", "not an address").iterator();
            }
            if (raw == java.util.function.Consumer.class) {
                return (java.util.function.Consumer<Object>) x -> {};
            }
            if (raw == java.util.function.BiConsumer.class) {
                return (java.util.function.BiConsumer<Object, Object>) (x, y) -> {};
            }
            if (raw == Set.class && arg == Role.class) {
                return randomRoles(random);
            }
            if (raw == Set.class && arg == DkimAlgorithm.class) {
                return Set.of(DkimAlgorithm.ED25519); // RSA keys take long to make; the permission is the same
            }
            if (raw == List.class) {
                return List.of();
            }
            if (raw == Set.class) {
                return Set.of();
            }
            if (raw == Map.class) {
                return Map.of();
            }
            throw new AssertionError("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == TenantId.class) {
            return tenant;
        }
        if (c == UserId.class) {
            return w.victims.get(tenant);
        }
        if (c == String.class) {
            return switch (random.nextInt(3)) {
                case 0 -> "probe" + random.nextInt(5) + ".example";
                case 1 -> target.name();
                default -> "someone@probe.example";
            };
        }
        if (c == int.class) {
            return 1 + random.nextInt(3);
        }
        if (c == boolean.class) {
            return random.nextBoolean();
        }
        if (c == char[].class) {
            return "a-long-enough-password-1".toCharArray();
        }
        if (c == byte[].class) {
            return "{}".getBytes();
        }
        if (c == Duration.class) {
            return Duration.ofDays(2);
        }
        if (c == OptionalInt.class) {
            return random.nextBoolean() ? OptionalInt.empty() : OptionalInt.of(100);
        }
        if (c == Cancellation.class) {
            return new Cancellation();
        }
        if (c == BooleanSupplier.class) {
            return (BooleanSupplier) () -> false;
        }
        if (c == DkimAlgorithm.class) {
            return DkimAlgorithm.ED25519;
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[random.nextInt(constants.length)];
        }
        Object sample = sample(c, target, random);
        if (sample != null) {
            return sample;
        }
        if (c.isRecord() && c.getRecordComponents().length == 1 && c.getRecordComponents()[0].getType() == long.class) {
            // A typed id: small numbers name things of this or of other tenants, or nothing.
            try {
                return c.getDeclaredConstructor(long.class).newInstance(1L + random.nextInt(40));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        if (c.isRecord()) {
            // Any other record: made from its components' types.
            RecordComponent[] components = c.getRecordComponents();
            Class<?>[] types = new Class<?>[components.length];
            Object[] values = new Object[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(components[i].getGenericType(), target, w, random);
            }
            try {
                return c.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot make a " + c.getName() + ": add one to sample()", e);
            }
        }
        if (c.isInterface()) {
            return Proxy.newProxyInstance(c.getClassLoader(), new Class<?>[] {c}, (proxy, method, a) -> {
                Class<?> r = method.getReturnType();
                if (r == boolean.class) {
                    return false;
                } else if (r == int.class || r == long.class) {
                    return 0;
                } else if (r == String.class) {
                    return "probe";
                } else if (r == List.class) {
                    return List.of();
                }
                return null;
            });
        }
        throw new AssertionError("no sample for " + c.getName() + ": add one to sample()");
    }

    /** Valid values of the drafts and requests, in the target tenant. */
    private static Object sample(Class<?> c, Tenant target, Random random) {
        TenantId tenant = target.id();
        int n = random.nextInt(5);
        LocalDate today = LocalDate.now(Clock.systemUTC());
        if (c == java.time.YearMonth.class) {
            // Last month (over, so it may be invoiced) or this one (not over: refused as input).
            return java.time.YearMonth.from(today).minusMonths(n == 0 ? 0 : 1);
        }
        if (c == java.math.BigDecimal.class) {
            return java.math.BigDecimal.valueOf(1 + n);
        }
        if (c == dev.mailroom.model.access.ApiTokenDraft.class) {
            return new dev.mailroom.model.access.ApiTokenDraft(
                    "probe", false, Set.of(tenant), Set.of(Permission.DOMAINS_VIEW), Optional.empty());
        }
        if (c == dev.mailroom.model.onboarding.Evidence.class) {
            return dev.mailroom.model.onboarding.Evidence.of("extract.pdf", "%PDF-1.4 probe".getBytes());
        }
        if (c == dev.mailroom.model.billing.PlanTerms.class) {
            return dev.mailroom.model.billing.PlanTerms.productDefault();
        }
        if (c == dev.mailroom.model.billing.BillingSettings.class) {
            return dev.mailroom.model.billing.BillingSettings.DEFAULT;
        }
        if (c == dev.mailroom.model.billing.TenantOverrides.class) {
            return dev.mailroom.model.billing.TenantOverrides.NONE;
        }
        if (c == UserDraft.class) {
            return new UserDraft(
                    "New person",
                    "p" + UNIQUE.incrementAndGet() + "@probe.example",
                    StaffKind.CLIENT,
                    Optional.of(tenant),
                    "a-long-enough-password-1".toCharArray());
        }
        if (c == dev.mailroom.model.templates.TemplateSendService.Recipient.class) {
            return new dev.mailroom.model.templates.TemplateSendService.Recipient("someone@probe.example", Map.of());
        }
        if (c == TenantDraft.class) {
            return new TenantDraft(
                    target.name() + (n == 0 ? "" : "x"),
                    "#112233",
                    "",
                    "",
                    OwnershipModel.CLIENT_OWNED,
                    target.partnerAccess());
        }
        if (c == RecordPlanSettings.class) {
            return RecordPlanSettings.builtIn("include:_spf.probe.example", "bounces.probe.example");
        }
        if (c == ConnectionDraft.class) {
            return new ConnectionDraft(
                    "Relay " + n,
                    SendingEnvironment.values()[n % SendingEnvironment.values().length],
                    "127.0.0.1",
                    9,
                    SmtpSecurity.values()[0],
                    "user",
                    Optional.of(Secret.of("secret")),
                    "probe.example",
                    1,
                    1);
        }
        if (c == dev.mailroom.model.sending.ApiConnectionDraft.class) {
            // A provider connection pointed at a closed port here: "Test connection" and a sync fail fast.
            return new dev.mailroom.model.sending.ApiConnectionDraft(
                    "Provider " + n,
                    SendingEnvironment.values()[n % SendingEnvironment.values().length],
                    n % 2 == 0
                            ? dev.mailroom.model.sending.ConnectionKind.MAILERSEND_API
                            : dev.mailroom.model.sending.ConnectionKind.SENDGRID_API,
                    Optional.of(Secret.of("probe-key-" + n)),
                    Optional.empty(),
                    Optional.of("http://127.0.0.1:9"),
                    1,
                    0);
        }
        if (c == WarmupPlan.class) {
            return WarmupPlan.linear(WarmupPlan.Scope.values()[0], "probe.example", 50, 50, 1000, today);
        }
        if (c == ReportMailbox.class) {
            return new ReportMailbox(Optional.of(tenant), "127.0.0.1", 9, ImapSecurity.values()[0], "bounces", "INBOX");
        }
        if (c == MailboxPassword.class) {
            return MailboxPassword.of("secret");
        }
        if (c == TemplateContent.class) {
            return new TemplateContent("Hello {{name}}", "<p>Hello {{name}}</p>", Optional.empty(), "{}", false);
        }
        if (c == TemplateDraft.class) {
            return new TemplateDraft(
                    "Template " + n,
                    TemplateKind.values()[0],
                    new TemplateContent("Hello", "<p>Hello</p>", Optional.empty(), "{}", false));
        }
        if (c == BrandKit.class) {
            return BrandKit.neutral(target.name());
        }
        if (c == Period.class) {
            return Period.lastDays(7, today);
        }
        if (c == MessageLogQuery.class) {
            return MessageLogQuery.all(Instant.now().minus(Duration.ofDays(7)), Instant.now());
        }
        if (c == AuditQuery.class) {
            return AuditQuery.latest(50);
        }
        if (c == dev.mailroom.model.templates.TemplateOwner.class) {
            return dev.mailroom.model.templates.TemplateOwner.tenant(tenant);
        }
        if (c == dev.mailroom.model.sending.SendRequest.class) {
            return new dev.mailroom.model.sending.SendRequest(
                    tenant,
                    new dev.mailroom.model.sending.ConnectionId(1L + random.nextInt(40)),
                    "news@probe.example",
                    "Probe",
                    List.of("someone@probe.example"),
                    "Hello",
                    "Hello",
                    Optional.empty(),
                    true,
                    Optional.empty());
        }
        return null;
    }
}
