package dev.mailroom.model.validation;

import java.util.Locale;
import java.util.Set;

/**
 * Which column of a list holds the addresses: the headers people give it ("Email", "E-mail", "Email Address",
 * "Mail", "email_address", "Courriel" … in any case). One list for every reader of address files (the
 * Check-addresses tool, recipient and suppression CSVs), so a file one of them reads, the others read too.
 */
public final class AddressColumns {
    private static final Set<String> HEADERS = Set.of(
            "email",
            "e-mail",
            "e mail",
            "email address",
            "e-mail address",
            "emailaddress",
            "mail",
            "address",
            "mail address",
            "recipient",
            "recipients",
            "to",
            "courriel",
            "adresse e-mail",
            "e-mail-adresse");

    private AddressColumns() {}

    /** Whether a header cell names the address column (case, surrounding spaces and "_" for " " do not matter). */
    public static boolean isAddressHeader(String cell) {
        return cell != null
                && HEADERS.contains(cell.strip().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
