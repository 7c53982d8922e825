package dev.mailroom.model.providers;

import dev.mailroom.model.sending.ApiEndpoint;

/**
 * Port: a provider's suppression lists (bounces, complaints, unsubscribes, blocks), a page at a time; an
 * empty cursor starts at the first list's first page. Never puts the key in a message.
 */
public interface SuppressionSource {
    SuppressionPage page(ApiEndpoint endpoint, String cursor) throws SyncFailure;
}
