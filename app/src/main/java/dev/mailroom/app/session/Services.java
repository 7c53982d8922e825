package dev.mailroom.app.session;

import dev.mailroom.mailer.activity.ImapReportReader;
import dev.mailroom.mailer.billing.PdfBillingDocuments;
import dev.mailroom.mailer.dmarc.AggregateReportReader;
import dev.mailroom.mailer.dns.DnsjavaLookup;
import dev.mailroom.mailer.providers.ApiCall;
import dev.mailroom.mailer.providers.ProviderAcceptanceLookup;
import dev.mailroom.mailer.providers.ProviderActivity;
import dev.mailroom.mailer.providers.ProviderAdapters;
import dev.mailroom.mailer.providers.ProviderSuppressions;
import dev.mailroom.mailer.providers.RateLimitWaits;
import dev.mailroom.mailer.providers.RoutingMailTransport;
import dev.mailroom.mailer.providers.RoutingProbe;
import dev.mailroom.mailer.sending.SmtpMailTransport;
import dev.mailroom.mailer.sending.SmtpProbe;
import dev.mailroom.mailer.sending.SmtpSettings;
import dev.mailroom.mailer.templates.ClasspathStarterLibrary;
import dev.mailroom.mailer.templates.DiffUtilsTextDiffer;
import dev.mailroom.mailer.templates.HandlebarsTemplateRenderer;
import dev.mailroom.mailer.templates.JsonTemplateBundleCodec;
import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.FirstRunService;
import dev.mailroom.model.access.SignInService;
import dev.mailroom.model.access.UserService;
import dev.mailroom.model.activity.AnalyticsService;
import dev.mailroom.model.activity.EventRetentionService;
import dev.mailroom.model.activity.EventStore;
import dev.mailroom.model.activity.MessageLogService;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.audit.AuditService;
import dev.mailroom.model.billing.BillingService;
import dev.mailroom.model.billing.ClientReportService;
import dev.mailroom.model.dmarc.DmarcService;
import dev.mailroom.model.dmarc.ReportDecoder;
import dev.mailroom.model.domains.DkimKeyService;
import dev.mailroom.model.domains.DomainService;
import dev.mailroom.model.domains.DomainSuggestions;
import dev.mailroom.model.domains.dkim.DkimKeyGenerator;
import dev.mailroom.model.domains.dns.ResolverSettings;
import dev.mailroom.model.providers.ActivitySyncService;
import dev.mailroom.model.providers.SuppressionSyncService;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.sending.InDoubtCheckService;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.Outbox;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.RetryPolicy;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.sending.SendingLimitService;
import dev.mailroom.model.sending.SendingLimits;
import dev.mailroom.model.suppressions.ReportIngestService;
import dev.mailroom.model.suppressions.ReportMailboxService;
import dev.mailroom.model.suppressions.SuppressionService;
import dev.mailroom.model.templates.TemplateSendService;
import dev.mailroom.model.templates.TemplateService;
import dev.mailroom.model.templates.TestSendService;
import dev.mailroom.model.tenants.TenantService;
import dev.mailroom.model.validation.AddressCheckService;
import dev.mailroom.model.validation.AddressChecker;
import dev.mailroom.model.validation.MailDomainChecker;
import dev.mailroom.persistence.access.Argon2PasswordHasher;
import dev.mailroom.persistence.access.JooqAgencyStore;
import dev.mailroom.persistence.access.JooqMembershipStore;
import dev.mailroom.persistence.access.JooqUserStore;
import dev.mailroom.persistence.activity.JooqAnalyticsStore;
import dev.mailroom.persistence.activity.JooqEventRetentionStore;
import dev.mailroom.persistence.activity.JooqEventStore;
import dev.mailroom.persistence.activity.JooqMessageLogStore;
import dev.mailroom.persistence.audit.JooqAuditStore;
import dev.mailroom.persistence.billing.JooqBillingStore;
import dev.mailroom.persistence.dmarc.JooqDmarcStore;
import dev.mailroom.persistence.domains.AesGcmSecretVault;
import dev.mailroom.persistence.domains.JooqDomainStore;
import dev.mailroom.persistence.providers.JooqSyncStore;
import dev.mailroom.persistence.sending.JooqConnectionStore;
import dev.mailroom.persistence.sending.JooqOutboxStore;
import dev.mailroom.persistence.sending.JooqSendingLimitStore;
import dev.mailroom.persistence.store.JooqTransactions;
import dev.mailroom.persistence.store.Store;
import dev.mailroom.persistence.suppressions.JooqReportMailboxStore;
import dev.mailroom.persistence.suppressions.JooqSuppressionStore;
import dev.mailroom.persistence.templates.JooqBrandKitStore;
import dev.mailroom.persistence.templates.JooqTemplateStore;
import dev.mailroom.persistence.tenants.JooqTenantStore;
import java.security.SecureRandom;
import java.time.Clock;

/** The composition root: every use case, wired by hand to its adapters. */
public record Services(
        Store store,
        Clock clock,
        AccessPolicy access,
        AuditLog audit,
        FirstRunService firstRun,
        SignInService signIn,
        TenantService tenants,
        UserService users,
        AuditService auditLog,
        DomainService domains,
        DkimKeyService dkimKeys,
        DomainSuggestions domainSuggestions,
        ResolverSettings dnsResolvers,
        ConnectionService connections,
        SendService send,
        Outbox outbox,
        OutboxService outboxes,
        InDoubtCheckService inDoubtChecks,
        SuppressionService suppressions,
        DomainsForSending sendingDomains,
        SmtpMailTransport smtp,
        TemplateService templates,
        TestSendService templateTestSend,
        EventStore events,
        AnalyticsService analytics,
        EventRetentionService retention,
        SendingLimitService limits,
        MessageLogService messageLog,
        ReportMailboxService reportMailbox,
        DmarcService dmarc,
        ReportDecoder dmarcDecoder,
        dev.mailroom.model.dmarc.TlsReportService tlsReports,
        dev.mailroom.model.dmarc.TlsReportDecoder tlsDecoder,
        TemplateSendService templateSend,
        BillingService billing,
        ClientReportService clientReports,
        AddressCheckService addressChecks,
        dev.mailroom.model.onboarding.EscalationService escalation,
        ActivitySyncService providerSync,
        dev.mailroom.model.providers.WebhookImportService providerWebhooks,
        SuppressionSyncService providerSuppressions,
        dev.mailroom.model.providers.SuppressionPushService suppressionPush,
        dev.mailroom.model.onboarding.OnboardingService onboarding,
        dev.mailroom.model.validation.AddressPolicyService addressPolicy,
        dev.mailroom.model.access.ApiTokenService apiTokens,
        dev.mailroom.model.validation.SuppressionImportService suppressionImport,
        dev.mailroom.model.providers.ProviderKeyService providerKeys,
        dev.mailroom.model.providers.ProviderDomainService providerDomains,
        dev.mailroom.model.store.StoreMaintenanceService storeMaintenance) {

    public static Services create(Store store, Clock clock) {
        return create(store, clock, ResolverSettings.systemDefault());
    }

    /** As {@link #create(Store, Clock)}, asking the given DNS resolvers (the "DNS resolvers" setting). */
    public static Services create(Store store, Clock clock, ResolverSettings resolvers) {
        JooqTransactions tx = store.transactions();
        JooqUserStore users = new JooqUserStore(tx, clock);
        JooqMembershipStore memberships = new JooqMembershipStore(tx);
        JooqTenantStore tenants = new JooqTenantStore(tx);
        JooqAuditStore auditStore = new JooqAuditStore(tx);
        JooqEventStore events = new JooqEventStore(tx);
        Argon2PasswordHasher hasher = new Argon2PasswordHasher();
        dev.mailroom.persistence.access.JooqApiTokenStore apiTokens =
                new dev.mailroom.persistence.access.JooqApiTokenStore(tx);
        // A command line signed in with an API token gets its user's permissions narrowed to the token's.
        AccessPolicy access = new AccessPolicy(users, memberships, apiTokens, clock);
        AuditLog audit = new AuditLog(auditStore, clock);
        DnsjavaLookup dns = new DnsjavaLookup(resolvers);
        // The vault's key file sits beside the database, in the store's data folder.
        AesGcmSecretVault vault = AesGcmSecretVault.open(store.config().dataDir());
        // Relay passwords are sealed by the same vault as DKIM keys.
        JooqConnectionStore connections = new JooqConnectionStore(tx);
        JooqOutboxStore outboxStore = new JooqOutboxStore(tx);
        JooqSuppressionStore suppressionStore = new JooqSuppressionStore(tx);
        DomainsForSending sendingDomains = new DomainsForSending(new JooqDomainStore(tx), vault, tx);
        SmtpMailTransport smtp = new SmtpMailTransport(SmtpSettings.system());
        // One way out for the outbox and test sends: a relay over SMTP, a provider connection over its HTTP API.
        ProviderAdapters providers = ProviderAdapters.standard(ApiCall.defaults(), clock);
        ProviderSuppressions providerLists =
                new ProviderSuppressions(RateLimitWaits.forSync(ApiCall.defaults(), clock));
        MailTransport transport = new RoutingMailTransport(smtp, providers);
        EndpointResolver endpoints = new EndpointResolver(connections, vault);
        HandlebarsTemplateRenderer renderer = new HandlebarsTemplateRenderer();
        JooqBrandKitStore brandKits = new JooqBrandKitStore(tx);
        JooqSendingLimitStore limitStore = new JooqSendingLimitStore(tx);
        JooqBillingStore billingStore = new JooqBillingStore(tx);
        // Escalation and the automatic-pause policy are read by the outbox's claim (decision 0058).
        dev.mailroom.persistence.onboarding.JooqGovernanceStore governance =
                new dev.mailroom.persistence.onboarding.JooqGovernanceStore(tx, outboxStore);
        Outbox outbox = new Outbox(
                outboxStore,
                endpoints,
                sendingDomains,
                transport,
                suppressionStore,
                events,
                tx,
                clock,
                RetryPolicy.DEFAULT,
                new SendingLimits(
                        limitStore,
                        new dev.mailroom.model.onboarding.GovernanceGate(
                                governance, events, tenants, audit, clock, new SecureRandom()),
                        clock));
        JooqTemplateStore templateStore = new JooqTemplateStore(tx);
        DmarcService dmarc = new DmarcService(new JooqDmarcStore(tx), access, tx, audit, tenants, clock);
        dev.mailroom.model.dmarc.TlsReportService tlsReports = new dev.mailroom.model.dmarc.TlsReportService(
                new dev.mailroom.persistence.dmarc.JooqTlsReportStore(tx), access, tx, audit, tenants, clock);
        dev.mailroom.persistence.onboarding.JooqConnectionTests connectionTests =
                new dev.mailroom.persistence.onboarding.JooqConnectionTests(tx);
        dev.mailroom.model.onboarding.StoreFacts onboardingFacts = new dev.mailroom.model.onboarding.StoreFacts(
                new JooqDomainStore(tx),
                connections,
                connectionTests,
                templateStore,
                limitStore,
                new JooqReportMailboxStore(tx),
                new JooqSyncStore(tx),
                memberships,
                users);
        dev.mailroom.model.validation.AddressPolicyService addressPolicy =
                new dev.mailroom.model.validation.AddressPolicyService(
                        new dev.mailroom.persistence.validation.JooqAddressPolicyStore(tx),
                        tenants,
                        access,
                        audit,
                        tx,
                        clock);
        AddressChecker addressChecker = AddressChecker.withBundledLists();
        SendService send = new SendService(
                        outbox,
                        connections,
                        sendingDomains,
                        tenants,
                        access,
                        audit,
                        tx,
                        endpoints,
                        new SmtpProbe(SmtpSettings.system()))
                // Risky recipients are sent, held or dropped as the tenant's setting says (decision 0048).
                .applyingRiskyAddressPolicy(
                        addressChecker, new dev.mailroom.persistence.validation.JooqAddressPolicyStore(tx));
        TestSendService testSend = new TestSendService(
                renderer,
                brandKits,
                tenants,
                users,
                connections,
                endpoints,
                sendingDomains,
                transport,
                access,
                audit,
                tx,
                clock);
        JooqDomainStore domainStore = new JooqDomainStore(tx);
        // Domains linked to a provider's domain plan the provider's records (decision 0074).
        dev.mailroom.persistence.providers.JooqProviderDomainStore providerDomainLinks =
                new dev.mailroom.persistence.providers.JooqProviderDomainStore(tx);
        DkimKeyGenerator dkimKeys = new DkimKeyGenerator(clock, new SecureRandom());
        return new Services(
                store,
                clock,
                access,
                audit,
                new FirstRunService(new JooqAgencyStore(tx), users, hasher, audit, tx, clock),
                new SignInService(users, hasher, audit, tx, clock),
                new TenantService(tenants, users, memberships, access, audit, tx, clock),
                new UserService(users, memberships, tenants, access, hasher, audit, tx),
                new AuditService(auditStore, access, tx),
                new DomainService(
                        domainStore,
                        tenants,
                        access,
                        audit,
                        tx,
                        clock,
                        vault,
                        dkimKeys,
                        dns,
                        tenant -> connections.list(tenant).stream()
                                .filter(c -> !c.kind().isApi()) // a provider's API host is not our relay
                                .map(c -> c.host())
                                .distinct()
                                .toList(),
                        dev.mailroom.model.providers.ProviderDomainService.lookup(providerDomainLinks)),
                new DkimKeyService(domainStore, tenants, access, audit, tx, clock, vault, dkimKeys),
                new DomainSuggestions(dns),
                resolvers,
                new ConnectionService(
                                connections,
                                tenants,
                                vault,
                                new RoutingProbe(new SmtpProbe(SmtpSettings.system()), providers),
                                access,
                                audit,
                                tx,
                                clock)
                        .recordingTestsIn(connectionTests),
                send,
                outbox,
                new OutboxService(outboxStore, tenants, events, access, audit, tx, clock),
                new InDoubtCheckService(
                        outboxStore,
                        endpoints,
                        new ProviderAcceptanceLookup(providers),
                        tenants,
                        events,
                        access,
                        audit,
                        tx,
                        clock),
                new SuppressionService(suppressionStore, tenants, access, audit, tx, clock),
                sendingDomains,
                smtp,
                new TemplateService(
                        templateStore,
                        brandKits,
                        tenants,
                        new ClasspathStarterLibrary(),
                        new TemplateService.Tools(renderer, new DiffUtilsTextDiffer(), new JsonTemplateBundleCodec()),
                        access,
                        audit,
                        tx,
                        clock),
                testSend,
                events,
                new AnalyticsService(events, new JooqAnalyticsStore(tx), access, tx, clock),
                new EventRetentionService(new JooqEventRetentionStore(tx), tenants, access, audit, tx, clock),
                new SendingLimitService(limitStore, tenants, access, audit, tx, clock),
                new MessageLogService(new JooqMessageLogStore(tx), access, tx),
                new ReportMailboxService(
                        new JooqReportMailboxStore(tx),
                        new ImapReportReader(),
                        new ReportIngestService(events, suppressionStore, outboxStore, tx, clock),
                        dmarc,
                        tlsReports,
                        tenants,
                        vault,
                        access,
                        audit,
                        tx,
                        clock),
                dmarc,
                new AggregateReportReader(),
                tlsReports,
                new dev.mailroom.mailer.dmarc.TlsReportReader(),
                new TemplateSendService(templateStore, brandKits, renderer, send, testSend, access, tx),
                new BillingService(billingStore, tenants, access, audit, tx, clock),
                new ClientReportService(
                        billingStore,
                        new JooqAnalyticsStore(tx),
                        tenants,
                        access,
                        audit,
                        tx,
                        new PdfBillingDocuments(),
                        connections,
                        send),
                new AddressCheckService(
                        addressChecker,
                        new MailDomainChecker(dns),
                        suppressionStore,
                        new JooqDomainStore(tx),
                        access,
                        tx,
                        clock,
                        ADDRESS_CHECK_DNS_THREADS),
                new dev.mailroom.model.onboarding.EscalationService(
                        governance, tenants, events, access, audit, tx, clock),
                new ActivitySyncService(
                        connections,
                        tenants,
                        vault,
                        new JooqSyncStore(tx),
                        events,
                        new ProviderActivity(RateLimitWaits.forSync(ApiCall.defaults(), clock)),
                        access,
                        audit,
                        tx,
                        clock),
                new dev.mailroom.model.providers.WebhookImportService(
                        connections,
                        tenants,
                        new JooqSyncStore(tx),
                        events,
                        new dev.mailroom.mailer.providers.WebhookFiles(),
                        access,
                        audit,
                        tx,
                        clock),
                new SuppressionSyncService(
                        connections,
                        tenants,
                        new JooqDomainStore(tx),
                        vault,
                        suppressionStore,
                        providerLists,
                        access,
                        audit,
                        tx,
                        clock),
                new dev.mailroom.model.providers.SuppressionPushService(
                        connections, endpoints, providerLists, tenants, access, audit, tx),
                new dev.mailroom.model.onboarding.OnboardingService(
                        new dev.mailroom.persistence.onboarding.JooqOnboardingStore(tx),
                        onboardingFacts,
                        tenants,
                        access,
                        audit,
                        tx,
                        clock),
                addressPolicy,
                new dev.mailroom.model.access.ApiTokenService(
                        apiTokens, users, access, audit, tx, clock, new SecureRandom()),
                new dev.mailroom.model.validation.SuppressionImportService(
                        suppressionStore, tenants, access, audit, tx, clock),
                // Scoped keys for a client's own application, made with the connection's key (decision 0071).
                new dev.mailroom.model.providers.ProviderKeyService(
                        new dev.mailroom.persistence.providers.JooqProviderKeyStore(tx),
                        connections,
                        endpoints,
                        new dev.mailroom.mailer.providers.ProviderKeyAdapters(
                                RateLimitWaits.of(ApiCall.defaults(), clock)),
                        tenants,
                        access,
                        audit,
                        tx,
                        clock),
                // Sending domains at a provider, for the domain wizard and "Import from provider…".
                new dev.mailroom.model.providers.ProviderDomainService(
                        providerDomainLinks,
                        domainStore,
                        connections,
                        endpoints,
                        new dev.mailroom.mailer.providers.ProviderDomainAdapters(
                                RateLimitWaits.of(ApiCall.defaults(), clock)),
                        tenants,
                        access,
                        audit,
                        tx,
                        clock),
                // The H2 file's size and its compaction (Settings › Store, idle upkeep, exit).
                new dev.mailroom.model.store.StoreMaintenanceService(
                        new dev.mailroom.persistence.store.H2StoreCompaction(store.config(), store.dataSource()),
                        access,
                        audit,
                        tx,
                        clock));
    }

    /** DNS questions in flight at once while checking a list of addresses (one per domain, each asked once). */
    public static final int ADDRESS_CHECK_DNS_THREADS = 16;
}
