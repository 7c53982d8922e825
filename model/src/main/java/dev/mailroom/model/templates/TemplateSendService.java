package dev.mailroom.model.templates;

import dev.mailroom.model.access.AccessPolicy;
import dev.mailroom.model.access.Permission;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Transactions;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sending a saved template, with {@link Permission#SENDING}: the tenant's own templates and the
 * agency library's, rendered per recipient with that recipient's values and the tenant's brand kit
 * as it is now, then queued in the outbox like any send ({@link SendService#sendPersonalised}). A
 * recipient whose message does not render, or lacks a value the template uses, is not queued and is
 * listed with the reason; nothing is sent with a blank where a name should be.
 */
public final class TemplateSendService {
    private final TemplateStore templates;
    private final BrandKitStore brandKits;
    private final TemplateRenderer renderer;
    private final SendService send;
    private final TestSendService testSend;
    private final AccessPolicy access;
    private final Transactions tx;

    public TemplateSendService(
            TemplateStore templates,
            BrandKitStore brandKits,
            TemplateRenderer renderer,
            SendService send,
            TestSendService testSend,
            AccessPolicy access,
            Transactions tx) {
        this.templates = templates;
        this.brandKits = brandKits;
        this.renderer = renderer;
        this.send = send;
        this.testSend = testSend;
        this.access = access;
        this.tx = tx;
    }

    /** A template that can be sent, and the values it needs. */
    public record Choice(Template template, List<TemplateVariable> variables) {
        public boolean fromLibrary() {
            return template.owner().isAgency();
        }

        /** "Welcome" or "Welcome (agency library)". */
        public String label() {
            return template.name() + (fromLibrary() ? " (agency library)" : "");
        }
    }

    /** One recipient and their values by variable name ({@code user.firstName}). */
    public record Recipient(String address, Map<String, String> values) {
        public Recipient {
            Objects.requireNonNull(address, "address");
            values = Map.copyOf(values);
        }
    }

    /**
     * Which template, and which of its variables take the template's own sample value for everyone (a
     * list of steps that is the same for every recipient).
     */
    public record Source(TemplateOwner owner, TemplateId template, Set<String> fromSample) {
        public Source {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(template, "template");
            fromSample = Set.copyOf(fromSample);
        }
    }

    /** The tenant's templates, then the agency library's; each with the variables it needs. */
    public List<Choice> choices(Actor actor, TenantId tenant) {
        List<Template> found = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            List<Template> all = new ArrayList<>(templates.list(TemplateOwner.tenant(tenant)));
            all.addAll(templates.list(TemplateOwner.agency()));
            return all;
        });
        return found.stream()
                .map(t -> new Choice(t, renderer.variablesToFill(t.content())))
                .toList();
    }

    /**
     * A recipient's message as they would see it, for the preview (remote content blocked, the logo
     * shown): never throws for a template that does not render; see {@link Rendering#problems()}.
     */
    public Rendering preview(Actor actor, TenantId tenant, Source source, Recipient recipient) {
        Loaded l = load(actor, tenant, source);
        return renderer.render(
                new RenderRequest(l.template().content(), data(l, source, recipient), l.kit(), RenderTarget.PREVIEW));
    }

    /** The chosen recipient's message, sent to the signed-in person only (see {@link TestSendService}). */
    public TestSendService.Result testSend(Actor actor, TenantId tenant, Source source, Recipient recipient) {
        Loaded l = load(actor, tenant, source);
        requireEveryValue(l, source, List.of(recipient));
        TemplateContent content = l.template().content().withSampleData(data(l, source, recipient));
        return testSend.send(actor, tenant, content);
    }

    /**
     * Renders the template for every recipient and queues the messages. {@code envelope} gives the
     * connection, From, kind and unsubscribe link; its subject, body and recipients are ignored. Throws
     * {@link InvalidInput} naming every variable no recipient has a value for, before rendering any.
     */
    public SendService.Result send(
            Actor actor, SendRequest envelope, Source source, List<Recipient> recipients, Cancellation cancellation) {
        Loaded l = load(actor, envelope.tenant(), source);
        requireEveryValue(l, source, recipients);
        List<SendService.Personal> messages = new ArrayList<>();
        List<SendService.Refused> refused = new ArrayList<>();
        for (Recipient r : recipients) {
            if (cancellation.isCancelled()) {
                throw new dev.mailroom.model.common.Conflict("Stopped before anything was queued.");
            }
            Rendering rendering = renderer.render(
                    new RenderRequest(l.template().content(), data(l, source, r), l.kit(), RenderTarget.SEND));
            if (!rendering.ok()) {
                refused.add(new SendService.Refused(
                        r.address(),
                        "The template does not render for this recipient: "
                                + rendering.problems().stream()
                                        .map(RenderProblem::describe)
                                        .collect(Collectors.joining("; "))));
            } else if (!rendering.missingVariables().isEmpty()) {
                refused.add(new SendService.Refused(
                        r.address(), "No value for " + braces(rendering.missingVariables()) + "."));
            } else {
                // The logo is referred to by cid: in the HTML and travels inside the message.
                messages.add(new SendService.Personal(
                        r.address(),
                        rendering.subject(),
                        rendering.text(),
                        Optional.of(rendering.html()),
                        rendering.inlineImages()));
            }
        }
        SendRequest named = new SendRequest(
                envelope.tenant(),
                envelope.connection(),
                envelope.fromAddress(),
                envelope.fromName(),
                List.of(),
                "Template: " + l.template().name(),
                "",
                Optional.empty(),
                envelope.transactional(),
                envelope.unsubscribeUrl(),
                List.of(),
                envelope.attachments());
        return send.sendPersonalised(actor, named, messages, refused);
    }

    private record Loaded(Template template, Optional<BrandKit> kit, List<TemplateVariable> variables) {}

    private Loaded load(Actor actor, TenantId tenant, Source source) {
        if (source.owner().tenant().filter(t -> !t.equals(tenant)).isPresent()) {
            throw new PermissionDenied("A client sends its own templates and the agency library's only.");
        }
        record Read(Template template, Optional<BrandKit> kit) {}
        Read read = tx.inTransaction(() -> {
            access.require(actor, tenant, Permission.SENDING);
            Template t = templates
                    .find(source.owner(), source.template())
                    .orElseThrow(() -> new NotFound("No such template, or you have no access to it."));
            return new Read(t, brandKits.find(tenant));
        });
        return new Loaded(
                read.template(),
                read.kit(),
                renderer.variablesToFill(read.template().content()));
    }

    /** Every variable has a value for every recipient, or the sample's for everyone. */
    private static void requireEveryValue(Loaded l, Source source, List<Recipient> recipients) {
        List<String> missing = new ArrayList<>();
        for (TemplateVariable v : l.variables()) {
            if (source.fromSample().contains(v.name())) {
                if (!v.hasSample()) {
                    missing.add(v.name());
                }
                continue;
            }
            if (recipients.stream().anyMatch(r -> !r.values().containsKey(v.name()))) {
                missing.add(v.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInput(
                    "variables",
                    "No value for " + braces(missing)
                            + ": map a column of the recipients' file to each, or give one value for everyone.");
        }
    }

    private static String data(Loaded l, Source source, Recipient r) {
        Map<String, String> raw = new LinkedHashMap<>();
        for (TemplateVariable v : l.variables()) {
            if (source.fromSample().contains(v.name()) && v.hasSample()) {
                raw.put(v.name(), v.sampleJson());
            }
        }
        return TemplateData.json(r.values(), raw);
    }

    static String braces(List<String> names) {
        return names.stream().map(n -> "{{" + n + "}}").collect(Collectors.joining(", "));
    }
}
