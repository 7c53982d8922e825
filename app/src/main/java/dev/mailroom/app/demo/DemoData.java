package dev.mailroom.app.demo;

import dev.mailroom.app.session.Services;
import dev.mailroom.model.access.AgencySetup;
import dev.mailroom.model.access.Role;
import dev.mailroom.model.access.SignedIn;
import dev.mailroom.model.access.StaffKind;
import dev.mailroom.model.access.UserDraft;
import dev.mailroom.model.common.UserId;
import dev.mailroom.model.domains.RecordPlanSettings;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import dev.mailroom.model.sending.WarmupPlan;
import dev.mailroom.model.templates.BrandKit;
import dev.mailroom.model.templates.Logo;
import dev.mailroom.model.templates.SocialLink;
import dev.mailroom.model.templates.TemplateOwner;
import dev.mailroom.model.tenants.OwnershipModel;
import dev.mailroom.model.tenants.PartnerAccessPattern;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantDraft;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --demo}: a new store filled with a believable agency and three clients, through the real use cases. */
public final class DemoData {
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    public static final String OWNER_EMAIL = "ana.ortiz@brightwave.example";
    public static final String OWNER_PASSWORD = "mailroom-demo";

    private DemoData() {}

    private static UserId user(
            Services s, dev.mailroom.model.common.Actor owner, String name, String email, StaffKind kind, Tenant home) {
        return s.users()
                .create(
                        owner,
                        new UserDraft(
                                name,
                                email,
                                kind,
                                Optional.ofNullable(home).map(Tenant::id),
                                OWNER_PASSWORD.toCharArray()))
                .user()
                .id();
    }

    /** Seeds an empty store and returns its owner, signed in; leaves an existing store alone. */
    public static Optional<SignedIn> seedIfNew(Services s) {
        return seedIfNew(s, dev.mailroom.app.common.Progress.NONE);
    }

    /** The steps of making the demo, for the words under the progress bar while it is made. */
    static final int STEPS = 100;

    /**
     * As {@link #seedIfNew(Services)}, telling {@code progress} what it is doing and how far it is (the start
     * screen shows it: "Writing 90 days of sample events: day 41 of 90").
     */
    public static Optional<SignedIn> seedIfNew(Services s, dev.mailroom.app.common.Progress told) {
        // Each step's time goes to the log, to see where making the demo spends it.
        long[] started = {System.nanoTime()};
        String[] step = {"start"};
        dev.mailroom.app.common.Progress progress = new dev.mailroom.app.common.Progress() {
            @Override
            public void update(long done, long total, String message) {
                String name = message.replaceFirst(", day .*", "");
                if (!name.equals(step[0])) {
                    log.info("Demo step took {} ms: {}", (System.nanoTime() - started[0]) / 1_000_000, step[0]);
                    started[0] = System.nanoTime();
                    step[0] = name;
                }
                told.update(done, total, message);
            }

            @Override
            public dev.mailroom.model.common.Cancellation cancellation() {
                return told.cancellation();
            }
        };
        if (!s.firstRun().needsSetup()) {
            log.info("--demo ignored: this store already has an agency");
            return Optional.empty();
        }
        progress.update(1, STEPS, "Making the demo: the agency, its people and three sample clients…");
        char[] pw = OWNER_PASSWORD.toCharArray();
        SignedIn owner = s.firstRun().setUp(new AgencySetup("Brightwave Digital", "Ana Ortiz", OWNER_EMAIL, pw, pw));
        var actor = owner.actor();
        Tenant able = s.tenants()
                .create(
                        actor,
                        new TenantDraft(
                                "Able Moose Group",
                                "#2563EB",
                                "Morgan Lee",
                                "morgan.lee@ablemoose.example",
                                OwnershipModel.AGENCY_OWNED,
                                PartnerAccessPattern.AGENCY_MANAGED));
        Tenant river = s.tenants()
                .create(
                        actor,
                        new TenantDraft(
                                "Riverbend Legal",
                                "#7C3AED",
                                "Priya Shah",
                                "priya.shah@riverbendlegal.example",
                                OwnershipModel.CLIENT_OWNED,
                                PartnerAccessPattern.CO_MANAGED));
        Tenant north = s.tenants()
                .create(
                        actor,
                        new TenantDraft(
                                "Northwind Logistics",
                                "#EA580C",
                                "Tomás Ruiz",
                                "t.ruiz@northwind-logistics.example",
                                OwnershipModel.AGENCY_OWNED,
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
        progress.update(5, STEPS, "Making the demo: sending domains and their DKIM keys…");
        demoDomains(s, actor, able, river, north);
        demoConnections(s, actor, able, river, north);
        progress.update(10, STEPS, "Making the demo: templates and sending limits…");
        seedTemplates(s, actor, able);
        demoLimits(s, actor, able, river);
        progress.update(15, STEPS, "Making the demo: 90 days of sample events…");
        DemoEvents demoEvents = new DemoEvents(s);
        long events = demoEvents.write(
                List.of(
                        new DemoEvents.Profile(
                                able.id(),
                                List.of("tryablemoose.com", "getablemoose.com"),
                                110,
                                0.006,
                                0.004,
                                0.03,
                                0.0004,
                                0.38,
                                1.0),
                        new DemoEvents.Profile(
                                river.id(), List.of("riverbendlegal.com"), 30, 0.004, 0.003, 0.02, 0.0002, 0.52, 4.5),
                        // Northwind is in trouble: an old list, bounces and complaints over the providers'
                        // limits.
                        new DemoEvents.Profile(
                                north.id(),
                                List.of("northwind-logistics.co.uk"),
                                75,
                                0.075,
                                0.012,
                                0.08,
                                0.005,
                                0.21,
                                1.0)),
                (day, days, written) -> progress.update(
                        15 + 60L * day / days,
                        STEPS,
                        "Making the demo: sample events, day " + day + " of " + days + " ("
                                + dev.mailroom.app.common.Formats.count(written) + " events)…"));
        log.info("Demo events suppressed {} recipients", demoEvents.suppressed());
        progress.update(75, STEPS, "Making the demo: DMARC reports…");
        var dmarc = DemoDmarc.write(s, actor, "tryablemoose.com", 30);
        log.info("Demo DMARC reports: {}", dmarc.headline());
        log.info(
                "Demo TLS reports: {}",
                DemoTls.write(s, actor, "tryablemoose.com", 30).headline());
        progress.update(85, STEPS, "Making the demo: price plans and last month's invoices…");
        demoBilling(s, actor, able, river, north);
        progress.update(90, STEPS, "Making the demo: onboarding checklists and escalation…");
        demoOnboarding(s, actor, able, river, north);
        progress.update(92, STEPS, "Making the demo: recent messages for the message log…");
        int subjects = DemoMessages.subjects(s, able.id(), "Able Moose", DemoMessages.SUBJECTS.get("able"))
                + DemoMessages.subjects(s, river.id(), "Riverbend Legal", DemoMessages.SUBJECTS.get("river"))
                + DemoMessages.subjects(s, north.id(), "Northwind Logistics", DemoMessages.SUBJECTS.get("north"));
        progress.update(STEPS, STEPS, "Making the demo: done");
        log.info(
                "Demo store created with three sample clients and {} events over {} days ({} recent messages with subjects)",
                events,
                DemoEvents.DAYS,
                subjects);
        return Optional.of(owner);
    }

    /**
     * Onboarding and escalation: Able Moose is vetted by hand on most items, Riverbend is restricted while
     * its list is audited, and Northwind (bounces and complaints over the limits) is under the standard
     * automatic-pause policy.
     */
    private static void demoOnboarding(
            Services s, dev.mailroom.model.common.Actor owner, Tenant able, Tenant river, Tenant north) {
        var items = s.onboarding().items(owner);
        String[] notes = {
            "Companies House 09876543; website, phone and address match",
            "About 12,000 a month from their old ESP; three months of its reports seen",
            "Order confirmations, password resets, a monthly newsletter",
            "Signup form sends a confirmation link; tried it ourselves",
            "Signed our acceptable-use statement: no bought or scraped lists",
            "Sends from tryablemoose.com, registered to Able Moose Ltd",
        };
        for (int i = 0; i < notes.length && i < items.size(); i++) {
            s.onboarding().tick(owner, able.id(), items.get(i).id(), notes[i], Optional.empty());
        }
        s.onboarding().tick(owner, river.id(), items.get(0).id(), "Law Society listing checked", Optional.empty());
        s.escalation().restrict(owner, river.id(), 100, "Waiting for the audit of their imported contact list");
        s.escalation()
                .setPausePolicy(
                        owner,
                        north.id(),
                        dev.mailroom.model.onboarding.PausePolicy.STANDARD,
                        200, // a small client: judged from 200 sent in the week
                        dev.mailroom.model.onboarding.Governance.DEFAULT_WINDOW_DAYS);
    }

    /**
     * Billing: the agency's details, PRODUCT.md's table (volume) and a JangoMail-like step plan, both from
     * three months back, assigned to the clients, and last month's invoices issued.
     */
    private static void demoBilling(
            Services s, dev.mailroom.model.common.Actor owner, Tenant able, Tenant river, Tenant north) {
        var billing = s.billing();
        billing.saveSettings(
                owner,
                new dev.mailroom.model.billing.BillingSettings(
                        java.time.ZoneId.of("Europe/London"),
                        "BW-",
                        "Brightwave Digital Ltd",
                        "12 Harbour Street\nBristol BS1 4QA\nVAT GB 123 4567 89",
                        "#0E7490"));
        java.time.YearMonth from = java.time.YearMonth.now(s.clock()).minusMonths(3);
        var d = dev.mailroom.model.billing.PlanTerms.productDefault();
        var standard = billing.createPlan(
                owner,
                "Standard (volume)",
                from,
                new dev.mailroom.model.billing.PlanTerms(
                        d.currency(),
                        d.pricing(),
                        d.billable(),
                        new java.math.BigDecimal("30"),
                        new java.math.BigDecimal("49"),
                        java.math.BigDecimal.ZERO,
                        d.rounding()));
        var steps = billing.createPlan(
                owner,
                "Plan sizes",
                from,
                new dev.mailroom.model.billing.PlanTerms(
                        d.currency(),
                        new dev.mailroom.model.billing.Pricing.Steps(
                                List.of(
                                        dev.mailroom.model.billing.Step.of(2_500, "15"),
                                        dev.mailroom.model.billing.Step.of(8_500, "45"),
                                        dev.mailroom.model.billing.Step.of(12_000, "60"),
                                        dev.mailroom.model.billing.Step.of(18_000, "90")),
                                0,
                                new java.math.BigDecimal("5")),
                        d.billable(),
                        new java.math.BigDecimal("30"),
                        java.math.BigDecimal.ZERO,
                        new java.math.BigDecimal("20"),
                        d.rounding()));
        var none = dev.mailroom.model.billing.TenantOverrides.NONE;
        billing.assign(owner, able.id(), standard.id(), from, none);
        billing.assign(owner, north.id(), standard.id(), from, none);
        billing.assign(owner, river.id(), steps.id(), from, none);
        try {
            billing.issueAll(
                    owner,
                    billing.lastFinishedMonth(),
                    (done, total) -> {},
                    new dev.mailroom.model.common.Cancellation());
        } catch (dev.mailroom.model.common.InvalidInput e) {
            // The first hour of a month in UTC+1: last month is not over in UTC yet; the demo goes without.
            log.info("Demo invoices not issued: {}", e.getMessage());
        }
    }

    /** The name of each demo client's connection: it says where the mail goes. */
    public static final String RELAY_CONNECTION = "Demo relay";

    /**
     * Each client sends through the demo relay on loopback ({@link DemoRelay#startForDemo()}), a connection
     * tested as a person would (Connections, Test connection), so the onboarding checklist finds it.
     */
    private static void demoConnections(Services s, dev.mailroom.model.common.Actor owner, Tenant... tenants) {
        DemoRelay.startForDemo();
        for (Tenant t : tenants) {
            var c = s.connections()
                    .create(
                            owner,
                            t.id(),
                            new dev.mailroom.model.sending.ConnectionDraft(
                                    RELAY_CONNECTION,
                                    dev.mailroom.model.sending.SendingEnvironment.PRODUCTION,
                                    "127.0.0.1",
                                    DemoRelay.DEMO_PORT,
                                    dev.mailroom.model.sending.SmtpSecurity.PLAIN_LOCALHOST_ONLY,
                                    "",
                                    Optional.empty(),
                                    "mailroom.brightwave.example",
                                    2,
                                    0));
            var tested = s.connections().test(owner, t.id(), c.id());
            if (!tested.ok()) {
                log.warn("Demo connection of {} failed its test: {}", t.name(), tested.summary());
            }
        }
    }

    /**
     * Each client's sending domain, the ones its sample mail comes from. Adding makes keys only (no DNS), so
     * the demo starts without a network.
     */
    private static void demoDomains(
            Services s, dev.mailroom.model.common.Actor owner, Tenant able, Tenant river, Tenant north) {
        RecordPlanSettings relay = RecordPlanSettings.builtIn("include:_spf.relay.example", "bounces.relay.example");
        try {
            s.domains()
                    .add(
                            owner,
                            able.id(),
                            "tryablemoose.com",
                            relay.withDmarcReports("dmarc@ablemoose.example"),
                            Set.of(DkimAlgorithm.RSA));
            s.domains().add(owner, able.id(), "getablemoose.com", relay, Set.of(DkimAlgorithm.RSA));
            s.domains().add(owner, river.id(), "riverbendlegal.com", relay, Set.of(DkimAlgorithm.RSA));
            s.domains()
                    .add(
                            owner,
                            north.id(),
                            "northwind-logistics.co.uk",
                            relay,
                            Set.of(DkimAlgorithm.RSA, DkimAlgorithm.ED25519));
        } catch (RuntimeException e) {
            log.warn("Demo sending domains were not added: {}", e.getMessage());
        }
    }

    /**
     * Able Moose is warming up a new domain and mailbox; Riverbend, a new client, is on probation. The
     * mailbox's plan allows what the demo's events send from it today (about 60), so the story holds.
     */
    private static void demoLimits(Services s, dev.mailroom.model.common.Actor owner, Tenant able, Tenant river) {
        java.time.LocalDate today = java.time.LocalDate.now(s.clock());
        s.limits()
                .setPlan(
                        owner,
                        able.id(),
                        WarmupPlan.doubling(WarmupPlan.Scope.DOMAIN, "getablemoose.com", 50, 2000, today.minusDays(3)));
        s.limits()
                .setPlan(
                        owner,
                        able.id(),
                        WarmupPlan.linear(
                                WarmupPlan.Scope.MAILBOX, "hello@tryablemoose.com", 50, 25, 200, today.minusDays(1)));
        s.limits().setProbation(owner, river.id(), java.util.OptionalInt.of(200));
    }

    /** Able Moose gets a brand kit and three starters; the agency library two. */
    private static void seedTemplates(Services s, dev.mailroom.model.common.Actor owner, Tenant able) {
        String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" height=\"40\" viewBox=\"0 0 160 40\">"
                + "<rect width=\"40\" height=\"40\" rx=\"9\" fill=\"#2563EB\"/><path d=\"M9 29 L16 12 L20 22 L24 12 L31 29\" "
                + "stroke=\"#fff\" stroke-width=\"3.5\" fill=\"none\" stroke-linejoin=\"round\"/>"
                + "<rect x=\"50\" y=\"12\" width=\"100\" height=\"7\" rx=\"3\" fill=\"#0F172A\"/>"
                + "<rect x=\"50\" y=\"24\" width=\"64\" height=\"5\" rx=\"2\" fill=\"#94A3B8\"/></svg>";
        s.templates()
                .saveBrandKit(
                        owner,
                        able.id(),
                        new BrandKit(
                                Optional.of(Logo.of(svg.getBytes(StandardCharsets.UTF_8))),
                                "#2563EB",
                                "#0F172A",
                                "#F4F5F7",
                                "#1F2933",
                                "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif",
                                "Able Moose Group",
                                "12 Harbour Street, Portland, ME 04101, USA",
                                List.of(
                                        new SocialLink("instagram", "https://instagram.com/ablemoose"),
                                        new SocialLink("linkedin", "https://www.linkedin.com/company/ablemoose"))));
        for (String id : List.of("ecommerce/order-confirmation", "ecommerce/shipping-notification", "saas/welcome")) {
            s.templates().useStarter(owner, TemplateOwner.tenant(able.id()), id, Optional.empty());
        }
        for (String id : List.of("saas/one-time-password", "saas/password-reset")) {
            s.templates().useStarter(owner, TemplateOwner.agency(), id, Optional.empty());
        }
    }
}
