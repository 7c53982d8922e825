package dev.mailroom.app.domains;

import dev.mailroom.app.common.Chip;
import dev.mailroom.model.domains.CheckStatus;
import dev.mailroom.model.domains.DkimKeyState;
import dev.mailroom.model.domains.blocklist.BlocklistResult;
import java.util.Optional;

/** The words and tones of this feature's chips, the same on the list, the detail and the wizard. */
final class StatusChips {
    private StatusChips() {}

    static Chip of(Optional<CheckStatus> status) {
        return new Chip(label(status), tone(status));
    }

    static String label(Optional<CheckStatus> status) {
        return status.map(s -> s == CheckStatus.FOUND ? "OK" : s.label()).orElse("Not checked");
    }

    static Chip.Tone tone(Optional<CheckStatus> status) {
        if (status.isEmpty()) {
            return Chip.Tone.NEUTRAL;
        }
        return switch (status.get()) {
            case FOUND -> Chip.Tone.SUCCESS;
            case DIFFERENT -> Chip.Tone.WARNING;
            case MISSING -> Chip.Tone.DANGER;
            case UNKNOWN -> Chip.Tone.NEUTRAL;
        };
    }

    static Chip overall(DomainSummary d) {
        return switch (d.overall()) {
            case NOT_CHECKED -> new Chip("Not checked", Chip.Tone.NEUTRAL);
            case VERIFIED -> new Chip("Verified", Chip.Tone.SUCCESS);
            case UNKNOWN -> new Chip("Could not check", Chip.Tone.NEUTRAL);
            case PROBLEMS ->
                new Chip(
                        d.problems() == 1 ? "1 problem" : d.problems() + " problems",
                        d.hasMissing() ? Chip.Tone.DANGER : Chip.Tone.WARNING);
        };
    }

    static Chip blocklists(DomainSummary d) {
        if (d.blocklists().isEmpty()) {
            return new Chip("Not checked", Chip.Tone.NEUTRAL);
        }
        long listed = d.blocklists().stream().filter(BlocklistResult::listed).count();
        if (listed > 0) {
            return new Chip("Listed", Chip.Tone.DANGER);
        }
        boolean anyAnswer = d.blocklists().stream().anyMatch(b -> b.status() == BlocklistResult.Status.NOT_LISTED);
        return anyAnswer ? new Chip("Not listed", Chip.Tone.SUCCESS) : new Chip("Could not check", Chip.Tone.NEUTRAL);
    }

    static Chip blocklist(BlocklistResult r) {
        return switch (r.status()) {
            case LISTED -> new Chip("Listed", Chip.Tone.DANGER);
            case NOT_LISTED -> new Chip("Not listed", Chip.Tone.SUCCESS);
            case ERROR -> new Chip("Could not check", Chip.Tone.NEUTRAL);
        };
    }

    static Chip key(DkimKeyState state) {
        return switch (state) {
            case NEW -> new Chip("New", Chip.Tone.WARNING);
            case PUBLISHED -> new Chip("Published", Chip.Tone.ACCENT);
            case SIGNING -> new Chip("Signing", Chip.Tone.SUCCESS);
            case RETIRING -> new Chip("Retiring", Chip.Tone.NEUTRAL);
            case RETIRED -> new Chip("Retired", Chip.Tone.NEUTRAL);
        };
    }
}
