package dev.mailroom.app.shell;

import dev.mailroom.app.common.Icons;
import dev.mailroom.app.common.Job;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The bottom line: the running background job with its progress and Cancel, and where the store is. */
final class StatusBar {
    private final HBox root;
    private final Label jobLabel = new Label();
    private final ProgressBar bar = new ProgressBar();
    private final Button cancel = new Button("Cancel");
    private final Label more = new Label();
    private final ObservableList<Job> jobs;

    StatusBar(ObservableList<Job> jobs, String storeDescription) {
        this.jobs = jobs;
        jobLabel.setId("status-job");
        bar.setPrefWidth(160);
        cancel.setId("status-cancel");
        cancel.getStyleClass().addAll("small", "flat");
        more.getStyleClass().add("text-muted");
        Label store = new Label(storeDescription);
        store.setId("status-store");
        store.getStyleClass().add("text-muted");
        store.setTooltip(new Tooltip("Where this console keeps its data"));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox jobBox = new HBox(8, jobLabel, bar, cancel, more);
        jobBox.setAlignment(Pos.CENTER_LEFT);
        root = new HBox(12, jobBox, spacer, store);
        root.setAlignment(Pos.CENTER_LEFT);
        root.getStyleClass().add("status-bar");
        jobs.addListener((ListChangeListener<Job>) c -> update());
        update();
    }

    Node root() {
        return root;
    }

    private void update() {
        boolean any = !jobs.isEmpty();
        jobLabel.setVisible(any);
        bar.setVisible(any);
        more.setVisible(jobs.size() > 1);
        if (!any) {
            jobLabel.textProperty().unbind();
            jobLabel.setText("");
            bar.progressProperty().unbind();
            cancel.setVisible(false);
            return;
        }
        Job job = jobs.get(0);
        jobLabel.setGraphic(Icons.jobs());
        jobLabel.textProperty().bind(job.message());
        bar.progressProperty().bind(job.progress());
        cancel.setVisible(job.cancellable());
        cancel.setOnAction(e -> job.cancel());
        more.setText("+" + (jobs.size() - 1) + " more");
    }
}
