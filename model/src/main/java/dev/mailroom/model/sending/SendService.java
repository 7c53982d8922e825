package dev.mailroom.model.sending;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.audit.AuditLog;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.InlineImage;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.tenants.Tenant;
import dev.mailroom.model.tenants.TenantStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The send use case, with {@link Permission#SENDING}: checks the form (From at one of the tenant's
 * verified sending domains with an active DKIM key, subject, body, unsubscribe URL unless
 * transactional), lists bad recipients row by row, and queues the good ones in the outbox with the
 * audit entry in the same transaction. Sending itself happens in {@link Outbox#drain}.
 */
public final class SendService {
    public static final int MAX_RECIPIENTS = 100_000;
    public static final int MAX_SUBJECT_CHARS = 998;

    private final Outbox outbox;
    private final ConnectionStore connections;
    private final SendingDomains domains;
    private final TenantStore tenants;
    private final AccessPolicy access;
    private final AuditLog audit;
    private final Transactions tx;
    private final Optional<EndpointResolver> endpoints;
    private final Optional<ConnectionProbe> probe;
    private final Optional<dev.mailroom.model.validation.AddressChecker> checker;
    private final Optional<dev.mailroom.model.validation.AddressPolicyStore> addressPolicies;

    /**
     * A send use case that cannot ask a relay what it offers: addresses with a non-ASCII local part are
     * refused (they need SMTPUTF8).
     */
    public SendService(
            Outbox outbox,
            ConnectionStore connections,
            SendingDomains domains,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx) {
        this(outbox, connections, domains, tenants, access, audit, tx, null, null);
    }

    /**
     * @param endpoints and {@code probe} ask the connection's relay whether it offers SMTPUTF8, only when a
     *     recipient's local part is not ASCII
     */
    public SendService(
            Outbox outbox,
            ConnectionStore connections,
            SendingDomains domains,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            EndpointResolver endpoints,
            ConnectionProbe probe) {
        this(outbox, connections, domains, tenants, access, audit, tx, endpoints, probe, null, null);
    }

    private SendService(
            Outbox outbox,
            ConnectionStore connections,
            SendingDomains domains,
            TenantStore tenants,
            AccessPolicy access,
            AuditLog audit,
            Transactions tx,
            EndpointResolver endpoints,
            ConnectionProbe probe,
            dev.mailroom.model.validation.AddressChecker checker,
            dev.mailroom.model.validation.AddressPolicyStore addressPolicies) {
        this.checker = Optional.ofNullable(checker);
        this.addressPolicies = Optional.ofNullable(addressPolicies);
        this.endpoints = Optional.ofNullable(endpoints);
        this.probe = Optional.ofNullable(probe);
        this.outbox = outbox;
        this.connections = connections;
        this.domains = domains;
        this.tenants = tenants;
        this.access = access;
        this.audit = audit;
        this.tx = tx;
    }

    /**
     * The same use case, applying the tenant's risky-address policy (issue 14, decision 0048): each recipient
     * is judged offline by {@code checker}; a risky one is queued, held or rejected as the tenant's setting in
     * {@code policies} says (held when nobody set it).
     */
    public SendService applyingRiskyAddressPolicy(
            dev.mailroom.model.validation.AddressChecker checker,
            dev.mailroom.model.validation.AddressPolicyStore policies) {
        return new SendService(
                outbox,
                connections,
                domains,
                tenants,
                access,
                audit,
                tx,
                endpoints.orElse(null),
                probe.orElse(null),
                java.util.Objects.requireNonNull(checker, "checker"),
                java.util.Objects.requireNonNull(policies, "policies"));
    }

    /** A URL that can go into List-Unsubscribe's angle brackets as it is, and fits its column. */
    private static boolean isPlainUrl(String url) {
        return url.length() <= 2000 && url.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && ch != '<' && ch != '>');
    }

    private record RelayAnswer(boolean offers, boolean checked, String name) {}

    /**
     * Asks the connection's relay (EHLO) whether it offers SMTPUTF8: a look-up in its own transaction, then
     * the network outside any transaction.
     */
    private RelayAnswer offersSmtpUtf8(Actor actor, SendRequest r) {
        if (endpoints.isEmpty() || probe.isEmpty()) {
            return new RelayAnswer(false, false, "this connection's relay");
        }
        SmtpEndpoint endpoint = tx.inTransaction(() -> {
            access.require(actor, r.tenant(), Permission.SENDING);
            return endpoints.get().resolve(r.tenant(), r.connection());
        });
        if (endpoint.viaApi()) {
            // A provider's API is not asked (that would be a request per send); international addresses are
            // not promised through it.
            return new RelayAnswer(false, true, endpoint.address());
        }
        ProbeReport report = probe.get().probe(endpoint);
        boolean offers = report.ok() && report.offered().stream().anyMatch(o -> o.equalsIgnoreCase("SMTPUTF8"));
        return new RelayAnswer(offers, report.ok(), endpoint.host());
    }

    /** A recipient that was not queued, and why. */
    public record Refused(String address, String problem) {}

    /**
     * @param queued every message stored in the outbox: queued for the sender, or (the tenant's risky-address
     *     policy) held for a person or rejected at once, each with its reasons in its note
     */
    public record Result(List<OutboxMessage> queued, List<Refused> refused) {
        /** Stored as held: risky, waiting for a person. */
        public List<OutboxMessage> held() {
            return queued.stream().filter(m -> m.state() == OutboxState.HELD).toList();
        }

        /** Stored as rejected at once: risky, and the tenant drops such messages. */
        public List<OutboxMessage> dropped() {
            return queued.stream()
                    .filter(m -> m.state() == OutboxState.REJECTED)
                    .toList();
        }
    }

    /** Why each risky recipient is risky (by address as queued), from the offline checks. */
    private Map<String, String> riskyReasons(List<NewMessage> good) {
        Map<String, String> out = new java.util.HashMap<>();
        if (checker.isEmpty()) {
            return out;
        }
        for (NewMessage m : good) {
            dev.mailroom.model.validation.AddressVerdict v = checker.get().verdict(m.to());
            if (v.verdict() == dev.mailroom.model.validation.Verdict.RISKY) {
                out.put(m.to(), v.reasonText());
            }
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() <= 900 ? s : s.substring(0, 899) + "…";
    }

    /**
     * One recipient's own message, rendered for them (a template with their values): the same From,
     * connection and kind for every recipient of a send, a subject, a body and inline parts each.
     */
    public record Personal(
            String to, String subject, String textBody, Optional<String> htmlBody, List<InlineImage> inlineParts) {
        public Personal {
            htmlBody = htmlBody == null ? Optional.empty() : htmlBody;
            inlineParts = inlineParts == null ? List.of() : List.copyOf(inlineParts);
        }
    }

    public Result send(Actor actor, SendRequest r) {
        Problems p = new Problems()
                .check(!Text.isBlank(r.subject()), "subject", "Enter a subject.")
                .check(
                        r.subject() == null || r.subject().length() <= MAX_SUBJECT_CHARS,
                        "subject",
                        "Keep the subject under " + MAX_SUBJECT_CHARS + " characters.")
                .check(
                        !Text.isBlank(r.textBody())
                                || r.htmlBody().filter(h -> !h.isBlank()).isPresent(),
                        "body",
                        "Write the message.");
        r.htmlBody()
                .flatMap(h -> InlineParts.missing(h, r.inlineParts()))
                .ifPresent(cid -> p.add("body", InlineParts.missingMessage(cid)));
        List<Personal> messages = r.recipients().stream()
                .map(to -> new Personal(to, r.subject(), r.textBody(), r.htmlBody(), r.inlineParts()))
                .toList();
        return queue(actor, r, messages, p, List.of());
    }

    /**
     * Queues a message per recipient, each with its own subject, body and inline parts (a template
     * rendered with that recipient's values); {@code alreadyRefused} are recipients the caller could not
     * render, reported with the others. {@code r.subject()} names the send in the audit log; its
     * recipients, bodies and inline parts are not used.
     */
    public Result sendPersonalised(Actor actor, SendRequest r, List<Personal> messages, List<Refused> alreadyRefused) {
        List<Refused> refused = new ArrayList<>(alreadyRefused);
        List<Personal> good = new ArrayList<>();
        for (Personal m : messages) {
            Optional<String> missingPart = m.htmlBody().flatMap(h -> InlineParts.missing(h, m.inlineParts()));
            if (Text.isBlank(m.subject()) || m.subject().length() > MAX_SUBJECT_CHARS) {
                refused.add(new Refused(
                        m.to(),
                        "The subject is empty or longer than " + MAX_SUBJECT_CHARS
                                + " characters for this recipient."));
            } else if (missingPart.isPresent()) {
                refused.add(new Refused(m.to(), InlineParts.missingMessage(missingPart.get())));
            } else {
                good.add(m);
            }
        }
        return queue(actor, r, good, new Problems(), refused);
    }

    private Result queue(Actor actor, SendRequest r, List<Personal> messages, Problems p, List<Refused> before) {
        String from =
                MailAddresses.normalize(Text.trimmed(r.fromAddress())).address().orElse(Text.trimmed(r.fromAddress()));
        String domain = OutboxMessage.domainOf(from);
        p.check(
                        Text.looksLikeEmail(from) && MailAddresses.isAscii(from),
                        "from",
                        "Enter the From address, such as hello@yourdomain.com.")
                .check(!messages.isEmpty() || !before.isEmpty(), "recipients", "Add at least one recipient.")
                .check(
                        messages.size() + before.size() <= MAX_RECIPIENTS,
                        "recipients",
                        "Send to at most " + MAX_RECIPIENTS + " recipients at once.");
        if (!r.transactional()) {
            p.check(
                    r.unsubscribeUrl().filter(u -> u.startsWith("https://")).isPresent(),
                    "unsubscribeUrl",
                    "Messages that are not transactional need an https unsubscribe link (one-click, RFC 8058).");
            p.check(
                    r.unsubscribeUrl().map(SendService::isPlainUrl).orElse(true),
                    "unsubscribeUrl",
                    "The unsubscribe link must be at most 2,000 characters of plain ASCII, without spaces or "
                            + "angle brackets (encode other characters as %XX).");
        }
        Attachments.problem(r.attachments()).ifPresent(problem -> p.add("attachments", problem));
        p.throwIfAny();
        List<Refused> refused = new ArrayList<>(before);
        List<NewMessage> good = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> needUtf8 = new ArrayList<>();
        for (Personal m : messages) {
            String typed = Text.trimmed(m.to());
            MailAddresses.Normalized n = Text.looksLikeEmail(typed)
                    ? MailAddresses.normalize(typed)
                    : new MailAddresses.Normalized(Optional.empty(), "\"" + typed + "\" is not an email address.");
            String to = n.address().orElse(typed);
            if (n.address().isEmpty()) {
                refused.add(new Refused(typed, n.problem()));
            } else if (!seen.add(to.toLowerCase(Locale.ROOT))) {
                refused.add(new Refused(to, "Listed more than once; sent once."));
            } else {
                good.add(new NewMessage(
                        r.tenant(),
                        r.connection(),
                        from,
                        Text.trimmed(r.fromName()),
                        to,
                        m.subject().strip(),
                        m.textBody() == null ? "" : m.textBody(),
                        m.htmlBody(),
                        r.transactional(),
                        r.unsubscribeUrl(),
                        m.inlineParts(),
                        r.attachments()));
                if (MailAddresses.needsSmtpUtf8(to)) {
                    needUtf8.add(to);
                }
            }
        }
        if (!needUtf8.isEmpty()) {
            RelayAnswer relay = offersSmtpUtf8(actor, r);
            if (!relay.offers()) {
                Set<String> out = new HashSet<>(needUtf8);
                good.removeIf(m -> out.contains(m.to()));
                needUtf8.forEach(a ->
                        refused.add(new Refused(a, MailAddresses.smtpUtf8Problem(a, relay.name(), relay.checked()))));
            }
        }
        Map<String, String> risky = riskyReasons(good);
        return tx.inTransaction(() -> {
            access.require(actor, r.tenant(), Permission.SENDING);
            Tenant t = tenants.find(r.tenant())
                    .orElseThrow(() -> new NotFound("No such client, or you have no access to it."));
            if (t.isArchived()) {
                throw new Conflict("\"" + t.name() + "\" is archived; it cannot send.");
            }
            Connection c = connections
                    .find(r.tenant(), r.connection())
                    .orElseThrow(() -> new NotFound("No such connection in this client."));
            new Problems()
                    .check(
                            domains.isVerified(r.tenant(), domain),
                            "from",
                            domain + " is not a verified sending domain of " + t.name()
                                    + ". Send from one of its domains.")
                    .throwIfAny();
            new Problems()
                    .check(
                            c.kind().isApi()
                                    || domains.activeDkimKey(r.tenant(), domain).isPresent(),
                            "from",
                            domain + " has no active DKIM key yet; Mailroom sends only signed mail.")
                    .throwIfAny();
            dev.mailroom.model.validation.RiskyAddressPolicy policy = addressPolicies
                    .flatMap(ps -> ps.find(r.tenant()))
                    .map(dev.mailroom.model.validation.AddressPolicy::risky)
                    .orElse(dev.mailroom.model.validation.RiskyAddressPolicy.DEFAULT);
            java.util.function.Function<NewMessage, Outbox.Placement> placement = m -> {
                String why = risky.get(m.to());
                if (why == null) {
                    return Outbox.Placement.QUEUE;
                }
                return switch (policy) {
                    case SEND -> Outbox.Placement.QUEUE;
                    case HOLD ->
                        new Outbox.Placement(
                                OutboxState.HELD,
                                clip("Held: the address is risky and this client holds such messages for a person"
                                        + " (release or drop it). " + why));
                    case DROP ->
                        new Outbox.Placement(
                                OutboxState.REJECTED,
                                clip("Dropped: the address is risky and this client drops such messages. " + why));
                };
            };
            List<OutboxMessage> queued = good.isEmpty() ? List.of() : outbox.enqueue(good, placement);
            long held =
                    queued.stream().filter(m -> m.state() == OutboxState.HELD).count();
            long dropped = queued.stream()
                    .filter(m -> m.state() == OutboxState.REJECTED)
                    .count();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("from", from);
            details.put("subject", Text.trimmed(r.subject()));
            details.put("connection", c.name());
            if (!r.attachments().isEmpty()) {
                details.put(
                        "attachments",
                        r.attachments().stream().map(Attachment::filename).collect(Collectors.joining(", ")));
            }
            details.put("queued", Long.toString(queued.size() - held - dropped));
            if (!risky.isEmpty()) {
                details.put("risky", risky.size() + " (" + policy.name() + ")");
                details.put("held", Long.toString(held));
                details.put("dropped", Long.toString(dropped));
            }
            details.put("refused", Integer.toString(refused.size()));
            audit.record(actor, r.tenant(), t.name(), "sending.queued", from, details);
            return new Result(queued, refused);
        });
    }
}
