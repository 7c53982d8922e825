package dev.mailroom.app.suppressions;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.Dialogs;
import dev.mailroom.model.common.Actor;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.providers.SuppressionPushService;
import dev.mailroom.model.providers.SuppressionPushService.Change;
import dev.mailroom.model.sending.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * After a person adds or removes a suppression by hand: when the client sends through a provider, asks
 * whether to do the same there, and does it for each of the client's provider connections in the
 * background. One provider's refusal does not stop the others; each says what it did.
 */
public final class ProviderPushViewModel {
    private final SuppressionPushService push;
    private final Actor actor;
    private final BackgroundRunner runner;

    public ProviderPushViewModel(SuppressionPushService push, Actor actor, BackgroundRunner runner) {
        this.push = push;
        this.actor = actor;
        this.runner = runner;
    }

    /**
     * @param ask given the connections and the question, answers (on the FX thread) whether to push
     * @param done gets what each provider did, in words
     */
    public void offer(
            TenantId tenant,
            Change change,
            String domain,
            String address,
            BiPredicate<List<Connection>, String> ask,
            Consumer<String> done) {
        runner.run(Task.of("Looking for the client's providers", p -> push.targets(actor, tenant), targets -> {
            if (targets.isEmpty() || !ask.test(targets, question(change, address, targets))) {
                return;
            }
            runner.run(Task.of(
                    change == Change.ADD ? "Suppressing at the provider" : "Removing at the provider",
                    p -> pushAll(tenant, change, domain, address, targets),
                    done));
        }));
    }

    static String question(Change change, String address, List<Connection> targets) {
        List<String> names = targets.stream().map(c -> "“" + c.name() + "”").toList();
        return (change == Change.ADD
                        ? "Also suppress " + address + " at "
                        : "Also remove " + address + " from the lists at ")
                + String.join(" and ", names) + "?";
    }

    private String pushAll(TenantId tenant, Change change, String domain, String address, List<Connection> targets) {
        List<String> said = new ArrayList<>();
        for (Connection c : targets) {
            try {
                said.add(push.push(actor, tenant, c.id(), change, domain, address));
            } catch (RuntimeException e) {
                said.add("“" + c.name() + "”: not done. " + Dialogs.messageFor(e));
            }
        }
        return String.join("\n", said);
    }
}
