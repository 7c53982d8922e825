package dev.mailroom.model.suppressions;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.common.TenantId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The IMAP mailbox bounces and complaints arrive in: the agency's (no tenant) or one tenant's. The
 * password is not part of it: it is sealed in the store and only opened to connect.
 *
 * @param tenant the tenant it belongs to; empty for the agency-wide mailbox
 * @param folder the folder to read ("INBOX", "Bounces")
 */
public record ReportMailbox(
        Optional<TenantId> tenant, String host, int port, ImapSecurity security, String username, String folder) {

    public ReportMailbox {
        Objects.requireNonNull(tenant, "tenant");
        host = Objects.requireNonNull(host, "host").strip().toLowerCase(Locale.ROOT);
        Objects.requireNonNull(security, "security");
        username = Objects.requireNonNull(username, "username").strip();
        folder = Objects.requireNonNull(folder, "folder").strip();
    }

    /** The same mailbox with every field checked; problems by field name, fit to show beside the field. */
    public ReportMailbox validated() {
        Map<String, String> problems = new LinkedHashMap<>();
        if (host.isEmpty() || !host.matches("[a-z0-9.\\-:\\[\\]]+")) {
            problems.put("host", "Enter the IMAP server's name, such as imap.example.com.");
        }
        if (port < 1 || port > 65_535) {
            problems.put("port", "A port is a number from 1 to 65535.");
        }
        if (security == ImapSecurity.PLAIN_LOCALHOST_ONLY && !isLocal(host)) {
            problems.put("security", "Without TLS the password would cross the network; choose TLS or STARTTLS.");
        }
        if (username.isEmpty()) {
            problems.put("username", "Enter the mailbox's user name.");
        }
        if (folder.isEmpty()) {
            problems.put("folder", "Enter the folder to read, such as INBOX.");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return this;
    }

    public String address() {
        return username + " at " + host + ":" + port + " / " + folder;
    }

    static boolean isLocal(String host) {
        return host.equals("localhost") || host.equals("127.0.0.1") || host.equals("::1") || host.equals("[::1]");
    }
}
