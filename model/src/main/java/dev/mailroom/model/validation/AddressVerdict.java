package dev.mailroom.model.validation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The verdict on one address with its reasons in words.
 *
 * @param input what was given, as given
 * @param address the normalised address for the wire (domain in A-labels); empty when the syntax fails
 * @param shown the address as people read it (domain in U-labels); the input when the syntax fails
 * @param reasons why the verdict is what it is, worst first; each a sentence
 * @param notes what normalisation changed and other remarks that do not change the verdict
 * @param suggestion a likely intended address when the domain looks like a typo
 */
public record AddressVerdict(
        String input,
        Optional<String> address,
        String shown,
        Verdict verdict,
        List<String> reasons,
        List<String> notes,
        Optional<String> suggestion,
        MailDomainStatus.Kind domainStatus) {

    public AddressVerdict {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(verdict, "verdict");
        reasons = List.copyOf(reasons);
        notes = List.copyOf(notes);
        Objects.requireNonNull(suggestion, "suggestion");
        Objects.requireNonNull(domainStatus, "domainStatus");
    }

    /** The reasons in one line, for a table cell or a CSV column. */
    public String reasonText() {
        return reasons.isEmpty() ? "" : String.join(" ", reasons);
    }
}
