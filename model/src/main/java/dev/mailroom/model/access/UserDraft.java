package dev.mailroom.model.access;

import dev.mailroom.model.common.Problems;
import dev.mailroom.model.common.TenantId;
import dev.mailroom.model.common.Text;
import java.util.Optional;

/** A new console user as the form gives it; the first password must be changed at first sign-in. */
public record UserDraft(
        String name, String email, StaffKind staffKind, Optional<TenantId> homeTenant, char[] firstPassword) {

    /**
     * The form's own checks, with no store: throws {@link dev.mailroom.model.common.InvalidInput} per
     * field. The use case runs it first; a form runs it as the person types.
     */
    public void validate() {
        String n = Text.trimmed(name);
        String e = Text.trimmed(email);
        Problems problems = new Problems()
                .check(!n.isEmpty(), "name", "Enter the person's name.")
                .check(n.length() <= 120, "name", "Keep the name to 120 characters or fewer.")
                .check(Text.looksLikeEmail(e), "email", "Enter an email address such as bea@client.com.")
                .check(staffKind != null, "staffKind", "Choose agency or client staff.")
                .check(
                        staffKind != StaffKind.CLIENT || (homeTenant != null && homeTenant.isPresent()),
                        "homeTenant",
                        "Choose the client this person works for.");
        PasswordRules.check(problems, "firstPassword", firstPassword == null ? new char[0] : firstPassword);
        problems.throwIfAny();
    }
}
