package dev.mailroom.app.onboarding;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.Formats;
import dev.mailroom.app.common.Forms;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Page;
import dev.mailroom.app.shell.PageHeader;
import dev.mailroom.app.shell.Shell;
import dev.mailroom.model.onboarding.ReviewSample;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Tenant › Review: content review of messages kept during probation. */
public final class ReviewPage implements Page {
    private final Session session;
    private final ReviewViewModel vm;
    private final VBox root = new VBox(12);

    public ReviewPage(Session session, BackgroundRunner runner, Shell shell) {
        this.session = session;
        this.vm = new ReviewViewModel(session.services().escalation(), session.actor(), runner);
        TableView<ReviewSample> table = new TableView<>(vm.samples());
        table.setId("review-table");
        table.getColumns().add(column("Kept", s -> Formats.exact(s.keptAt()), 150));
        table.getColumns().add(column("To", s -> s.message().to(), 200));
        table.getColumns().add(column("Subject", s -> s.message().subject(), 240));
        table.getColumns().add(column("State", s -> s.message().state().name().toLowerCase(), 90));
        table.getColumns()
                .add(column(
                        "Review",
                        s -> s.reviewedBy()
                                .map(b -> "By " + b + (s.reviewNote().isEmpty() ? "" : ": " + s.reviewNote()))
                                .orElse("Not yet"),
                        220));
        table.getSelectionModel()
                .selectedItemProperty()
                .addListener((o, was, now) -> vm.selected().set(now));
        table.setPlaceholder(new Label("Nothing kept for review."));
        TextArea body = new TextArea();
        body.setEditable(false);
        body.setWrapText(true);
        vm.selected()
                .addListener((o, was, s) -> body.setText(
                        s == null
                                ? ""
                                : "From: " + s.message().fromName() + " <"
                                        + s.message().fromAddress() + ">\nTo: "
                                        + s.message().to() + "\nSubject: "
                                        + s.message().subject() + "\n\n"
                                        + s.message().textBody()));
        TextField note = new TextField();
        note.setPromptText("Note (optional)");
        note.textProperty().bindBidirectional(vm.note());
        HBox.setHgrow(note, Priority.ALWAYS);
        Button reviewed = new Button("Mark reviewed");
        reviewed.setId("review-mark");
        reviewed.disableProperty().bind(vm.selected().isNull());
        reviewed.setOnAction(e -> vm.markReviewed());
        VBox detail = new VBox(8, body, new HBox(8, note, reviewed));
        VBox.setVgrow(body, Priority.ALWAYS);
        SplitPane split = new SplitPane(table, detail);
        split.setDividerPositions(0.55);
        VBox.setVgrow(split, Priority.ALWAYS);
        Label summary = new Label();
        summary.textProperty().bind(vm.summary());
        root.getChildren()
                .setAll(
                        PageHeader.of("Review", "Messages kept during probation for a look at their content."),
                        summary,
                        Forms.error(vm.errors().general()),
                        split);
        root.getStyleClass().add("page");
        session.currentTenantProperty().addListener((o, was, now) -> refresh());
    }

    private static TableColumn<ReviewSample, String> column(
            String title, java.util.function.Function<ReviewSample, String> value, double width) {
        TableColumn<ReviewSample, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public void refresh() {
        session.currentTenant().ifPresent(t -> vm.show(t.id()));
    }
}
