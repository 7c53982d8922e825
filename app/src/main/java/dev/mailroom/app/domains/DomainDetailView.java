package dev.mailroom.app.domains;

import dev.mailroom.app.common.Chip;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Icons;
import dev.mailroom.model.domains.DkimKeyInfo;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.blocklist.Blocklist;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
import dev.mailroom.model.domains.dkim.DkimAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The selected domain below the list: its records, DKIM keys and rotation, blocklists, and hand-off. */
final class DomainDetailView {
    private final DomainsViewModel vm;
    private final Supplier<Window> window;
    private final VBox content = new VBox(14);
    private final ScrollPane root = new ScrollPane(content);
    private final ProviderDomainViewModel provider;
    private Optional<dev.mailroom.model.domains.DomainId> providerFor = Optional.empty();

    DomainDetailView(DomainsViewModel vm, Supplier<Window> window) {
        this.vm = vm;
        this.window = window;
        this.provider = vm.providerDomains();
        content.setPadding(new Insets(12, 14, 14, 14));
        content.getStyleClass().add("domain-detail");
        root.setFitToWidth(true);
        root.setId("domain-detail");
        vm.selected().addListener((o, was, now) -> show(Optional.ofNullable(now)));
        vm.checking()
                .addListener(
                        (o, was, now) -> show(Optional.ofNullable(vm.selected().get())));
        show(Optional.empty());
    }

    Node root() {
        return root;
    }

    void show(Optional<DomainSummary> selection) {
        if (selection.isEmpty()) {
            Label hint =
                    new Label(vm.domains().isEmpty() ? "" : "Select a domain to see its records, keys and blocklists.");
            hint.getStyleClass().add("text-muted");
            content.getChildren().setAll(hint);
            return;
        }
        DomainSummary d = selection.get();
        Instant now = vm.uses().clock().instant();
        boolean manage = vm.canManage();
        boolean busy = vm.checking().get();

        Label title = new Label(d.domain().name().unicode());
        title.setId("detail-domain-name");
        title.getStyleClass().add("detail-title");
        HBox heading = new HBox(10, title, StatusChips.overall(d));
        heading.setAlignment(Pos.CENTER_LEFT);
        if (d.domain().name().isInternational()) {
            Label ascii = new Label("in DNS: " + d.domain().name().ascii());
            ascii.getStyleClass().add("text-muted");
            heading.getChildren().add(ascii);
        }
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        heading.getChildren().add(spacer);
        if (manage) {
            Button check = new Button("Check _again", Icons.refresh());
            check.setId("domain-check-again");
            check.setDisable(busy);
            check.setOnAction(e -> vm.checkAgain(d));
            heading.getChildren().add(check);
        }
        MenuButton handOff = HandOffButtons.menu(
                window, () -> d.domain().name().unicode(), (format, path) -> vm.saveHandOff(d, format, path));
        heading.getChildren().add(handOff);

        Label checked = new Label(d.lastChecked()
                .map(at -> "Last checked " + Formats.ago(at, now))
                .orElse("Not checked yet." + (manage ? " Press Check again to ask DNS." : "")));
        checked.getStyleClass().add("text-muted");
        d.lastChecked().ifPresent(at -> checked.setTooltip(new Tooltip(Formats.exact(at))));

        if (!providerFor.equals(Optional.of(d.domain().id()))) {
            providerFor = Optional.of(d.domain().id());
            provider.onLinkChanged(() -> vm.checkAgain(d));
            provider.load(d.domain().tenant(), providerFor);
        }
        Node atProvider = ProviderDomainPane.of(
                provider, d.domain().name().unicode(), () -> DomainWizardViewModel.ourCheck(d.records()));
        Node records = d.records().isEmpty()
                ? muted("No checks yet: the records appear here after the first check.")
                : RecordList.of(d.records(), now);
        content.getChildren()
                .setAll(
                        heading,
                        checked,
                        atProvider,
                        section("Records"),
                        records,
                        section("DKIM keys"),
                        keys(d, manage, busy),
                        section("Blocklists"),
                        blocklists(d, manage, busy));
    }

    private Node keys(DomainSummary d, boolean manage, boolean busy) {
        VBox box = new VBox(8);
        Label state = new Label(rotationState(d.keys()));
        state.setId("rotation-state");
        state.setWrapText(true);
        box.getChildren().add(state);
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(6);
        int row = 0;
        for (DkimKeyInfo k : d.keys()) {
            Chip chip = StatusChips.key(k.state());
            chip.setId("key-state-" + k.selector());
            chip.setTooltip(new Tooltip(k.state().label()));
            Label sel = new Label(k.selector());
            sel.getStyleClass().add("mono");
            Label alg = new Label(k.algorithm().label() + (k.algorithm() == DkimAlgorithm.RSA ? " " + k.bits() : ""));
            Label made = new Label("made " + Formats.day(k.createdAt())
                    + k.retireAfter().map(r -> " · retires " + Formats.day(r)).orElse(""));
            made.getStyleClass().add("text-muted");
            grid.addRow(row, sel, alg, chip, made);
            if (manage && k.state() == DkimKeyState.PUBLISHED) {
                Button sign = new Button("Start signing");
                sign.setId("start-signing-" + k.selector());
                sign.setDisable(busy);
                sign.setTooltip(new Tooltip("Sign with this key from now on; the key it replaces stays in DNS for "
                        + DomainsViewModel.RETIRE_AFTER.toDays() + " days."));
                sign.setOnAction(e -> vm.startSigning(d, k.selector()));
                grid.add(sign, 4, row);
            }
            row++;
        }
        box.getChildren().add(grid);
        if (manage) {
            MenuButton rotate = new MenuButton("New key (rotate)", Icons.key());
            rotate.setId("rotate-key");
            rotate.setDisable(busy);
            for (DkimAlgorithm a : DkimAlgorithm.values()) {
                MenuItem item = new MenuItem(a == DkimAlgorithm.RSA ? "RSA 2048" : a.label());
                item.setOnAction(e -> vm.generateKey(d, a));
                rotate.getItems().add(item);
            }
            HBox actions = new HBox(8, rotate);
            boolean due = d.keys().stream()
                    .anyMatch(k -> k.state() == DkimKeyState.RETIRING
                            && k.retireAfter()
                                    .map(r -> !vm.uses().clock().instant().isBefore(r))
                                    .orElse(false));
            if (due) {
                Button retire = new Button("Retire due keys");
                retire.setId("retire-keys");
                retire.setDisable(busy);
                retire.setOnAction(e -> vm.retireDueKeys(d));
                actions.getChildren().add(retire);
            }
            box.getChildren().add(actions);
        }
        return box;
    }

    /** The rotation in one sentence: what signs, and what the next step is. */
    static String rotationState(List<DkimKeyInfo> keys) {
        Optional<DkimKeyInfo> signing =
                keys.stream().filter(k -> k.state() == DkimKeyState.SIGNING).findFirst();
        Optional<DkimKeyInfo> fresh =
                keys.stream().filter(k -> k.state() == DkimKeyState.NEW).findFirst();
        Optional<DkimKeyInfo> published =
                keys.stream().filter(k -> k.state() == DkimKeyState.PUBLISHED).findFirst();
        StringBuilder sb = new StringBuilder(
                signing.map(k -> "Signing with " + k.selector() + ".").orElse("No key signs yet."));
        if (fresh.isPresent()) {
            sb.append(" Next: publish the record of ")
                    .append(fresh.get().selector())
                    .append(", then check again; once it is found, signing can switch to it.");
        } else if (published.isPresent()) {
            sb.append(" ").append(published.get().selector()).append(" is published: signing can switch to it.");
        }
        keys.stream()
                .filter(k -> k.state() == DkimKeyState.RETIRING)
                .forEach(k -> sb.append(" ")
                        .append(k.selector())
                        .append(" is retiring")
                        .append(k.retireAfter()
                                .map(r -> " on " + Formats.day(r))
                                .orElse(""))
                        .append(": keep its record until then."));
        return sb.toString();
    }

    private Node blocklists(DomainSummary d, boolean manage, boolean busy) {
        VBox box = new VBox(8);
        HBox top = new HBox(10, StatusChips.blocklists(d));
        top.setAlignment(Pos.CENTER_LEFT);
        Label when = new Label(d.blocklists().stream()
                .map(BlocklistResult::checkedAt)
                .max(Instant::compareTo)
                .map(at -> "Checked " + Formats.exact(at))
                .orElse("The domain has not been checked against blocklists yet."));
        when.getStyleClass().add("text-muted");
        top.getChildren().add(when);
        if (manage) {
            Button check = new Button("Check _blocklists", Icons.shield());
            check.setId("check-blocklists");
            check.setDisable(busy);
            check.setOnAction(e -> vm.checkBlocklists(d));
            top.getChildren().add(check);
        }
        box.getChildren().add(top);
        GridPane grid = new GridPane();
        grid.setHgap(14);
        grid.setVgap(4);
        int row = 0;
        for (BlocklistResult r : d.blocklists()) {
            // Relay addresses are asked of the IP lists: say which address a row is about.
            Label name = new Label(
                    r.list().kind() == Blocklist.Kind.IP
                            ? r.list().name() + " · " + r.subject()
                            : r.list().name());
            Label msg = new Label(
                    r.listed()
                            ? r.message()
                                    + (r.list().lookupUrl().isBlank()
                                            ? ""
                                            : " See " + r.list().lookupUrl())
                            : r.status() == BlocklistResult.Status.ERROR ? r.message() : "");
            msg.setWrapText(true);
            msg.getStyleClass().add("text-muted");
            grid.addRow(row++, name, StatusChips.blocklist(r), msg);
        }
        box.getChildren().add(grid);
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("text-muted");
        l.setWrapText(true);
        return l;
    }
}
