package dev.mailroom.app.demo;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.app.sending.OutboxPage;
import dev.mailroom.app.sending.SendDialog;
import dev.mailroom.app.session.Session;
import dev.mailroom.app.shell.Shell;
import java.util.Optional;

/**
 * The screenshot hooks {@code --page send-dialog} and {@code --page outbox-sent} as the Outbox page's
 * one-time first-show action: the demo send of {@link DemoSend}, in the send dialog or queued directly
 * with the page reloaded a few times while the sender works through it. Kept out of the page (issue 18).
 */
public final class DemoSendHook {
    private DemoSendHook() {}

    /** The hook for the page named by {@code --page}, or none. */
    public static Optional<OutboxPage.FirstShow> forPage(
            Optional<String> page, Session session, BackgroundRunner runner, Shell shell, Runnable wakeSender) {
        return page.filter(p -> p.equals("send-dialog") || p.equals("outbox-sent"))
                .map(hook -> (tenant, refreshPage) -> runner.run(Task.of(
                        "Preparing the demo send",
                        p -> DemoSend.prepare(session.services(), session.actor(), tenant),
                        request -> {
                            if (hook.equals("send-dialog")) {
                                SendDialog.showSending(shell.window(), session, runner, tenant, wakeSender, request);
                                return;
                            }
                            runner.run(Task.of(
                                    "Sending",
                                    p -> session.services().send().send(session.actor(), request),
                                    r -> {
                                        wakeSender.run();
                                        refreshPage.run();
                                        javafx.animation.Timeline later =
                                                new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                                                        javafx.util.Duration.seconds(1.5), e -> refreshPage.run()));
                                        later.setCycleCount(4);
                                        later.play();
                                    },
                                    e -> Dialogs.showError(shell.window(), "Could not send", e)));
                        },
                        e -> Dialogs.showError(shell.window(), "Could not prepare the demo send", e))));
    }
}
