package dev.inlet.shared.message;

import java.util.List;

/**
 * Dedup keys whose messages' acknowledgements reached their source: the source will not deliver those messages
 * again, so a later message with the same key is a new message (the same text sent twice), not a retry.
 *
 * @param dedupKeys the keys, as the source gave them in {@link InboundSms#dedupKey}
 */
public record Settled(List<String> dedupKeys) {
}
