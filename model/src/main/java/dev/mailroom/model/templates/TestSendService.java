package dev.mailroom.model.templates;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.access.User;
import dev.mailroom.model.access.UserStore;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionStore;
import dev.mailroom.model.sending.DeliveryOutcome;
import dev.mailroom.model.sending.DkimSigningKey;
import dev.mailroom.model.sending.EndpointResolver;
import dev.mailroom.model.sending.MailTransport;
import dev.mailroom.model.sending.MessageIds;
import dev.mailroom.model.sending.OutgoingMail;
import dev.mailroom.model.sending.SendingDomains;
import dev.mailroom.model.sending.SendingEnvironment;
import dev.mailroom.model.sending.SmtpEndpoint;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * "Test send to myself", with {@link Permission#TEMPLATES_TEST_SEND}: the editor's current content,
 * rendered for sending with its sample data and the tenant's brand kit (CSS inlined, a plain-text
 * part, the logo inside the message), goes to the signed-in person's own address through one of the
 * tenant's connections (a staging one when there is one, so a test does not touch production
 * credentials), From {@code test@} one of its verified sending domains, DKIM-signed like any mail.
 *
 * <p>"Myself" is the person at the keyboard: when the agency owner acts as someone, the permission is
 * that user's, and the test goes to the owner's own address.
 *
 * <p>The message goes straight through the transport, not the outbox: a test is not the tenant's
 * mail, so it adds no events to its statistics, and a relay refusing one's own address must not put
 * it on the tenant's suppression list. The person gets the relay's answer at once instead.
 */
public final class TestSendService {
    private final TemplateRenderer renderer;
    private final BrandKitStore brandKits;
    private final TenantStore tenants;
    private final UserStore users;
    private final ConnectionStore connections;
    private final EndpointResolver endpoints;
    private final SendingDomains domains;
    private final MailTransport transport;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Clock clock;

    public TestSendService(
            TemplateRenderer renderer,
            BrandKitStore brandKits,
            TenantStore tenants,
            UserStore users,
            ConnectionStore connections,
            EndpointResolver endpoints,
            SendingDomains domains,
            MailTransport transport,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            Clock clock) {
        this.renderer = renderer;
        this.brandKits = brandKits;
        this.tenants = tenants;
        this.users = users;
        this.connections = connections;
        this.endpoints = endpoints;
        this.domains = domains;
        this.transport = transport;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Where a test would go: through which connection, from and to which address. */
    public record Route(Connection connection, String fromAddress, String to) {
        /** "Staging relay (Staging, smtp.example.com:587 …)" */
        public String via() {
            return connection.name() + " (" + connection.environment().label() + ")";
        }
    }

    /** Whether the tenant can send a test now: a route, or what is missing, in words a person can act on. */
    public record Readiness(Optional<Route> route, String problem) {
        public boolean ready() {
            return route.isPresent();
        }
    }

    /** The result of a test: delivered or not, and a sentence saying so. */
    public record Result(Route route, DeliveryOutcome outcome) {
        public boolean delivered() {
            return outcome.kind() == DeliveryOutcome.Kind.ACCEPTED;
        }

        public String message() {
            if (delivered()) {
                return "Sent to " + route.to() + " via " + route.via() + ", from " + route.fromAddress() + ".";
            }
            return "Not sent: " + route.via() + " did not take the test for " + route.to() + ". "
                    + outcome.description();
        }
    }

    /** Never throws for a missing connection or domain: the editor shows the problem on the button. */
    public Readiness readiness(Actor actor, TenantId tenant) {
        return tx.inTransaction(() -> {
            if (!access.can(actor, tenant, Permission.TEMPLATES_TEST_SEND)) {
                return new Readiness(Optional.empty(), "Your role in this client does not include test sends.");
            }
            return route(actor, tenant);
        });
    }

    /**
     * Renders {@code content} for sending and sends it to the signed-in person. Throws
     * {@link dev.mailroom.model.common.PermissionDenied}, {@link Conflict} (what is missing to send) or
     * {@link InvalidInput} (the template does not render); a relay's refusal is a {@link Result}.
     */
    public Result send(Actor actor, TenantId tenant, TemplateContent content) {
        record Prepared(
                Route route,
                String tenantName,
                SmtpEndpoint endpoint,
                Optional<DkimSigningKey> dkim,
                Optional<BrandKit> kit) {}
        Prepared p = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.TEMPLATES_TEST_SEND);
            Tenant t = tenants.find(tenant)
                    .orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
            if (t.isArchived()) {
                throw new Conflict("\"" + t.name() + "\" is archived; it cannot send.");
            }
            Readiness r = route(actor, tenant);
            if (r.route().isEmpty()) {
                throw new Conflict(r.problem());
            }
            Route route = r.route().get();
            String domain = domainOf(route.fromAddress());
            return new Prepared(
                    route,
                    t.name(),
                    endpoints.resolve(tenant, route.connection().id()),
                    domains.activeDkimKey(tenant, domain),
                    brandKits.find(tenant));
        });

        Rendering rendering =
                renderer.render(new RenderRequest(content, content.sampleData(), p.kit(), RenderTarget.SEND));
        if (!rendering.ok()) {
            throw new InvalidInput(
                    "template",
                    "The template does not render, so no test was sent: "
                            + rendering.problems().stream()
                                    .map(RenderProblem::describe)
                                    .collect(Collectors.joining("; ")));
        }
        if (rendering.subject().isBlank()) {
            throw new InvalidInput("subject", "Give the template a subject before sending a test.");
        }
        List<InlineImage> inline = rendering.inlineImages();
        String domain = domainOf(p.route().fromAddress());
        OutgoingMail mail = new OutgoingMail(
                MessageIds.at(domain, clock.instant()),
                clock.instant(),
                p.route().fromAddress(),
                p.tenantName() + " (test)",
                p.route().to(),
                rendering.subject(),
                rendering.text(),
                Optional.of(rendering.html()),
                Optional.empty(),
                p.dkim(),
                inline);
        DeliveryOutcome outcome = transport.send(p.endpoint(), mail);
        Result result = new Result(p.route(), outcome);

        tx.run(() -> {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("to", p.route().to());
            details.put("from", p.route().fromAddress());
            details.put("connection", p.route().via());
            details.put("result", result.delivered() ? "accepted" : outcome.description());
            audit.record(actor, tenant, p.tenantName(), "template.test_sent", rendering.subject(), details);
        });
        return result;
    }

    /** Inside a transaction, after the permission check. */
    private Readiness route(Actor actor, TenantId tenant) {
        Optional<String> to =
                users.find(actor.realPerson().id()).map(User::email).filter(e -> !e.isBlank());
        if (to.isEmpty()) {
            return new Readiness(Optional.empty(), "Your account has no email address to send the test to.");
        }
        // Staging first: a test should not use production credentials when the client has others.
        Optional<Connection> connection = connections.list(tenant).stream()
                .min(Comparator.comparing((Connection c) -> c.environment() != SendingEnvironment.STAGING));
        if (connection.isEmpty()) {
            return new Readiness(
                    Optional.empty(), "This client has no connection to send through. Add one under Connections.");
        }
        List<String> verified = domains.verified(tenant);
        if (verified.isEmpty()) {
            return new Readiness(
                    Optional.empty(),
                    "This client has no verified sending domain to send from. "
                            + "Add one under Domains and publish its DKIM record.");
        }
        return new Readiness(Optional.of(new Route(connection.get(), "test@" + verified.get(0), to.get())), "");
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
