package dev.inlet.shared.message;

/**
 * A message recorded under a dedup key: the key's claim that a settlement ({@link Settled}) names.
 *
 * @param dedupKey  the key, as the source gave it in {@link InboundSms#dedupKey}
 * @param messageId the id of the message the store recorded under it (a duplicate's original)
 */
public record DedupClaim(String dedupKey, String messageId) {
}
