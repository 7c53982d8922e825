package dev.mailroom.app.common;

import dev.mailroom.model.common.Conflict;
import dev.mailroom.model.common.ExternalFailure;
import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.MailroomException;
import dev.mailroom.model.common.NotFound;
import dev.mailroom.model.common.PermissionDenied;
import dev.mailroom.model.common.Throttled;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The one way to tell a person that an operation failed. Expected errors ({@link MailroomException})
 * show their own message; anything else says what happened in plain words with the technical detail
 * behind "Copy details" for support.
 */
public final class Dialogs {
    private Dialogs() {}

    public static void showError(Window owner, String whatFailed, Throwable error) {
        if (error instanceof CancellationException) {
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR);
        alert.initOwner(owner);
        alert.setTitle("Mailroom");
        alert.setHeaderText(whatFailed);
        String message = messageFor(error);
        Label body = new Label(message);
        body.setWrapText(true);
        body.setMaxWidth(460);
        VBox content = new VBox(8, body);
        if (!(error instanceof MailroomException) || error.getCause() != null) {
            TextArea details = new TextArea(details(error));
            details.setEditable(false);
            details.setPrefRowCount(8);
            details.setWrapText(false);
            alert.getDialogPane().setExpandableContent(details);
        }
        alert.getDialogPane().setContent(content);
        ButtonType copy = new ButtonType("Copy details", ButtonBar.ButtonData.LEFT);
        alert.getButtonTypes().setAll(copy, ButtonType.OK);
        // Copy without closing the dialog.
        alert.getDialogPane().lookupButton(copy).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            ClipboardContent clip = new ClipboardContent();
            clip.putString(whatFailed + "\n" + message + "\n\n" + details(error));
            Clipboard.getSystemClipboard().setContent(clip);
            e.consume();
        });
        alert.showAndWait();
    }

    /** The message a person should read for this error. */
    public static String messageFor(Throwable error) {
        if (error instanceof MailroomException m) {
            return m.getMessage();
        }
        return "Something unexpected went wrong (" + error.getClass().getSimpleName()
                + "). Nothing you entered was lost. Copy the details for support; the log in the data folder has more.";
    }

    /** A short heading for the kind of error. */
    public static String kindOf(Throwable error) {
        if (error instanceof InvalidInput) {
            return "Please check what you entered";
        } else if (error instanceof PermissionDenied) {
            return "Not allowed";
        } else if (error instanceof NotFound) {
            return "Not found";
        } else if (error instanceof Conflict) {
            return "That cannot be done now";
        } else if (error instanceof Throttled) {
            return "Please wait";
        } else if (error instanceof ExternalFailure) {
            return "Something outside Mailroom failed";
        }
        return "Unexpected error";
    }

    public static boolean confirm(Window owner, String header, String body, String confirmLabel) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(owner);
        alert.setTitle("Mailroom");
        alert.setHeaderText(header);
        alert.setContentText(body);
        ButtonType ok = new ButtonType(confirmLabel, ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(ButtonType.CANCEL, ok);
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.filter(ok::equals).isPresent();
    }

    static String details(Throwable error) {
        StringWriter out = new StringWriter();
        error.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
