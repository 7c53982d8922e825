package dev.mailroom.model.providers;

import dev.mailroom.model.domains.ProvidedRecords;
import dev.mailroom.model.domains.RecordKind;
import dev.mailroom.model.sending.ApiEndpoint;
import java.util.List;
import java.util.Map;

/**
 * Port: a provider's sending domains, reached with a connection's key (MailerSend {@code domains_read} /
 * {@code domains_full}; SendGrid {@code whitelabel.*}). A refusal or no answer throws a {@link SyncFailure}
 * with words, never a key.
 */
public interface ProviderDomains {
    /** A domain in the provider's account, by the provider's id. */
    record Domain(String id, String name, boolean verified) {}

    /**
     * What the provider says of a domain's verification: the whole, each kind of record where it says
     * (several records of a kind are verified when all are), and its reasons for the records that fail.
     */
    record Verification(boolean verified, Map<RecordKind, Boolean> byKind, List<String> reasons) {
        public Verification {
            byKind = Map.copyOf(byKind);
            reasons = List.copyOf(reasons);
        }
    }

    /** Every domain in the account (a bounded number of pages). */
    List<Domain> list(ApiEndpoint endpoint) throws SyncFailure;

    /** Adds the domain to the account; the provider then asks for its DNS records. */
    Domain create(ApiEndpoint endpoint, String name) throws SyncFailure;

    /** The DNS records the provider requires for the domain, with its per-record verdict where it gives one. */
    List<ProvidedRecords.Entry> records(ApiEndpoint endpoint, String domainId) throws SyncFailure;

    /** Asks the provider to look at the domain's DNS now; its answer. */
    Verification verify(ApiEndpoint endpoint, String domainId) throws SyncFailure;

    /** What the provider last concluded, without asking it to look again. */
    Verification status(ApiEndpoint endpoint, String domainId) throws SyncFailure;
}
