package dev.mailroom.app.cli;

import static dev.mailroom.app.cli.Output.row;

import dev.mailroom.model.common.Cancellation;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.Table;
import dev.mailroom.model.sending.Attachment;
import dev.mailroom.model.sending.Attachments;
import dev.mailroom.model.sending.Connection;
import dev.mailroom.model.sending.OutboxId;
import dev.mailroom.model.sending.OutboxMessage;
import dev.mailroom.model.sending.OutboxState;
import dev.mailroom.model.sending.RecipientCsv;
import dev.mailroom.model.sending.SendRequest;
import dev.mailroom.model.sending.SendService;
import dev.mailroom.model.templates.TemplateSendService;
import dev.mailroom.model.templates.TemplateSendService.Choice;
import dev.mailroom.model.templates.TemplateSendService.Recipient;
import dev.mailroom.model.templates.TemplateVariable;
import dev.mailroom.model.tenants.Tenant;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "send",
        mixinStandardHelpOptions = true,
        description = {
            "Sends a template to recipients from a CSV file (an email column; other columns named like the",
            "template's variables give each recipient's values) or typed with --to, through the outbox with",
            "its suppressions, limits and retries. Shows progress and writes a result file (CSV: address,",
            "state, note). While a console has the store open, its sender sends and this run watches.",
            "Exits 7 when a recipient was refused or not sent."
        })
final class SendCommand extends ClientCommand {
    private static final Set<OutboxState> UNDER_WAY =
            EnumSet.of(OutboxState.QUEUED, OutboxState.SENDING, OutboxState.TRANSMITTING);

    @Option(
            names = "--template",
            required = true,
            paramLabel = "NAME",
            description = "The client's or the agency library's template.")
    String template;

    @Option(
            names = "--connection",
            required = true,
            paramLabel = "NAME",
            description = "The relay or provider connection.")
    String connection;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "EMAIL",
            description = "The From address, on a verified domain.")
    String from;

    @Option(names = "--from-name", paramLabel = "NAME")
    String fromName = "";

    @Option(names = "--csv", paramLabel = "FILE", description = "Recipients and their values.")
    Path csv;

    @Option(names = "--to", paramLabel = "EMAIL", description = "A recipient; repeat for several (instead of --csv).")
    List<String> to = new ArrayList<>();

    @Option(
            names = "--var",
            paramLabel = "NAME=VALUE",
            description = "A value for every recipient; repeat for several.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--use-samples", description = "Variables given no value take the template's sample for everyone.")
    boolean useSamples;

    @Option(
            names = "--marketing",
            paramLabel = "UNSUBSCRIBE_URL",
            description = "Marketing mail with this unsubscribe link (default: transactional).")
    String unsubscribeUrl;

    @Option(
            names = "--attach",
            paramLabel = "FILE",
            description = "A file every recipient gets attached (a PDF, a calendar invitation); repeat for several.")
    List<Path> attach = new ArrayList<>();

    @Option(
            names = "--result",
            paramLabel = "FILE",
            description = "Where the result CSV goes (default: mailroom-send-<time>.csv here).")
    Path result;

    @Option(names = "--no-wait", description = "Queue and return without watching the messages go.")
    boolean noWait;

    @Option(
            names = "--wait-seconds",
            paramLabel = "N",
            description = "Stop watching after N seconds (default: ${DEFAULT-VALUE}).")
    int waitSeconds = 600;

    /** The --attach files, read after their names, types and total size are checked (nothing read in vain). */
    private List<Attachment> attachments() throws IOException {
        long total = 0;
        for (Path f : attach) {
            String name = Attachments.baseName(f.toString());
            Optional<String> bad = Attachments.nameProblem(name);
            if (bad.isPresent()) {
                throw new CommandProblem(bad.get());
            }
            if (!Files.isRegularFile(f)) {
                throw new CommandProblem("There is no file " + f + " to attach.");
            }
            total += Files.size(f);
        }
        if (total > Attachments.MAX_TOTAL_BYTES) {
            throw new CommandProblem("The files to attach make " + Attachments.size(total)
                    + "; a message carries at most " + Attachments.size(Attachments.MAX_TOTAL_BYTES) + ".");
        }
        List<Attachment> files = new ArrayList<>();
        for (Path f : attach) {
            files.add(Attachment.named(Attachments.baseName(f.toString()), Files.readAllBytes(f)));
        }
        Attachments.problem(files).ifPresent(p -> {
            throw new CommandProblem(p);
        });
        return files;
    }

    @Override
    void checkArguments() {
        if ((csv == null) == to.isEmpty()) {
            throw new CommandProblem("Give the recipients either with --csv FILE or with --to EMAIL, not both.");
        }
    }

    @Override
    int run(CliContext ctx, Tenant t) throws Exception {
        Connection c = ConnectionsCommand.find(ctx, t, connection);
        TemplateSendService sending = ctx.services().templateSend();
        String key = template.strip().toLowerCase(Locale.ROOT);
        List<Choice> choices = sending.choices(ctx.actor(), t.id());
        Choice choice = choices.stream()
                .filter(ch -> ch.template().owner().isAgency() == false
                        && ch.template().name().toLowerCase(Locale.ROOT).equals(key))
                .findFirst()
                .or(() -> choices.stream()
                        .filter(ch ->
                                ch.template().name().toLowerCase(Locale.ROOT).equals(key))
                        .findFirst())
                .orElseThrow(() -> new NotFound(
                        "No template \"" + template.strip() + "\" for " + t.name() + " or in the agency library."));

        List<Recipient> recipients = recipients(choice);
        Set<String> fromSample = new LinkedHashSet<>();
        if (useSamples) {
            for (TemplateVariable v : choice.variables()) {
                boolean given = vars.containsKey(v.name())
                        || recipients.stream().anyMatch(r -> r.values().containsKey(v.name()));
                if (!given) {
                    fromSample.add(v.name());
                }
            }
        }
        SendRequest envelope = new SendRequest(
                t.id(),
                c.id(),
                from,
                fromName,
                List.of(),
                "",
                "",
                Optional.empty(),
                unsubscribeUrl == null,
                Optional.ofNullable(unsubscribeUrl),
                List.of(),
                attachments());
        SendService.Result queued = sending.send(
                ctx.actor(),
                envelope,
                new TemplateSendService.Source(
                        choice.template().owner(), choice.template().id(), fromSample),
                recipients,
                new Cancellation());
        say(
                ctx,
                "Queued " + queued.queued().size() + " of " + recipients.size() + " with " + choice.label()
                        + (queued.refused().isEmpty()
                                ? "."
                                : "; " + queued.refused().size() + " refused."));

        Map<OutboxId, OutboxMessage> latest = new LinkedHashMap<>();
        queued.queued().forEach(m -> latest.put(m.id(), m));
        if (!noWait && !latest.isEmpty()) {
            watch(ctx, t, latest);
        }

        Path file = result != null
                ? result
                : Path.of("mailroom-send-"
                        + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                                .withZone(ZoneOffset.UTC)
                                .format(ctx.clock().instant())
                        + ".csv");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SendService.Refused r : queued.refused()) {
            rows.add(row("address", r.address(), "state", "Not queued", "note", r.problem()));
        }
        for (OutboxMessage m : latest.values()) {
            rows.add(row("address", m.to(), "state", m.state().label(), "note", m.note()));
        }
        writeResult(file, rows);
        long sent = latest.values().stream()
                .filter(m -> m.state() == OutboxState.SENT)
                .count();
        boolean allSent = queued.refused().isEmpty() && sent == latest.size();
        Map<String, Integer> byState = new LinkedHashMap<>();
        latest.values().forEach(m -> byState.merge(m.state().label(), 1, Integer::sum));
        if (!queued.refused().isEmpty()) {
            byState.put("Not queued", queued.refused().size());
        }
        Output.result(
                ctx,
                "Sent " + sent + " of " + recipients.size() + inWords(byState) + ". Result: " + file,
                row(
                        "recipients",
                        recipients.size(),
                        "sent",
                        sent,
                        "byState",
                        byState,
                        "resultFile",
                        file.toString(),
                        "messages",
                        rows));
        return allSent ? ExitCode.OK : ExitCode.NOT_ALL_GOOD;
    }

    private List<Recipient> recipients(Choice choice) throws IOException {
        List<Recipient> out = new ArrayList<>();
        if (csv == null) {
            for (String address : to) {
                out.add(new Recipient(address.strip(), vars));
            }
            return out;
        }
        RecipientCsv.Parsed parsed;
        try {
            parsed = RecipientCsv.parse(dev.mailroom.app.common.Csv.read(csv));
        } catch (IOException e) {
            throw new dev.mailroom.model.common.ExternalFailure("Could not read " + csv + ": " + e.getMessage(), e);
        }
        if (!parsed.errors().isEmpty()) {
            RecipientCsv.RowError first = parsed.errors().get(0);
            throw new CommandProblem(csv.getFileName() + ": " + parsed.errors().size()
                    + " bad row(s), nothing sent; line " + first.line() + ": " + first.problem());
        }
        Set<String> names = new LinkedHashSet<>();
        choice.variables().forEach(v -> names.add(v.name()));
        for (RecipientCsv.Recipient row : parsed.recipients()) {
            Map<String, String> values = new HashMap<>(vars);
            row.variables().forEach((column, value) -> {
                if (names.contains(column)) {
                    values.put(column, value);
                }
            });
            out.add(new Recipient(row.address(), values));
        }
        return out;
    }

    /**
     * Follows the messages until none is under way. On H2 this run sends them itself when no console has
     * the store open (it takes the one-console lock); otherwise the console's sender does. On PostgreSQL
     * it sends with its own lease, beside any console.
     */
    private void watch(CliContext ctx, Tenant t, Map<OutboxId, OutboxMessage> latest) throws InterruptedException {
        boolean sendHere = ctx.maySendHere();
        if (sendHere) {
            ctx.services().outbox().recoverAfterStop();
        } else {
            say(ctx, "A console has this store open: its sender sends them.");
        }
        Instant until = ctx.clock().instant().plus(Duration.ofSeconds(waitSeconds));
        String last = "";
        while (true) {
            if (sendHere) {
                ctx.services().outbox().drain(4);
            }
            for (OutboxMessage m : ctx.services().outboxes().list(ctx.actor(), t.id(), Optional.empty())) {
                latest.computeIfPresent(m.id(), (id, old) -> m);
            }
            long underWay = latest.values().stream()
                    .filter(m -> UNDER_WAY.contains(m.state()))
                    .count();
            long sent = latest.values().stream()
                    .filter(m -> m.state() == OutboxState.SENT)
                    .count();
            long deferred = latest.values().stream()
                    .filter(m -> m.state() == OutboxState.DEFERRED)
                    .count();
            String progress = "Sent " + sent + " of " + latest.size()
                    + (deferred > 0 ? ", " + deferred + " deferred (retried later)" : "")
                    + (underWay > 0 ? ", " + underWay + " under way" : "");
            if (ctx.terminal() && !ctx.json()) {
                ctx.err().print("\r" + progress + "   ");
                ctx.err().flush();
            } else if (!progress.equals(last) && !ctx.json()) {
                ctx.err().println(progress);
            }
            last = progress;
            if (underWay == 0 || ctx.clock().instant().isAfter(until)) {
                break;
            }
            Thread.sleep(sendHere ? 200 : 1000);
        }
        if (ctx.terminal() && !ctx.json()) {
            ctx.err().println();
        }
    }

    private static void say(CliContext ctx, String line) {
        if (!ctx.json()) {
            ctx.err().println(line);
        }
    }

    /**
     * The result file, through the one CSV writer (decision 0043): a cell a spreadsheet would run as a
     * formula (an address or a relay's note starting with =, +, -, @, tab or CR) is neutralised.
     */
    private static void writeResult(Path file, List<Map<String, Object>> rows) throws IOException {
        dev.mailroom.app.common.Csv.write(file, resultTable(rows));
    }

    static Table resultTable(List<Map<String, Object>> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            cells.add(List.of(text(r.get("address")), text(r.get("state")), text(r.get("note"))));
        }
        return new Table(List.of("address", "state", "note"), cells);
    }

    private static String text(Object v) {
        return v == null ? "" : v.toString();
    }

    /** " (2 sent, 1 not queued)"; nothing when every message is in one state. */
    static String inWords(Map<String, Integer> byState) {
        if (byState.size() <= 1) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        byState.forEach((state, n) -> parts.add(n + " " + state.toLowerCase(java.util.Locale.ROOT)));
        return " (" + String.join(", ", parts) + ")";
    }
}
