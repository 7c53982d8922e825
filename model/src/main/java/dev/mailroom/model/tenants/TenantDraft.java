package dev.mailroom.model.tenants;

import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.Text;
import java.util.regex.Pattern;

/** What a person fills in to create or edit a tenant. Field names match the form's. */
public record TenantDraft(
        String name,
        String accentColor,
        String contactName,
        String contactEmail,
        OwnershipModel ownership,
        PartnerAccessPattern partnerAccess) {

    public static final int NAME_MAX = 80;
    private static final Pattern COLOR = Pattern.compile("^#[0-9a-fA-F]{6}$");

    /** Trimmed, with the colour in upper case; throws {@link dev.mailroom.model.common.InvalidInput} per field. */
    public TenantDraft validated() {
        String n = Text.trimmed(name).replaceAll("\\s+", " ");
        String color = Text.trimmed(accentColor).toUpperCase();
        String cName = Text.trimmed(contactName);
        String cEmail = Text.trimmed(contactEmail);
        new Problems()
                .check(!n.isEmpty(), "name", "Enter the client's name.")
                .check(n.length() <= NAME_MAX, "name", "Keep the name to " + NAME_MAX + " characters or fewer.")
                .check(COLOR.matcher(color).matches(), "accentColor", "Pick a colour (#RRGGBB).")
                .check(cName.length() <= 120, "contactName", "Keep the contact's name to 120 characters or fewer.")
                .check(
                        cEmail.isEmpty() || Text.looksLikeEmail(cEmail),
                        "contactEmail",
                        "This does not look like an email address.")
                .check(ownership != null, "ownership", "Choose who owns the sending infrastructure.")
                .check(partnerAccess != null, "partnerAccess", "Choose how access is shared with the client.")
                .throwIfAny();
        return new TenantDraft(n, color, cName, cEmail, ownership, partnerAccess);
    }
}
