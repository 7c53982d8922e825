package dev.mailroom.app.domains;

import dev.mailroom.app.common.BackgroundRunner;
import dev.mailroom.app.common.BackgroundRunner.Task;
import dev.mailroom.app.common.FieldErrors;
import dev.mailroom.app.common.UiSettings;
import dev.mailroom.model.domains.blocklist.Blocklist;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The DNS settings form without a window: resolvers, timeout and look-ups at once, re-check interval, blocklists, and the
 * relay's SPF term and return-path host for new domains. Saving checks every field (problems shown
 * next to their fields) and writes the settings file in the background.
 */
public final class DnsSettingsViewModel {
    private final UiSettings ui;
    private final BackgroundRunner runner;

    private final StringProperty resolvers = new SimpleStringProperty();
    private final StringProperty timeout = new SimpleStringProperty();
    private final StringProperty lookups = new SimpleStringProperty();
    private final StringProperty recheck = new SimpleStringProperty();
    private final StringProperty blocklists = new SimpleStringProperty();
    private final StringProperty relaySpf = new SimpleStringProperty();
    private final StringProperty returnPath = new SimpleStringProperty();
    private final FieldErrors errors = new FieldErrors(
            Set.of("resolvers", "timeout", "lookups", "recheck", "blocklists", "relaySpf", "returnPath"));
    private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper();

    public DnsSettingsViewModel(UiSettings ui, BackgroundRunner runner) {
        this.ui = ui;
        this.runner = runner;
        DnsPreferences now = DnsPreferences.from(ui);
        resolvers.set(now.resolvers());
        timeout.set(Double.toString(now.timeoutSeconds()));
        lookups.set(Integer.toString(now.lookupsAtOnce()));
        recheck.set(Double.toString(now.recheckHours()));
        blocklists.set(Blocklist.toLines(now.blocklists()));
        relaySpf.set(now.relaySpf());
        returnPath.set(now.returnPathTarget());
    }

    public StringProperty resolvers() {
        return resolvers;
    }

    public StringProperty timeout() {
        return timeout;
    }

    public StringProperty lookups() {
        return lookups;
    }

    public StringProperty recheck() {
        return recheck;
    }

    public StringProperty blocklists() {
        return blocklists;
    }

    public StringProperty relaySpf() {
        return relaySpf;
    }

    public StringProperty returnPath() {
        return returnPath;
    }

    /** Problems by field ("timeout", "blocklists" …) and a general one (the file could not be written). */
    public FieldErrors errors() {
        return errors;
    }

    public ReadOnlyBooleanProperty saving() {
        return saving.getReadOnlyProperty();
    }

    public void restoreDefaultBlocklists() {
        blocklists.set(Blocklist.toLines(Blocklist.defaults()));
    }

    /** Checks and saves; {@code onSaved} runs once the file is written. Problems stay in {@link #errors()}. */
    public void save(Runnable onSaved) {
        errors.clear();
        DnsPreferences read;
        try {
            read = DnsPreferences.read(
                    resolvers.get(),
                    timeout.get(),
                    lookups.get(),
                    recheck.get(),
                    blocklists.get(),
                    relaySpf.get(),
                    returnPath.get());
        } catch (RuntimeException invalid) {
            errors.show(invalid);
            return;
        }
        saving.set(true);
        runner.run(Task.of(
                "Saving the DNS settings",
                p -> {
                    read.writeTo(ui);
                    try {
                        ui.saveOrThrow();
                    } catch (java.io.IOException io) {
                        // Said in the form, not as "something unexpected" (the old dialog showed that).
                        throw new dev.mailroom.model.common.ExternalFailure(
                                "The settings could not be written to the data folder: " + io.getMessage(), io);
                    }
                    return read;
                },
                saved -> {
                    saving.set(false);
                    onSaved.run();
                },
                error -> {
                    saving.set(false);
                    errors.show(error);
                }));
    }
}
