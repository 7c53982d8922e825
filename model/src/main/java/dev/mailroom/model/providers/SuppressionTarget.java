package dev.mailroom.model.providers;

import dev.mailroom.model.sending.ApiEndpoint;

/**
 * Port: a provider's suppression lists, written. Each call answers in words what the provider did; a
 * provider that refuses or cannot be reached throws, with words and never the key.
 */
public interface SuppressionTarget {
    /** Puts the address on the provider's list that stops all mail to it from this account (or domain). */
    String add(ApiEndpoint endpoint, String domain, String address) throws SyncFailure;

    /** Takes the address off every list of the provider that holds it (bounces, complaints, unsubscribes, blocks). */
    String remove(ApiEndpoint endpoint, String domain, String address) throws SyncFailure;
}
