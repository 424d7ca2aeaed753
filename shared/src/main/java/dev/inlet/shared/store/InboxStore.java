package dev.inlet.shared.store;

import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.StoredSms;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Session inboxes and the unmatched archive. A returned future completes only once the message is
 * durably stored (as durable as the backend is: the embedded store is not).
 */
public interface InboxStore {

  /**
   * Records an inbound message in one step: unless its dedup key was recorded within {@code dedupWindow}
   * (then the original is answered), stores it in the inbox of the rental that held its number at its
   * {@code receivedAt} (grace included), or else in the unmatched archive, and marks the rental as used
   * (its number RESERVED to IN_USE, its last-SMS time).
   *
   * @param code the one-time code found in the text, or null
   * @return fails {@code UNKNOWN_NUMBER} when the number is not in the pool
   */
  Future<Recorded> record(InboundSms sms, String code, Duration grace, Duration dedupWindow);

  /** A session's messages in the order received, after the message {@code afterId} (null: from the first), at most {@code limit}. */
  Future<List<StoredSms>> inbox(String sessionId, String afterId, int limit);

  /** The unmatched archive in the order received, after {@code afterId}, at most {@code limit}. */
  Future<List<StoredSms>> unmatched(String afterId, int limit);

  /**
   * Removes the text (and code) of messages received before {@code before}, at most {@code limit} at a time;
   * the rest (who, when, which session) stays for the audit trail. Answers how many were purged.
   */
  Future<Integer> purgeText(Instant before, int limit);
}
