package dev.inlet.smpp;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Scopes the dedup of one bind to what can really be a retry. A message's dedup key stays claimed in the store (so a
 * later delivery with the same key is taken for a retry and answered with the original) unless the SMSC surely has
 * our ESME_ROK for it: then the key is settled, and the same text again is a new message.
 *
 * <p>A key is settled when its deliver_sm was answered ESME_ROK within {@code answeredWithinMs} of its arrival (a
 * slower answer may have come after the SMSC gave up waiting: the SMSC will deliver it again), the response was
 * written, and the session lived on for {@code settleAfterMs} (a response written just before the connection died
 * may never have reached the SMSC, which then delivers the message again on its next bind). Keys of a lost session
 * are never settled. A key is settled early when the same key comes again on the live session: the SMSC had our
 * answer (it is not retrying on the session that answered it), so the new message is a genuine one. Keys wait in
 * memory, at most {@code maxPending}.
 *
 * <p>Settling is one request per batch of due keys, at most once per {@link #FLUSH_INTERVAL_MS} (checked as messages
 * arrive), and a message is never held back by the settling of other keys: settling key by key, as each message
 * arrived, cost a store round trip per message that the message waited for. Not thread-safe: the bind's context
 * calls it.
 */
final class Settlements {

  /** How often due keys are settled (at most): their batch is sent with the first message after the interval. */
  static final long FLUSH_INTERVAL_MS = 500;
  /** Keys per settle request, at most. */
  static final int MAX_KEYS_PER_REQUEST = 4096;

  private final long settleAfterMs;
  private final long answeredWithinMs;
  private final int maxPending;
  private final Function<List<String>, Future<Void>> settle;
  /** Acknowledged keys of the live session, oldest first, with when their answer was written. */
  private final LinkedHashMap<String, Long> pending = new LinkedHashMap<>();
  private long lastFlushMs = Long.MIN_VALUE / 2;

  /**
   * @param settle settles keys in the store (through the router), completing once done
   */
  Settlements(long settleAfterMs, long answeredWithinMs, int maxPending, Function<List<String>, Future<Void>> settle) {
    this.settleAfterMs = settleAfterMs;
    this.answeredWithinMs = answeredWithinMs;
    this.maxPending = maxPending;
    this.settle = settle;
  }

  /**
   * Before a message with {@code dedupKey} is routed: when the live session acknowledged that key already, settles it
   * first (the message is a new one) and completes once it is settled; else completes at once, having sent the due
   * keys of other messages to be settled if the flush interval passed (the message does not wait for them).
   */
  Future<Void> beforeRouting(String dedupKey, long nowMs) {
    if (dedupKey == null || pending.remove(dedupKey) == null) {
      if (nowMs - lastFlushMs >= FLUSH_INTERVAL_MS) {
        flushDue(nowMs);
      }
      return Future.succeededFuture();
    }
    return settle.apply(List.of(dedupKey)).onFailure(e -> pending.putIfAbsent(dedupKey, nowMs - settleAfterMs));
  }

  /**
   * A deliver_sm that arrived at {@code arrivedMs} was answered: ESME_ROK written at {@code nowMs} makes its key
   * wait to be settled, anything else leaves it claimed.
   */
  void answered(String dedupKey, long arrivedMs, boolean okWritten, long nowMs) {
    if (dedupKey == null || !okWritten || nowMs - arrivedMs > answeredWithinMs) {
      return;
    }
    pending.remove(dedupKey);
    pending.put(dedupKey, nowMs);
    if (pending.size() > maxPending) {
      flushOldest();
    }
  }

  /** The session is gone: what it acknowledged lately stays claimed (its answers may not have reached the SMSC). */
  void sessionLost() {
    pending.clear();
  }

  /** How many keys wait to be settled. */
  int pending() {
    return pending.size();
  }

  /** Settles the keys that waited long enough; does not fail (a key not settled stays claimed: the safe side). */
  Future<Void> flushDue(long nowMs) {
    lastFlushMs = nowMs;
    return inRequests(due(nowMs));
  }

  /** Settles {@code keys}, at most {@link #MAX_KEYS_PER_REQUEST} a request; does not fail (see {@link #flushDue}). */
  private Future<Void> inRequests(List<String> keys) {
    List<Future<Void>> requests = new ArrayList<>();
    for (int from = 0; from < keys.size(); from += MAX_KEYS_PER_REQUEST) {
      requests.add(settle.apply(keys.subList(from, Math.min(keys.size(), from + MAX_KEYS_PER_REQUEST)))
          .otherwiseEmpty());
    }
    return Future.join(requests).mapEmpty();
  }

  private List<String> due(long nowMs) {
    List<String> keys = new ArrayList<>();
    Iterator<Map.Entry<String, Long>> it = pending.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Long> e = it.next();
      if (nowMs - e.getValue() < settleAfterMs) {
        break;
      }
      keys.add(e.getKey());
      it.remove();
    }
    return keys;
  }

  private void flushOldest() {
    List<String> keys = new ArrayList<>();
    Iterator<String> it = pending.keySet().iterator();
    while (it.hasNext() && pending.size() > maxPending / 2) {
      keys.add(it.next());
      it.remove();
    }
    inRequests(keys);
  }
}
