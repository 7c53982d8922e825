package dev.mailroom.model.validation;

import java.util.Locale;
import java.util.Set;

/**
 * Local parts that name a function rather than a person ({@code info@}, {@code postmaster@},
 * {@code noreply@} …): often shared by several people, read by nobody, or required by RFC 2142 for
 * operations, so a marketing or transactional message there is risky (complaints, no engagement).
 */
public final class RoleAddresses {
    private static final Set<String> ROLES = Set.of(
            "abuse",
            "admin",
            "administrator",
            "billing",
            "careers",
            "compliance",
            "contact",
            "contactus",
            "customerservice",
            "devnull",
            "dns",
            "donotreply",
            "do-not-reply",
            "enquiries",
            "enquiry",
            "ftp",
            "hello",
            "help",
            "helpdesk",
            "hostmaster",
            "hr",
            "info",
            "inquiries",
            "inquiry",
            "it",
            "jobs",
            "legal",
            "list",
            "list-request",
            "mail",
            "mailer-daemon",
            "marketing",
            "media",
            "news",
            "newsletter",
            "no-reply",
            "noc",
            "noreply",
            "no_reply",
            "office",
            "orders",
            "postmaster",
            "press",
            "privacy",
            "recruitment",
            "root",
            "sales",
            "security",
            "service",
            "spam",
            "support",
            "sysadmin",
            "team",
            "tech",
            "undisclosed-recipients",
            "unsubscribe",
            "usenet",
            "uucp",
            "webmaster",
            "www");

    private RoleAddresses() {}

    /** Whether the local part (quotes and a {@code +tag} ignored, any case) names a role. */
    public static boolean isRole(String localPart) {
        String l = localPart;
        if (l.length() >= 2 && l.startsWith("\"") && l.endsWith("\"")) {
            l = l.substring(1, l.length() - 1);
        }
        int plus = l.indexOf('+');
        if (plus > 0) {
            l = l.substring(0, plus);
        }
        return ROLES.contains(l.toLowerCase(Locale.ROOT));
    }
}
