package dev.mailroom.model.providers;

import dev.mailroom.model.common.InvalidInput;
import dev.mailroom.model.sending.ConnectionKind;
import java.util.List;
import java.util.Optional;

/**
 * Reads a file of webhook deliveries an agency saved elsewhere (a request inspector, its own receiver's log)
 * into events in our terms. With a key, every delivery's signature must hold, or nothing in the file is
 * taken: a forged or altered event must never reach the counts.
 */
public interface WebhookReader {
    /**
     * @param key MailerSend's signing secret, or SendGrid's verification key (base64 public key); empty to take
     *     the deliveries unverified
     * @throws InvalidInput when the file cannot be read, or a signature does not hold (which one, in words)
     */
    Batch read(ConnectionKind kind, byte[] file, Optional<String> key);

    /** What a file held: its events, how many deliveries, how many entries were not ours to record. */
    record Batch(List<ProviderEvent> events, int deliveries, int skipped, boolean verified) {
        public Batch {
            events = List.copyOf(events);
        }
    }
}
