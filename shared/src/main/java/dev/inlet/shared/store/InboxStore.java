package dev.inlet.shared.store;

import dev.inlet.shared.message.DeliveryReceipt;
import dev.inlet.shared.message.InboundSms;
import dev.inlet.shared.message.Settled;
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
   * Records an inbound message in one step: unless its dedup key is claimed (then the original is answered), stores
   * it in the inbox of the rental that held its number at its {@code receivedAt} (grace included), or else in the
   * unmatched archive, and marks the rental as used (its number RESERVED to IN_USE, its last-SMS time).
   *
   * <p>The last message recorded under a dedup key claims it for {@code dedupWindow} after its {@code receivedAt},
   * unless it was settled ({@link #settle}): then the same key again is a new message. Of concurrent deliveries of one
   * key (on any node), exactly one stores the message.
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
   * the rest (who, when, which session) stays for the audit trail. Answers how many were purged. Delivery receipts
   * received before {@code before}, and the marks of concatenated messages delivered before it, go too.
   */
  Future<Integer> purgeText(Instant before, int limit);

  // ---- concatenated messages: parts held until whole ----------------------------------------------------------

  /**
   * Durably holds one part of a concatenated message (its {@link InboundSms#segment} set) under {@code setKey}, the
   * name every part of that message shares, whichever source or node brought it. Idempotent: a part whose number is
   * held already is not held twice. Answers {@link HeldParts.Status#WHOLE} with every part once all are held (again
   * for each later copy of a part, until {@link #partsDelivered}), {@link HeldParts.Status#DELIVERED} when the
   * message was recorded already, else {@link HeldParts.Status#WAITING}. The first part held starts the message's
   * wait ({@link #overdueParts}).
   */
  Future<HeldParts> holdPart(String setKey, InboundSms part);

  /**
   * The message of {@code setKey} is recorded: its parts go, and a later copy of one of them is answered
   * {@link HeldParts.Status#DELIVERED} (until {@link #purgeText} passes {@code at}).
   */
  Future<Void> partsDelivered(String setKey, Instant at);

  /**
   * Messages still waiting for parts whose first part was held before {@code firstBefore}, oldest first, at most
   * {@code limit}: for each, the parts held, in order (the caller records what came and calls {@link #partsDelivered}).
   */
  Future<List<List<InboundSms>>> overdueParts(Instant firstBefore, int limit);

  // ---- dedup scope --------------------------------------------------------------------------------------------

  /**
   * What a source knows about its acknowledgements ({@link Settled}): a message is settled when it is named in
   * {@code settled}, or when it arrived on {@code arrival} ({@link InboundSms#arrival}) at or before {@code until}
   * (a session's horizon only moves on) and is not named in {@code keptClaimed} (now or before). A claim names the
   * message by its key and id: one that is no longer the key's last message is ignored, and so are unknown ones.
   */
  Future<Void> settle(Settled settled);

  // ---- delivery receipts --------------------------------------------------------------------------------------

  /** Stores a delivery receipt apart from messages; idempotent on its id (a retry stores nothing more). */
  Future<Void> recordReceipt(DeliveryReceipt receipt);

  /** Delivery receipts in the order received, after the receipt {@code afterId} (null: from the first), at most {@code limit}. */
  Future<List<DeliveryReceipt>> receipts(String afterId, int limit);
}
