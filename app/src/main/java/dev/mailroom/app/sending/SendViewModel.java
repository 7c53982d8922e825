package dev.mailroom.app.sending;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Csv;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.Attachments;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.ConnectionService;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxService;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.templates.Rendering;
import dev.mailroom.model.templates.TemplateSendService;
import dev.mailroom.model.templates.TemplateSendService.Choice;
import dev.mailroom.model.templates.TemplateSendService.Recipient;
import dev.mailroom.model.templates.TemplateVariable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The send dialog's state and commands, without a window. Two ways to write the message: by hand (a
 * subject and a body for everyone) or from a saved template (the tenant's or the agency library's),
 * whose variables are filled per recipient from the columns of the recipients' CSV, one value for
 * everyone, or the template's own sample value. Variables left without any are named before a send
 * is allowed. The preview renders one recipient at a time (first, next, a chosen row) with the brand
 * kit; a test send sends that recipient's message to the signed-in person.
 *
 * <p>Field problems are data in {@link #errors()}; after the first Send they are checked again as the
 * person types, so a fixed problem disappears at once.
 */
public final class SendViewModel {
    /** Field names shown next to their fields (the send use case's names, and the dialog's own). */
    static final Set<String> FIELDS = Set.of(
            "connection",
            "from",
            "recipients",
            "subject",
            "body",
            "unsubscribeUrl",
            "template",
            "variables",
            "attachments");

    /** The use cases the dialog calls. */
    public record UseCases(
            ConnectionService connections,
            Function<TenantId, List<String>> sendingDomains,
            SendService send,
            TemplateSendService templates,
            OutboxService outbox) {}

    /** How one of the template's variables gets its value. */
    public static final class Mapping {
        private final TemplateVariable variable;
        private final StringProperty column = new SimpleStringProperty("");
        private final StringProperty value = new SimpleStringProperty("");
        private final BooleanProperty useSample = new SimpleBooleanProperty();

        Mapping(TemplateVariable variable) {
            this.variable = variable;
            useSample.set(!variable.scalar() && variable.hasSample());
        }

        public TemplateVariable variable() {
            return variable;
        }

        /** The CSV column that fills it, "" for none. */
        public StringProperty column() {
            return column;
        }

        /** One value for every recipient, used when no column is chosen. */
        public StringProperty value() {
            return value;
        }

        /** The template's sample value for everyone (a list of steps that is the same for all). */
        public BooleanProperty useSample() {
            return useSample;
        }

        boolean filled() {
            return !column.get().isEmpty()
                    || (useSample.get() && variable.hasSample())
                    || !value.get().isEmpty();
        }
    }

    private final UseCases useCases;
    private final Actor actor;
    private final TenantId tenant;
    private final BackgroundRunner runner;
    private final Clock clock;
    private final Runnable wakeSender;
    private final Consumer<Runnable> later;

    private final ObservableList<Connection> connections = FXCollections.observableArrayList();
    private final ObjectProperty<Connection> connection = new SimpleObjectProperty<>();
    private final ObservableList<String> domains = FXCollections.observableArrayList();
    private final StringProperty domain = new SimpleStringProperty();
    private final StringProperty from = new SimpleStringProperty("");
    private final StringProperty fromName = new SimpleStringProperty("");
    private final BooleanProperty fromTemplate = new SimpleBooleanProperty(true);
    private final ObservableList<Choice> templates = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> template = new SimpleObjectProperty<>();
    private final ObservableList<Mapping> mappings = FXCollections.observableArrayList();
    private final StringProperty missingVariables = new SimpleStringProperty("");
    private final StringProperty typedRecipients = new SimpleStringProperty("");
    private final ObjectProperty<List<RecipientCsv.Recipient>> csvRows = new SimpleObjectProperty<>(List.of());
    private final ObservableList<String> columns = FXCollections.observableArrayList();
    private final StringProperty csvSummary = new SimpleStringProperty("");
    private final ObservableList<String> csvErrors = FXCollections.observableArrayList();
    private java.util.function.BiConsumer<String, List<String>> onCsvLoaded = (name, addresses) -> {};
    private final StringProperty subject = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty html = new SimpleStringProperty("");
    private final BooleanProperty transactional = new SimpleBooleanProperty(true);
    private final StringProperty unsubscribe = new SimpleStringProperty("");
    private final ObservableList<Attachment> attachments = FXCollections.observableArrayList();
    private final StringProperty attachmentsSummary = new SimpleStringProperty("");

    private final IntegerProperty previewRow = new SimpleIntegerProperty(0);
    private final IntegerProperty recipientCount = new SimpleIntegerProperty(0);
    private final StringProperty previewRecipient = new SimpleStringProperty("");
    private final StringProperty previewSubject = new SimpleStringProperty("");
    private final StringProperty previewHtml = new SimpleStringProperty("");
    private final StringProperty previewText = new SimpleStringProperty("");
    private final StringProperty previewNotes = new SimpleStringProperty("");
    private final BooleanProperty mobile = new SimpleBooleanProperty();

    private final FieldErrors errors = new FieldErrors(FIELDS);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty testResult = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty attachmentsBusy = new SimpleBooleanProperty();
    /** Why the files just chosen were not attached; cleared by the next choice. */
    private final StringProperty attachProblem = new SimpleStringProperty("");

    private final BooleanProperty sent = new SimpleBooleanProperty();
    private final BooleanProperty watching = new SimpleBooleanProperty();
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final ObservableList<SendResultRow> results = FXCollections.observableArrayList();
    private boolean attempted;
    private long previewSeq;

    /**
     * @param later runs a step a moment later on the FX thread (the outbox is read again ~0.4 s after
     *     each look while the sender works); tests pass one that keeps the steps to run them by hand
     */
    public SendViewModel(
            UseCases useCases,
            Actor actor,
            TenantId tenant,
            BackgroundRunner runner,
            Clock clock,
            Runnable wakeSender,
            Consumer<Runnable> later) {
        this.useCases = useCases;
        this.actor = actor;
        this.tenant = tenant;
        this.runner = runner;
        this.clock = clock;
        this.wakeSender = wakeSender;
        this.later = later;
        domain.addListener((o, was, d) -> {
            if (d != null && (from.get().isBlank() || from.get().endsWith("@" + was))) {
                from.set("hello@" + d);
            }
        });
        template.addListener((o, was, t) -> {
            mappings.setAll(
                    t == null
                            ? List.of()
                            : t.variables().stream().map(Mapping::new).toList());
            autoMap();
            mappings.forEach(this::watch);
            updateMissing();
            refreshPreview();
        });
        for (Observable p : List.<Observable>of(
                connection,
                from,
                fromTemplate,
                template,
                typedRecipients,
                csvRows,
                subject,
                text,
                html,
                transactional,
                unsubscribe)) {
            p.addListener(o -> revalidate());
        }
        attachments.addListener((Observable o) -> {
            long total = attachments.stream().mapToLong(Attachment::size).sum();
            attachmentsSummary.set(
                    attachments.isEmpty()
                            ? ""
                            : attachments.size() + (attachments.size() == 1 ? " file, " : " files, ")
                                    + Attachments.size(total) + " in all; every recipient gets "
                                    + (attachments.size() == 1 ? "it." : "them."));
            revalidate();
        });
        typedRecipients.addListener(o -> recount());
        csvRows.addListener(o -> recount());
        previewRow.addListener(o -> refreshPreview());
        for (Observable p : List.<Observable>of(fromTemplate, subject, text, html)) {
            p.addListener(o -> refreshPreview());
        }
    }

    // --- loading -------------------------------------------------------------------------------

    /** Reads the connections, sending domains and templates to choose from. */
    public void load() {
        load(() -> {});
    }

    /** As {@link #load()}, then {@code then} once the choices are in. */
    public void load(Runnable then) {
        record Choices(List<Connection> connections, List<String> domains, List<Choice> templates) {}
        runner.run(Task.of(
                "Loading connections, domains and templates",
                p -> new Choices(
                        useCases.connections().list(actor, tenant),
                        useCases.sendingDomains().apply(tenant),
                        useCases.templates().choices(actor, tenant)),
                c -> {
                    connections.setAll(c.connections());
                    if (!c.connections().isEmpty()) {
                        connection.set(c.connections().get(0));
                    }
                    domains.setAll(c.domains());
                    if (!c.domains().isEmpty()) {
                        domain.set(c.domains().get(0));
                    }
                    templates.setAll(c.templates());
                    fromTemplate.set(!c.templates().isEmpty());
                    if (c.connections().isEmpty()) {
                        status.set("This client has no connection yet: add one under Connections first.");
                    } else if (c.domains().isEmpty()) {
                        status.set("This client has no sending domain with a signing DKIM key yet: "
                                + "add one under Domains first.");
                    }
                    then.run();
                },
                errors::show));
    }

    /** Reads a recipients' file in the background: a list of 20,000 rows must not freeze the form. */
    public void loadCsv(Path file) {
        String name = file.getFileName().toString();
        csvSummary.set("Reading " + name + "…");
        runner.run(Task.of(
                "Reading " + name,
                p -> RecipientCsv.parse(Csv.read(file)),
                parsed -> useCsv(name, parsed),
                err -> csvSummary.set(
                        "Could not read " + name + ": " + dev.mailroom.app.common.Dialogs.messageFor(err))));
    }

    /**
     * Reads the chosen files in the background and adds them, or says why not: a name or type mail cannot
     * carry, or files too large, are refused before their bytes are read, and none of the batch is added.
     */
    public void attach(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        List<Attachment> before = List.copyOf(attachments);
        attachProblem.set("");
        attachmentsBusy.set(true);
        runner.run(Task.of(
                files.size() == 1 ? "Reading " + files.get(0).getFileName() : "Reading " + files.size() + " files",
                p -> readAttachments(files, before, p),
                read -> {
                    attachmentsBusy.set(false);
                    attachments.addAll(read);
                },
                err -> {
                    attachmentsBusy.set(false);
                    attachProblem.set(
                            err instanceof InvalidInput invalid
                                            && invalid.problems().containsKey("attachments")
                                    ? invalid.problems().get("attachments")
                                    : "Could not read the file: " + dev.mailroom.app.common.Dialogs.messageFor(err));
                }));
    }

    private static List<Attachment> readAttachments(
            List<Path> files, List<Attachment> before, dev.mailroom.app.common.Progress p) throws Exception {
        long total = before.stream().mapToLong(Attachment::size).sum();
        for (Path f : files) {
            String name = Attachments.baseName(f.toString());
            Optional<String> bad = Attachments.nameProblem(name);
            if (bad.isPresent()) {
                throw new InvalidInput("attachments", bad.get());
            }
            total += java.nio.file.Files.size(f);
        }
        if (total > Attachments.MAX_TOTAL_BYTES) {
            throw new InvalidInput(
                    "attachments",
                    "These files would make " + Attachments.size(total)
                            + " of attachments; a message can carry at most "
                            + Attachments.size(Attachments.MAX_TOTAL_BYTES) + ". Send a link to large files instead.");
        }
        List<Attachment> read = new ArrayList<>();
        for (Path f : files) {
            p.checkCancelled();
            read.add(Attachment.named(Attachments.baseName(f.toString()), java.nio.file.Files.readAllBytes(f)));
        }
        List<Attachment> all = new ArrayList<>(before);
        all.addAll(read);
        Optional<String> problem = Attachments.problem(all);
        if (problem.isPresent()) {
            throw new InvalidInput("attachments", problem.get());
        }
        return read;
    }

    public void removeAttachment(Attachment a) {
        attachments.remove(a);
        attachProblem.set("");
    }

    /**
     * Called with a newly read file's name and addresses (the dialog has them checked in full; {@link
     * #dropCsvRecipients} takes the bad ones out).
     */
    public void setOnCsvLoaded(java.util.function.BiConsumer<String, List<String>> onCsvLoaded) {
        this.onCsvLoaded = onCsvLoaded;
    }

    /** Leaves the file's rows with these addresses (as written) out of the send. */
    public void dropCsvRecipients(Set<String> addresses) {
        List<RecipientCsv.Recipient> kept = csvRows.get().stream()
                .filter(r -> !addresses.contains(r.address()))
                .toList();
        int dropped = csvRows.get().size() - kept.size();
        if (dropped == 0) {
            return;
        }
        csvRows.set(kept);
        csvSummary.set(csvSummary.get() + " " + dropped
                + (dropped == 1 ? " undeliverable recipient" : " undeliverable recipients") + " taken out; "
                + kept.size() + " left.");
        previewRow.set(0);
        refreshPreview();
    }

    void useCsv(String name, RecipientCsv.Parsed parsed) {
        Set<String> header = new LinkedHashSet<>();
        parsed.recipients().forEach(r -> header.addAll(r.variables().keySet()));
        columns.setAll(header);
        typedRecipients.set("");
        csvRows.set(parsed.recipients());
        csvSummary.set(name + ": " + parsed.recipients().size() + " recipient(s)"
                + (header.isEmpty() ? "" : ", columns " + String.join(", ", header))
                + (parsed.errors().isEmpty()
                        ? "."
                        : "; " + parsed.errors().size() + " row(s) cannot be used and are left out:"));
        csvErrors.setAll(parsed.errors().stream()
                .map(r -> "Line " + r.line() + ": " + r.problem() + " — " + r.text())
                .toList());
        autoMap();
        updateMissing();
        previewRow.set(0);
        refreshPreview();
        onCsvLoaded.accept(
                name,
                parsed.recipients().stream()
                        .map(RecipientCsv.Recipient::address)
                        .toList());
    }

    /** A column named like the variable (or its last part: "firstName", "first_name") fills it. */
    private void autoMap() {
        for (Mapping m : mappings) {
            if (!m.column().get().isEmpty() && columns.contains(m.column().get())) {
                continue;
            }
            m.column().set("");
            if (!m.variable().scalar()) {
                continue;
            }
            String full = squash(m.variable().name());
            String last =
                    squash(m.variable().name().substring(m.variable().name().lastIndexOf('.') + 1));
            columns.stream()
                    .filter(c -> squash(c).equals(full))
                    .findFirst()
                    .or(() ->
                            columns.stream().filter(c -> squash(c).equals(last)).findFirst())
                    .ifPresent(m.column()::set);
        }
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private void watch(Mapping m) {
        for (Observable p : List.<Observable>of(m.column(), m.value(), m.useSample())) {
            p.addListener(o -> {
                updateMissing();
                revalidate();
                refreshPreview();
            });
        }
    }

    private void updateMissing() {
        List<String> missing = mappings.stream()
                .filter(m -> !m.filled())
                .map(m -> "{{" + m.variable().name() + "}}")
                .toList();
        missingVariables.set(
                missing.isEmpty()
                        ? ""
                        : "No value yet for " + String.join(", ", missing)
                                + ": choose a column for each, or type one value for everyone.");
    }

    private void recount() {
        recipientCount.set(recipientAddresses().size());
        if (previewRow.get() >= recipientCount.get()) {
            previewRow.set(0);
        }
    }

    // --- preview --------------------------------------------------------------------------------

    public void firstRow() {
        previewRow.set(0);
    }

    public void nextRow() {
        if (recipientCount.get() > 0) {
            previewRow.set((previewRow.get() + 1) % recipientCount.get());
        }
    }

    /** Shows the recipient at this position (1 is the first), if there is one. */
    public void chooseRow(int oneBased) {
        if (oneBased >= 1 && oneBased <= recipientCount.get()) {
            previewRow.set(oneBased - 1);
        }
    }

    /** Renders the current recipient's message in the background (templates); by hand it is the typed text. */
    public void refreshPreview() {
        List<Recipient> all = recipients();
        Optional<Recipient> who =
                all.isEmpty() ? Optional.empty() : Optional.of(all.get(Math.min(previewRow.get(), all.size() - 1)));
        previewRecipient.set(
                who.map(r -> "To " + r.address() + " · recipient " + (previewRow.get() + 1) + " of " + all.size())
                        .orElse("No recipients yet: the preview uses the values for everyone."));
        Choice t = template.get();
        if (!fromTemplate.get() || t == null) {
            previewSubject.set(subject.get());
            previewText.set(text.get());
            previewHtml.set(html.get());
            previewNotes.set("");
            return;
        }
        Recipient r = who.orElse(new Recipient("", fixedValues()));
        TemplateSendService.Source source = source(t);
        long mine = ++previewSeq;
        runner.run(Task.of(
                "Rendering the preview",
                p -> useCases.templates().preview(actor, tenant, source, r),
                rendering -> {
                    // Renders finish out of order while the person types; only the newest is shown.
                    if (mine == previewSeq) {
                        showPreview(rendering);
                    }
                },
                err -> previewNotes.set(dev.mailroom.app.common.Dialogs.messageFor(err))));
    }

    private void showPreview(Rendering r) {
        previewSubject.set(r.subject());
        previewHtml.set(r.html());
        previewText.set(r.text());
        List<String> notes = new ArrayList<>();
        r.problems().forEach(p -> notes.add(p.describe()));
        if (!r.missingVariables().isEmpty()) {
            notes.add("No value for "
                    + String.join(
                            ", ",
                            r.missingVariables().stream()
                                    .map(n -> "{{" + n + "}}")
                                    .toList())
                    + " for this recipient.");
        }
        notes.addAll(r.warnings());
        previewNotes.set(String.join("\n", notes));
    }

    // --- sending --------------------------------------------------------------------------------

    /** Sends the current recipient's message to the signed-in person (templates only). */
    public void testSend() {
        Choice t = template.get();
        if (!fromTemplate.get() || t == null) {
            testResult.set("Choose a template first: a test sends the chosen recipient's message to you.");
            return;
        }
        List<Recipient> all = recipients();
        Recipient r = all.isEmpty() ? new Recipient("", fixedValues()) : all.get(previewRow.get());
        testResult.set("Sending a test to you…");
        runner.run(Task.of(
                "Sending a test to you",
                p -> useCases.templates().testSend(actor, tenant, source(t), r),
                result -> testResult.set(result.message()),
                err -> testResult.set(dev.mailroom.app.common.Dialogs.messageFor(err))));
    }

    /** Checks the form; when it passes, queues the messages and watches them leave. */
    public void send() {
        if (busy.get()) {
            return;
        }
        attempted = true;
        errors.clear();
        Map<String, String> problems = check();
        if (!problems.isEmpty()) {
            errors.setAll(problems);
            return;
        }
        busy.set(true);
        status.set("Queuing " + recipientCount.get() + " message(s)…");
        Connection c = connection.get();
        Optional<String> link = transactional.get() || unsubscribe.get().isBlank()
                ? Optional.empty()
                : Optional.of(unsubscribe.get().strip());
        Choice t = template.get();
        if (fromTemplate.get()) {
            SendRequest envelope = new SendRequest(
                    tenant,
                    c.id(),
                    from.get(),
                    fromName.get(),
                    List.of(),
                    "",
                    "",
                    Optional.empty(),
                    transactional.get(),
                    link,
                    List.of(),
                    List.copyOf(attachments));
            List<Recipient> rs = recipients();
            TemplateSendService.Source source = source(t);
            queue(p -> useCases.templates().send(actor, envelope, source, rs, new Cancellation()));
        } else {
            SendRequest request = new SendRequest(
                    tenant,
                    c.id(),
                    from.get(),
                    fromName.get(),
                    recipientAddresses(),
                    subject.get(),
                    text.get(),
                    html.get().isBlank() ? Optional.empty() : Optional.of(html.get()),
                    transactional.get(),
                    link,
                    List.of(),
                    List.copyOf(attachments));
            queue(p -> useCases.send().send(actor, request));
        }
    }

    private void queue(dev.mailroom.app.common.Work<SendService.Result> work) {
        runner.run(Task.of(
                "Queuing messages",
                work,
                result -> {
                    busy.set(false);
                    sent.set(true);
                    wakeSender.run();
                    startWatching(result);
                },
                err -> {
                    busy.set(false);
                    status.set("");
                    errors.show(err);
                }));
    }

    /** What the form lacks, by field; the use cases check the rest (verified domain, DKIM key, …). */
    Map<String, String> check() {
        Map<String, String> p = new LinkedHashMap<>();
        if (connection.get() == null) {
            p.put("connection", "Choose the connection to send through.");
        }
        if (!Text.looksLikeEmail(Text.trimmed(from.get()))) {
            p.put("from", "Enter the From address, such as hello@yourdomain.com.");
        }
        if (recipientAddresses().isEmpty()) {
            p.put("recipients", "Add at least one recipient, or choose a CSV file.");
        }
        if (fromTemplate.get()) {
            if (template.get() == null) {
                p.put("template", "Choose the template to send.");
            } else if (!missingVariables.get().isEmpty()) {
                p.put("variables", missingVariables.get());
            }
        } else {
            if (subject.get().isBlank()) {
                p.put("subject", "Enter a subject.");
            }
            if (text.get().isBlank() && html.get().isBlank()) {
                p.put("body", "Write the message.");
            }
        }
        Attachments.problem(attachments).ifPresent(problem -> p.put("attachments", problem));
        if (!transactional.get() && !unsubscribe.get().strip().startsWith("https://")) {
            p.put(
                    "unsubscribeUrl",
                    "Messages that are not transactional need an https unsubscribe link (one-click, RFC 8058).");
        }
        return p;
    }

    /** After the first Send, the form is checked again at every change, so fixed problems go away. */
    private void revalidate() {
        if (attempted && !busy.get()) {
            errors.setAll(check());
        }
    }

    private TemplateSendService.Source source(Choice t) {
        Set<String> fromSample = new LinkedHashSet<>();
        for (Mapping m : mappings) {
            if (m.column().get().isEmpty() && m.useSample().get()) {
                fromSample.add(m.variable().name());
            }
        }
        return new TemplateSendService.Source(t.template().owner(), t.template().id(), fromSample);
    }

    private Map<String, String> fixedValues() {
        Map<String, String> v = new HashMap<>();
        for (Mapping m : mappings) {
            if (m.column().get().isEmpty()
                    && !m.useSample().get()
                    && !m.value().get().isEmpty()) {
                v.put(m.variable().name(), m.value().get());
            }
        }
        return v;
    }

    /** Every recipient with their values: from the CSV's rows, or the typed addresses with the values for everyone. */
    List<Recipient> recipients() {
        Map<String, String> fixed = fixedValues();
        if (typedRecipients.get().isBlank() && !csvRows.get().isEmpty()) {
            List<Recipient> out = new ArrayList<>();
            for (RecipientCsv.Recipient row : csvRows.get()) {
                Map<String, String> values = new HashMap<>(fixed);
                for (Mapping m : mappings) {
                    if (!m.column().get().isEmpty()) {
                        values.put(
                                m.variable().name(),
                                row.variables().getOrDefault(m.column().get(), ""));
                    }
                }
                out.add(new Recipient(row.address(), values));
            }
            return out;
        }
        return typed().stream().map(a -> new Recipient(a, fixed)).toList();
    }

    private List<String> recipientAddresses() {
        if (typedRecipients.get().isBlank() && !csvRows.get().isEmpty()) {
            return csvRows.get().stream().map(RecipientCsv.Recipient::address).toList();
        }
        return typed();
    }

    private List<String> typed() {
        List<String> out = new ArrayList<>();
        for (String a : typedRecipients.get().split("[,;\\s]+")) {
            if (!a.isBlank()) {
                out.add(a.strip());
            }
        }
        return out;
    }

    // --- watching the outbox ---------------------------------------------------------------------

    private void startWatching(SendService.Result result) {
        Map<OutboxId, Integer> rowOf = new HashMap<>();
        results.clear();
        for (SendService.Refused r : result.refused()) {
            results.add(new SendResultRow(r.address(), "Not queued", r.problem()));
        }
        for (OutboxMessage m : result.queued()) {
            rowOf.put(m.id(), results.size());
            results.add(row(m));
        }
        watching.set(!rowOf.isEmpty());
        showProgress(rowOf, 0);
        if (watching.get()) {
            poll(rowOf);
        }
    }

    private void poll(Map<OutboxId, Integer> rowOf) {
        runner.run(Task.of(
                "Watching the outbox",
                p -> useCases.outbox().list(actor, tenant, Optional.empty()),
                list -> {
                    if (!watching.get()) {
                        return;
                    }
                    for (OutboxMessage m : list) {
                        Integer i = rowOf.get(m.id());
                        if (i != null) {
                            results.set(i, row(m));
                        }
                    }
                    int finished = (int) rowOf.values().stream()
                            .filter(i -> isFinished(results.get(i).state()))
                            .count();
                    showProgress(rowOf, finished);
                    if (finished == rowOf.size()) {
                        watching.set(false);
                        return;
                    }
                    later.accept(() -> {
                        if (watching.get()) {
                            poll(rowOf);
                        }
                    });
                },
                err -> {
                    watching.set(false);
                    status.set("Could not read the outbox: " + dev.mailroom.app.common.Dialogs.messageFor(err));
                }));
    }

    /** Stops following the send; the messages stay in the outbox and leave in the background. */
    public void stopWatching() {
        watching.set(false);
        status.set(status.get() + " Stopped watching: messages not sent yet stay in the outbox "
                + "and Mailroom keeps sending them in the background. See them under Outbox.");
    }

    private void showProgress(Map<OutboxId, Integer> rowOf, int finished) {
        int total = rowOf.size();
        progress.set(total == 0 ? 1 : (double) finished / total);
        long sentCount = results.stream()
                .filter(r -> r.state().equals(OutboxState.SENT.label()))
                .count();
        long refused = results.size() - total;
        String line = finished + " of " + total + " handled: " + sentCount + " sent"
                + (refused > 0 ? "; " + refused + " not queued" : "") + ".";
        status.set(finished == total ? "Done. " + line : line);
    }

    private static boolean isFinished(String state) {
        return !state.equals(OutboxState.QUEUED.label())
                && !state.equals(OutboxState.SENDING.label())
                && !state.equals(OutboxState.TRANSMITTING.label());
    }

    private SendResultRow row(OutboxMessage m) {
        String reason = m.state() == OutboxState.DEFERRED
                ? "Tried again " + OutboxViewModel.in(java.time.Duration.between(clock.instant(), m.nextAttemptAt()))
                        + ". " + m.note()
                : m.note();
        return new SendResultRow(m.to(), m.state().label(), reason);
    }

    // --- properties -------------------------------------------------------------------------------

    public ObservableList<Attachment> attachments() {
        return attachments;
    }

    public ReadOnlyStringProperty attachmentsSummary() {
        return attachmentsSummary;
    }

    public ReadOnlyStringProperty attachProblem() {
        return attachProblem;
    }

    public ReadOnlyBooleanProperty attachmentsBusy() {
        return attachmentsBusy;
    }

    public ObservableList<Connection> connections() {
        return connections;
    }

    public ObjectProperty<Connection> connection() {
        return connection;
    }

    public ObservableList<String> domains() {
        return domains;
    }

    public StringProperty domain() {
        return domain;
    }

    public StringProperty from() {
        return from;
    }

    public StringProperty fromName() {
        return fromName;
    }

    /** True: the message is a saved template; false: a subject and body typed here. */
    public BooleanProperty fromTemplate() {
        return fromTemplate;
    }

    public ObservableList<Choice> templates() {
        return templates;
    }

    public ObjectProperty<Choice> template() {
        return template;
    }

    public ObservableList<Mapping> mappings() {
        return mappings;
    }

    /** A sentence naming the variables without a value, "" when every one has one. */
    public ReadOnlyStringProperty missingVariables() {
        return missingVariables;
    }

    /** Addresses typed by hand; when blank, the CSV's recipients are used. */
    public StringProperty typedRecipients() {
        return typedRecipients;
    }

    /** The CSV's columns besides the address: what a variable can be filled from. */
    public ObservableList<String> columns() {
        return columns;
    }

    public ReadOnlyStringProperty csvSummary() {
        return csvSummary;
    }

    public ObservableList<String> csvErrors() {
        return csvErrors;
    }

    public StringProperty subject() {
        return subject;
    }

    public StringProperty text() {
        return text;
    }

    public StringProperty html() {
        return html;
    }

    public BooleanProperty transactional() {
        return transactional;
    }

    public StringProperty unsubscribe() {
        return unsubscribe;
    }

    /** The recipient the preview shows, from 0. */
    public ReadOnlyIntegerProperty previewRow() {
        return previewRow;
    }

    public ReadOnlyIntegerProperty recipientCount() {
        return recipientCount;
    }

    public ReadOnlyStringProperty previewRecipient() {
        return previewRecipient;
    }

    public ReadOnlyStringProperty previewSubject() {
        return previewSubject;
    }

    /** The preview's HTML: remote content blocked, the logo inside. Empty by hand without HTML. */
    public ReadOnlyStringProperty previewHtml() {
        return previewHtml;
    }

    public ReadOnlyStringProperty previewText() {
        return previewText;
    }

    /** Problems, missing values and warnings of the shown recipient's message, one a line. */
    public ReadOnlyStringProperty previewNotes() {
        return previewNotes;
    }

    public BooleanProperty mobile() {
        return mobile;
    }

    public FieldErrors errors() {
        return errors;
    }

    /** What the dialog is doing or what it needs ("Done. 2 of 2 handled: 2 sent."). */
    public ReadOnlyStringProperty status() {
        return status;
    }

    public ReadOnlyStringProperty testResult() {
        return testResult;
    }

    public ReadOnlyBooleanProperty busy() {
        return busy;
    }

    /** True once a send was queued: the form is done, the results show. */
    public ReadOnlyBooleanProperty sent() {
        return sent;
    }

    public ReadOnlyBooleanProperty watching() {
        return watching;
    }

    public DoubleProperty progress() {
        return progress;
    }

    public ObservableList<SendResultRow> results() {
        return results;
    }
}
