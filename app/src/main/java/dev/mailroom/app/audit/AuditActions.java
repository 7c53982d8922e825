package dev.mailroom.app.audit;

import java.util.Locale;
import java.util.Map;

/**
 * An audit action in words ("Copied a starter template") for the log's table; the code stays in the
 * detail and the CSV, where filters and support use it. An action not listed here is spelled out from
 * its code ("domain.dkim-key-retired" → "Domain: dkim key retired"), never shown blank.
 */
public final class AuditActions {
    private AuditActions() {}

    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("actas.started", "Started acting as a user"),
            Map.entry("actas.stopped", "Stopped acting as a user"),
            Map.entry("agency.created", "Set up the agency"),
            Map.entry("billing.client_report_made", "Made a client report"),
            Map.entry("billing.credit_note_issued", "Issued a credit note"),
            Map.entry("billing.exported", "Exported billing data"),
            Map.entry("billing.invoice_exported", "Exported an invoice"),
            Map.entry("billing.invoice_issued", "Issued an invoice"),
            Map.entry("billing.invoice_paid", "Marked an invoice paid"),
            Map.entry("billing.invoice_voided", "Voided an invoice"),
            Map.entry("billing.plan_assigned", "Assigned a price plan"),
            Map.entry("billing.plan_created", "Created a price plan"),
            Map.entry("billing.plan_revised", "Revised a price plan"),
            Map.entry("billing.settings_changed", "Changed billing settings"),
            Map.entry("brandkit.saved", "Saved the brand kit"),
            Map.entry("connection.created", "Added a connection"),
            Map.entry("connection.removed", "Removed a connection"),
            Map.entry("connection.updated", "Changed a connection"),
            Map.entry("connection.key-revealed", "Revealed an API key"),
            Map.entry("connection.password-revealed", "Revealed a relay password"),
            Map.entry("dmarc.report-imported", "Imported a DMARC report"),
            Map.entry("tls.report-imported", "Imported an SMTP TLS report"),
            Map.entry("report-mailbox.read", "Read the report mailbox"),
            Map.entry("report-files.imported", "Imported report files"),
            Map.entry("outbox.asked-provider", "Asked the provider about messages in doubt"),
            Map.entry("outbox.found-at-provider", "Recorded as sent: found at the provider"),
            Map.entry("suppression.pushed", "Changed a suppression at the provider"),
            Map.entry("suppression.push-failed", "Provider refused a suppression change"),
            Map.entry("domain.added", "Added a sending domain"),
            Map.entry("domain.removed", "Removed a sending domain"),
            Map.entry("domain.settings-changed", "Changed a domain's settings"),
            Map.entry("domain.dkim-key-generated", "Made a DKIM key"),
            Map.entry("domain.dkim-signing-switched", "Switched DKIM signing to another key"),
            Map.entry("domain.dkim-key-retired", "Retired a DKIM key"),
            Map.entry("domain.dkim-private-key-exported", "Exported a DKIM private key"),
            Map.entry("events.retention.changed", "Changed how long events are kept"),
            Map.entry("events.retention.dropped", "Dropped old events"),
            Map.entry("store.compacted", "Compacted the store file"),
            Map.entry("onboarding.item.added", "Added an onboarding checklist item"),
            Map.entry("onboarding.item.retired", "Retired an onboarding checklist item"),
            Map.entry("limits.overlimit.set", "Chose what happens over the limit"),
            Map.entry("limits.probation.lifted", "Lifted probation"),
            Map.entry("limits.probation.set", "Put on probation"),
            Map.entry("limits.warmup.removed", "Removed a warm-up plan"),
            Map.entry("limits.warmup.set", "Set a warm-up plan"),
            Map.entry("outbox.cancelled", "Cancelled a queued message"),
            Map.entry("outbox.resent", "Sent a message again"),
            Map.entry("outbox.retried", "Retried a message"),
            Map.entry("provider-domain.created", "Created a sending domain at a provider"),
            Map.entry("provider-domain.linked", "Linked a sending domain to the provider's"),
            Map.entry("provider-domain.imported", "Imported a sending domain from a provider"),
            Map.entry("provider-domain.records-pulled", "Pulled a provider's DNS records into a domain"),
            Map.entry("provider-domain.verify-asked", "Asked a provider to verify a domain"),
            Map.entry("provider-domain.refused", "Provider refused a domain request"),
            Map.entry("provider-domain.unlinked", "Unlinked a sending domain from the provider's"),
            Map.entry("provider-key.created", "Made a provider key"),
            Map.entry("provider-key.create-failed", "Was refused a provider key"),
            Map.entry("provider-key.rotated", "Rotated a provider key"),
            Map.entry("provider-key.revoked", "Revoked a provider key"),
            Map.entry("provider-key.revoke-failed", "Was refused revoking a provider key"),
            Map.entry("sending.queued", "Queued mail to send"),
            Map.entry("signin.failed", "Failed to sign in"),
            Map.entry("signin.refused", "Was refused sign-in"),
            Map.entry("signin.succeeded", "Signed in"),
            Map.entry("suppression.added", "Added a suppression"),
            Map.entry("suppression.removed", "Removed a suppression"),
            Map.entry("template.copied_from_library", "Copied a library template"),
            Map.entry("template.copied_from_starter", "Copied a starter template"),
            Map.entry("template.created", "Created a template"),
            Map.entry("template.deleted", "Deleted a template"),
            Map.entry("template.exported", "Exported a template"),
            Map.entry("template.imported", "Imported a template"),
            Map.entry("template.restored", "Restored a template version"),
            Map.entry("template.saved", "Saved a template"),
            Map.entry("template.test_sent", "Sent a test of a template"),
            Map.entry("tenant.archived", "Archived a client"),
            Map.entry("tenant.created", "Added a client"),
            Map.entry("tenant.purged", "Purged a client"),
            Map.entry("tenant.restored", "Restored a client"),
            Map.entry("tenant.updated", "Changed a client"),
            Map.entry("user.created", "Added a user"),
            Map.entry("user.deactivated", "Deactivated a user"),
            Map.entry("user.deleted", "Deleted a user"),
            Map.entry("user.reactivated", "Reactivated a user"),
            Map.entry("user.password-changed", "Changed their password"),
            Map.entry("user.password-reset", "Reset a user's password"),
            Map.entry("user.roles-changed", "Changed a user's roles"));

    /** The action in words. */
    public static String words(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String known = WORDS.get(code);
        if (known != null) {
            return known;
        }
        int dot = code.indexOf('.');
        String area = dot < 0 ? code : code.substring(0, dot);
        String rest = dot < 0 ? "" : code.substring(dot + 1);
        String spelled = rest.replaceAll("[._-]+", " ").strip();
        String head = area.isEmpty() ? "" : area.substring(0, 1).toUpperCase(Locale.ROOT) + area.substring(1);
        return spelled.isEmpty() ? head : head + ": " + spelled;
    }

    /** Every action with words of its own (for tests). */
    static java.util.Set<String> known() {
        return WORDS.keySet();
    }
}
